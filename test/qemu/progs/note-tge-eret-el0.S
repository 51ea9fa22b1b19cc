// The design note's snippet `MOV x0, #(1 << 27); MSR HCR_EL2, x0` (TGE = 1, everything else 0, so RW = 0), then an
// ERET to AArch64 EL0. Arm ARM: EL1 is AArch32, so AArch64 EL0 is an illegal return (IL = 1, EC 0x0E at EL2).
// QEMU 7.2 enters EL0 (ARCH-NOTES §14 D2); its SVC then arrives at VBAR_EL2 + 0x600.
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
