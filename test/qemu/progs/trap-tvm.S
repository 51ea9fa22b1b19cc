// HCR_EL2.TVM traps EL1 writes and HCR_EL2.TRVM EL1 reads of the virtual-memory controls to EL2 (EC 0x18,
// ISS = Op0/Op2/Op1/CRn/Rt/CRm/Direction); registers outside the set are not trapped.
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TVM | HCR_TRVM
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	mov	x3, #0
	msr	sctlr_el1, x3
	msr	ttbr0_el1, x3
	msr	tcr_el1, x3
	msr	mair_el1, x3
	mrs	x4, ttbr1_el1
	mrs	x5, far_el1
	mrs	x6, esr_el1
	msr	tpidr_el1, x3
	mrs	x7, vbar_el1
	PRINTI	el1_done, 1
	EXIT
