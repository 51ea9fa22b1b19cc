// Advanced SIMD lengthening shifts at EL2: SSHLL/USHLL and their "2" forms for every element size at shift 0 (the
// SXTL/UXTL aliases), a middle and the largest shift, on lanes with sign bits, all bits and single bits set; the
// destination equal to the source once (Vd = Vn). Then SSHLL with immh = 1xxx (reserved: UNDEFINED).
	.include "lib.inc"
	.include "simd.inc"

.macro LONG op:req, d:req, s:req, k:req
	\op	v0.\d, v1.\s, #\k
	SHOWQ	\op\()_\d\()_\k
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp off, 0, 16, 32
	ldr	q1, [x20, #\off]
	.irp op, sshll, ushll
	LONG	\op, 8h, 8b, 0
	LONG	\op, 8h, 8b, 3
	LONG	\op, 8h, 8b, 7
	LONG	\op, 4s, 4h, 0
	LONG	\op, 4s, 4h, 9
	LONG	\op, 4s, 4h, 15
	LONG	\op, 2d, 2s, 0
	LONG	\op, 2d, 2s, 1
	LONG	\op, 2d, 2s, 17
	LONG	\op, 2d, 2s, 31
	.endr
	.irp op, sshll2, ushll2
	LONG	\op, 8h, 16b, 0
	LONG	\op, 8h, 16b, 5
	LONG	\op, 4s, 8h, 0
	LONG	\op, 4s, 8h, 12
	LONG	\op, 2d, 4s, 0
	LONG	\op, 2d, 4s, 31
	.endr
	.endr
	sxtl	v1.4s, v1.4h			// Vd = Vn
	SHOWQ	sxtl_same, 1
	uxtl2	v1.2d, v1.4s
	SHOWQ	uxtl2_same, 1
	RESUME	1f
	.inst	0x0f40a420			// sshll with immh = 1000: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:	.quad	0xffff8000ffff7fff, 0x80017f0180ff7f00
	.quad	0x7fffffff80000001, 0x00000001ffffffff
	.quad	0x0123456789abcdef, 0xfedcba9876543210
