// SCTLR_EL2 and TCR_EL2 at reset: the Arm ARM gives them RES1 bits (SCTLR_EL2 bits 4,5,11,16,18,22,23,28,29;
// TCR_EL2 bits 31 and 23); QEMU 7.2 reads 0 (ARCH-NOTES §14 D6).
	.include "lib.inc"
main:
	PRINTSYS sctlr_el2, sctlr_el2
	PRINTSYS tcr_el2, tcr_el2
	ret
