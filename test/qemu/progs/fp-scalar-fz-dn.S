// Scalar floating point against QEMU, targeted (fp-targeted.inc): every scalar FP data-processing, compare, select
// and conversion instruction on all pairs of the edge-case bit patterns, under FPCR.FZ (flush denormal inputs and
// outputs) and FPCR.DN (default NaN).
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-targeted.inc"

	FP_TARGETED_MAIN 0x01000000, 0x02000000
