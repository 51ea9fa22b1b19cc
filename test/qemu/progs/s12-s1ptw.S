// A stage-2 fault on a stage-1 table walk (S1PTW = 1): the guest's level-2 table sits at IPA 0xC000_0000, which
// stage 2 (start level 1) leaves unmapped at level 1. EC 0x24, S1PTW = 1, ISV = 0, FAR = the VA,
// HPFAR = the table's IPA. The DFSC level is the stage-2 walk's (1) in the Arm ARM; QEMU 7.2 reports the stage-1
// lookup level (2) (ARCH-NOTES §14 D3).
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_BLOCKS s2_l1, 30, S2_DEVICE, S2_NORMAL
	STORE_PTE s1_l1, 0, s1_l2 + D_TABLE
	STORE_PTE s1_l1, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE s1_l1, 2, 0xc0000000 + D_TABLE
	STORE_PTE s1_l2, 0x48, 0x09000000 + S1_DEVICE + D_BLOCK
	S12_ENTER_EL1 s2_l1, s1_l1, guest
guest:
	ldr	x1, =0x80000000
	ldr	x2, [x1]
	EXIT

	.bss
	.balign	4096
s2_l1:	.skip	4096
s1_l1:	.skip	4096
s1_l2:	.skip	4096
