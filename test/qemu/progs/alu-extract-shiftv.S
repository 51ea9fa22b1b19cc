// EXTR/ROR (immediate) and LSLV/LSRV/ASRV/RORV with amounts taken modulo the register size.
	.include "lib.inc"
main:
	ldr	x1, =0x0123456789abcdef
	ldr	x2, =0xfedcba9876543210
	extr	x3, x1, x2, #8
	PRINT	extr8, x3
	extr	x3, x1, x2, #0
	PRINT	extr0, x3
	extr	w3, w1, w2, #31
	PRINT	extr32_31, x3
	ror	x3, x1, #36
	PRINT	ror36, x3
	ror	w3, w1, #4
	PRINT	ror32_4, x3
	mov	x4, #68
	lsl	x3, x1, x4
	PRINT	lslv_68, x3
	lsr	x3, x2, x4
	PRINT	lsrv_68, x3
	asr	x3, x2, x4
	PRINT	asrv_68, x3
	ror	x3, x1, x4
	PRINT	rorv_68, x3
	mov	x4, #35
	lsl	w3, w1, w4
	PRINT	lslv32_35, x3
	asr	w3, w2, w4
	PRINT	asrv32_35, x3
	ror	w3, w1, w4
	PRINT	rorv32_35, x3
	mov	x4, #63
	asr	x3, x2, x4
	PRINT	asrv_63, x3
	ret
