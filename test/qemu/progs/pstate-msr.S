// PSTATE writes: MSR NZCV/DAIF (register), MSR DAIFSet/DAIFClr (immediate), SPSel switching at EL2.
	.include "lib.inc"
main:
	mov	x0, #0xa0000000
	msr	nzcv, x0
	PRINTSYS nzcv_a, nzcv
	mov	x0, #-1
	msr	nzcv, x0
	PRINTSYS nzcv_ff, nzcv
	msr	daifclr, #0xf
	PRINTSYS daif_clr, daif
	msr	daifset, #0x5
	PRINTSYS daif_set5, daif
	mov	x0, #0x3ff
	msr	daif, x0
	PRINTSYS daif_reg, daif
	mov	x1, sp
	msr	spsel, #0
	PRINTSYS spsel0, SPSel
	mov	x2, sp
	msr	spsel, #1
	PRINTSYS spsel1, SPSel
	mov	x3, sp
	sub	x2, x2, x3
	PRINT	sp0_minus_sp2, x2
	sub	x1, x1, x3
	PRINT	sp_same, x1
	ret
