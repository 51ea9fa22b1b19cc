// Hardware breakpoints (ARM §D2 "Breakpoint exceptions"; AArch64.BreakpointMatch, AArch64.StateMatch): an address
// breakpoint on EL0 code fires to EL1 (EC 0x30, IFSC 0x22, ELR = the instruction, FAR 0 as QEMU) only with
// MDSCR_EL1.MDE = 1 and DBGBCR.PMC letting EL0 match; at EL1 it needs MDSCR_EL1.KDE = 1 and PSTATE.D = 0 (EC 0x31);
// a linked address breakpoint fires only while its context-ID breakpoint (BT 0b0011) matches CONTEXTIDR_EL1.
	.include "lib.inc"
	.include "debug.inc"
	DEBUG_EL1_MAIN
	ldr	x0, =bp_el0
	msr	dbgbvr0_el1, x0
	ldr	x0, =(BCR_BAS | (2 << 1) | BCR_E)	// PMC 0b10: EL0 only
	msr	dbgbcr0_el1, x0
	isb
	PRINTI	mde_off, 0
	EL0_RUN	el0_code
	mov	x0, #MDSCR_MDE
	msr	mdscr_el1, x0
	isb
	PRINTI	mde_on, 1
	EL0_RUN	el0_code
	ldr	x0, =(BCR_BAS | (1 << 1) | BCR_E)	// PMC 0b01: EL1 only
	msr	dbgbcr0_el1, x0
	isb
	PRINTI	pmc_el1, 2
	EL0_RUN	el0_code
	ldr	x0, =(BCR_BAS | (3 << 1))		// E = 0
	msr	dbgbcr0_el1, x0
	isb
	PRINTI	disabled, 3
	EL0_RUN	el0_code

	// EL1 breakpoints: enabled only with KDE = 1 and PSTATE.D = 0
	ldr	x0, =bp_el1
	msr	dbgbvr1_el1, x0
	ldr	x0, =(BCR_BAS | (3 << 1) | BCR_E)	// PMC 0b11
	msr	dbgbcr1_el1, x0
	isb
	PRINTI	el1_kde0, 4
	msr	daifclr, #8
	bl	el1_code
	msr	daifset, #8
	ldr	x0, =(MDSCR_MDE | MDSCR_KDE)
	msr	mdscr_el1, x0
	isb
	PRINTI	el1_kde1_d1, 5
	bl	el1_code
	PRINTI	el1_kde1_d0, 6
	msr	daifclr, #8
	bl	el1_code
	msr	daifset, #8
	msr	dbgbcr1_el1, xzr

	// linked: breakpoint 2 (address, BT 0b0001, LBN 4) with breakpoint 4 (linked context ID, BT 0b0011)
	ldr	x0, =0x1234
	msr	dbgbvr4_el1, x0
	ldr	x0, =((3 << 20) | BCR_BAS | (3 << 1) | BCR_E)
	msr	dbgbcr4_el1, x0
	ldr	x0, =bp_el0
	msr	dbgbvr2_el1, x0
	ldr	x0, =((4 << 16) | (1 << 20) | BCR_BAS | (2 << 1) | BCR_E)
	msr	dbgbcr2_el1, x0
	mov	x0, #0x99
	msr	contextidr_el1, x0
	isb
	PRINTI	linked_other_ctx, 7
	EL0_RUN	el0_code
	ldr	x0, =0x1234
	msr	contextidr_el1, x0
	isb
	PRINTI	linked_ctx, 8
	EL0_RUN	el0_code
	PRINTI	done, 9
	EXIT

el1_code:
	nop
bp_el1:	nop
	nop
	ret

	.balign	64
el0_code:
	mov	x1, #1
bp_el0:	add	x1, x1, #1
	add	x1, x1, #1
	svc	#0x42
	.ltorg
