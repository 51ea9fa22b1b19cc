// ADR/ADRP results (relative to this ELF's link address) and LDR/LDRSW (literal).
	.include "lib.inc"
main:
	adr	x1, here
here:
	PRINT	adr, x1
	adr	x1, . - 0x100000 + 4
	PRINT	adr_back_1m, x1
	adrp	x2, here
	PRINT	adrp, x2
	adrp	x2, . + 0x7ffff000
	PRINT	adrp_far, x2
	ldr	x3, lit64
	PRINT	ldr_lit64, x3
	ldr	w3, lit64
	PRINT	ldr_lit32, x3
	ldrsw	x3, lit_neg
	PRINT	ldrsw_lit, x3
	ret
	.balign	8
lit64:	.quad	0x8877665544332211
lit_neg: .word	0x80000001
