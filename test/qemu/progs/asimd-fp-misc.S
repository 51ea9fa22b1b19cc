// Advanced SIMD floating point, two-register miscellaneous, against QEMU on random operands: as asimd-fp.S (seeded
// V1 and V3 = V0's prior value, random FPCR, raw / narrow-exponent / denormal operand shapes), every FP
// two-register misc instruction in 2s, 4s and 2d — FRINT*, FCVT*S/U, SCVTF/UCVTF, FRECPE/FRSQRTE, FABS/FNEG/FSQRT,
// FCMxx #0.0 — and FCVTN(2), FCVTXN(2), FCVTL(2) in every arrangement; V0 and FPSR hashed after each. One hash line
// every 100 iterations; then the reserved forms (one double lane, FCVTXN from singles) and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1200

.macro MISC_BLOCK arr:req
	VPRE
	frintn	v0.\arr, v1.\arr
	POST_V
	VPRE
	frintm	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtns	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtms	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtas	v0.\arr, v1.\arr
	POST_V
	VPRE
	scvtf	v0.\arr, v1.\arr
	POST_V
	VPRE
	fabs	v0.\arr, v1.\arr
	POST_V
	VPRE
	frintp	v0.\arr, v1.\arr
	POST_V
	VPRE
	frintz	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtps	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtzs	v0.\arr, v1.\arr
	POST_V
	VPRE
	frecpe	v0.\arr, v1.\arr
	POST_V
	VPRE
	frinta	v0.\arr, v1.\arr
	POST_V
	VPRE
	frintx	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtnu	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtmu	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtau	v0.\arr, v1.\arr
	POST_V
	VPRE
	ucvtf	v0.\arr, v1.\arr
	POST_V
	VPRE
	fneg	v0.\arr, v1.\arr
	POST_V
	VPRE
	frinti	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtpu	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcvtzu	v0.\arr, v1.\arr
	POST_V
	VPRE
	frsqrte	v0.\arr, v1.\arr
	POST_V
	VPRE
	fsqrt	v0.\arr, v1.\arr
	POST_V
	VPRE
	fcmgt	v0.\arr, v1.\arr, #0.0
	POST_V
	VPRE
	fcmeq	v0.\arr, v1.\arr, #0.0
	POST_V
	VPRE
	fcmlt	v0.\arr, v1.\arr, #0.0
	POST_V
	VPRE
	fcmge	v0.\arr, v1.\arr, #0.0
	POST_V
	VPRE
	fcmle	v0.\arr, v1.\arr, #0.0
	POST_V
.endm

.macro WIDTH_BLOCK
	VPRE
	fcvtn	v0.4h, v1.4s
	POST_V
	VPRE
	fcvtn2	v0.8h, v1.4s
	POST_V
	VPRE
	fcvtn	v0.2s, v1.2d
	POST_V
	VPRE
	fcvtn2	v0.4s, v1.2d
	POST_V
	VPRE
	fcvtxn	v0.2s, v1.2d
	POST_V
	VPRE
	fcvtxn2	v0.4s, v1.2d
	POST_V
	VPRE
	fcvtl	v0.4s, v1.4h
	POST_V
	VPRE
	fcvtl2	v0.4s, v1.8h
	POST_V
	VPRE
	fcvtl	v0.2d, v1.2s
	POST_V
	VPRE
	fcvtl2	v0.2d, v1.4s
	POST_V
.endm

main:
	RANDOM_START 0x2545f4914f6cdd1d
loop:
	VEC_OPERANDS x11, x12
	MISC_BLOCK 2s
	MISC_BLOCK 4s
	MISC_BLOCK 2d
	WIDTH_BLOCK
	RANDOM_NEXT ITERATIONS, loop
	RESUME	6f
	.inst	0x0ee0f820			// fabs v0.1d, v1.1d: reserved
6:	RESUME	60f
	.inst	0x2e216820			// fcvtxn from singles: reserved
60:	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: the reserved forms are still UNDEFINED, valid ones trap
	msr	cptr_el2, x0
	isb
	RESUME	7f
	.inst	0x0ee0f820
7:	RESUME	70f
	.inst	0x2e216820
70:	RESUME	71f
	fcvtl2	v0.2d, v1.4s
71:	RESUME	8f
	frecpe	v0.4s, v1.4s
8:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
