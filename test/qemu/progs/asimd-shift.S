// Advanced SIMD shift by immediate (vector: SSHR, USHR, SSRA, USRA, SRI, SHL, SLI) at EL2, on two sets of operands
// (random bits, and edge values in every lane width), in every arrangement, with the smallest, a middle and the
// largest shift each allows: the result of `op v0.T, v1.T, #n`, with v0 first loaded with a third pattern (the
// accumulating and inserting forms read it), printed as two doublewords. Then a reserved encoding (64-bit lanes in a
// 64-bit vector): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"


// RUN op, T, n: v0 = the accumulator pattern; op v0.T, v1.T, #n; print
.macro RUN op:req, t:req, n:req
	ldr	q0, [x20, #32]
	\op	v0.\t, v1.\t, #\n
	SHOWQ	\op\()_\t\()_\n
.endm

// SIZES op, three shifts per element size (b, h, s, d)
.macro SIZES op:req, b0:req, b1:req, b2:req, h0:req, h1:req, h2:req, s0:req, s1:req, s2:req, d0:req, d1:req, d2:req
	.irp n, \b0, \b1, \b2
	RUN	\op, 8b, \n
	RUN	\op, 16b, \n
	.endr
	.irp n, \h0, \h1, \h2
	RUN	\op, 4h, \n
	RUN	\op, 8h, \n
	.endr
	.irp n, \s0, \s1, \s2
	RUN	\op, 2s, \n
	RUN	\op, 4s, \n
	.endr
	.irp n, \d0, \d1, \d2
	RUN	\op, 2d, \n
	.endr
.endm

.macro SET
	ldp	q1, q2, [x20]
	.irp op, sshr, ushr, ssra, usra, sri
	SIZES	\op, 1, 3, 8, 1, 9, 16, 1, 17, 32, 1, 31, 64
	.endr
	.irp op, shl, sli
	SIZES	\op, 0, 5, 7, 0, 11, 15, 0, 21, 31, 0, 32, 63
	.endr
	ldp	q2, q1, [x20]
	RUN	ssra, 2d, 33
	RUN	usra, 2d, 7
	RUN	ssra, 4s, 5
	RUN	sli, 2d, 1
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =random
	SET
	ldr	x20, =edges
	SET
	RESUME	1f
	.inst	0x0f7f0420			// sshr v0.1d, v1.1d, #1: reserved (immh = 1xxx, Q = 0)
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random:	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0xd6e8feb86659fd93, 0xa0761d6478bd642f
edges:	.quad	0x7f80ff0001807fff, 0x0000000180000000, 0xff7f0180ff00807f, 0x7fffffffffffffff
	.quad	0x8000000000000001, 0xffffffff00000000
