// Advanced SIMD scalar floating point, two-register miscellaneous (FCVT{N,M,A,P,Z}{S,U}, SCVTF/UCVTF, FRECPE,
// FRSQRTE, FRECPX, FCMGT/FCMEQ/FCMLT/FCMGE/FCMLE #0.0 on S and D registers, FCVTXN Sd, Dn), against QEMU on random
// operands as asimd-fp.S draws them (fp-random.inc: V1 the operand, V3 V0's value before each instruction — the bits
// above the scalar result must be cleared —, a random FPCR and operand shape: raw bits, exponents near 1.0 as singles
// or doubles, denormal/zero lanes), FPSR cleared before each; V0 and FPSR hashed (fp-scalar.inc), one hash line every
// 100 iterations. Then FCVTXN from a single (reserved) and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1000

.macro ONE insn:vararg
	VPRE
	\insn
	POST_V
.endm

.macro MISC r:req
	.irp op, fcvtns, fcvtms, fcvtas, scvtf, fcvtps, fcvtzs, frecpe, frecpx, fcvtnu, fcvtmu, fcvtau, ucvtf, fcvtpu, fcvtzu, frsqrte
	ONE	\op \r\()0, \r\()1
	.endr
	.irp op, fcmgt, fcmeq, fcmlt, fcmge, fcmle
	ONE	\op \r\()0, \r\()1, #0.0
	.endr
.endm

main:
	RANDOM_START 0x94d049bb133111eb
loop:
	VEC_OPERANDS x13, x14
	MISC	s
	MISC	d
	ONE	fcvtxn s0, d1
	RANDOM_NEXT ITERATIONS, loop
	RESUME	1f
	.inst	0x7e216820			// fcvtxn from a single (sz = 0): reserved
1:	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: the scalar forms trap
	msr	cptr_el2, x0
	isb
	RESUME	2f
	frecpx	d0, d1
2:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
