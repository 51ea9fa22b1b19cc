// EL1t (SPSel = 0): a synchronous exception uses the current-EL SP_EL0 vector group (0x000) and runs on SP_EL1;
// SPSR.M = EL1t.
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c4, el1t_entry
el1t_entry:
	svc	#0x7
	brk	#0x8
	PRINTSYS spsel_after, SPSel
	EXIT
