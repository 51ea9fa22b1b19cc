// ASID-tagged EL1&0 TLB entries (ARM §D8.16: non-global entries (nG = 1) match only the ASID they were filled
// under, global ones every ASID; C5.5 TLBI VAE1 (by VA: entries of Xt[63:48]'s ASID plus global entries), VAAE1 (by
// VA, any ASID), ASIDE1 (non-global entries of the ASID), VMALLE1). EL1 stage 1 (4K, T0SZ = 25, HCR_EL2.VM = 0),
// two roots sharing global identity blocks for the UART and RAM: under ASID 1 root_a maps VA P0 (global) and P1
// (nG), under ASID 2 root_b maps P1 (nG) elsewhere and leaves P0 invalid. Pages hold 0x…1 to 0x…4. Descriptor edits
// are followed by DSB only; a line marked "may" reads a stale entry or the new descriptor, both permitted (a TLB may
// hold an entry until a TLBI that covers it, and may drop it at any time): twostage keeps entries until a TLBI
// removes them, QEMU flushes its whole TLB on an ASID change and for every TLBI here (DEVIATIONS.md M4). Last,
// TCR_EL1.A1 = 1 takes the ASID from TTBR1_EL1: changing it there makes an entry of the old ASID unusable.
	.include "lib.inc"
	.include "mmu.inc"
	.equ	P0, 0x80000000
	.equ	P1, 0x80001000
	.equ	ASID1, 1 << 48
	.equ	ASID2, 2 << 48
	.equ	ASID3, 3 << 48
	.equ	TCR_A1, 1 << 22
	.equ	NG, 1 << 11
.macro READ key:req, va:req
	ldr	x1, =\va
	mov	x2, #0
	mov	x3, #0
	ldp	x2, x3, [x1]
	PRINT	\key, x2
.endm
.macro SET_TTBR0 val:req
	ldr	x0, =\val
	msr	ttbr0_el1, x0
	isb
.endm
// EDIT table, index, descriptor: change a live descriptor (DSB, no TLBI)
.macro EDIT tbl:req, idx:req, desc:req
	STORE_PTE \tbl, \idx, \desc
	dsb	nsh
.endm
.macro TLBI_VA op:req, asid:req, va:req
	ldr	x0, =\asid | (\va >> 12)
	tlbi	\op, x0
	dsb	nsh
	isb
.endm
main:
	STORE_PTE root_a, 0, 0x00000000 + S1_DEVICE + D_BLOCK
	STORE_PTE root_a, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE root_a, 2, l2_a + D_TABLE
	STORE_PTE l2_a, 0, l3_a + D_TABLE
	STORE_PTE l3_a, 0, page1 + S1_NORMAL + D_PAGE			// P0 global
	STORE_PTE l3_a, 1, page2 + S1_NORMAL + NG + D_PAGE		// P1 nG
	STORE_PTE root_b, 0, 0x00000000 + S1_DEVICE + D_BLOCK
	STORE_PTE root_b, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE root_b, 2, l2_b + D_TABLE
	STORE_PTE l2_b, 0, l3_b + D_TABLE
	STORE_PTE l3_b, 1, page3 + S1_NORMAL + NG + D_PAGE		// P1 nG
	EL1_S1_TABLES root_a + ASID1, 25
	ldr	x0, =SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I
	msr	sctlr_el1, x0
	SETHCR	HCR_RW
	dsb	sy
	tlbi	alle1
	dsb	sy
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	READ	a1_p0, P0				// page1
	READ	a1_p1, P1				// page2
	SET_TTBR0 root_b + ASID2
	READ	a2_p1, P1				// page3: the ASID-1 entry does not match ASID 2
	SET_TTBR0 root_a + ASID1
	READ	a1_p1_again, P1				// page2
	EDIT	l3_a, 1, page4 + S1_NORMAL + NG + D_PAGE
	READ	a1_p1_edited, P1			// may: page2 (stale) or page4
	TLBI_VA	vae1, ASID2, P1
	READ	a1_p1_vae1_other_asid, P1		// may: VAE1 for ASID 2 need not remove ASID 1's nG entry
	TLBI_VA	vae1, ASID1, P1
	READ	a1_p1_vae1, P1				// page4
	EDIT	l3_a, 0, page3 + S1_NORMAL + D_PAGE
	TLBI_VA	aside1, ASID1, 0
	READ	a1_p0_aside1, P0			// may: ASIDE1 does not remove global entries
	TLBI_VA	vae1, ASID2, P0
	READ	a1_p0_vae1_global, P0			// page3: VAE1 removes global entries of the VA, any ASID
	EDIT	l3_a, 1, page1 + S1_NORMAL + NG + D_PAGE
	TLBI_VA	aside1, ASID1, 0
	READ	a1_p1_aside1, P1			// page1
	SET_TTBR0 root_b + ASID2
	READ	a2_p0_global, P0			// may: the global entry of root_a, or root_b's invalid descriptor
	TLBI_VA	vaae1, 0, P0
	READ	a2_p0_vaae1, P0				// Translation fault, level 3
	READ	a2_p1_end, P1				// page3
	// TCR_EL1.A1 = 1: the ASID is TTBR1_EL1's (TTBR1 walks stay off: EPD1)
	SET_TTBR0 root_a + ASID1
	ldr	x0, =ASID3
	msr	ttbr1_el1, x0
	ldr	x0, =TCR_EL1_IPS44 | TCR_EL1_EPD1 | TCR_WBWA_IS | TCR_A1 | 25
	msr	tcr_el1, x0
	isb
	tlbi	vmalle1					// TCR_EL1.A1 may be cached in TLB entries
	dsb	nsh
	isb
	READ	a3_p1, P1				// page1, filled under ASID 3
	EDIT	l3_a, 1, page2 + S1_NORMAL + NG + D_PAGE
	ldr	x0, =ASID1
	msr	ttbr1_el1, x0
	isb
	READ	a1_p1_ttbr1, P1				// page2: the ASID-3 entry does not match ASID 1
	EXIT

	.data
	.balign	4096
page1:	.quad	0x0a51d00000000001
	.balign	4096
page2:	.quad	0x0a51d00000000002
	.balign	4096
page3:	.quad	0x0a51d00000000003
	.balign	4096
page4:	.quad	0x0a51d00000000004
	.balign	4096

	.bss
	TABLES_4K root_a, l2_a, l3_a
	TABLES_4K root_b, l2_b, l3_b
