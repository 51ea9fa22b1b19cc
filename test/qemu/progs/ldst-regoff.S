// Register-offset addressing: LSL #0/#size, UXTW, SXTW (negative index), SXTX, for every size.
	.include "lib.inc"
main:
	ldr	x1, =table + 64
	mov	x2, #3
	ldr	x3, [x1, x2, lsl #3]
	PRINT	ldr_lsl3, x3
	mov	x8, #16
	ldr	x3, [x1, x8]
	PRINT	ldr_unscaled_idx, x3
	mov	w4, #-2
	ldr	x3, [x1, w4, sxtw #3]
	PRINT	ldr_sxtw3, x3
	ldr	w3, [x1, w4, sxtw #2]
	PRINT	ldr_w_sxtw2, x3
	mov	x5, #-4
	ldrh	w3, [x1, x5, sxtx #1]
	PRINT	ldrh_sxtx1, x3
	mov	w6, #8
	ldrb	w3, [x1, w6, uxtw]
	PRINT	ldrb_uxtw, x3
	ldrsh	x3, [x1, x2, lsl #1]
	PRINT	ldrsh_lsl1, x3
	ldr	x7, =0xdeadbeefcafef00d
	str	x7, [x1, x2, lsl #3]
	ldr	x3, [x1, #24]
	PRINT	str_lsl3, x3
	strb	w7, [x1, w4, sxtw]
	ldr	x3, [x1, #-8]
	PRINT	strb_sxtw, x3
	ret
	.data
	.balign	16
	.quad	0xa0a1a2a3a4a5a6a7, 0xb0b1b2b3b4b5b6b7, 0xc0c1c2c3c4c5c6c7, 0xd0d1d2d3d4d5d6d7
	.quad	0xe0e1e2e3e4e5e6e7, 0xf0f1f2f3f4f5f6f7, 0x9091929394959697, 0x8081828384858687
table:	.quad	0x0001020304050607, 0x1011121314151617, 0x2021222324252627, 0x3031323334353637
