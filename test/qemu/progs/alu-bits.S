// CLZ/CLS/RBIT/REV/REV16/REV32, 32 and 64-bit, including the all-zero and all-ones inputs.
	.include "lib.inc"
main:
	ldr	x1, =0x00000f0012345678
	clz	x2, x1
	PRINT	clz, x2
	clz	x2, xzr
	PRINT	clz_zero, x2
	clz	w2, w1
	PRINT	clz32, x2
	cls	x2, x1
	PRINT	cls, x2
	mov	x3, #-1
	cls	x2, x3
	PRINT	cls_m1, x2
	ldr	x4, =0xfff0000000000000
	cls	x2, x4
	PRINT	cls_neg, x2
	cls	w2, w4
	PRINT	cls32_zero, x2
	rbit	x2, x1
	PRINT	rbit, x2
	rbit	w2, w1
	PRINT	rbit32, x2
	rev	x2, x1
	PRINT	rev, x2
	rev	w2, w1
	PRINT	rev32w, x2
	rev16	x2, x1
	PRINT	rev16, x2
	rev16	w2, w1
	PRINT	rev16w, x2
	rev32	x2, x1
	PRINT	rev32, x2
	ret
