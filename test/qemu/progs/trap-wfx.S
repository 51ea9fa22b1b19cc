// HCR_EL2.TWI traps WFI executed at EL1 to EL2 (EC 0x01, ISS.TI = 0; ELR = the trapped instruction).
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TWI | HCR_TWE
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	wfi
	wfi
	EXIT
