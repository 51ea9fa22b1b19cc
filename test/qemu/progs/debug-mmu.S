// Debug exceptions with the EL1 stage 1 on (tables in s1-el1.inc), EL1 debugging itself (MDSCR_EL1.KDE = 1, PSTATE.D
// = 0): DC ZVA is a store of its whole block for watchpoints (EC 0x35, WnR = 1, CM = 0, FAR = the first watched byte
// of the block); MMU faults take priority over watchpoints (a watched address on an invalid page takes the Data
// Abort, EC 0x25) and Instruction Aborts over breakpoints (a breakpoint on an invalid page: EC 0x21) (ARM §D1.4.5.6).
	.include "lib.inc"
	.include "mmu.inc"
	.include "s1-el1.inc"
	.include "debug.inc"
main:
	S1_EL1_SETUP
el1_entry:
	msr	oslar_el1, xzr
	ldr	x0, =(MDSCR_MDE | MDSCR_KDE)
	msr	mdscr_el1, x0
	ldr	x0, =dbg_vectors
	msr	vbar_el1, x0
	// watchpoint 0: the doubleword at TEST_VA + 0x48 (l3[0], data), stores, EL1
	ldr	x0, =TEST_VA + 0x48
	msr	dbgwvr0_el1, x0
	ldr	x0, =((0xff << 5) | (2 << 3) | (1 << 1) | 1)
	msr	dbgwcr0_el1, x0
	// watchpoint 1: TEST_VA + 0x1000 (l3[1], invalid), loads and stores, EL1
	ldr	x0, =TEST_VA + 0x1000
	msr	dbgwvr1_el1, x0
	ldr	x0, =((0xff << 5) | (3 << 3) | (1 << 1) | 1)
	msr	dbgwcr1_el1, x0
	// breakpoint 0: TEST_VA + 0x1000, EL1
	msr	dbgbvr0_el1, x0
	ldr	x0, =(BCR_BAS | (1 << 1) | BCR_E)
	msr	dbgbcr0_el1, x0
	isb
	ldr	x1, =TEST_VA
	mov	x2, #0x5a5a
	str	x2, [x1, #0x48]			// PSTATE.D = 1: no watchpoint
	msr	daifclr, #8
	PRINTI	dc_zva, 1
	ldr	x1, =TEST_VA + 0x50
	dc	zva, x1
	ldr	x1, =TEST_VA
	ldr	x2, [x1, #0x48]
	PRINT	zva_not_done, x2		// the watchpoint came first: the block is unchanged
	PRINTI	abort_first, 2
	ldr	x1, =TEST_VA + 0x1000
	ldr	x2, [x1]
	PRINTI	iabort_first, 3
	RESUME	1f
	blr	x1
1:	msr	daifset, #8
	PRINTI	done, 4
	EXIT
