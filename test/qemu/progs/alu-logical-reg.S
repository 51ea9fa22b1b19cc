// AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register incl. ROR), MVN, 64 and 32-bit.
	.include "lib.inc"
main:
	ldr	x1, =0x0123456789abcdef
	ldr	x2, =0xff00ff00f0f0f0f0
	and	x3, x1, x2
	PRINT	and, x3
	bic	x3, x1, x2, lsl #4
	PRINT	bic_lsl4, x3
	orr	x3, x1, x2, lsr #8
	PRINT	orr_lsr8, x3
	orn	x3, x1, x2, asr #12
	PRINT	orn_asr12, x3
	eor	x3, x1, x2, ror #16
	PRINT	eor_ror16, x3
	eon	x3, x1, x2
	PRINT	eon, x3
	mvn	x3, x1, ror #1
	PRINT	mvn_ror1, x3
	and	w3, w1, w2, ror #4
	PRINT	and32_ror4, x3
	eon	w3, w1, w2, asr #31
	PRINT	eon32_asr31, x3
	ands	x3, x1, x2
	PRINTSYS ands_nzcv, nzcv
	bics	x3, x2, x2
	PRINT	bics_self, x3
	PRINTSYS bics_self_nzcv, nzcv
	bics	w3, w2, w1
	PRINT	bics32, x3
	PRINTSYS bics32_nzcv, nzcv
	mov	x0, #0x30000000
	msr	nzcv, x0
	ands	x3, x1, x1
	PRINTSYS ands_clears_cv, nzcv
	ret
