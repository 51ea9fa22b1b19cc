// EL1&0 stage 1 through TTBR1_EL1: the upper VA range (ARM §D8.2 "VA ranges", J1.1 AArch64.S1Walk, TCR_EL1 T1SZ,
// TG1 — whose encoding differs from TG0: 0b10 4K, 0b01 16K, 0b11 64K — EPD1). (A) 4K granule, T1SZ = 25 (39-bit,
// walk from level 1): data and read-only pages, an invalid page, a level-1 block with AF = 0, a 1 GB block aliasing
// RAM at the top of the range; VAs below the range (top bits not all ones) and with bit 55 set but bits 63:56
// clear take a level-0 Translation fault; AT S1E1R reports the same. (B) TG1 = 64K, T1SZ = 22 (42-bit, walk from
// level 2): a 64 KiB page and a 512 MB block. (C) EPD1 = 1: no walk, level-0 Translation fault. (D) TG1 = 0b01
// (16K, not implemented on Cortex-A57: ID_AA64MMFR0_EL1.TGran16 = 0). Faulting accesses use LDP/STP (no ISS).
	.include "lib.inc"
	.include "mmu.inc"
	.equ	UP4K, 0xffffff8000000000		// the T1SZ = 25 range
	.equ	UP64K, 0xfffffc0000000000		// the T1SZ = 22 range
	.equ	TCR1_4K, (2 << 30) | (3 << 28) | (1 << 26) | (1 << 24)	// TG1 = 4K, SH1 inner, ORGN1/IRGN1 WB
	.equ	TCR1_64K, (3 << 30) | (3 << 28) | (1 << 26) | (1 << 24)
	.equ	TCR1_16K, (1 << 30) | (3 << 28) | (1 << 26) | (1 << 24)
	.equ	TCR_BASE, TCR_EL1_IPS44 | TCR_WBWA_IS | 25	// TTBR0: 4K, T0SZ = 25
.macro LOAD key:req, va:req
	ldr	x1, =\va
	mov	x2, #0
	mov	x3, #0
	ldp	x2, x3, [x1]
	PRINT	\key, x2
.endm
.macro AT_PRINT key:req, va:req
	ldr	x1, =\va
	at	s1e1r, x1
	isb
	PRINTSYS \key, par_el1
.endm
.macro SET_TCR val:req
	ldr	x0, =\val
	msr	tcr_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
.endm
main:
	STORE_PTE t0_l1, 0, 0x00000000 + S1_DEVICE + D_BLOCK
	STORE_PTE t0_l1, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE t1_l1, 0, t1_l2 + D_TABLE
	STORE_PTE t1_l1, 1, 0x40000000 + D_SH_IS + D_BLOCK		// AF = 0
	STORE_PTE t1_l1, 511, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE t1_l2, 0, t1_l3 + D_TABLE
	STORE_PTE t1_l3, 0, data_page + S1_NORMAL + D_PAGE
	STORE_PTE t1_l3, 1, data_page + S1_NORMAL + S1_RO + D_PAGE
	STORE_PTE t64_l2, 0, t64_l3 + D_TABLE
	STORE_PTE t64_l2, 8191, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE t64_l3, 1, data64 + S1_NORMAL + D_PAGE
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	ldr	x0, =TCR_BASE | TCR1_4K | (25 << 16)
	msr	tcr_el1, x0
	ldr	x0, =t0_l1
	msr	ttbr0_el1, x0
	ldr	x0, =t1_l1
	msr	ttbr1_el1, x0
	ldr	x0, =SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I
	msr	sctlr_el1, x0
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	// (A) 4K, T1SZ = 25
	LOAD	up_page0, UP4K + 8
	LOAD	up_page1_ro, UP4K + 0x1000
	ldr	x1, =UP4K + 0x1000
	stp	x2, x3, [x1]				// read-only: Permission fault, level 3
	LOAD	up_page2_invalid, UP4K + 0x2000		// Translation fault, level 3
	LOAD	up_l1_af0, UP4K + 0x40000000		// Access flag fault, level 1
	LOAD	up_alias, 0xffffffffc0000000 + (probe - 0x40000000)
	LOAD	below_range, UP4K - 0x1000		// VA[63:39] not all ones: level 0
	LOAD	bit55_only, 0x00ffff8000000000		// bit 55 selects TTBR1, bits 63:56 are not ones
	AT_PRINT par_up_page0, UP4K + 8
	AT_PRINT par_up_alias, 0xffffffffc0000000 + (probe - 0x40000000)
	AT_PRINT par_up_invalid, UP4K + 0x2000
	AT_PRINT par_below_range, UP4K - 0x1000
	// (B) TG1 = 64K, T1SZ = 22
	ldr	x0, =t64_l2
	msr	ttbr1_el1, x0
	SET_TCR	TCR_BASE | TCR1_64K | (22 << 16)
	LOAD	up64_page1, UP64K + 0x10000
	LOAD	up64_page0_invalid, UP64K
	LOAD	up64_alias, 0xffffffffe0000000 + (probe - 0x40000000)
	LOAD	up64_old_range, UP4K + 8		// inside the 42-bit range now: l2[8188], invalid
	AT_PRINT par_up64_page1, UP64K + 0x10008
	// (C) EPD1 = 1
	SET_TCR	TCR_BASE | TCR1_64K | (22 << 16) | TCR_EL1_EPD1
	LOAD	epd1, UP64K + 0x10000
	AT_PRINT par_epd1, UP64K + 0x10000
	// (D) TG1 = 0b01 (16K): not implemented
	SET_TCR	TCR_BASE | TCR1_16K | (22 << 16)
	LOAD	tg1_16k_page, UP64K + 0x10000
	LOAD	tg1_16k_alias, 0xffffffffe0000000 + (probe - 0x40000000)
	EXIT

	.data
	.balign	4096
data_page:
	.quad	0xda7a000000000001, 0xda7a000000000002
	.balign	4096
probe:	.quad	0x9b0be00000000001
	.balign	65536
data64:	.quad	0x6464000000000001, 0x6464000000000002
	.balign	65536

	.bss
	PAGE_TABLE t0_l1, 4096
	TABLES_4K t1_l1, t1_l2, t1_l3
	PAGE_TABLE t64_l2, 65536
	PAGE_TABLE t64_l3, 65536
