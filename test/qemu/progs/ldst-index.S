// Pre-index and post-index addressing with write-back (positive and negative offsets), LDUR/STUR.
	.include "lib.inc"
main:
	ldr	x1, =buf + 64
	ldr	x2, =0x1111111122222222
	str	x2, [x1, #-16]!
	PRINT	pre_base, x1
	ldr	x3, =0x3333333344444444
	str	x3, [x1], #24
	PRINT	post_base, x1
	ldr	x4, [x1, #-24]!
	PRINT	pre_ld, x4
	PRINT	pre_ld_base, x1
	ldrh	w4, [x1], #-2
	PRINT	post_ldh, x4
	PRINT	post_ldh_base, x1
	ldrsb	x4, [x1, #5]!
	PRINT	pre_ldsb, x4
	ldr	x1, =buf + 64
	stur	x2, [x1, #-8]
	ldur	w4, [x1, #-4]
	PRINT	ldur_w, x4
	ldursh	x4, [x1, #-2]
	PRINT	ldursh, x4
	sturb	w3, [x1, #-255]
	ldurb	w4, [x1, #-255]
	PRINT	ldurb, x4
	ret
	.data
	.balign	16
buf:	.skip	128
