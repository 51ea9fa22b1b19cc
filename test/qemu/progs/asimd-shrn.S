// Advanced SIMD narrowing shifts at EL2: SHRN/SHRN2 and RSHRN/RSHRN2 for every element size at the smallest, a
// middle and the largest shift, on lanes with all bits, sign bits and rounding carries set; the "2" forms keep the
// destination's lower half. Then SHRN with immh = 1xxx (reserved: UNDEFINED).
	.include "lib.inc"
	.include "simd.inc"

.macro NARROW op:req, d:req, s:req, k:req
	ldr	q0, [x20, #32]			// the destination's old value (its lower half stays under the "2" forms)
	\op	v0.\d, v1.\s, #\k
	SHOWQ	\op\()_\d\()_\k
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp off, 0, 16
	ldr	q1, [x20, #\off]
	.irp op, shrn, rshrn
	NARROW	\op, 8b, 8h, 1
	NARROW	\op, 8b, 8h, 5
	NARROW	\op, 8b, 8h, 8
	NARROW	\op, 4h, 4s, 1
	NARROW	\op, 4h, 4s, 9
	NARROW	\op, 4h, 4s, 16
	NARROW	\op, 2s, 2d, 1
	NARROW	\op, 2s, 2d, 17
	NARROW	\op, 2s, 2d, 32
	.endr
	.irp op, shrn2, rshrn2
	NARROW	\op, 16b, 8h, 3
	NARROW	\op, 8h, 4s, 12
	NARROW	\op, 4s, 2d, 31
	.endr
	.endr
	RESUME	1f
	.inst	0x0f408400			// shrn with immh = 1000: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:	.quad	0xffff8000ffff7fff, 0xffffffffffffffff
	.quad	0x7fffffff80000001, 0x00000001ffffffff
	.quad	0x0123456789abcdef, 0xfedcba9876543210
