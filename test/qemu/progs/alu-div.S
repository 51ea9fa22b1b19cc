// UDIV/SDIV: truncation toward zero, division by zero gives 0, INT_MIN / -1 gives INT_MIN; 32 and 64-bit.
	.include "lib.inc"
main:
	mov	x1, #100
	mov	x2, #7
	udiv	x3, x1, x2
	PRINT	udiv, x3
	neg	x4, x1
	sdiv	x3, x4, x2
	PRINT	sdiv_neg, x3
	sdiv	x3, x1, xzr
	PRINT	sdiv_zero, x3
	udiv	x3, x1, xzr
	PRINT	udiv_zero, x3
	mov	x5, #0x8000000000000000
	mov	x6, #-1
	sdiv	x3, x5, x6
	PRINT	sdiv_min_m1, x3
	udiv	x3, x5, x6
	PRINT	udiv_big, x3
	mov	w5, #0x80000000
	sdiv	w3, w5, w6
	PRINT	sdiv32_min_m1, x3
	udiv	w3, w6, w2
	PRINT	udiv32, x3
	sdiv	w3, w4, w2
	PRINT	sdiv32_neg, x3
	ret
