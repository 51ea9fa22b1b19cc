// CSEL/CSINC/CSINV/CSNEG and CSET/CSETM/CINC/CNEG for both outcomes, 64 and 32-bit.
	.include "lib.inc"
main:
	mov	x1, #5
	mov	x2, #9
	cmp	x1, x2
	csel	x3, x1, x2, lt
	PRINT	csel_lt, x3
	csinc	x3, x1, x2, ge
	PRINT	csinc_ge, x3
	csinv	x3, x1, x2, hi
	PRINT	csinv_hi, x3
	csneg	x3, x1, x2, cs
	PRINT	csneg_cs, x3
	cset	x3, cc
	PRINT	cset_cc, x3
	csetm	x3, ne
	PRINT	csetm_ne, x3
	csetm	w3, eq
	PRINT	csetm32_eq, x3
	cinc	w3, w2, mi
	PRINT	cinc32_mi, x3
	cneg	x3, x2, le
	PRINT	cneg_le, x3
	csinv	w3, w1, wzr, vs
	PRINT	csinv32_vs, x3
	csinc	x3, xzr, xzr, al
	PRINT	csinc_al, x3
	ret
