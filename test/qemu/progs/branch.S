// B, B.cond, CBZ/CBNZ, TBZ/TBNZ (bit 0 and bit 63, W form), BL/BLR link values, BR, RET Xn.
	.include "lib.inc"
main:
	mov	x20, x30
	mov	x19, #0
	mov	x1, #0
	cbz	x1, 1f
	orr	x19, x19, #1
1:	cbnz	w1, 2f
	orr	x19, x19, #2
2:	mov	x1, #0x8000000000000000
	tbnz	x1, #63, 3f
	orr	x19, x19, #4
3:	tbz	x1, #0, 4f
	orr	x19, x19, #8
4:	mov	w2, #0x80000000
	tbz	w2, #31, 5f
	orr	x19, x19, #16
5:	cmp	x1, #0
	b.mi	6f
	orr	x19, x19, #32
6:	b.eq	7f
	orr	x19, x19, #64
7:	PRINT	not_taken_mask, x19
	bl	sub1
lr_after_bl:
	PRINT	bl_lr, x0
	adr	x3, sub1
	blr	x3
	PRINT	blr_lr, x0
	adr	x4, 8f
	br	x4
	PRINTI	br_skipped, 1
8:	adr	x5, 9f
	mov	x6, x30
	mov	x30, x5
	ret
	PRINTI	ret_skipped, 1
9:	PRINTI	expect_bl_lr, lr_after_bl
	mov	x30, x20
	ret
sub1:
	mov	x0, x30
	ret
