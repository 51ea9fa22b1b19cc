// HCR_EL2.DC = 1 (ARM §D24.2.62 HCR_EL2.DC; J1.1 AArch64.S1DisabledOutput): the EL1&0 stage 1 behaves as disabled
// whatever SCTLR_EL1.M says (it still reads 1), data accesses get the default Normal Write-Back, Non-shareable
// attributes (so an unaligned access to RAM is no Alignment fault), and HCR_EL2.VM behaves as 1 for everything but a
// direct read (VM = 0 here): the guest's VA is an IPA that stage 2 translates. The guest's own stage-1 tables map
// the test VA elsewhere and are ignored. AT S1E1R reports the flat Normal WB mapping, AT S12E1R the stage-2 result;
// an IPA stage 2 leaves unmapped takes a stage-2 Translation fault to EL2.
	.include "lib.inc"
	.include "mmu.inc"
	.include "irq.inc"
	.equ	TEST_VA, 0x40200000
.macro AT_PRINT op:req, key:req, va:req
	ldr	x1, =\va
	at	\op, x1
	isb
	PRINTSYS \key, par_el1
.endm
main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	IDENTITY_L1_L2 s2_l1, s2_l2, s2_l3, S2_DEVICE, S2_NORMAL
	STORE_PTE s2_l3, 0, remap_page + S2_NORMAL + D_PAGE
	IDENTITY_L1_L2 s1_l1, s1_l2, s1_l3, S1_DEVICE, S1_NORMAL
	STORE_PTE s1_l3, 0, decoy_page + S1_NORMAL + D_PAGE
	S2_SETUP s2_l1, TCR_TG0_4K, 1, 32
	EL1_S1_TABLES s1_l1, 25
	ldr	x0, =SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I
	msr	sctlr_el1, x0
	SETHCR	HCR_RW | HCR_DC
	dsb	sy
	tlbi	alle1
	dsb	sy
	ERET_TO	el2, 0x3c5, guest
guest:
	ldr	x1, =TEST_VA
	ldr	x2, [x1]
	PRINT	dc_read, x2				// remap_page (stage 2), not decoy_page (stage 1)
	ldr	x2, [x1, #1]				// unaligned, Normal memory: no fault
	PRINT	dc_unaligned, x2
	ldr	x1, =probe
	ldr	x2, [x1, #3]
	PRINT	dc_unaligned_probe, x2
	PRINTSYS sctlr_el1, sctlr_el1
	ldr	x1, =TEST_VA + 0x1000			// s2_l3[1] invalid: stage-2 Translation fault
	ldp	x2, x3, [x1]
	GOTO_EL2 el2_checks
el2_checks:
	PRINTSYS hcr_el2, hcr_el2
	AT_PRINT s1e1r, at_s1e1r, TEST_VA + 0x10
	AT_PRINT s1e1w, at_s1e1w, TEST_VA + 0x10
	AT_PRINT s12e1r, at_s12e1r, TEST_VA + 0x10
	AT_PRINT s12e0w, at_s12e0w, TEST_VA + 0x10
	AT_PRINT s12e1r, at_s12e1r_missing, TEST_VA + 0x1010
	SETHCR	0
	EXIT

irq_hook:
	ret

	.data
	.balign	4096
probe:	.quad	0x0706050403020100, 0x0f0e0d0c0b0a0908
	.balign	4096
remap_page:
	.quad	0xdc00000000000001, 0xdc00000000000002
	.balign	4096
decoy_page:
	.quad	0xdec0000000000001, 0xdec0000000000002
	.balign	4096

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
	TABLES_4K s1_l1, s1_l2, s1_l3
