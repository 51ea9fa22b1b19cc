// UBFM/SBFM/BFM and their aliases: LSL/LSR/ASR (imm), UBFX/SBFX/UBFIZ/SBFIZ/BFI/BFXIL, SXT*/UXT*, 32 and 64-bit.
	.include "lib.inc"
main:
	ldr	x1, =0x8123456789abcdef
	lsl	x2, x1, #12
	PRINT	lsl12, x2
	lsr	x2, x1, #60
	PRINT	lsr60, x2
	asr	x2, x1, #60
	PRINT	asr60, x2
	ubfx	x2, x1, #8, #20
	PRINT	ubfx_8_20, x2
	sbfx	x2, x1, #4, #8
	PRINT	sbfx_4_8, x2
	ubfiz	x2, x1, #40, #16
	PRINT	ubfiz_40_16, x2
	sbfiz	x2, x1, #8, #4
	PRINT	sbfiz_8_4, x2
	ldr	x3, =0xaaaaaaaaaaaaaaaa
	mov	x2, x3
	bfi	x2, x1, #16, #12
	PRINT	bfi_16_12, x2
	mov	x2, x3
	bfxil	x2, x1, #52, #12
	PRINT	bfxil_52_12, x2
	sxtb	x2, w1
	PRINT	sxtb, x2
	sxth	x2, w1
	PRINT	sxth, x2
	sxtw	x2, w1
	PRINT	sxtw, x2
	uxtb	w2, w1
	PRINT	uxtb, x2
	uxth	w2, w1
	PRINT	uxth, x2
	asr	w2, w1, #4
	PRINT	asr32_4, x2
	lsl	w2, w1, #28
	PRINT	lsl32_28, x2
	sbfx	w2, w1, #7, #1
	PRINT	sbfx32_7_1, x2
	mov	x2, x3
	bfi	w2, w1, #30, #2
	PRINT	bfi32_30_2, x2
	sbfm	x2, x1, #62, #3
	PRINT	sbfm_wrap, x2
	ret
