// ADD/ADDS/SUB/SUBS (immediate, optional LSL #12), 64- and 32-bit, with NZCV; SP as source and destination.
	.include "lib.inc"
main:
	ldr	x1, =0xfffffffffffff000
	add	x2, x1, #0xfff
	PRINT	add64, x2
	adds	x2, x1, #1, lsl #12
	PRINT	adds64_wrap, x2
	PRINTSYS adds64_wrap_nzcv, nzcv
	ldr	w3, =0x7fffffff
	adds	w4, w3, #1
	PRINT	adds32_ovf, x4
	PRINTSYS adds32_ovf_nzcv, nzcv
	mov	x5, #0
	subs	x5, x5, #1
	PRINT	subs_neg, x5
	PRINTSYS subs_neg_nzcv, nzcv
	subs	w6, w3, w3
	PRINT	subs32_zero, x6
	PRINTSYS subs32_zero_nzcv, nzcv
	ldr	x7, =0x8000000000000000
	subs	x8, x7, #1
	PRINT	subs64_ovf, x8
	PRINTSYS subs64_ovf_nzcv, nzcv
	cmp	x7, #0
	PRINTSYS cmp_min_nzcv, nzcv
	cmn	w3, #1
	PRINTSYS cmn32_nzcv, nzcv
	mov	x9, sp
	sub	sp, sp, #0x10, lsl #12
	mov	x10, sp
	add	sp, sp, #0x10, lsl #12
	sub	x10, x9, x10
	PRINT	sp_delta, x10
	add	w11, w3, #0x800, lsl #12
	PRINT	add32_trunc, x11
	ret
