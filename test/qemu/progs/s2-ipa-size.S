// Stage 2's input (IPA) size against its output size, by AT S12E1R from EL2 with the EL1 stage 1 off (PAR_EL1): a
// 4K stage 2 whose root at level 1 identity-maps the first 4 GiB with 1 GiB blocks, under VTCR_EL2 settings that
// differ only in T0SZ, SL0 and PS. An IPA wider than the output size (PS bounded by PARange = 44 bits) is
// CONSTRAINED UNPREDICTABLE and QEMU faults (check_s2_mmu_setup): a stage-2 Translation fault, level 0, for every
// address — also T0SZ below 64 − PAMax = 20 (J1.1 AArch64.S2TxSZFaults, IMPLEMENTATION DEFINED). The same IPA size
// within PS walks, and SL0/T0SZ pairs AArch64.S2InconsistentSL rejects fault likewise.
	.include "lib.inc"
	.include "mmu.inc"
	.equ	PS32, 0 << 16
	.equ	PS40, 2 << 16
	.equ	PS44, 4 << 16
.macro VTCR_AT key:req, ps:req, sl0:req, t0sz:req
	ldr	x0, =VTCR_RES1 | \ps | TCR_WBWA_IS | TCR_TG0_4K | (\sl0 << 6) | \t0sz
	msr	vtcr_el2, x0
	isb
	tlbi	alle1
	dsb	sy
	ldr	x1, =0x40001000
	at	s12e1r, x1
	isb
	PRINTSYS \key, par_el1
.endm
main:
	IDENTITY_BLOCKS s2_l1, 30, S2_DEVICE, S2_NORMAL		// level 1 at the root: 1 GB blocks
	STORE_PTE s2_l0, 0, s2_l1 + D_TABLE			// and a level-0 root over it
	ldr	x0, =s2_l1
	msr	vttbr_el2, x0
	ldr	x0, =SCTLR_EL1_RES1					// EL1 stage 1 off: VA = IPA
	msr	sctlr_el1, x0
	SETHCR	HCR_RW | HCR_VM
	VTCR_AT l1_t0sz32_ps44, PS44, 1, 32	// 32-bit IPA, 44-bit PS: walks
	VTCR_AT l1_t0sz24_ps44, PS44, 1, 24	// 40-bit IPA ≤ 44: walks
	VTCR_AT l1_t0sz24_ps40, PS40, 1, 24	// 40-bit IPA = 40: walks
	VTCR_AT l1_t0sz24_ps32, PS32, 1, 24	// 40-bit IPA > 32-bit PS: faults, level 0
	VTCR_AT l1_t0sz32_ps32, PS32, 1, 32	// 32-bit IPA = 32-bit PS: walks
	VTCR_AT l1_t0sz33_ps32, PS32, 1, 33	// 31-bit IPA: walks (0x4000_1000 is below 2^31)
	VTCR_AT l1_t0sz22_ps44, PS44, 1, 22	// 42-bit IPA from level 1: 8 concatenated tables, walks
	VTCR_AT l2_t0sz24_ps44, PS44, 0, 24	// 40-bit IPA from level 2: AArch64.S2InconsistentSL, faults
	ldr	x0, =s2_l0
	msr	vttbr_el2, x0
	VTCR_AT l0_t0sz20_ps44, PS44, 2, 20	// 44-bit IPA, level 0 start: walks
	VTCR_AT l0_t0sz18_ps44, PS44, 2, 18	// 46-bit IPA > 44: faults, level 0 (T0SZ < 64 − PAMax)
	VTCR_AT l0_t0sz16_ps44, PS44, 2, 16	// 48-bit IPA: faults, level 0
	VTCR_AT l0_t0sz20_ps40, PS40, 2, 20	// 44-bit IPA > 40-bit PS: faults, level 0
	EXIT

	.bss
	PAGE_TABLE s2_l0, 4096
	PAGE_TABLE s2_l1, 32768
