// Advanced SIMD scalar shifts by immediate at EL2: SSHR, USHR, SSRA, USRA, SRSHR, URSHR, SRSRA, URSRA, SRI, SHL, SLI on
// D; SQSHLU, SQSHL, UQSHL (immediate) on B, H, S, D; SQSHRN, UQSHRN, SQRSHRN, UQRSHRN, SQSHRUN, SQRSHRUN from H, S, D —
// each with the smallest, a middle and the largest shift, on three operands (random bits, edge values, small values):
// the destination (first the accumulator pattern: the accumulating and inserting forms read it, the upper bits must
// be cleared) printed as two doublewords, and FPSR (cleared before each). Then reserved encodings: UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

// RUN op, rd, rn, n: v0 = the accumulator pattern; FPSR = 0; op rd0, rn1, #n; print v0 and FPSR
.macro RUN op:req, rd:req, rn:req, n:req
	ldr	q0, [x20, #16]
	msr	fpsr, xzr
	\op	\rd\()0, \rn\()1, #\n
	SHOWQ	\op\()_\rd\()_\n
	PRINTSYS \op\()_\rd\()_\n\()_fpsr, fpsr
.endm

.macro SET
	ldr	q1, [x20]
	.irp op, sshr, ushr, ssra, usra, srshr, urshr, srsra, ursra, sri
	.irp n, 1, 31, 63, 64
	RUN	\op, d, d, \n
	.endr
	.endr
	.irp op, shl, sli
	.irp n, 0, 1, 33, 63
	RUN	\op, d, d, \n
	.endr
	.endr
	.irp op, sqshlu, sqshl, uqshl
	RUN	\op, b, b, 0
	RUN	\op, b, b, 3
	RUN	\op, b, b, 7
	RUN	\op, h, h, 0
	RUN	\op, h, h, 9
	RUN	\op, h, h, 15
	RUN	\op, s, s, 0
	RUN	\op, s, s, 17
	RUN	\op, s, s, 31
	RUN	\op, d, d, 0
	RUN	\op, d, d, 1
	RUN	\op, d, d, 40
	RUN	\op, d, d, 63
	.endr
	.irp op, sqshrn, uqshrn, sqrshrn, uqrshrn, sqshrun, sqrshrun
	RUN	\op, b, h, 1
	RUN	\op, b, h, 5
	RUN	\op, b, h, 8
	RUN	\op, h, s, 1
	RUN	\op, h, s, 9
	RUN	\op, h, s, 16
	RUN	\op, s, d, 1
	RUN	\op, s, d, 17
	RUN	\op, s, d, 32
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp off, 0, 32, 64, 96, 128, 160
	add	x20, x20, #\off
	SET
	sub	x20, x20, #\off
	.endr
	RESUME	1f
	.inst	0x5f3f0420			// sshr s0, s1, #1: reserved (scalar, immh = 0xxx)
1:	RESUME	2f
	.inst	0x5f409420			// sqshrn with immh = 1000: reserved
2:	RESUME	3f
	.inst	0x5f077420			// sqshl with immh = 0000: unallocated
3:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:	// (operand, accumulator) pairs of quadwords
	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0x7fffffffffff7f7f, 0, 0xd6e8feb86659fd93, 0xa0761d6478bd642f
	.quad	0x8000000080008080, 0, 0x8000000000000001, 0xffffffff00000000
	.quad	0x0000000000000005, 0, 0xffffffffffffffff, 0xffffffffffffffff
	.quad	0xfffffffffffffffb, 0, 0x7fffffffffffffff, 0
	.quad	0x00000000ffff8001, 0, 0x0123456789abcdef, 0xfedcba9876543210
