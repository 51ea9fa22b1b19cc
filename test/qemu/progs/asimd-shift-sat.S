// Advanced SIMD rounding, saturating and saturating-narrowing shifts by immediate at EL2 (SRSHR, URSHR, SRSRA, URSRA,
// SQSHLU, SQSHL, UQSHL, SQSHRUN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN and the "2" forms), on two sets of
// operands (random bits, and edge values in every lane width), in every arrangement, with the smallest, a middle and
// the largest shift each allows: the result (v0 first loaded with a third pattern: the accumulating forms read it,
// the "2" forms keep its lower half) printed as two doublewords, and FPSR (cleared before each: QC is cumulative).
// Then reserved encodings (64-bit lanes in a 64-bit vector; a narrowing shift with immh = 1xxx): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

// RUN op, T, S, n: v0 = the accumulator pattern; FPSR = 0; op v0.T, v1.S, #n; print v0 and FPSR
.macro RUN op:req, t:req, s:req, n:req
	ldr	q0, [x20, #32]
	msr	fpsr, xzr
	\op	v0.\t, v1.\s, #\n
	SHOWQ	\op\()_\t\()_\n
	PRINTSYS \op\()_\t\()_\n\()_fpsr, fpsr
.endm

// SAME op, three shifts per element size (b, h, s, d)
.macro SAME op:req, b0:req, b1:req, b2:req, h0:req, h1:req, h2:req, s0:req, s1:req, s2:req, d0:req, d1:req, d2:req
	.irp n, \b0, \b1, \b2
	RUN	\op, 8b, 8b, \n
	RUN	\op, 16b, 16b, \n
	.endr
	.irp n, \h0, \h1, \h2
	RUN	\op, 4h, 4h, \n
	RUN	\op, 8h, 8h, \n
	.endr
	.irp n, \s0, \s1, \s2
	RUN	\op, 2s, 2s, \n
	RUN	\op, 4s, 4s, \n
	.endr
	.irp n, \d0, \d1, \d2
	RUN	\op, 2d, 2d, \n
	.endr
.endm

// NARROW op: three shifts per element size, and the "2" form of each size
.macro NARROW op:req
	.irp n, 1, 3, 8
	RUN	\op, 8b, 8h, \n
	.endr
	.irp n, 1, 9, 16
	RUN	\op, 4h, 4s, \n
	.endr
	.irp n, 1, 17, 31, 32
	RUN	\op, 2s, 2d, \n
	.endr
	RUN	\op\()2, 16b, 8h, 2
	RUN	\op\()2, 8h, 4s, 5
	RUN	\op\()2, 4s, 2d, 20
.endm

.macro SET
	ldp	q1, q2, [x20]
	.irp op, srshr, urshr, srsra, ursra
	SAME	\op, 1, 3, 8, 1, 9, 16, 1, 17, 32, 1, 31, 64
	.endr
	.irp op, sqshlu, sqshl, uqshl
	SAME	\op, 0, 1, 7, 0, 4, 15, 0, 1, 31, 0, 1, 63
	SAME	\op, 2, 5, 6, 8, 11, 14, 3, 16, 30, 2, 32, 62
	.endr
	.irp op, sqshrun, sqrshrun, sqshrn, uqshrn, sqrshrn, uqrshrn
	NARROW	\op
	.endr
	ldp	q2, q1, [x20]
	RUN	srsra, 2d, 2d, 33
	RUN	ursra, 2d, 2d, 64
	RUN	sqshl, 2d, 2d, 33
	RUN	sqshlu, 2d, 2d, 5
	RUN	uqshl, 2d, 2d, 17
	RUN	sqrshrn, 2s, 2d, 7
	RUN	sqrshrun, 2s, 2d, 32
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =random
	SET
	ldr	x20, =edges
	SET
	ldr	x20, =small
	SET
	RESUME	1f
	.inst	0x0f7f2420			// srshr v0.1d, v1.1d, #1: reserved (immh = 1xxx, Q = 0)
1:	RESUME	2f
	.inst	0x0f409420			// sqshrn with immh = 1000: reserved
2:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random:	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0xd6e8feb86659fd93, 0xa0761d6478bd642f
edges:	.quad	0x7f80ff0001807fff, 0x0000000180000000, 0xff7f0180ff00807f, 0x7fffffffffffffff
	.quad	0x8000000000000001, 0xffffffff00000000
small:	.quad	0x0001ffff00400003, 0xfffffffffffffffe, 0x0000000000000001, 0x00000000ffffffff
	.quad	0xffffffffffffff80, 0x007f00ffff810002
