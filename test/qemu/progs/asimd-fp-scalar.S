// Advanced SIMD scalar floating point, three same (FMULX, FCMEQ, FRECPS, FRSQRTS, FCMGE, FACGE, FABD, FCMGT, FACGT on
// S and D registers), against QEMU on random operands as asimd-fp.S draws them (fp-random.inc: V1, V2 operands, V3
// V0's value before each instruction — the bits above the scalar result must be cleared —, a random FPCR and operand
// shape: raw bits, exponents near 1.0 as singles or doubles, or denormal/zero V2 lanes), FPSR cleared before each;
// V0 and FPSR hashed (fp-scalar.inc), one hash line every 100 iterations. Then the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 2000

.macro ONE op:req, r:req
	VPRE
	\op	\r\()0, \r\()1, \r\()2
	POST_V
.endm

.macro SCALAR_BLOCK r:req
	.irp op, fmulx, fcmeq, frecps, frsqrts, fcmge, facge, fabd, fcmgt, facgt
	ONE	\op, \r
	.endr
.endm

main:
	RANDOM_START 0x9e3779b97f4a7c15
loop:
	VEC_OPERANDS x13, x14
	SCALAR_BLOCK s
	SCALAR_BLOCK d
	RANDOM_NEXT ITERATIONS, loop
	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: the scalar form traps
	msr	cptr_el2, x0
	isb
	RESUME	7f
	fabd	s0, s1, s2
7:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
