// Scalar floating point against QEMU, targeted (fp-targeted.inc): every scalar FP data-processing,
// compare, select and conversion instruction on all pairs of the edge-case bit patterns, under RMode = RM and RZ.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-targeted.inc"

main:
	b	fp_targeted

	.pushsection .rodata
	.balign	8
nmodes:	.quad	2
modes:	.word	0x00800000, 0x00c00000
	.popsection
