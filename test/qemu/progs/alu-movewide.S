// MOVZ/MOVN/MOVK with every hw shift, 32-bit forms (upper half cleared), MOV aliases.
	.include "lib.inc"
main:
	movz	x1, #0xbeef, lsl #48
	PRINT	movz48, x1
	movk	x1, #0x1234, lsl #16
	PRINT	movk16, x1
	movk	x1, #0xffff
	PRINT	movk0, x1
	movn	x2, #0x1234, lsl #32
	PRINT	movn32sh, x2
	movn	w3, #0
	PRINT	movn_w, x3
	mov	x4, #-1
	movz	w4, #0x8000, lsl #16
	PRINT	movz_w16, x4
	mov	x5, #-1
	movk	w5, #0x1
	PRINT	movk_w_clears_hi, x5
	mov	x6, #0x10000
	PRINT	mov_alias, x6
	mov	w7, #-2
	PRINT	mov_w_neg, x7
	ret
