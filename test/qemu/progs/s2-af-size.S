// Stage-2 Access flag and Address size faults (ARM J1.1 AArch64.S2Walk, §D24.2.46 DFSC 0b0010LL / 0b0000LL;
// no hardware AF update on v8.0): an EL1 guest with stage 1 off (VA = IPA) reads IPAs whose stage-2 descriptors have
// AF = 0 (a level-1 block, a level-2 block, a level-3 page — and an instruction fetch), or whose output / next-table
// address is beyond VTCR_EL2.PS = 44 bits; all taken to EL2 (EC 0x24/0x20) with HPFAR_EL2. Then VTCR_EL2.PS = 32
// bits: a page at PA 0x1_0000_0000 faults (Address size, level 3), RAM below 4 GB still reads.
	.include "lib.inc"
	.include "mmu.inc"
	.include "irq.inc"
	.equ	BIG_PA, 1 << 44
	.equ	S2_AF0, D_SH_IS + (0xf << 2) + (3 << 6)		// S2_NORMAL without AF
.macro READ key:req, ipa:req
	ldr	x1, =\ipa
	mov	x2, #0
	mov	x3, #0
	ldp	x2, x3, [x1]
	PRINT	\key, x2
.endm
main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	IDENTITY_L1_L2 s2_l1, s2_l2, s2_l3, S2_DEVICE, S2_NORMAL
	STORE_PTE s2_l1, 2, 0x80000000 + S2_AF0 + D_BLOCK
	STORE_PTE s2_l1, 3, BIG_PA + S2_NORMAL + D_BLOCK
	STORE_PTE s2_l2, 2, 0x40000000 + S2_AF0 + D_BLOCK
	STORE_PTE s2_l2, 3, BIG_PA + D_TABLE
	STORE_PTE s2_l2, 4, BIG_PA + S2_NORMAL + D_BLOCK
	STORE_PTE s2_l3, 0, data_page + S2_AF0 + D_PAGE
	STORE_PTE s2_l3, 1, BIG_PA + S2_NORMAL + D_PAGE
	STORE_PTE s2_l3, 2, 0x100000000 + S2_NORMAL + D_PAGE
	STORE_PTE s2_l3, 3, data_page + S2_NORMAL + D_PAGE
	STORE_PTE s2_l3, 4, code_page + S2_AF0 + D_PAGE
	S2_SETUP s2_l1, TCR_TG0_4K, 1, 32
	SETHCR	HCR_RW | HCR_VM
	ERET_TO	el2, 0x3c5, guest
guest:
	READ	ok, 0x40203000
	READ	af_l1, 0x80000000
	READ	af_l2, 0x40400000
	READ	af_l3, 0x40200008
	ldr	x1, =0x40200010
	ldr	x2, [x1]				// single register: ISV = 1 (stage-2 abort)
	RESUME	after_fetch
	ldr	x1, =0x40204000
	blr	x1					// instruction fetch, AF = 0: EC 0x20
after_fetch:
	READ	size_l1, 0xc0000000
	READ	size_l2_table, 0x40600000
	READ	size_l2_block, 0x40800000
	READ	size_l3, 0x40201000
	GOTO_EL2 ps32
ps32:
	ldr	x0, =VTCR_RES1 | (0 << 16) | TCR_WBWA_IS | (1 << 6) | 32	// PS = 32 bits
	msr	vtcr_el2, x0
	isb
	tlbi	vmalls12e1
	dsb	nsh
	ERET_TO	el2, 0x3c5, guest32
guest32:
	READ	ps32_ok, 0x40203000
	READ	ps32_4g, 0x40202000
	READ	ps32_size_l1, 0xc0000000
	EXIT

irq_hook:
	ret

	.text
	.balign	4096
code_page:
	ret

	.data
	.balign	4096
data_page:
	.quad	0xaf00000000000001, 0xaf00000000000002, 0xaf00000000000003
	.balign	4096

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
