// Semihosting by EL under QEMU's -semihosting (QEMU 7.2: semihosting_enabled(current_el == 0), no userspace=on):
// HLT #0xF000 is a semihosting call at EL2 and EL1, and UNDEFINED at EL0 (EC 0x00 to EL1, or to EL2 under
// HCR_EL2.TGE). The call is SYS_ERRNO (0x13), which prints nothing and returns errno (0) in X0: X0 shows whether
// the call happened.
	.include "lib.inc"
	.equ	SYS_ERRNO, 0x13
.macro SEMI_ERRNO key
	mov	x0, #SYS_ERRNO
	hlt	#0xf000
	PRINT	\key, x0
.endm
main:
	SETHCR	HCR_RW
	SEMI_ERRNO el2_x0
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	SEMI_ERRNO el1_x0
	ERET_TO	el1, 0x0, el0_entry
el0_entry:
	SEMI_ERRNO el0_x0
	mov	x0, #0
	svc	#EXIT_IMM
