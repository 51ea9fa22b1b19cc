// Advanced SIMD compares against zero at EL2: CMGT, CMEQ, CMLT, CMGE, CMLE (zero) in every arrangement on lanes
// holding zero, the signed extremes and mixed values (64-bit lanes: zero, a negative high half, a zero high half
// with a set low half); then CMEQ .1d (reserved: UNDEFINED).
	.include "lib.inc"
	.include "simd.inc"

.macro CMZ op:req
	.irp t, 8b, 16b, 4h, 8h, 2s, 4s, 2d
	ldr	q0, [x20, #16]			// the result overwrites a non-zero value
	\op	v0.\t, v1.\t, #0
	SHOWQ	\op\()_\t
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp off, 0, 32
	ldr	q1, [x20, #\off]
	.irp op, cmgt, cmeq, cmlt, cmge, cmle
	CMZ	\op
	.endr
	.endr
	RESUME	1f
	.inst	0x0ee09820			// cmeq v0.1d, v1.1d, #0: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:	.quad	0x7f80ff0001000000, 0x8000000000000000
	.quad	0x00000000ffffffff, 0xfffe000100007fff
	.quad	0x0000000000000000, 0x0000000100000000
	.quad	0xffffffff00000000, 0x8000000000000001
