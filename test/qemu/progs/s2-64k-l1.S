// Stage 2 only for an EL1 guest (S2_ONLY_GUEST in mmu.inc): 64K granule, 44-bit IPA, walk starts at level 1
// (4-entry root): VTCR_EL2.T0SZ = 20, SL0 = 2.
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE s2_l1_0, 0, s2_l2_1 + D_TABLE			// L1 → L2 for the identity map
	STORE_PTE s2_l1_0, 2, s2_l2_2 + D_TABLE			// L1 → L2 for the remapped page
	IDENTITY_BLOCKS s2_l2_1, 29, S2_DEVICE, S2_NORMAL	// L2: 512 MB blocks
	STORE_PTE s2_l2_2, 0, s2_l3_3 + D_TABLE
	STORE_PTE s2_l3_3, 0, remap_page + S2_NORMAL + D_PAGE	// L3: IPA 0x80000000000 → remap_page
	S2_ONLY_GUEST s2_l1_0, TCR_TG0_64K, 2, 20

	.bss
	PAGE_TABLE s2_l1_0, 32		// level 1, 4 entries
	PAGE_TABLE s2_l2_1, 65536
	PAGE_TABLE s2_l2_2, 65536
	PAGE_TABLE s2_l3_3, 65536
