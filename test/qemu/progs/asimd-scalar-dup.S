// The Advanced SIMD scalar-only instructions at EL2: DUP (element) scalar (objdump's MOV) for every element size at
// the first, a middle and the last index, and ADDP Dd, Vn.2d (with carries out of the low word and past bit 63):
// the destination (first all ones: the upper bits must be cleared) printed as two doublewords. Then DUP scalar with
// imm5 = 10000 (reserved): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

.macro MOVE r:req, e:req, i:req
	movi	v0.2d, #0xffffffffffffffff
	mov	\r\()0, v1.\e[\i]
	SHOWQ	mov_\r\()_\i
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp off, 0, 16, 32
	ldr	q1, [x20, #\off]
	.irp i, 0, 7, 15
	MOVE	b, b, \i
	.endr
	.irp i, 0, 3, 7
	MOVE	h, h, \i
	.endr
	.irp i, 0, 2, 3
	MOVE	s, s, \i
	.endr
	.irp i, 0, 1
	MOVE	d, d, \i
	.endr
	movi	v0.2d, #0xffffffffffffffff
	addp	d0, v1.2d
	SHOWQ	addp
	.endr
	addp	d1, v1.2d			// Vd = Vn
	SHOWQ	addp_same, 1
	RESUME	1f
	.inst	0x5e100420			// dup with imm5 = 10000: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:	.quad	0x0123456789abcdef, 0xfedcba9876543210
	.quad	0xffffffffffffffff, 0x0000000000000001
	.quad	0x80000000ffffffff, 0x8000000000000001
