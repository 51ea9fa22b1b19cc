// Exclusives on RAM: LDXR/STXR success (status 0), STXR with no monitor (status 1), CLREX, LDAXR/STLXR,
// LDXP/STXP, byte and halfword forms. Stores of a failed STXR must not happen.
	.include "lib.inc"
main:
	ldr	x1, =buf
	ldr	x2, =0x5555555555555555
	str	x2, [x1]
	ldxr	x3, [x1]
	PRINT	ldxr, x3
	add	x3, x3, #1
	stxr	w4, x3, [x1]
	PRINT	stxr_status, x4
	ldr	x5, [x1]
	PRINT	after_stxr, x5
	stxr	w4, x2, [x1]
	PRINT	stxr_nomon_status, x4
	ldr	x5, [x1]
	PRINT	after_failed, x5
	ldxr	x3, [x1]
	clrex
	stxr	w4, x2, [x1]
	PRINT	stxr_after_clrex, x4
	ldaxr	w3, [x1]
	stlxr	w4, w2, [x1]
	PRINT	stlxr_status, x4
	ldr	x5, [x1]
	PRINT	after_stlxr, x5
	ldxp	x6, x7, [x1]
	stxp	w4, x7, x6, [x1]
	PRINT	stxp_status, x4
	ldp	x6, x7, [x1]
	PRINT	stxp_lo, x6
	add	x8, x1, #3
	ldxrb	w3, [x8]
	stxrb	w4, wzr, [x8]
	PRINT	stxrb_status, x4
	add	x8, x1, #6
	ldxrh	w3, [x8]
	PRINT	ldxrh, x3
	stxrh	w4, wzr, [x8]
	ldr	x5, [x1]
	PRINT	after_b_h, x5
	ret
	.data
	.balign	16
buf:	.skip	64
