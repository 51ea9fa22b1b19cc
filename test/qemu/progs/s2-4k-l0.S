// Stage 2 only for an EL1 guest (S2_ONLY_GUEST in mmu.inc): 4K granule, 44-bit IPA, walk starts at level 0
// (4 levels): VTCR_EL2.T0SZ = 20, SL0 = 2.
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE s2_l0_0, 0, s2_l1_1 + D_TABLE			// L0 → L1 for the identity map
	STORE_PTE s2_l0_0, 16, s2_l1_2 + D_TABLE		// L0 → L1 for the remapped page
	IDENTITY_BLOCKS s2_l1_1, 30, S2_DEVICE, S2_NORMAL	// L1: 1 GB blocks
	STORE_PTE s2_l1_2, 0, s2_l2_3 + D_TABLE
	STORE_PTE s2_l2_3, 0, s2_l3_4 + D_TABLE
	STORE_PTE s2_l3_4, 0, remap_page + S2_NORMAL + D_PAGE	// L3: IPA 0x80000000000 → remap_page
	S2_ONLY_GUEST s2_l0_0, TCR_TG0_4K, 2, 20

	.bss
	PAGE_TABLE s2_l0_0, 256		// level 0, 32 entries
	PAGE_TABLE s2_l1_1, 4096
	PAGE_TABLE s2_l1_2, 4096
	PAGE_TABLE s2_l2_3, 4096
	PAGE_TABLE s2_l3_4, 4096
