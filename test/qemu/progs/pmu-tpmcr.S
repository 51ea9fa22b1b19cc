// MDCR_EL2.TPMCR traps EL0/EL1 accesses to PMCR_EL0 to EL2 (EC 0x18), and only those (ARM §D24.2 MDCR_EL2.TPMCR).
	.include "lib.inc"
main:
	ldr	x0, =(1 << 5) | 6		// TPMCR, HPMN = 6
	msr	mdcr_el2, x0
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	mrs	x1, pmcr_el0			// TPMCR: to EL2
	msr	pmcr_el0, xzr			// TPMCR: to EL2
	PRINTSYS el1_pmcntenset, pmcntenset_el0
	EXIT
