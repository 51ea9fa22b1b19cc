// Advanced SIMD integer two-register miscellaneous at EL2 (REV16/REV32/REV64, SADDLP/UADDLP, SADALP/UADALP,
// SUQADD/USQADD, CLS/CLZ, CNT, NOT, RBIT, SQABS/SQNEG, ABS/NEG, XTN/SQXTN/UQXTN/SQXTUN and SHLL, +2) on three sets of
// operands (random bits; edge values in every lane width; small and near-limit values), in every arrangement each
// allows: the result (v0 first loaded with a third pattern: the accumulating forms read it, the "2" forms keep its
// lower half) printed as two doublewords, and FPSR (cleared before each: QC is cumulative). Then reserved encodings
// (64-bit lanes in a 64-bit vector; a size the instruction does not have): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

// RUN op, T, S: v0 = the accumulator pattern; FPSR = 0; op v0.T, v1.S; print v0 and FPSR (RUNI: op v0.T, v1.S, #imm)
.macro RUN op:req, t:req, s:req
	ldr	q0, [x20, #32]
	msr	fpsr, xzr
	\op	v0.\t, v1.\s
	SHOWRUN	\op, \t, \s
.endm

.macro RUNI op:req, t:req, s:req, imm:req
	ldr	q0, [x20, #32]
	msr	fpsr, xzr
	\op	v0.\t, v1.\s, \imm
	SHOWRUN	\op, \t, \s
.endm

.macro SHOWRUN op:req, t:req, s:req
	SHOWQ	\op\()_\t\()_\s
	PRINTSYS \op\()_\t\()_\s\()_fpsr, fpsr
.endm

.macro SAME op:req, arrs:vararg
	.irp t, \arrs
	RUN	\op, \t, \t
	.endr
.endm

.macro SET
	ldp	q1, q2, [x20]
	SAME	rev64, 8b, 16b, 4h, 8h, 2s, 4s
	SAME	rev32, 8b, 16b, 4h, 8h
	SAME	rev16, 8b, 16b
	.irp op, cls, clz
	SAME	\op, 8b, 16b, 4h, 8h, 2s, 4s
	.endr
	.irp op, cnt, not, rbit
	SAME	\op, 8b, 16b
	.endr
	.irp op, abs, neg, sqabs, sqneg, suqadd, usqadd
	SAME	\op, 8b, 16b, 4h, 8h, 2s, 4s, 2d
	.endr
	.irp op, saddlp, uaddlp, sadalp, uadalp
	RUN	\op, 4h, 8b
	RUN	\op, 8h, 16b
	RUN	\op, 2s, 4h
	RUN	\op, 4s, 8h
	RUN	\op, 1d, 2s
	RUN	\op, 2d, 4s
	.endr
	.irp op, xtn, sqxtn, uqxtn, sqxtun
	RUN	\op, 8b, 8h
	RUN	\op, 4h, 4s
	RUN	\op, 2s, 2d
	.endr
	.irp op, xtn2, sqxtn2, uqxtn2, sqxtun2
	RUN	\op, 16b, 8h
	RUN	\op, 8h, 4s
	RUN	\op, 4s, 2d
	.endr
	RUNI	shll, 8h, 8b, #8
	RUNI	shll, 4s, 4h, #16
	RUNI	shll, 2d, 2s, #32
	RUNI	shll2, 8h, 16b, #8
	RUNI	shll2, 4s, 8h, #16
	RUNI	shll2, 2d, 4s, #32
	ldr	q0, [x20, #32]			// Vd = Vn
	rev64	v0.16b, v0.16b
	suqadd	v0.2d, v0.2d
	sadalp	v0.2d, v0.4s
	SHOWQ	same
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	.irp set, random, edges, small
	ldr	x20, =\set
	SET
	ldr	x20, =\set
	add	x20, x20, #16			// the operand and the accumulator swapped around
	ldr	q1, [x20]
	ldr	q0, [x20, #16]
	msr	fpsr, xzr
	suqadd	v0.2d, v1.2d
	usqadd	v1.2d, v0.2d
	SHOWQ	\set\()_swap_suqadd
	SHOWQ	\set\()_swap_usqadd, 1
	PRINTSYS \set\()_swap_fpsr, fpsr
	.endr
	RESUME	1f
	.inst	0x0ee0b820			// abs v0.1d, v1.1d: reserved (size:Q = 110)
1:	RESUME	2f
	.inst	0x0ee00820			// rev64 with size = 11: reserved
2:	RESUME	3f
	.inst	0x2ea00820			// rev32 with size = 10: reserved
3:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random:	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0xd6e8feb86659fd93, 0xa0761d6478bd642f, 0
edges:	.quad	0x7f80ff0001807fff, 0x8000000000000000, 0xff7f0180ff00807f, 0x7fffffffffffffff
	.quad	0x8000000000000001, 0xffffffff00000000, 0
small:	.quad	0x0001ffff00400003, 0xfffffffffffffffe, 0x8000000000000001, 0x00000000ffffffff
	.quad	0xffffffffffffff80, 0x807f00ffff810002, 0
