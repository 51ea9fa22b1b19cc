// LDR/STR (unsigned offset) of every size, LDRSB/LDRSH/LDRSW to W and X, on RAM with the MMU off (aligned only:
// EL2 with SCTLR_EL2.M=0 sees Device memory).
	.include "lib.inc"
main:
	ldr	x1, =buf
	ldr	x2, =0x8182838485868788
	str	x2, [x1, #8]
	str	w2, [x1, #16]
	strh	w2, [x1, #20]
	strb	w2, [x1, #22]
	ldr	x3, [x1, #8]
	PRINT	ldr_x, x3
	ldr	x3, [x1, #16]
	PRINT	mixed_x, x3
	ldr	w3, [x1, #12]
	PRINT	ldr_w, x3
	ldrh	w3, [x1, #10]
	PRINT	ldrh, x3
	ldrb	w3, [x1, #15]
	PRINT	ldrb, x3
	ldrsb	x3, [x1, #15]
	PRINT	ldrsb_x, x3
	ldrsb	w3, [x1, #15]
	PRINT	ldrsb_w, x3
	ldrsh	x3, [x1, #14]
	PRINT	ldrsh_x, x3
	ldrsh	w3, [x1, #14]
	PRINT	ldrsh_w, x3
	ldrsw	x3, [x1, #12]
	PRINT	ldrsw, x3
	ldr	x4, =0x7f7f7f7f
	str	w4, [x1, #24]
	ldrsw	x3, [x1, #24]
	PRINT	ldrsw_pos, x3
	ldr	x3, [x1, #32760]
	PRINT	ldr_max_off, x3
	ret
	.data
	.balign	16
buf:	.skip	32768
