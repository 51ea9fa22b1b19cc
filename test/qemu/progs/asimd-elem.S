// Advanced SIMD integer multiplies by element at EL2: every instruction with 16-bit elements (Vm from V0–V15, index
// H:L:M — the lowest and highest) and 32-bit ones (Vm = M:Rm from V16–V31, index H:L), vector (both Q) and scalar,
// plain and "2", on random operands, edge values and −2^15 / −2^31 elements that make the doubling ones saturate;
// FPSR (QC) printed and cleared after each saturating group; Vd also the element register once. Then reserved sizes
// (MUL by element .8b, size = 00; SQDMULH by element, size = 11): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"
	.include "asimd-forms.inc"

// v1: Vn, v2 and v17: the element registers, v0: the prior destination (from x20: three Q registers, v17 = v2)
.macro OPS
	ldp	q1, q2, [x20]
	ldr	q0, [x20, #32]
	mov	v17.16b, v2.16b
.endm

// a saturating instruction's vector forms, FPSR, its scalar forms, FPSR (a macro of its own: in an .irp inside a
// macro the outer expansion takes the `\()` of `\op\()_s`, leaving the key `op_s`, in GNU as and src/asm alike)
.macro SATURATING vector:req, scalar:req, op:req
	\vector ONE, \op
	QC	\op
	\scalar ONE, \op
	QC	\op\()_s
.endm

.macro ALL
	.irp op, mul, mla, mls
	ELEM_SAME ONE, \op
	.endr
	.irp op, smull, umull, smlal, umlal, smlsl, umlsl
	ELEM_LONG ONE, \op
	.endr
	.irp op, sqdmulh, sqrdmulh
	SATURATING ELEM_SAME, ELEM_SCALAR_SAME, \op
	.endr
	.irp op, sqdmull, sqdmlal, sqdmlsl
	SATURATING ELEM_LONG, ELEM_SCALAR_LONG, \op
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
edges:
	.quad	0x80007fff0000ffff, 0x7fffffff80000000, 0x80007fff80000001, 0xffff800080000000
	.quad	0x7fffffffffffffff, 0x8000000000000000
minmin:
	// −2^15 and −2^31 in every lane of both operands (SQDMULH, SQDMULL saturate), accumulators near the limits
	.quad	0x8000000080008000, 0x8000800080000000, 0x8000800080008000, 0x8000000080000000
	.quad	0x8000000180000001, 0x7ffffffffffffff0
