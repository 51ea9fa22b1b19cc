// Advanced SIMD floating point, three same, against QEMU on random operands: each iteration draws six 64-bit words
// from a seeded xorshift64* generator for V1, V2 (the operands) and V3 (V0's value before each instruction: the
// FMLA/FMLS accumulator, and the bits a 64-bit result must clear), and a seventh for FPCR (RMode, FZ, DN, AHP) and
// the operand shape: raw bit patterns; exponents pulled near 1.0 as single lanes; as double lanes; or V2's
// exponents cleared (denormal or zero single and double lanes). Every instruction runs in 2s, 4s and 2d with FPSR
// cleared before it; V0 and FPSR are hashed (fp-scalar.inc). One hash line every 100 iterations; then the
// reserved one-lane double form and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1500

// V0 = V3 (FPSR = 0, NZCV = x23 as for the scalar forms)
.macro VPRE
	mov	v0.16b, v3.16b
	PRE
.endm

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
	bfi	x13, xzr, #23, #8		// V2: denormal or zero single lanes 0 and 2 …
	bfi	x14, xzr, #52, #11		// … and double lane 1
4:	fmov	d1, x11
	mov	v1.d[1], x12
	fmov	d2, x13
	mov	v2.d[1], x14
	fmov	d3, x16
	mov	v3.d[1], x17
	and	x15, x19, #0x07c00000		// FPCR.AHP, DN, FZ, RMode
	msr	fpcr, x15
	VEC_BLOCK 2s
	VEC_BLOCK 4s
	VEC_BLOCK 2d
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
	.inst	0x0e62d420			// fadd v0.1d, v1.1d, v2.1d: reserved
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
