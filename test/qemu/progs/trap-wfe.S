// HCR_EL2.TWE and WFE at EL1. The trap is taken only if the WFE would enter a low-power state; QEMU 7.2 treats
// WFE as completing at once (never trapped), which the architecture permits.
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TWE
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	sevl
	wfe
	PRINTI	after_wfe, 1
	EXIT
