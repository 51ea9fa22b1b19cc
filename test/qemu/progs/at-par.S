// AT and PAR_EL1 at EL2 (ARM C5.5 AT S1E1R…, §D24.2.113 PAR_EL1): success format (PA[47:12], ATTR, SH, NS, bit 11)
// and fault format (F, FST, PTW, S). Guest stage 1 (4K, T0SZ = 25, tables in guest RAM) maps VA 0x1000_0000..: page 0
// EL1 RW, page 1 EL1 read-only, page 2 EL0 RW, page 3 AF = 0, page 4 an IPA stage 2 leaves unmapped; page 5 is
// invalid. Stage 2 (T0SZ = 32, level 1) maps RAM 1:1 except IPA 0x8000_0000.. (page 0–3 targets) onto remap pages,
// and leaves IPA 0xC000_0000 invalid. S1E2R translates with the EL2 regime (MMU off, then on).
	.include "lib.inc"
	.include "mmu.inc"
	.equ	VA0, 0x10000000
.macro AT_PRINT op, key, va
	ldr	x1, =\va
	at	\op, x1
	isb
	PRINTSYS \key, par_el1
.endm
main:
	IDENTITY_BLOCKS s2_l1, 30, S2_DEVICE, S2_NORMAL
	STORE_PTE s2_l1, 2, s2_l2 + D_TABLE
	STORE_PTE s2_l2, 0, s2_l3 + D_TABLE
	STORE_PTE s2_l3, 0, remap_page + S2_NORMAL + D_PAGE
	STORE_PTE s2_l3, 1, remap_page + S2_RO_NORMAL + D_PAGE
	STORE_PTE s2_l3, 2, remap_page + 0x1000 + S2_DEVICE + D_PAGE
	STORE_PTE s2_l3, 3, remap_page + 0x1000 + S2_NORMAL + D_PAGE
	STORE_PTE s1_l1, 0, s1_l2 + D_TABLE
	STORE_PTE s1_l1, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE s1_l2, 0x80, s1_l3 + D_TABLE
	STORE_PTE s1_l3, 0, 0x80000000 + S1_NORMAL + D_PAGE
	STORE_PTE s1_l3, 1, 0x80001000 + S1_NORMAL + S1_RO + D_PAGE
	STORE_PTE s1_l3, 2, 0x80002000 + S1_NORMAL + S1_EL0 + D_PAGE
	STORE_PTE s1_l3, 3, 0x80003000 + D_SH_IS + D_PAGE
	STORE_PTE s1_l3, 4, 0xc0000000 + S1_NORMAL + D_PAGE
	STORE_PTE s1_l3, 6, 0x80003000 + S1_DEVICE + D_PAGE
	S2_SETUP s2_l1, TCR_TG0_4K, 1, 32
	EL1_S1_TABLES s1_l1, 25
	ldr	x0, =SCTLR_EL1_RES1 | SCTLR_M
	msr	sctlr_el1, x0
	SETHCR	HCR_RW | HCR_VM
	AT_PRINT s1e1r, s1e1r_ok, VA0 + 0x10
	AT_PRINT s1e1w, s1e1w_ok, VA0 + 0x10
	AT_PRINT s1e1r, s1e1r_ro, VA0 + 0x1000
	AT_PRINT s1e1w, s1e1w_ro, VA0 + 0x1000
	AT_PRINT s1e0r, s1e0r_el1only, VA0
	AT_PRINT s1e0r, s1e0r_el0, VA0 + 0x2000
	AT_PRINT s1e0w, s1e0w_el0, VA0 + 0x2000
	AT_PRINT s1e1r, s1e1r_af, VA0 + 0x3000
	AT_PRINT s1e1r, s1e1r_l3_invalid, VA0 + 0x5000
	AT_PRINT s1e1r, s1e1r_l2_invalid, 0x00200000
	AT_PRINT s1e1r, s1e1r_out_of_range, 0x8000000000
	AT_PRINT s1e1r, s1e1r_device, VA0 + 0x6000
	AT_PRINT s12e1r, s12e1r_ok, VA0 + 0x10
	AT_PRINT s12e1w, s12e1w_s2_ro, VA0 + 0x1000
	AT_PRINT s12e1r, s12e1r_s2_device, VA0 + 0x2000
	AT_PRINT s12e0r, s12e0r_el0, VA0 + 0x2000
	AT_PRINT s12e1r, s12e1r_s2_missing, VA0 + 0x4000
	AT_PRINT s12e1r, s12e1r_s1_fault, VA0 + 0x5000
	AT_PRINT s1e2r, s1e2r_mmu_off, remap_page + 8
	// EL2's own stage 1: 1 GB identity blocks for the devices and RAM, nothing above
	IDENTITY_BLOCKS el2_l1, 30, S1_DEVICE, S1_NORMAL
	EL2_S1_ON el2_l1, TCR_TG0_4K, 25
	AT_PRINT s1e2r, s1e2r_mmu_on, remap_page + 8
	AT_PRINT s1e2w, s1e2w_unmapped, 0x80000000
	SET_SCTLR_EL2 0
	SETHCR	0
	EXIT

	.data
	.balign	4096
remap_page:
	.quad	0x5120000000000001
	.balign	4096
	.skip	4096

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
	TABLES_4K s1_l1, s1_l2, s1_l3
	PAGE_TABLE el2_l1, 4096
