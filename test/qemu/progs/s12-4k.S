// Both stages for an EL1 guest, 4K granules: guest stage 1 (TCR_EL1.T0SZ = 25, tables in guest RAM) maps
// VA 0x1000_0000 onto IPA 0x8000_0000, which stage 2 maps onto remap_page; VA 0x1000_1000 maps to an IPA that
// stage 2 leaves unmapped (stage-2 fault: FAR = VA, HPFAR = IPA); VA 0x1000_2000 is a stage-1 fault (to EL1).
	.include "lib.inc"
	.include "mmu.inc"
main:
	// stage 2 (VTCR T0SZ = 32, start level 1)
	IDENTITY_BLOCKS s2_l1, 30, S2_DEVICE, S2_NORMAL
	STORE_PTE s2_l1, 2, s2_l2 + D_TABLE
	STORE_PTE s2_l2, 0, s2_l3 + D_TABLE
	STORE_PTE s2_l3, 0, remap_page + S2_NORMAL + D_PAGE
	// guest stage 1 (identity for the PL011 and RAM, plus VA 0x1000_0000..)
	STORE_PTE s1_l1, 0, s1_l2 + D_TABLE
	STORE_PTE s1_l1, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE s1_l2, 0x48, 0x09000000 + S1_DEVICE + D_BLOCK
	STORE_PTE s1_l2, 0x80, s1_l3 + D_TABLE
	STORE_PTE s1_l3, 0, 0x80000000 + S1_NORMAL + D_PAGE
	STORE_PTE s1_l3, 1, 0x80400000 + S1_NORMAL + D_PAGE
	S12_ENTER_EL1 s2_l1, s1_l1, guest
guest:
	ldr	x1, =0x10000000
	ldr	x2, [x1, #8]
	PRINT	s12_load, x2
	ldr	x1, =0x10001000
	ldr	x2, [x1]
	ldr	x1, =0x10002000
	ldr	x2, [x1]
	EXIT

	.data
	.balign	4096
remap_page:
	.quad	0x5120000000000001, 0x5120000000000002

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
	TABLES_4K s1_l1, s1_l2, s1_l3
