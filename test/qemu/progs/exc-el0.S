// Exceptions from EL0 to EL1 (vector 0x400): SVC, BRK, UDF, MRS of an EL1 register and of CurrentEL (UNDEFINED at
// EL0), HVC at EL0 (UNDEFINED), SP alignment with SCTLR_EL1.SA0 = 1.
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	ERET_TO	el1, 0x0, el0_entry
el0_entry:
	svc	#0x10
	brk	#0x20
	udf	#0x30
	mrs	x1, sctlr_el1
	mrs	x1, CurrentEL
	hvc	#0x40
	smc	#0x50
	mov	x0, #0
	svc	#EXIT_IMM
