// AND/ORR/EOR/ANDS/TST (bitmask immediate): element sizes 2..64, rotations, 32-bit forms, NZCV of ANDS.
	.include "lib.inc"
main:
	ldr	x1, =0x0123456789abcdef
	and	x2, x1, #0x5555555555555555
	PRINT	and_e2, x2
	orr	x2, x1, #0xf0f0f0f0f0f0f0f0
	PRINT	orr_e8, x2
	eor	x2, x1, #0x00ff00ff00ff00ff
	PRINT	eor_e16, x2
	and	x2, x1, #0x0000ffff0000ffff
	PRINT	and_e32, x2
	orr	x2, xzr, #0x7ffffffffffffffe
	PRINT	orr_e64_rot, x2
	eor	x2, x1, #0x8000000000000001
	PRINT	eor_e64_wrap, x2
	and	w2, w1, #0xff00ff00
	PRINT	and32, x2
	orr	w2, w1, #0x3
	PRINT	orr32, x2
	ands	x2, x1, #0x8000000000000000
	PRINTSYS ands_zero_nzcv, nzcv
	ldr	x3, =0x8000000000000001
	ands	x2, x3, #0xc000000000000000
	PRINT	ands_neg, x2
	PRINTSYS ands_neg_nzcv, nzcv
	tst	w3, #0x1
	PRINTSYS tst32_nzcv, nzcv
	mov	x9, sp
	and	sp, x1, #0xfffffffffffffff0
	mov	x4, sp
	mov	sp, x9
	PRINT	and_to_sp, x4
	ret
