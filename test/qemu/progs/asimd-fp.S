// Advanced SIMD floating point, three same and the reductions (across lanes, scalar pairwise), against QEMU on
// random operands: each iteration draws six 64-bit words from a seeded xorshift64* generator for V1, V2 (the
// operands) and V3 (V0's value before each instruction: the FMLA/FMLS accumulator, and the bits a 64-bit result must
// clear), and a seventh for FPCR (RMode, FZ, DN, AHP) and the operand shape: raw bit patterns; exponents pulled near
// 1.0 as single lanes; as double lanes; or V2's exponents cleared (denormal or zero single and double lanes). Every
// three-same instruction runs in 2s, 4s and 2d, the reductions on V1 in 4s (across lanes), 2s and 2d (scalar
// pairwise), with FPSR cleared before it; V0 and FPSR are hashed (fp-scalar.inc). One hash line every 100
// iterations; then the reserved one-lane double form, FMAXV on 2s, and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1500

.macro VEC_BLOCK arr:req
	VPRE
	fmaxnm	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmla	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fadd	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmulx	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fcmeq	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmax	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	frecps	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fminnm	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmls	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fsub	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmin	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	frsqrts	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmaxnmp	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	faddp	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmul	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fcmge	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	facge	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fmaxp	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fdiv	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fminnmp	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fabd	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fcmgt	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	facgt	v0.\arr, v1.\arr, v2.\arr
	POST_V
	VPRE
	fminp	v0.\arr, v1.\arr, v2.\arr
	POST_V
.endm

.macro REDUCE_BLOCK
	VPRE
	fmaxnmv	s0, v1.4s
	POST_V
	VPRE
	fminnmv	s0, v1.4s
	POST_V
	VPRE
	fmaxv	s0, v1.4s
	POST_V
	VPRE
	fminv	s0, v1.4s
	POST_V
	VPRE
	faddp	s0, v1.2s
	POST_V
	VPRE
	faddp	d0, v1.2d
	POST_V
	VPRE
	fmaxp	s0, v1.2s
	POST_V
	VPRE
	fmaxp	d0, v1.2d
	POST_V
	VPRE
	fminp	s0, v1.2s
	POST_V
	VPRE
	fminp	d0, v1.2d
	POST_V
	VPRE
	fmaxnmp	s0, v1.2s
	POST_V
	VPRE
	fmaxnmp	d0, v1.2d
	POST_V
	VPRE
	fminnmp	s0, v1.2s
	POST_V
	VPRE
	fminnmp	d0, v1.2d
	POST_V
.endm

main:
	RANDOM_START 0x2545f4914f6cdd1d
loop:
	VEC_OPERANDS x13, x14
	VEC_BLOCK 2s
	VEC_BLOCK 4s
	VEC_BLOCK 2d
	REDUCE_BLOCK
	RANDOM_NEXT ITERATIONS, loop
	RESUME	60f
	.inst	0x0e62d420			// fadd v0.1d, v1.1d, v2.1d: reserved
60:	RESUME	6f
	.inst	0x2e30f820			// fmaxv s0, v1.2s: reserved
6:	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: the reserved form is still UNDEFINED, a valid one traps
	msr	cptr_el2, x0
	isb
	RESUME	7f
	.inst	0x0e62d420
7:	RESUME	8f
	fmla	v0.4s, v1.4s, v2.4s
8:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
