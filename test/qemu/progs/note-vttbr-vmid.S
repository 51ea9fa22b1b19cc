// The design note's snippet `MOV x0, #(UNIQUE_VMID << 16); MSR VTTBR_EL2, x0` with UNIQUE_VMID = 5: the value lands
// in BADDR (bits 47:1), not in VMID (bits 55:48), which stays 0. Then the note's HCR_EL2 writes (`MOV x0, #0` and
// `MOV x0, #(1 << 0)`) and barrier/TLBI snippets, read back at EL2.
	.include "lib.inc"
	.equ	UNIQUE_VMID, 5
main:
	mov	x0, #(UNIQUE_VMID << 16)	// VMID in the upper 16 bits (as the note says)
	msr	vttbr_el2, x0
	mrs	x1, vttbr_el2
	PRINT	vttbr_el2, x1
	ubfx	x2, x1, #48, #8
	PRINT	vmid_field, x2
	mov	x0, #0
	msr	hcr_el2, x0
	PRINTSYS hcr_after_clear, hcr_el2
	mov	x0, #(1 << 0)			// VM bit
	msr	hcr_el2, x0
	PRINTSYS hcr_after_vm, hcr_el2
	dsb	sy
	isb
	tlbi	vmalle1
	dsb	sy
	isb
	msr	vttbr_el2, xzr
	msr	hcr_el2, xzr
	isb
	PRINTI	snippets_done, 1
	ret
