// EL2's own stage 1, 64K granule, TCR_EL2.T0SZ = 22 (42-bit VA, walk starts at level 2): 512 MB blocks for the
// PL011 and RAM, a 64 KB page remapping VA 0x6000_0000 onto remap_page, faults at levels 2 and 3.
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_BLOCKS el2_l2, 29, S1_DEVICE, S1_NORMAL	// L2: 512 MB blocks
	STORE_PTE el2_l2, 3, el2_l3 + D_TABLE
	STORE_PTE el2_l3, 0, remap_page + S1_NORMAL + D_PAGE
	EL2_S1_ON el2_l2, TCR_TG0_64K, 22
	ldr	x1, =0x60000000
	ldr	x2, [x1, #8]
	PRINT	remap_8, x2
	ldr	x1, =0x6000fff8
	ldr	x2, [x1]
	PRINT	remap_end, x2
	ldr	x1, =0x60010000
	ldp	x2, x3, [x1]
	ldr	x1, =0x80000000
	stp	x2, x3, [x1]
	SET_SCTLR_EL2 0
	ret

	.data
	.balign	65536
remap_page:
	.quad	0x64c0000000000001, 0x64c0000000000002
	.skip	65536 - 24
	.quad	0x64c00000000000ff

	.bss
	PAGE_TABLE el2_l2, 65536
	PAGE_TABLE el2_l3, 65536
