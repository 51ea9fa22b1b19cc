// MADD/MSUB/MUL/MNEG, SMADDL/SMSUBL/UMADDL/UMSUBL/SMULL/UMULL, SMULH/UMULH, 32-bit wraparound.
	.include "lib.inc"
main:
	ldr	x1, =0x0123456789abcdef
	ldr	x2, =0xfedcba9876543210
	ldr	x3, =0x1111111111111111
	madd	x4, x1, x2, x3
	PRINT	madd, x4
	msub	x4, x1, x2, x3
	PRINT	msub, x4
	mneg	x4, x1, x3
	PRINT	mneg, x4
	mul	w4, w1, w2
	PRINT	mul32, x4
	madd	w4, w1, w2, w3
	PRINT	madd32, x4
	smaddl	x4, w1, w2, x3
	PRINT	smaddl, x4
	smsubl	x4, w1, w2, x3
	PRINT	smsubl, x4
	umaddl	x4, w1, w2, x3
	PRINT	umaddl, x4
	umsubl	x4, w1, w2, x3
	PRINT	umsubl, x4
	smull	x4, w2, w2
	PRINT	smull, x4
	umull	x4, w2, w2
	PRINT	umull, x4
	smulh	x4, x1, x2
	PRINT	smulh, x4
	umulh	x4, x1, x2
	PRINT	umulh, x4
	mov	x5, #-1
	smulh	x4, x5, x5
	PRINT	smulh_m1, x4
	umulh	x4, x5, x5
	PRINT	umulh_max, x4
	ret
