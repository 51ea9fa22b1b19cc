// Advanced SIMD three-same integer and logical instructions at EL2, on two sets of operands (random bits, and the
// edge values 0x00, 0x01, 0x7f, 0x80, 0xff in every lane width), in every arrangement each allows: the result of
// `op v0.T, v1.T, v2.T`, with v0 first loaded with a third pattern (the accumulating and bit-select forms read it),
// printed as two doublewords. Then a reserved size (add .1d: UNDEFINED).
	.include "lib.inc"
	.include "simd.inc"


// RUN op, T: v0 = the accumulator pattern; op v0.T, v1.T, v2.T; print
.macro RUN op:req, t:req
	ldr	q0, [x20, #32]
	\op	v0.\t, v1.\t, v2.\t
	SHOWQ	\op\()_\t
.endm

.macro ALL_SIZES op:req
	.irp t, 8b, 16b, 4h, 8h, 2s, 4s
	RUN	\op, \t
	.endr
.endm

.macro WITH_2D op:req
	ALL_SIZES \op
	RUN	\op, 2d
.endm

.macro SET
	ldp	q1, q2, [x20]
	.irp op, shadd, uhadd, srhadd, urhadd, shsub, uhsub, smax, umax, smin, umin, sabd, uabd, saba, uaba, mla, mls, mul, smaxp, umaxp, sminp, uminp
	ALL_SIZES \op
	.endr
	.irp op, cmgt, cmhi, cmge, cmhs, add, sub, cmtst, cmeq, addp
	WITH_2D \op
	.endr
	.irp op, and, bic, orr, orn, eor, bsl, bit, bif
	RUN	\op, 8b
	RUN	\op, 16b
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =random
	SET
	ldr	x20, =edges
	SET
	mov	v3.16b, v1.16b
	SHOWQ	mov, 3
	RESUME	1f
	.inst	0x0ee28420			// add v0.1d, v1.1d, v2.1d: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random:	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0xd6e8feb86659fd93, 0xa0761d6478bd642f
edges:	.quad	0x7f80ff0001807fff, 0x0000000180000000, 0xff7f0180ff00807f, 0x7fffffffffffffff
	.quad	0x8000000000000001, 0xffffffff00000000
