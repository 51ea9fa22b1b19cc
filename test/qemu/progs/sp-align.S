// SP alignment checking (ARM AArch64.CheckSPAlignment, EC 0x26): a load/store using a misaligned SP at EL1t with
// SCTLR_EL1.SA = 1 and at EL0 with SCTLR_EL1.SA0 = 1 (both set at reset). QEMU 7.2 does not check SP alignment.
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c4, el1t_entry
el1t_entry:
	mov	x5, sp
	sub	sp, sp, #4
	ldr	x0, [sp]
	str	x0, [sp, #8]
	mov	sp, x5
	ERET_TO	el1, 0x0, el0_entry
el0_entry:
	mov	x5, sp
	sub	sp, sp, #8
	ldr	x0, [sp]
	mov	sp, x5
	PRINTI	el0_done, 1
	mov	x0, #0
	svc	#EXIT_IMM
