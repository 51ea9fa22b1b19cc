// The design note's "re-enable S2" snippet `MOV x0, #(1 << 0); MSR HCR_EL2, x0` leaves RW = 0, so an ERET to an
// AArch64 EL1 guest is an illegal exception return (EC 0x0E at EL2, SPSR.IL = 1), in QEMU and in the Arm ARM.
	.include "lib.inc"
main:
	mov	x0, #(1 << 0)			// VM bit
	msr	hcr_el2, x0
	isb
	ERET_TO	el2, 0x3c5, guest
guest:
	nop
	msr	hcr_el2, xzr
	isb
	PRINTSYS currentel_after, CurrentEL
	ret
