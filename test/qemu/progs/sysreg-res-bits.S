// All-ones written to registers with RES0/RES1 fields, read back. QEMU keeps every written VTTBR_EL2/VTCR_EL2 bit
// (ARCH-NOTES §14 D6); HCR_EL2 keeps only the v8.0 writable mask; VBAR_ELx bits 10:0 are RES0.
	.include "lib.inc"
main:
	mov	x0, #-1
	msr	vbar_el2, x0
	mrs	x1, vbar_el2
	PRINT	vbar_el2, x1
	ldr	x0, =lib_vectors
	msr	vbar_el2, x0
	mov	x0, #-1
	msr	hcr_el2, x0
	mrs	x1, hcr_el2
	msr	hcr_el2, xzr
	isb
	PRINT	hcr_el2, x1
	msr	spsr_el2, x0
	PRINTSYS spsr_el2, spsr_el2
	msr	spsr_el1, x0
	PRINTSYS spsr_el1, spsr_el1
	msr	esr_el2, x0
	PRINTSYS esr_el2, esr_el2
	msr	vttbr_el2, x0
	PRINTSYS vttbr_el2, vttbr_el2
	msr	vtcr_el2, x0
	PRINTSYS vtcr_el2, vtcr_el2
	msr	vtcr_el2, xzr
	msr	vttbr_el2, xzr
	ret
