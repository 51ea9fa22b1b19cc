// EL2's own stage 1, 4K granule, TCR_EL2.T0SZ = 25 (39-bit VA, walk starts at level 1): a 2 MB identity block
// for this program, pages remapping VA 0x4020_0000.. onto remap_page (RW, read-only, AF = 0), and faults at
// levels 1–3 and beyond the VA range. Faulting accesses use LDP/STP (no instruction syndrome). Unaligned LDR is
// allowed on Normal memory until SCTLR_EL2.A = 1.
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_L1_L2 el2_l1, el2_l2, el2_l3, S1_DEVICE, S1_NORMAL
	STORE_PTE el2_l3, 0, remap_page + S1_NORMAL + D_PAGE
	STORE_PTE el2_l3, 1, remap_page + S1_NORMAL + S1_RO + D_PAGE
	STORE_PTE el2_l3, 2, remap_page + D_SH_IS + D_PAGE
	EL2_S1_ON el2_l1, TCR_TG0_4K, 25
	ldr	x1, =0x40200000
	ldr	x2, [x1]
	PRINT	remap, x2
	ldr	x2, [x1, #0x1008]
	PRINT	remap_ro, x2
	ldr	x2, [x1, #1]
	PRINT	unaligned, x2
	ldr	x1, =0x40201000
	stp	x2, x2, [x1]
	ldr	x1, =0x40202000
	ldp	x2, x3, [x1]
	ldr	x1, =0x40203000
	ldp	x2, x3, [x1]
	ldr	x1, =0x40400000
	stp	x2, x3, [x1]
	ldr	x1, =0x80000000
	ldp	x2, x3, [x1]
	ldr	x1, =0x8000000000
	ldp	x2, x3, [x1]
	SET_SCTLR_EL2 SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_A
	ldr	x1, =0x40200004
	ldp	x2, x3, [x1]
	SET_SCTLR_EL2 0
	ret

	.data
	.balign	4096
remap_page:
	.quad	0x0e12000000000001, 0x0e12000000000002

	.bss
	TABLES_4K el2_l1, el2_l2, el2_l3
