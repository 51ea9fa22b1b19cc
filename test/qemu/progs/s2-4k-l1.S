// Stage 2 only for an EL1 guest (S2_ONLY_GUEST in mmu.inc): 4K granule, 32-bit IPA, walk starts at level 1
// (4-entry root), 1 GB blocks: VTCR_EL2.T0SZ = 32, SL0 = 1.
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_BLOCKS s2_l1_0, 30, S2_DEVICE, S2_NORMAL	// L1: 1 GB blocks
	STORE_PTE s2_l1_0, 2, s2_l2_1 + D_TABLE
	STORE_PTE s2_l2_1, 0, s2_l3_2 + D_TABLE
	STORE_PTE s2_l3_2, 0, remap_page + S2_NORMAL + D_PAGE	// L3: IPA 0x80000000 → remap_page
	S2_ONLY_GUEST s2_l1_0, TCR_TG0_4K, 1, 32

	.bss
	PAGE_TABLE s2_l1_0, 32		// level 1, 4 entries
	PAGE_TABLE s2_l2_1, 4096
	PAGE_TABLE s2_l3_2, 4096
