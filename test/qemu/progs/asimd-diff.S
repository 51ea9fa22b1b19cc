// Advanced SIMD three different at EL2: every instruction in every arrangement it has, plain and "2" (upper halves),
// on random operands and on edge values (signed extremes, all ones, zero), with a non-zero accumulator/destination;
// the saturating doubling ones (vector and scalar) also on −2^15·−2^15 / −2^31·−2^31 and near-limit accumulators,
// FPSR (QC) printed and cleared after each; PMULL 8-bit and 64-bit. Then reserved sizes (SADDL .2d/size 11,
// SQDMULL .8b): UNDEFINED.
	.arch	armv8-a+crypto			// PMULL .1q (ID_AA64ISAR0_EL1.AES = 2)
	.include "lib.inc"
	.include "simd.inc"

// v1, v2: the operands, v0: the prior destination (from x20: three Q registers)
.macro OPS
	ldp	q1, q2, [x20]
	ldr	q0, [x20, #32]
.endm

.macro QC key:req
	mrs	x10, fpsr
	PRINT	\key\()_fpsr, x10
	msr	fpsr, xzr
.endm

.macro ONE key:req, insn:vararg
	OPS
	\insn
	SHOWQ	\key, 0
.endm

// long: Vd wide, Vn and Vm narrow (lower and upper halves)
.macro LONG op:req, sat=0
	.ifeq	\sat
	ONE	\op\()_8h, \op v0.8h, v1.8b, v2.8b
	ONE	\op\()2_8h, \op\()2 v0.8h, v1.16b, v2.16b
	.endif
	ONE	\op\()_4s, \op v0.4s, v1.4h, v2.4h
	ONE	\op\()2_4s, \op\()2 v0.4s, v1.8h, v2.8h
	ONE	\op\()_2d, \op v0.2d, v1.2s, v2.2s
	ONE	\op\()2_2d, \op\()2 v0.2d, v1.4s, v2.4s
	.ifne	\sat
	QC	\op
	.endif
.endm

.macro WIDE op:req
	ONE	\op\()_8h, \op v0.8h, v1.8h, v2.8b
	ONE	\op\()2_8h, \op\()2 v0.8h, v1.8h, v2.16b
	ONE	\op\()_4s, \op v0.4s, v1.4s, v2.4h
	ONE	\op\()2_4s, \op\()2 v0.4s, v1.4s, v2.8h
	ONE	\op\()_2d, \op v0.2d, v1.2d, v2.2s
	ONE	\op\()2_2d, \op\()2 v0.2d, v1.2d, v2.4s
.endm

.macro NARROW op:req
	ONE	\op\()_8b, \op v0.8b, v1.8h, v2.8h
	ONE	\op\()2_16b, \op\()2 v0.16b, v1.8h, v2.8h
	ONE	\op\()_4h, \op v0.4h, v1.4s, v2.4s
	ONE	\op\()2_8h, \op\()2 v0.8h, v1.4s, v2.4s
	ONE	\op\()_2s, \op v0.2s, v1.2d, v2.2d
	ONE	\op\()2_4s, \op\()2 v0.4s, v1.2d, v2.2d
.endm

.macro SCALAR op:req
	ONE	\op\()_s, \op s0, h1, h2
	QC	\op\()_s
	ONE	\op\()_d, \op d0, s1, s2
	QC	\op\()_d
.endm

.macro ALL
	.irp op, saddl, uaddl, ssubl, usubl, sabal, uabal, sabdl, uabdl, smlal, umlal, smlsl, umlsl, smull, umull
	LONG	\op
	.endr
	.irp op, saddw, uaddw, ssubw, usubw
	WIDE	\op
	.endr
	.irp op, addhn, raddhn, subhn, rsubhn
	NARROW	\op
	.endr
	.irp op, sqdmlal, sqdmlsl, sqdmull
	LONG	\op, 1
	SCALAR	\op
	.endr
	ONE	pmull_8h, pmull v0.8h, v1.8b, v2.8b
	ONE	pmull2_8h, pmull2 v0.8h, v1.16b, v2.16b
	ONE	pmull_1q, pmull v0.1q, v1.1d, v2.1d
	ONE	pmull2_1q, pmull2 v0.1q, v1.2d, v2.2d
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	msr	fpsr, xzr
	.irp set, random1, random2, edges, minmin, nearmax
	ldr	x20, =\set
	ALL
	.endr
	RESUME	1f
	.inst	0x0ee20020			// saddl with size = 11: reserved
1:	RESUME	1f
	.inst	0x0e22d020			// sqdmull .8h, .8b: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random1:
	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0xd6e8feb86659fd93, 0xa0761d6478bd642f
random2:
	.quad	0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3, 0x589965cc75374cc3, 0x1d8e4e27c47d124f
	.quad	0x0123456789abcdef, 0xfedcba9876543210
edges:
	.quad	0x80007fff0000ffff, 0x7fffffff80000000, 0x8000ffff7fff0001, 0xffffffff00000001
	.quad	0x7fffffffffffffff, 0x8000000000000000
minmin:
	// −2^15 and −2^31 in the same lanes of both operands (SQDMULL saturates), accumulator near the minimum
	.quad	0x8000000080008000, 0x8000000080008000, 0x8000000080008000, 0x8000000080008000
	.quad	0x8000000180000001, 0x8000000000000001
nearmax:
	// products that push a near-maximum accumulator over (SQDMLAL) and a near-minimum under (SQDMLSL)
	.quad	0x7fff7fff7fffffff, 0x800080007fffffff, 0x7fff80017fffffff, 0x7fff80018000ffff
	.quad	0x7ffffffe7ffffff0, 0x7ffffffffffffff0
