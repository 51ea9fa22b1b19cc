// ADD/ADDS/SUB/SUBS/NEG (shifted register: LSL, LSR, ASR), 64 and 32-bit, with NZCV.
	.include "lib.inc"
main:
	ldr	x1, =0x0123456789abcdef
	ldr	x2, =0xfedcba9876543210
	add	x3, x1, x2, lsl #4
	PRINT	add_lsl4, x3
	add	x3, x1, x2, lsr #63
	PRINT	add_lsr63, x3
	sub	x3, x1, x2, asr #8
	PRINT	sub_asr8, x3
	adds	x3, x1, x2
	PRINT	adds, x3
	PRINTSYS adds_nzcv, nzcv
	subs	x3, x1, x2
	PRINT	subs, x3
	PRINTSYS subs_nzcv, nzcv
	add	w3, w1, w2, lsl #31
	PRINT	add32_lsl31, x3
	subs	w3, w2, w1, asr #3
	PRINT	subs32_asr3, x3
	PRINTSYS subs32_asr3_nzcv, nzcv
	neg	x3, x1, lsl #1
	PRINT	neg_lsl1, x3
	negs	w3, wzr
	PRINTSYS negs_zero_nzcv, nzcv
	cmp	x2, x1, lsr #1
	PRINTSYS cmp_lsr_nzcv, nzcv
	ret
