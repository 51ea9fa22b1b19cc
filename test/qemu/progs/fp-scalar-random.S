// Scalar floating point against QEMU on random operands: each iteration draws four 64-bit words from a seeded
// xorshift64* generator — three operands and the FPCR (RMode, FZ, DN, AHP from the fourth word's bits) — and runs
// fp-scalar.inc's FP_BLOCK on the singles (the words' low halves) and on the doubles. The operands are bit
// patterns, not values: raw words (mostly huge or tiny magnitudes), or, chosen by the fourth word, with exponents
// pulled into a narrow window around 1.0 (sums and products that round, cancel and tie) and the second operand's
// exponent field cleared (a denormal or zero). One hash line every 100 iterations. Then reserved encodings
// (UNDEFINED even with FP trapped) and the CPTR_EL2.TFP trap (EC 0x07) of the new instruction groups.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1200

main:
	RANDOM_START 0x9e3779b97f4a7c15
loop:
	RAND	x11
	RAND	x12
	RAND	x13
	RAND	x14
	tbz	x14, #0, 1f
	// narrow window: double exponents 0x3f8..0x407, single exponents 0x78..0x87
	ubfx	x15, x11, #52, #4
	add	x15, x15, #0x3f8
	bfi	x11, x15, #52, #11
	ubfx	x15, x11, #23, #4
	add	x15, x15, #0x78
	bfi	x11, x15, #23, #8
	ubfx	x15, x12, #52, #4
	add	x15, x15, #0x3f8
	bfi	x12, x15, #52, #11
	ubfx	x15, x12, #23, #4
	add	x15, x15, #0x78
	bfi	x12, x15, #23, #8
	ubfx	x15, x13, #52, #4
	add	x15, x15, #0x3f8
	bfi	x13, x15, #52, #11
	ubfx	x15, x13, #23, #4
	add	x15, x15, #0x78
	bfi	x13, x15, #23, #8
1:	tbz	x14, #1, 2f
	bfi	x12, xzr, #52, #11		// operand 2: a denormal or zero
	bfi	x12, xzr, #23, #8
2:	and	x15, x14, #0x07c00000		// FPCR.AHP, DN, FZ, RMode
	msr	fpcr, x15
	ubfiz	x23, x14, #28, #4		// NZCV for FCSEL, FCCMP
	fmov	s1, w11
	fmov	s2, w12
	fmov	s3, w13
	sxtw	x4, w12
	FP_BLOCK s
	FP_CVT_S
	fmov	d1, x11
	fmov	d2, x12
	fmov	d3, x13
	mov	x4, x12
	FP_BLOCK d
	FP_CVT_D
	RANDOM_NEXT ITERATIONS, loop
	// reserved: a 32-bit fixed-point conversion with scale<5> = 0, and half-precision arithmetic (FEAT_FP16)
	RESUME	4f
	.inst	0x1e587c20			// fcvtzs w0, d1 with scale = 31
4:	RESUME	5f
	.inst	0x1ee22820			// fadd h0, h1, h2
5:	// with CPTR_EL2.TFP = 1 the reserved conversion is still UNDEFINED, the instructions trap (EC 0x07)
	ldr	x0, =0x37ff
	msr	cptr_el2, x0
	isb
	RESUME	6f
	.inst	0x1e587c20
6:	RESUME	7f
	fadd	s0, s1, s2
7:	RESUME	8f
	fmadd	d0, d1, d2, d3
8:	RESUME	9f
	fcmpe	d0, #0.0
9:	RESUME	10f
	fcvtzs	x0, d1, #3
10:	RESUME	11f
	scvtf	s0, w1
11:	RESUME	12f
	fcsel	d0, d1, d2, eq
12:	RESUME	13f
	fcvt	h0, d1
13:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
