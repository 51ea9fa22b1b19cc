// AT S12E0W / S12E0R / S12E1R from EL2 and PAR_EL1 (ARM C5.5 AT S12E*, §D24.2.113 PAR_EL1; J1.1 AArch64.AT): the
// guest's stage 1 (4K, T0SZ = 25) maps VA 0x1000_0000 + k * 0x1000 onto IPAs 0x8000_0000.., whose stage-2
// descriptors (T0SZ = 32, level 1) are RW, read-only, AF = 0, beyond PS (44 bits) and Normal Non-cacheable. Success
// (combined attributes), stage-1 permission faults (S = 0), stage-2 permission / Access flag / Address size faults
// (S = 1), a stage-2 fault on the stage-1 walk (PTW = 1, S = 1; executed at EL2, so no exception); then with stage 2
// off (HCR_EL2.VM = 0: the stage-1 result), stage 1 off (SCTLR_EL1.M = 0: VA = IPA, stage 1 Device-nGnRnE), and a
// VTTBR_EL2 base address beyond PS (stage-2 Address size fault, level 0). The PTW lines differ from QEMU:
// DEVIATIONS.md D3.
	.include "lib.inc"
	.include "mmu.inc"
	.equ	VA0, 0x10000000
	.equ	BIG_PA, 1 << 44
	.equ	S2_AF0, D_SH_IS + (0xf << 2) + (3 << 6)
	.equ	S2_NC, D_AF + D_SH_IS + (0x5 << 2) + (3 << 6)		// MemAttr 0b0101: Normal, outer and inner NC
	.equ	S1_EL0_RO, S1_EL0 + S1_RO
.macro AT_PRINT op:req, key:req, va:req
	ldr	x1, =\va
	at	\op, x1
	isb
	PRINTSYS \key, par_el1
.endm
main:
	STORE_PTE s2_l1, 0, 0x00000000 + S2_DEVICE + D_BLOCK
	STORE_PTE s2_l1, 1, 0x40000000 + S2_NORMAL + D_BLOCK
	STORE_PTE s2_l1, 2, s2_l2 + D_TABLE
	STORE_PTE s2_l2, 0, s2_l3 + D_TABLE
	STORE_PTE s2_l3, 0, target + S2_NORMAL + D_PAGE
	STORE_PTE s2_l3, 1, target + S2_RO_NORMAL + D_PAGE
	STORE_PTE s2_l3, 2, target + S2_AF0 + D_PAGE
	STORE_PTE s2_l3, 3, BIG_PA + S2_NORMAL + D_PAGE
	STORE_PTE s2_l3, 4, target + S2_NC + D_PAGE
	STORE_PTE s1_l1, 0, s1_l2 + D_TABLE
	STORE_PTE s1_l1, 1, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE s1_l2, 0x80, s1_l3 + D_TABLE
	STORE_PTE s1_l2, 0x81, 0xc0000000 + D_TABLE			// a stage-1 table at an IPA stage 2 leaves invalid
	STORE_PTE s1_l3, 0, 0x80000000 + S1_NORMAL + S1_EL0 + D_PAGE
	STORE_PTE s1_l3, 1, 0x80001000 + S1_NORMAL + S1_EL0 + D_PAGE
	STORE_PTE s1_l3, 2, 0x80000000 + S1_NORMAL + D_PAGE
	STORE_PTE s1_l3, 3, 0x80000000 + S1_NORMAL + S1_EL0_RO + D_PAGE
	STORE_PTE s1_l3, 4, 0x80002000 + S1_NORMAL + D_PAGE
	STORE_PTE s1_l3, 5, 0x80003000 + S1_NORMAL + D_PAGE
	STORE_PTE s1_l3, 6, 0x80004000 + S1_NORMAL + D_PAGE
	S2_SETUP s2_l1, TCR_TG0_4K, 1, 32
	EL1_S1_TABLES s1_l1, 25
	ldr	x0, =SCTLR_EL1_RES1 | SCTLR_M
	msr	sctlr_el1, x0
	SETHCR	HCR_RW | HCR_VM
	AT_PRINT s12e0w, s12e0w_ok, VA0 + 0x10
	AT_PRINT s12e0w, s12e0w_s2_ro, VA0 + 0x1010
	AT_PRINT s12e0r, s12e0r_s2_ro, VA0 + 0x1010
	AT_PRINT s12e0w, s12e0w_s1_el1_only, VA0 + 0x2010
	AT_PRINT s12e0w, s12e0w_s1_ro, VA0 + 0x3010
	AT_PRINT s12e0r, s12e0r_s1_ro, VA0 + 0x3010
	AT_PRINT s12e1w, s12e1w_el0_page, VA0 + 0x10
	AT_PRINT s12e1r, s12e1r_s2_af, VA0 + 0x4010
	AT_PRINT s12e1r, s12e1r_s2_size, VA0 + 0x5010
	AT_PRINT s12e1r, s12e1r_s2_nc, VA0 + 0x6010
	AT_PRINT s12e1r, s12e1r_s1ptw, 0x10200010
	AT_PRINT s12e0w, s12e0w_s1ptw, 0x10200010
	AT_PRINT s12e1r, s12e1r_s1_invalid, VA0 + 0x7010
	// stage 2 off: the stage-1 result, the IPA as PA
	SETHCR	HCR_RW
	AT_PRINT s12e1r, vm0_s12e1r, VA0 + 0x4010
	AT_PRINT s12e0w, vm0_s12e0w_s1_ro, VA0 + 0x3010
	// stage 1 off: VA = IPA, stage-1 attributes Device-nGnRnE
	SETHCR	HCR_RW | HCR_VM
	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	isb
	AT_PRINT s12e1r, m0_s12e1r, 0x80000010
	AT_PRINT s12e0w, m0_s12e0w_s2_ro, 0x80001010
	AT_PRINT s12e1r, m0_s12e1r_s2_af, 0x80002010
	AT_PRINT s12e1r, m0_s12e1r_s2_missing, 0x80005010
	AT_PRINT s12e1r, m0_s12e1r_beyond_ipa, 0x100000010
	// VTTBR_EL2.BADDR beyond the 44-bit PS
	ldr	x0, =BIG_PA
	msr	vttbr_el2, x0
	isb
	AT_PRINT s12e1r, m0_s12e1r_vttbr_size, 0x80000010
	SETHCR	0
	EXIT

	.data
	.balign	4096
target:	.quad	0x5120000000000001
	.balign	4096

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
	TABLES_4K s1_l1, s1_l2, s1_l3
