// Scalar floating point against QEMU, targeted (fp-targeted.inc): every scalar FP data-processing, compare, select
// and conversion instruction on all pairs of the edge-case bit patterns, under FPCR.AHP (alternative half precision)
// and FZ + DN + RZ together.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-targeted.inc"

	FP_TARGETED_MAIN 0x04000000, 0x03c00000
