// Synchronous exceptions at EL1 taken to EL1 (vector 0x200): SVC, BRK, UDF, an EL2 register access from EL1
// (UNDEFINED), MRS of CurrentEL is allowed; HVC from EL1 goes to EL2 (vector 0x400).
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	svc	#0x1
	brk	#0x2
	udf	#0x3
	mrs	x1, hcr_el2
	msr	vttbr_el2, xzr
	hvc	#0x4
	PRINTSYS far_el1_unchanged, far_el1
	EXIT
