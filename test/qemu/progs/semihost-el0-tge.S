// HLT #0xF000 at EL0 under HCR_EL2.TGE = 1 with QEMU's -semihosting: not a semihosting call at EL0 (QEMU 7.2 without
// -semihosting-config userspace=on), so UNDEFINED, and TGE routes the exception to EL2 (+0x400, EC 0x00).
	.include "lib.inc"
main:
	SETHCR	HCR_RW | HCR_TGE
	ERET_TO	el2, 0x0, el0_entry
el0_entry:
	mov	x0, #0x13			// SYS_ERRNO
	hlt	#0xf000
	PRINT	el0_x0, x0
	mov	x0, #0
	svc	#EXIT_IMM
