// Advanced SIMD scalar three-same integer instructions at EL2 (SQADD, UQADD, SQSUB, UQSUB, SQSHL, UQSHL, SQRSHL,
// UQRSHL on B, H, S and D; ADD, SUB, CMGT, CMHI, CMGE, CMHS, CMTST, CMEQ, SSHL, USHL, SRSHL, URSHL on D), on pairs
// of operands (random bits; edge values; small values against small positive and negative shift counts): the
// destination (first all ones: the upper bits must be cleared) printed as two doublewords, and FPSR (cleared before
// each: QC is cumulative).
	.include "lib.inc"
	.include "simd.inc"

// RUN op, r: v0 = ones; FPSR = 0; op r0, r1, r2; print v0 and FPSR
.macro RUN op:req, r:req
	movi	v0.2d, #0xffffffffffffffff
	msr	fpsr, xzr
	\op	\r\()0, \r\()1, \r\()2
	SHOWQ	\op\()_\r
	PRINTSYS \op\()_\r\()_fpsr, fpsr
.endm

.macro SET
	.irp op, sqadd, uqadd, sqsub, uqsub, sqshl, uqshl, sqrshl, uqrshl
	.irp r, b, h, s, d
	RUN	\op, \r
	.endr
	.endr
	.irp op, add, sub, cmgt, cmhi, cmge, cmhs, cmtst, cmeq, sshl, ushl, srshl, urshl
	RUN	\op, d
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp pair, 0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208
	ldp	q1, q2, [x20, #\pair * 2]
	SET
	.endr
	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:	// pairs (Vn, Vm)
	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0x7f80ff0001807fff, 0x8000000000000000, 0x7f7f0180ff00807f, 0x7fffffffffffffff
	.quad	0x8000000000000001, 0xffffffff00000000, 0x8000000000000001, 0xffffffff7fffffff
	.quad	0x0001ffff0040ff83, 0x7ffffffffffffffe, 0x07f9ff0120e03fc1, 0x0000000000000002
	.quad	0x807f00ffff810002, 0xc000000000000001, 0xfffefff0f8f9f7ff, 0x00000000000000c0
	.quad	0x0000000000000000, 0x00000000000000c1, 0x03fd0ef2a1def0f9, 0x00000000000000e1
	.quad	0x03fd0ef2a1def0f9, 0x00000000000000e1, 0x0123456789abcdef, 0xfedcba9876543210
	.quad	0x07f9ff0120e03fc1, 0x0000000000000040, 0x807f00ffff810002, 0xc000000000000001
	.quad	0x7fffffffffff7f7f, 0, 0x0000000000000101, 0
	.quad	0x8000000080008080, 0, 0x00000000000001ff, 0
	.quad	0x7fffffffffffffff, 0, 0x0000000000000001, 0
	.quad	0x8000000000000000, 0, 0x8000000000000000, 0
	.quad	0x0000000000000005, 0, 0x00000000000000ff, 0
	.quad	0xfffffffffffffffb, 0, 0x00000000000000c0, 0
