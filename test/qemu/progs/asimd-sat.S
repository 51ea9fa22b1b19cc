// Advanced SIMD three-same saturating arithmetic and shifts by register at EL2 (SQADD, UQADD, SQSUB, UQSUB, SSHL, USHL,
// SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL) in every arrangement, on pairs of operands (random bits; edge values;
// small values against small positive and negative shift counts in every lane's low byte, and the reverse): the
// result printed as two doublewords, and FPSR (cleared before each: QC is cumulative). Then a reserved encoding
// (64-bit lanes in a 64-bit vector): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

// RUN op, T: FPSR = 0; op v0.T, v1.T, v2.T; print v0 and FPSR
.macro RUN op:req, t:req
	msr	fpsr, xzr
	\op	v0.\t, v1.\t, v2.\t
	SHOWQ	\op\()_\t
	PRINTSYS \op\()_\t\()_fpsr, fpsr
.endm

.macro ALL op:req
	.irp t, 8b, 16b, 4h, 8h, 2s, 4s, 2d
	RUN	\op, \t
	.endr
.endm

.macro SET
	.irp op, sqadd, uqadd, sqsub, uqsub, sshl, ushl, sqshl, uqshl, srshl, urshl, sqrshl, uqrshl
	ALL	\op
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp pair, 0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176
	ldp	q1, q2, [x20, #\pair * 2]
	SET
	.endr
	RESUME	1f
	.inst	0x0ee04420			// sshl v0.1d, v1.1d, v0.1d: reserved (size:Q = 110)
1:	PRINTI	done, 1
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
	.quad	0x1f1f1f1f1f1f1f1f, 0x3f3f3f3f3f3f3f3f, 0x7f80ff0001807fff, 0x800000000000003f
	.quad	0xe0e0e0e0e0e0e0e0, 0x4141414141414141, 0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9
	.quad	0x8080808080808080, 0x0f0f0f0f0f0f0f0f, 0x7fff7fff7fffffff, 0xffffffffffffffff
	.quad	0x2020202020202020, 0x1010101010101010, 0x8001800180000001, 0x8000000000000000
