// Stage 2 only for an EL1 guest (S2_ONLY_GUEST in mmu.inc): 64K granule, 32-bit IPA, walk starts at level 2
// (8-entry root), 512 MB blocks: VTCR_EL2.T0SZ = 32, SL0 = 1.
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_BLOCKS s2_l2_0, 29, S2_DEVICE, S2_NORMAL	// L2: 512 MB blocks
	STORE_PTE s2_l2_0, 4, s2_l3_1 + D_TABLE
	STORE_PTE s2_l3_1, 0, remap_page + S2_NORMAL + D_PAGE	// L3: IPA 0x80000000 → remap_page
	S2_ONLY_GUEST s2_l2_0, TCR_TG0_64K, 1, 32

	.bss
	PAGE_TABLE s2_l2_0, 64		// level 2, 8 entries
	PAGE_TABLE s2_l3_1, 65536
