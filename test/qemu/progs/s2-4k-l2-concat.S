// Stage 2 only for an EL1 guest (S2_ONLY_GUEST in mmu.inc): 4K granule, 32-bit IPA, walk starts at level 2 with
// 4 concatenated root tables, 2 MB blocks: VTCR_EL2.T0SZ = 32, SL0 = 0.
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_BLOCKS s2_l2_0, 21, S2_DEVICE, S2_NORMAL	// L2: 2 MB blocks (RAM: this program)
	STORE_PTE s2_l2_0, 1024, s2_l3_1 + D_TABLE		// the third root table's first entry
	STORE_PTE s2_l3_1, 0, remap_page + S2_NORMAL + D_PAGE	// L3: IPA 0x80000000 → remap_page
	S2_ONLY_GUEST s2_l2_0, TCR_TG0_4K, 0, 32

	.bss
	PAGE_TABLE s2_l2_0, 16384	// level 2, 4 × 512 entries
	PAGE_TABLE s2_l3_1, 4096
