// A stage-2 fault on a stage-1 table walk (S1PTW = 1): the guest's level-2 table sits at IPA 0xC000_0000, which
// stage 2 (start level 1) leaves unmapped at level 1. EC 0x24, S1PTW = 1, ISV = 0, FAR = the VA,
// HPFAR = the table's IPA. The DFSC level is the stage-2 walk's (1) in the Arm ARM; QEMU 7.2 reports the stage-1
// lookup level (2) (ARCH-NOTES §14 D3).
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE s2_l1, 0, 0x00000000 + S2_DEVICE + D_BLOCK
	STORE_PTE s2_l1, 1, 0x40000000 + S2_NORMAL + D_BLOCK
	STORE_PTE s1_l1, 0, s1_l2 + D_TABLE
	STORE_PTE s1_l1, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE s1_l1, 2, 0xc0000000 + D_TABLE
	STORE_PTE s1_l2, 0x48, 0x09000000 + S1_DEVICE + D_BLOCK
	ldr	x0, =s2_l1
	msr	vttbr_el2, x0
	ldr	x0, =VTCR_RES1 | VTCR_PS44 | TCR_WBWA_IS | (1 << 6) | 32
	msr	vtcr_el2, x0
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	ldr	x0, =TCR_EL1_IPS44 | TCR_EL1_EPD1 | TCR_WBWA_IS | 25
	msr	tcr_el1, x0
	ldr	x0, =s1_l1
	msr	ttbr0_el1, x0
	mrs	x0, sctlr_el1
	orr	x0, x0, #SCTLR_M
	msr	sctlr_el1, x0
	SETHCR	HCR_RW | HCR_VM
	ERET_TO	el2, 0x3c5, guest
guest:
	ldr	x1, =0x80000000
	ldr	x2, [x1]
	EXIT

	.bss
	.balign	4096
s2_l1:	.skip	4096
s1_l1:	.skip	4096
s1_l2:	.skip	4096
