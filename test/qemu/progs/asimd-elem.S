// Advanced SIMD integer multiplies by element at EL2: every instruction with 16-bit elements (Vm from V0–V15, index
// H:L:M — the lowest and highest) and 32-bit ones (Vm = M:Rm from V16–V31, index H:L), vector (both Q) and scalar,
// plain and "2", on random operands, edge values and −2^15 / −2^31 elements that make the doubling ones saturate;
// FPSR (QC) printed and cleared after each saturating group; Vd also the element register once. Then reserved sizes
// (MUL by element .8b, size = 00; SQDMULH by element, size = 11): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

// v1: Vn, v2 and v17: the element registers, v0: the prior destination (from x20: three Q registers, v17 = v2)
.macro OPS
	ldp	q1, q2, [x20]
	ldr	q0, [x20, #32]
	mov	v17.16b, v2.16b
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

.macro SAME op:req
	ONE	\op\()_4h_0, \op v0.4h, v1.4h, v2.h[0]
	ONE	\op\()_8h_7, \op v0.8h, v1.8h, v2.h[7]
	ONE	\op\()_8h_5, \op v0.8h, v1.8h, v2.h[5]
	ONE	\op\()_2s_3, \op v0.2s, v1.2s, v17.s[3]
	ONE	\op\()_4s_1, \op v0.4s, v1.4s, v17.s[1]
	ONE	\op\()_4s_d, \op v0.4s, v1.4s, v0.s[2]
.endm

.macro LONG op:req
	ONE	\op\()_4s_0, \op v0.4s, v1.4h, v2.h[0]
	ONE	\op\()2_4s_6, \op\()2 v0.4s, v1.8h, v2.h[6]
	ONE	\op\()_2d_3, \op v0.2d, v1.2s, v17.s[3]
	ONE	\op\()2_2d_2, \op\()2 v0.2d, v1.4s, v17.s[2]
	ONE	\op\()2_2d_d, \op\()2 v0.2d, v1.4s, v0.s[1]
.endm

.macro SCALAR_SAME op:req
	ONE	\op\()_h, \op h0, h1, v2.h[3]
	ONE	\op\()_s, \op s0, s1, v17.s[2]
.endm

.macro SCALAR_LONG op:req
	ONE	\op\()_s, \op s0, h1, v2.h[4]
	ONE	\op\()_d, \op d0, s1, v17.s[0]
.endm

.macro ALL
	.irp op, mul, mla, mls
	SAME	\op
	.endr
	.irp op, smull, umull, smlal, umlal, smlsl, umlsl
	LONG	\op
	.endr
	.irp op, sqdmulh, sqrdmulh
	SAME	\op
	QC	\op
	SCALAR_SAME \op
	QC	\op\()_s
	.endr
	.irp op, sqdmull, sqdmlal, sqdmlsl
	LONG	\op
	QC	\op
	SCALAR_LONG \op
	QC	\op\()_s
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	msr	fpsr, xzr
	.irp set, random1, random2, edges, minmin
	ldr	x20, =\set
	ALL
	.endr
	RESUME	1f
	.inst	0x0f028020			// mul by element with size = 00: reserved
1:	RESUME	1f
	.inst	0x4fc2c020			// sqdmulh by element with size = 11: reserved
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
	.quad	0x80007fff0000ffff, 0x7fffffff80000000, 0x80007fff80000001, 0xffff800080000000
	.quad	0x7fffffffffffffff, 0x8000000000000000
minmin:
	// −2^15 and −2^31 in every lane of both operands (SQDMULH, SQDMULL saturate), accumulators near the limits
	.quad	0x8000000080008000, 0x8000800080000000, 0x8000800080008000, 0x8000000080000000
	.quad	0x8000000180000001, 0x7ffffffffffffff0
