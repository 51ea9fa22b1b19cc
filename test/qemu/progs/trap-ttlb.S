// HCR_EL2.TTLB traps EL1 TLB maintenance to EL2 (EC 0x18 with the TLBI's encoding); TLBI at EL0 is UNDEFINED.
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TTLB
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	tlbi	vmalle1
	tlbi	vae1, x3
	tlbi	vmalle1is
	ERET_TO	el1, 0x0, el0_entry
el0_entry:
	tlbi	vmalle1
	mov	x0, #0
	svc	#EXIT_IMM
