// Advanced SIMD scalar two-register miscellaneous integer instructions at EL2: SUQADD, USQADD, SQABS, SQNEG on B, H,
// S, D; ABS, NEG and CMGT/CMEQ/CMLT/CMGE/CMLE #0 on D; SQXTN, UQXTN, SQXTUN from H, S, D — on operand/accumulator
// pairs (random bits, edge values, small values): the destination (first the accumulator: SUQADD/USQADD read it, the
// upper bits must be cleared) printed as two doublewords, and FPSR (cleared before each).
	.include "lib.inc"
	.include "simd.inc"

// RUN op, rd, rn: v0 = the accumulator; FPSR = 0; op rd0, rn1; print v0 and FPSR (RUNI: op rd0, rn1, #imm)
.macro RUN op:req, rd:req, rn:req
	ldr	q0, [x20, #16]
	msr	fpsr, xzr
	\op	\rd\()0, \rn\()1
	SHOWRUN	\op, \rd
.endm

.macro RUNI op:req, rd:req, rn:req, imm:req
	ldr	q0, [x20, #16]
	msr	fpsr, xzr
	\op	\rd\()0, \rn\()1, \imm
	SHOWRUN	\op, \rd
.endm

.macro SHOWRUN op:req, rd:req
	SHOWQ	\op\()_\rd
	PRINTSYS \op\()_\rd\()_fpsr, fpsr
.endm

.macro SET
	ldr	q1, [x20]
	.irp op, suqadd, usqadd, sqabs, sqneg
	.irp r, b, h, s, d
	RUN	\op, \r, \r
	.endr
	.endr
	RUN	abs, d, d
	RUN	neg, d, d
	.irp op, cmgt, cmeq, cmlt, cmge, cmle
	RUNI	\op, d, d, #0
	.endr
	.irp op, sqxtn, uqxtn, sqxtun
	RUN	\op, b, h
	RUN	\op, h, s
	RUN	\op, s, d
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp off, 0, 32, 64, 96, 128, 160, 192, 224
	add	x20, x20, #\off
	SET
	sub	x20, x20, #\off
	.endr
	PRINTI	done, 1
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
	.quad	0x0000000000000000, 0, 0x8000000080008080, 0
	.quad	0xffffffffffffffff, 0, 0x7fffffffffff7f7f, 0
