// Advanced SIMD floating-point multiplies by element against QEMU on random operands, shaped as in asimd-fp.S
// (fp-random.inc VEC_OPERANDS, random FPCR): FMLA, FMLS, FMUL, FMULX with every element index of V2 in 4s and 2d,
// in 2s, and the scalar forms (S and D); V0 (= V3 before each, the accumulator) and FPSR hashed after each. One hash
// line every 100 iterations; then the reserved forms (sz:L = 11, one double lane) and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1500

.macro ELEM_BLOCK
	VPRE
	fmla	v0.4s, v1.4s, v2.s[0]
	POST_V
	VPRE
	fmla	v0.4s, v1.4s, v2.s[1]
	POST_V
	VPRE
	fmla	v0.4s, v1.4s, v2.s[2]
	POST_V
	VPRE
	fmla	v0.4s, v1.4s, v2.s[3]
	POST_V
	VPRE
	fmla	v0.2s, v1.2s, v2.s[1]
	POST_V
	VPRE
	fmla	v0.2d, v1.2d, v2.d[0]
	POST_V
	VPRE
	fmla	v0.2d, v1.2d, v2.d[1]
	POST_V
	VPRE
	fmla	s0, s1, v2.s[2]
	POST_V
	VPRE
	fmla	d0, d1, v2.d[0]
	POST_V
	VPRE
	fmls	v0.4s, v1.4s, v2.s[0]
	POST_V
	VPRE
	fmls	v0.4s, v1.4s, v2.s[1]
	POST_V
	VPRE
	fmls	v0.4s, v1.4s, v2.s[2]
	POST_V
	VPRE
	fmls	v0.4s, v1.4s, v2.s[3]
	POST_V
	VPRE
	fmls	v0.2s, v1.2s, v2.s[2]
	POST_V
	VPRE
	fmls	v0.2d, v1.2d, v2.d[0]
	POST_V
	VPRE
	fmls	v0.2d, v1.2d, v2.d[1]
	POST_V
	VPRE
	fmls	s0, s1, v2.s[3]
	POST_V
	VPRE
	fmls	d0, d1, v2.d[1]
	POST_V
	VPRE
	fmul	v0.4s, v1.4s, v2.s[0]
	POST_V
	VPRE
	fmul	v0.4s, v1.4s, v2.s[1]
	POST_V
	VPRE
	fmul	v0.4s, v1.4s, v2.s[2]
	POST_V
	VPRE
	fmul	v0.4s, v1.4s, v2.s[3]
	POST_V
	VPRE
	fmul	v0.2s, v1.2s, v2.s[3]
	POST_V
	VPRE
	fmul	v0.2d, v1.2d, v2.d[0]
	POST_V
	VPRE
	fmul	v0.2d, v1.2d, v2.d[1]
	POST_V
	VPRE
	fmul	s0, s1, v2.s[0]
	POST_V
	VPRE
	fmul	d0, d1, v2.d[0]
	POST_V
	VPRE
	fmulx	v0.4s, v1.4s, v2.s[0]
	POST_V
	VPRE
	fmulx	v0.4s, v1.4s, v2.s[1]
	POST_V
	VPRE
	fmulx	v0.4s, v1.4s, v2.s[2]
	POST_V
	VPRE
	fmulx	v0.4s, v1.4s, v2.s[3]
	POST_V
	VPRE
	fmulx	v0.2s, v1.2s, v2.s[0]
	POST_V
	VPRE
	fmulx	v0.2d, v1.2d, v2.d[0]
	POST_V
	VPRE
	fmulx	v0.2d, v1.2d, v2.d[1]
	POST_V
	VPRE
	fmulx	s0, s1, v2.s[1]
	POST_V
	VPRE
	fmulx	d0, d1, v2.d[1]
	POST_V
.endm

main:
	RANDOM_START 0x2545f4914f6cdd1d
loop:
	VEC_OPERANDS x13, x14
	ELEM_BLOCK
	RANDOM_NEXT ITERATIONS, loop
	RESUME	60f
	.inst	0x4fe21820			// fmla v0.2d, v1.2d, v2.d[1] with L = 1: reserved
60:	RESUME	6f
	.inst	0x0fc21020			// fmla v0.1d, v1.1d, v2.d[0]: reserved
6:	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: the reserved forms are still UNDEFINED, valid ones trap
	msr	cptr_el2, x0
	isb
	RESUME	7f
	.inst	0x4fe21820
7:	RESUME	70f
	fmul	s0, s1, v2.s[3]
70:	RESUME	8f
	fmla	v0.4s, v1.4s, v31.s[1]
8:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
