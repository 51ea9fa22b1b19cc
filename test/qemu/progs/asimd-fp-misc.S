// Advanced SIMD floating point, two-register miscellaneous, against QEMU on random operands: as asimd-fp.S (seeded
// V1 and V3 = V0's prior value, random FPCR, raw / narrow-exponent / denormal operand shapes), every FP
// two-register misc instruction in 2s, 4s and 2d — FRINT*, FCVT*S/U, SCVTF/UCVTF, FRECPE/FRSQRTE, FABS/FNEG/FSQRT,
// FCMxx #0.0 — and FCVTN(2), FCVTXN(2), FCVTL(2) in every arrangement; V0 and FPSR hashed after each. One hash line
// every 100 iterations; then the reserved forms (one double lane, FCVTXN from singles) and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1200

// V0 = V3 (FPSR = 0, NZCV = x23 as for the scalar forms)
.macro VPRE
	mov	v0.16b, v3.16b
	PRE
.endm

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
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x22, =0x100000001b3		// the hash multiplier (odd: a bijection)
	ldr	x21, =0x2545f4914f6cdd1d	// the generator's seed
	ldr	x28, =0x2545f4914f6cdd1d	// xorshift64* multiplier
	mov	x20, #0
	mov	x23, #0
	mov	x26, #0
loop:
	RAND	x11
	RAND	x12
	RAND	x13
	RAND	x14
	RAND	x16
	RAND	x17
	RAND	x19
	and	x15, x19, #3
	cmp	x15, #1
	b.ne	1f
	NARROW_S x11
	NARROW_S x12
	NARROW_S x13
	NARROW_S x14
	NARROW_S x16
	NARROW_S x17
	b	4f
1:	cmp	x15, #2
	b.ne	2f
	NARROW_D x11
	NARROW_D x12
	NARROW_D x13
	NARROW_D x14
	NARROW_D x16
	NARROW_D x17
	b	4f
2:	cmp	x15, #3
	b.ne	4f
	NARROW_S x11
	NARROW_S x12
	bfi	x11, xzr, #23, #8		// V1: denormal or zero single lanes 0 and 2 …
	bfi	x12, xzr, #52, #11		// … and double lane 1
4:	fmov	d1, x11
	mov	v1.d[1], x12
	fmov	d2, x13
	mov	v2.d[1], x14
	fmov	d3, x16
	mov	v3.d[1], x17
	and	x15, x19, #0x07c00000		// FPCR.AHP, DN, FZ, RMode
	msr	fpcr, x15
	MISC_BLOCK 2s
	MISC_BLOCK 4s
	MISC_BLOCK 2d
	WIDTH_BLOCK
	add	x26, x26, #1
	mov	x15, #100
	udiv	x16, x26, x15
	msub	x16, x16, x15, x26
	cbnz	x16, 5f
	PRINT	hash, x20
5:	cmp	x26, #ITERATIONS
	b.ne	loop
	msr	fpcr, xzr
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
