// SMC at EL1 trapped to EL2 by HCR_EL2.TSC (EC 0x17, ISS = imm16, ELR = the SMC itself, not the next instruction).
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TSC
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	smc	#0x1234
	smc	#0
	PRINTI	el1_done, 1
	EXIT
