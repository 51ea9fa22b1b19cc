// HCR_EL2.TGE = 1 with E2H = 0 (RW = 1), SCTLR_EL1.M = 0: EL0 runs with VA = PA; SVC, BRK, UDF and data aborts
// from EL0 are taken to EL2 (vector 0x400), not EL1; an ERET to EL1 is illegal.
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TGE
	ERET_TO	el2, 0x0, el0_entry
el0_entry:
	ldr	x1, =probe
	ldr	x2, [x1]
	PRINT	el0_load, x2
	svc	#0x5
	brk	#0x6
	udf	#0x7
	ldr	x1, =0x0000040000000000
	ldp	x2, x3, [x1]
	mov	x0, #0
	svc	#EXIT_IMM

	.data
	.balign	8
probe:	.quad	0x7e60000000000001
