// An ERET from EL1 to AArch32 User mode (SPSR_EL1.M = 0b10000, A32). QEMU's A57 implements AArch32 at EL0: the A32
// code runs and its SVC arrives at VBAR_EL1 + 0x600 (lower EL using AArch32, EC 0x11). twostage does not execute
// AArch32 and says so (ID_AA64PFR0_EL1.EL0 = 0b0001; DEVIATIONS.md A1): the return is illegal (J1.3
// IllegalExceptionReturn: ELFromM32 finds no AArch32 EL0), PSTATE.IL = 1 and EL1 takes EC 0x0E at +0x200.
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	ldr	x0, =a32_vectors
	msr	vbar_el1, x0
	isb
	ERET_TO	el1, 0x10, a32_code
	.balign	4
a32_code:
	.word	0xef000000			// A32: svc #0
	.word	0xeafffffe			// A32: b . (never reached)

// Every EL1 vector reports the exception and exits through lib's EL2 handler.
.macro A32_VEC off
	.balign	0x80
	mov	x1, #\off
	b	a32_report
.endm
	.balign	2048
a32_vectors:
	A32_VEC	0x000
	A32_VEC	0x080
	A32_VEC	0x100
	A32_VEC	0x180
	A32_VEC	0x200
	A32_VEC	0x280
	A32_VEC	0x300
	A32_VEC	0x380
	A32_VEC	0x400
	A32_VEC	0x480
	A32_VEC	0x500
	A32_VEC	0x580
	A32_VEC	0x600
	A32_VEC	0x680
	A32_VEC	0x700
	A32_VEC	0x780
a32_report:
	PRINT	exc, x1
	PRINTSYS esr, esr_el1
	PRINTSYS elr, elr_el1
	PRINTSYS spsr, spsr_el1
	mov	x0, #0
	hvc	#EXIT_IMM
	.ltorg
