// ADD/SUB/ADDS/CMP (extended register): UXTB..SXTX with LSL #0–4, SP operands.
	.include "lib.inc"
main:
	ldr	x1, =0x1000
	ldr	x2, =0x80818283848586f7
	add	x3, x1, w2, uxtb
	PRINT	uxtb, x3
	add	x3, x1, w2, uxth #1
	PRINT	uxth1, x3
	add	x3, x1, w2, uxtw #2
	PRINT	uxtw2, x3
	add	x3, x1, x2, uxtx #3
	PRINT	uxtx3, x3
	add	x3, x1, w2, sxtb
	PRINT	sxtb, x3
	add	x3, x1, w2, sxth #4
	PRINT	sxth4, x3
	add	x3, x1, w2, sxtw
	PRINT	sxtw, x3
	sub	x3, x1, x2, sxtx #2
	PRINT	sub_sxtx2, x3
	add	w3, w1, w2, sxtb #1
	PRINT	add32_sxtb1, x3
	adds	x3, x1, w2, sxtb
	PRINTSYS adds_sxtb_nzcv, nzcv
	cmp	x1, w2, uxth
	PRINTSYS cmp_uxth_nzcv, nzcv
	mov	x9, sp
	add	x4, sp, w1, uxtw
	sub	x4, x4, x9
	PRINT	sp_plus_w, x4
	ret
