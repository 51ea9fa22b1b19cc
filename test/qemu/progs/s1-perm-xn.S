// EL1 stage-1 permission faults (tables in s1-el1.inc): an EL1 write to a read-only page (DFSC 0x0F, WnR), EL1
// fetches from a PXN page and from an EL0-writable page (AP = 01 is never privileged-executable, ARM §D8.4.1.2;
// EC 0x21, IFSC 0x0F); then EL0, running from a read-only EL0 page: a fetch from a UXN page (EC 0x20), a read of an
// EL1-only page and a write to a page read-only at EL0 (EC 0x24), each taken to EL1.
	.include "lib.inc"
	.include "mmu.inc"
	.include "s1-el1.inc"
el0_code:					// at el0_page: runs at EL0_VA
	ldr	x1, =TEST_VA + 0x9000		// l3[9]: UXN
	blr	x1
el0_back:
	ldr	x1, =TEST_VA			// l3[0]: EL1 only
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x7000		// l3[7]: read-only at EL0
	ldp	x2, x3, [x1]
	stp	x2, x3, [x1]
	mov	x0, #0
	svc	#EXIT_IMM
	.ltorg
	.equ	EL0_CODE_VA, el0_code - el0_page + EL0_VA
	.equ	EL0_BACK_VA, el0_back - el0_page + EL0_VA
main:
	S1_EL1_SETUP
el1_entry:
	ldr	x1, =TEST_VA + 0x3000		// l3[3]: read-only
	ldp	x2, x3, [x1]
	PRINT	el1_read_ro, x2
	stp	x2, x3, [x1]
	RESUME	el1_back1
	ldr	x1, =TEST_VA + 0x5000		// l3[5]: PXN
	blr	x1
el1_back1:
	RESUME	el1_back2
	ldr	x1, =TEST_VA + 0x6000		// l3[6]: EL0-writable
	blr	x1
el1_back2:
	RESUME	EL0_BACK_VA
	ERET_TO	el1, 0x0, EL0_CODE_VA
