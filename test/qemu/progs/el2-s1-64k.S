// EL2's own stage 1, 64K granule, TCR_EL2.T0SZ = 22 (42-bit VA, walk starts at level 2): 512 MB blocks for the
// PL011 and RAM, a 64 KB page remapping VA 0x6000_0000 onto remap_page, faults at levels 2 and 3.
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE el2_l2, 0, 0x00000000 + S1_DEVICE + D_BLOCK
	STORE_PTE el2_l2, 2, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE el2_l2, 3, el2_l3 + D_TABLE
	STORE_PTE el2_l3, 0, remap_page + S1_NORMAL + D_PAGE
	ldr	x0, =MAIR_VALUE
	msr	mair_el2, x0
	ldr	x0, =TCR_EL2_RES1 | TCR_EL2_PS44 | TCR_WBWA_IS | TCR_TG0_64K | 22
	msr	tcr_el2, x0
	ldr	x0, =el2_l2
	msr	ttbr0_el2, x0
	dsb	sy
	tlbi	alle2
	dsb	sy
	ldr	x0, =SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I
	msr	sctlr_el2, x0
	isb
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
	ldr	x0, =SCTLR_EL2_RES1
	msr	sctlr_el2, x0
	isb
	ret

	.data
	.balign	65536
remap_page:
	.quad	0x64c0000000000001, 0x64c0000000000002
	.skip	65536 - 24
	.quad	0x64c00000000000ff

	.bss
	.balign	65536
el2_l2:	.skip	65536
el2_l3:	.skip	65536
