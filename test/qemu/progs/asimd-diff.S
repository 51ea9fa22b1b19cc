// Advanced SIMD three different at EL2: every instruction in every arrangement it has, plain and "2" (upper halves),
// on random operands and on edge values (signed extremes, all ones, zero), with a non-zero accumulator/destination;
// the saturating doubling ones (vector and scalar) also on −2^15·−2^15 / −2^31·−2^31 and near-limit accumulators,
// FPSR (QC) printed and cleared after each; PMULL 8-bit and 64-bit. Then reserved sizes (SADDL .2d/size 11,
// SQDMULL .8b): UNDEFINED.
	.arch	armv8-a+crypto			// PMULL .1q (ID_AA64ISAR0_EL1.AES = 2)
	.include "lib.inc"
	.include "simd.inc"
	.include "asimd-forms.inc"

// v1, v2: the operands, v0: the prior destination (from x20: three Q registers)
.macro OPS
	ldp	q1, q2, [x20]
	ldr	q0, [x20, #32]
.endm

.macro SCALAR op:req
	ONE	\op\()_s, \op s0, h1, h2
	QC	\op\()_s
	ONE	\op\()_d, \op d0, s1, s2
	QC	\op\()_d
.endm

.macro ALL
	DIFF_PLAIN ONE
	.irp op, sqdmlal, sqdmlsl, sqdmull
	DIFF_LONG_HS ONE, \op
	QC	\op
	SCALAR	\op
	.endr
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
