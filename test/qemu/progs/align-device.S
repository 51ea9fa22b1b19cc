// D4: with stage 1 off every data access is to Device-nGnRnE memory (ARM J1.1 AArch64.S1DisabledOutput), and an
// unaligned access to Device memory takes an Alignment fault (DFSC 0x21) whatever SCTLR_ELx.A says
// (AArch64.CheckAlignment). Shown at EL2 (SCTLR_EL2.M = 0) and at EL1 (SCTLR_EL1.M = 0, HCR_EL2.VM = 0):
// LDR/STR at addr+1 and an aligned LDR as a control. A faulting load leaves x2 = 0x5a5a.
	.include "lib.inc"
main:
	ldr	x1, =probe
	mov	x2, #0x5a5a
	ldr	x2, [x1]
	PRINT	el2_aligned, x2
	mov	x2, #0x5a5a
	ldr	x2, [x1, #1]
	PRINT	el2_unaligned, x2
	str	w2, [x1, #2]
	ldr	x2, [x1, #8]
	PRINT	el2_after_store, x2
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	ldr	x1, =probe
	mov	x2, #0x5a5a
	ldr	x2, [x1]
	PRINT	el1_aligned, x2
	mov	x2, #0x5a5a
	ldrh	w2, [x1, #3]
	PRINT	el1_unaligned, x2
	EXIT

	.data
	.balign	16
probe:	.quad	0x0807060504030201, 0x1817161514131211
