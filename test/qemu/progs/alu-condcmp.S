// CCMP/CCMN (immediate and register): the comparison when the condition holds, #nzcv when it does not.
	.include "lib.inc"
main:
	mov	x1, #5
	mov	x2, #5
	cmp	x1, x2
	ccmp	x1, #7, #0x4, eq
	PRINTSYS ccmp_taken, nzcv
	cmp	x1, #6
	ccmp	x1, #7, #0x9, eq
	PRINTSYS ccmp_not_taken, nzcv
	cmp	x1, x2
	ccmn	x1, #5, #0x0, eq
	PRINTSYS ccmn_taken, nzcv
	mov	x3, #-5
	cmp	x1, x2
	ccmn	x1, x3, #0xf, ne
	PRINTSYS ccmn_reg_not_taken, nzcv
	cmp	x1, x2
	ccmp	w3, w1, #0x2, ge
	PRINTSYS ccmp32_reg_taken, nzcv
	ldr	w4, =0x80000000
	cmp	x1, x2
	ccmp	w4, #1, #0, eq
	PRINTSYS ccmp32_ovf, nzcv
	ret
