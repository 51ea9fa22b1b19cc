// D1: HCR_EL2.TGE = 1, E2H = 0 with SCTLR_EL1.M = 1. The EL1&0 stage-1 tables map VA 0x4040_0000.. (a 2 MB block)
// onto PA 0x4000_0000.., so under them VA alias_va reads `probe`; with TGE = 1 the Arm ARM treats SCTLR_EL1.M as 0
// for everything but direct reads (ARM §D24.2.62 TGE), so EL0 sees VA == PA and reads zeroed RAM at 0x404x_xxxx.
// AT S1E0R/S1E1R from EL2 report the same translation (PAR_EL1) the EL0 access uses.
	.include "lib.inc"
	.include "mmu.inc"
	.equ	ALIAS_DELTA, 0x00400000
main:
	STORE_PTE s1_l1, 0, s1_l2_io + D_TABLE
	STORE_PTE s1_l1, 1, s1_l2 + D_TABLE
	STORE_PTE s1_l2_io, 0x48, 0x09000000 + S1_DEVICE + S1_EL0 + D_BLOCK
	STORE_PTE s1_l2, 0, 0x40000000 + S1_NORMAL + S1_EL0 + D_BLOCK
	STORE_PTE s1_l2, 2, 0x40000000 + S1_NORMAL + S1_EL0 + D_BLOCK
	EL1_S1_TABLES s1_l1, 25
	ldr	x0, =SCTLR_EL1_RES1 | SCTLR_M	// RES1 bits written as 1, so QEMU and the model read back the same
	msr	sctlr_el1, x0
	SETHCR	HCR_RW | HCR_TGE
	PRINTSYS sctlr_el1, sctlr_el1		// a direct read still returns M = 1
	ldr	x1, =probe + ALIAS_DELTA
	at	s1e0r, x1
	isb
	PRINTSYS par_s1e0r, par_el1
	at	s1e1r, x1
	isb
	PRINTSYS par_s1e1r, par_el1
	ERET_TO	el2, 0x0, el0_entry
el0_entry:
	ldr	x1, =probe
	ldr	x2, [x1]
	PRINT	el0_identity, x2
	ldr	x1, =probe + ALIAS_DELTA
	ldr	x2, [x1]
	PRINT	el0_alias, x2
	mov	x0, #0
	svc	#EXIT_IMM

	.data
	.balign	8
probe:	.quad	0xd1d1000000000001

	.bss
	.balign	4096
s1_l1:	.skip	4096
s1_l2:	.skip	4096
s1_l2_io: .skip	4096
