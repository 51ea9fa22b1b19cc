// ADC/ADCS/SBC/SBCS/NGC with the carry clear and set, 64 and 32-bit.
	.include "lib.inc"
main:
	ldr	x1, =0xffffffffffffffff
	mov	x2, #1
	msr	nzcv, xzr
	adc	x3, x1, x2
	PRINT	adc_c0, x3
	mov	x0, #0x20000000
	msr	nzcv, x0
	adcs	x3, x1, x2
	PRINT	adcs_c1, x3
	PRINTSYS adcs_c1_nzcv, nzcv
	adcs	x3, x1, xzr
	PRINT	adcs_c1_again, x3
	PRINTSYS adcs_c1_again_nzcv, nzcv
	msr	nzcv, xzr
	sbcs	x3, x2, x2
	PRINT	sbcs_c0, x3
	PRINTSYS sbcs_c0_nzcv, nzcv
	msr	nzcv, x0
	sbcs	x3, x2, x2
	PRINT	sbcs_c1, x3
	PRINTSYS sbcs_c1_nzcv, nzcv
	ldr	w4, =0x7fffffff
	msr	nzcv, x0
	adcs	w5, w4, wzr
	PRINT	adcs32_ovf, x5
	PRINTSYS adcs32_ovf_nzcv, nzcv
	msr	nzcv, xzr
	sbcs	w5, wzr, w4
	PRINT	sbcs32, x5
	PRINTSYS sbcs32_nzcv, nzcv
	msr	nzcv, xzr
	ngc	x6, x2
	PRINT	ngc_c0, x6
	ret
