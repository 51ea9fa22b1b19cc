// Stage 2 only (SCTLR_EL1.M = 0, so VA = IPA) for an EL1 guest: 4K granule, 32-bit IPA, walk starts at level 1 (4-entry root), 1 GB blocks.
// VTCR_EL2.T0SZ = 32, SL0 = 1. The guest reads RAM through the identity map, a remapped page, then an unmapped
// IPA (stage-2 Translation fault to EL2: EC 0x24, FAR = VA, HPFAR = IPA[47:12] >> 8), a write there, and an IPA
// beyond the 32-bit input range.
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE s2_l1_0, 0, 0x00000000 + S2_DEVICE + D_BLOCK	// L1: 1 GB device block (PL011)
	STORE_PTE s2_l1_0, 1, 0x40000000 + S2_NORMAL + D_BLOCK	// L1: 1 GB RAM block, identity
	STORE_PTE s2_l1_0, 2, s2_l2_1 + D_TABLE	// L1: next-level table
	STORE_PTE s2_l2_1, 0, s2_l3_2 + D_TABLE	// L2: next-level table
	STORE_PTE s2_l3_2, 0, remap_page + S2_NORMAL + D_PAGE	// L3: page: IPA 0x80000000 -> remap_page
	ldr	x0, =s2_l1_0
	msr	vttbr_el2, x0			// VMID 0
	ldr	x0, =VTCR_RES1 | VTCR_PS44 | TCR_WBWA_IS | (1 << 6) | 32
	msr	vtcr_el2, x0
	SETHCR	HCR_RW | HCR_VM
	ERET_TO	el2, 0x3c5, guest
guest:
	ldr	x1, =probe
	ldr	x2, [x1]
	PRINT	identity, x2
	ldr	x1, =0x80000000
	ldr	x2, [x1]
	PRINT	remap, x2
	ldr	x2, [x1, #8]
	PRINT	remap_8, x2
	ldr	x1, =0xc0000000
	ldr	x2, [x1]
	str	w2, [x1, #0x10]
	ldr	x1, =0x100000000
	ldr	x2, [x1]
	EXIT

	.data
	.balign	8
probe:	.quad	0x1dea1dea1dea1dea
	.balign	4096
remap_page:
	.quad	0x5eed0000cafe0001, 0x5eed0000cafe0002

	.bss
	.balign	64
s2_l1_0:	.skip	32	// level 1, 4 entries
	.balign	4096
s2_l2_1:	.skip	4096	// level 2, 512 entries
	.balign	4096
s2_l3_2:	.skip	4096	// level 3, 512 entries
