// The design note's snippet `MOV x0, #(1 << 27); MSR HCR_EL2, x0` (TGE = 1, everything else 0, so RW = 0), then an
// ERET to AArch64 EL0. On QEMU's A57 (EL1 can be AArch32) RW = 0 makes EL1 AArch32, so the Arm ARM says AArch64 EL0
// is an illegal return; QEMU 7.2 enters EL0 anyway (ARCH-NOTES §14 D2) and its SVC arrives at VBAR_EL2 + 0x600.
// twostage's EL1 is AArch64-only, so RW is RAO/WI: EL0 runs and its SVC arrives at + 0x400 (DEVIATIONS.md A1).
	.include "lib.inc"
main:
	mov	x0, #(1 << 27)			// TGE bit
	msr	hcr_el2, x0
	isb
	PRINTSYS hcr_el2, hcr_el2
	ERET_TO	el2, 0x0, app
app:
	svc	#0x1
	mov	x0, #0
	svc	#EXIT_IMM
