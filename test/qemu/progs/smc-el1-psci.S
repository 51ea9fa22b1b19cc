// SMC at EL1 without HCR_EL2.TSC reaches QEMU's PSCI firmware (conduit SMC): PSCI_VERSION, an unknown function.
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	ldr	x0, =0x84000000
	smc	#0
	PRINT	el1_psci_version, x0
	ldr	x0, =0xc4000099
	smc	#0
	PRINT	el1_unknown_fn, x0
	EXIT
