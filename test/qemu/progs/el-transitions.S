// EL2 -> EL1h by ERET with HCR_EL2.RW = 1, then EL1 -> EL0t: CurrentEL, SPSel and DAIF as restored from SPSR,
// NZCV carried through SPSR, SVC from EL0 to EL1 (vector 0x400), HVC from EL1 to EL2 (vector 0x400).
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x600003c5, el1_entry		// EL1h, Z and C set, DAIF masked
el1_entry:
	PRINTSYS el1_currentel, CurrentEL
	PRINTSYS el1_spsel, SPSel
	PRINTSYS el1_daif, daif
	PRINTSYS el1_nzcv, nzcv
	hvc	#0x11
	PRINTI	el1_back_from_hvc, 1
	ERET_TO	el1, 0x80000000, el0_entry		// EL0t, N set, DAIF clear
el0_entry:
	PRINTSYS el0_nzcv, nzcv
	PRINTSYS el0_daif, daif
	svc	#0x22
	PRINTI	el0_back_from_svc, 1
	mov	x0, #0
	svc	#EXIT_IMM
