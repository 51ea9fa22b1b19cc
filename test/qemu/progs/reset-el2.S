// Reset state at the ELF entry (EL2h): CurrentEL, PSTATE views and the EL2/EL1 control registers that QEMU's
// virt board leaves at reset (ARCH-NOTES §14: HCR_EL2 = VTCR_EL2 = VTTBR_EL2 = 0, SCTLR_EL1 = 0x00C50838).
	.include "lib.inc"
main:
	PRINTSYS currentel, CurrentEL
	PRINTSYS spsel, SPSel
	PRINTSYS daif, daif
	ldr	x0, =lib_reset_nzcv
	ldr	x0, [x0]
	PRINT	nzcv, x0
	PRINTSYS hcr_el2, hcr_el2
	PRINTSYS vtcr_el2, vtcr_el2
	PRINTSYS vttbr_el2, vttbr_el2
	PRINTSYS sctlr_el1, sctlr_el1
	PRINTSYS tcr_el1, tcr_el1
	PRINTSYS ttbr0_el1, ttbr0_el1
	PRINTSYS ttbr1_el1, ttbr1_el1
	PRINTSYS hpfar_el2, hpfar_el2
	PRINTSYS far_el2, far_el2
	PRINTSYS esr_el2, esr_el2
	ret
