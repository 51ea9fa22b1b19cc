// HCR_EL2.TID3 traps EL1 reads of the ID_AA64* group (EC 0x18); MIDR_EL1/MPIDR_EL1 read at EL1 return
// VPIDR_EL2/VMPIDR_EL2 (their reset values are printed first, then values written at EL2 are seen at EL1).
	.include "lib.inc"
main:
	PRINTSYS vpidr_reset, vpidr_el2
	PRINTSYS vmpidr_reset, vmpidr_el2
	ldr	x0, =0x410fd034
	msr	vpidr_el2, x0
	ldr	x0, =0x80000102
	msr	vmpidr_el2, x0
	SETHCR	HCR_RW | HCR_TID3
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	mrs	x1, id_aa64mmfr0_el1
	mrs	x2, id_aa64pfr0_el1
	mrs	x3, id_aa64isar0_el1
	PRINTSYS el1_midr, midr_el1
	PRINTSYS el1_mpidr, mpidr_el1
	EXIT
