// LDP/STP (signed offset, pre-index, post-index), 32-bit pairs, LDPSW, LDNP/STNP.
	.include "lib.inc"
main:
	ldr	x1, =buf + 64
	ldr	x2, =0x1111111111111111
	ldr	x3, =0x2222222222222222
	stp	x2, x3, [x1, #-16]
	ldp	x4, x5, [x1, #-16]
	PRINT	ldp_a, x4
	PRINT	ldp_b, x5
	stp	x3, x2, [x1, #-32]!
	PRINT	stp_pre_base, x1
	ldp	x4, x5, [x1], #16
	PRINT	ldp_post_a, x4
	PRINT	ldp_post_base, x1
	ldr	w6, =0x80000001
	ldr	w7, =0x7ffffffe
	stp	w6, w7, [x1, #8]
	ldp	w4, w5, [x1, #8]
	PRINT	ldp32_a, x4
	PRINT	ldp32_b, x5
	ldpsw	x4, x5, [x1, #8]
	PRINT	ldpsw_a, x4
	PRINT	ldpsw_b, x5
	ldr	x4, [x1, #8]
	PRINT	stp32_as_x, x4
	stnp	x2, x3, [x1, #-64]
	ldnp	x4, x5, [x1, #-64]
	PRINT	ldnp_b, x5
	ldp	x4, x5, [x1, #-504]
	PRINT	ldp_min_off_base, x1
	ret
	.data
	.balign	16
buf:	.skip	128
