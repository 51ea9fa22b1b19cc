// Top byte ignored with the EL1&0 stage 1 off (SCTLR_EL1.M = 0, HCR_EL2.VM = 0): a VA is PA-sized when its bits
// [AddrTop:PAMax] are zero, AddrTop = 55 when TCR_EL1.TBI0/TBI1 (by VA[55]) is set, else 63 — otherwise a stage-1
// Address size fault, level 0 (J1.3 AddrTop; AArch64.TranslateAddressS1Off). By AT S1E1R from EL2 and by loads at EL1.
	.include "lib.inc"
	.include "mmu.inc"
	.equ	TBI0, 1 << 37
	.equ	TBI1, 1 << 38
	.equ	TAGGED, 0x5a00000000000000		// tag 0x5a, VA[55] = 0
.macro AT_TAGGED key:req, tcr:req, va:req
	ldr	x0, =\tcr
	msr	tcr_el1, x0
	isb
	ldr	x1, =\va
	at	s1e1r, x1
	isb
	mrs	x2, par_el1
	bic	x2, x2, #0x180				// PAR_EL1.SH for Device: 0b10 here, 0b00 on QEMU 7.2 (DEVIATIONS D1)
	PRINT	\key, x2
.endm
main:
	ldr	x0, =SCTLR_EL1_RES1			// stage 1 off
	msr	sctlr_el1, x0
	SETHCR	HCR_RW
	AT_TAGGED tbi0_tagged, TBI0, TAGGED + probe
	AT_TAGGED tbi1_only_tagged, TBI1, TAGGED + probe	// VA[55] = 0 selects TBI0 = 0: Address size fault
	AT_TAGGED no_tbi_tagged, 0, TAGGED + probe
	AT_TAGGED tbi0_bit55, TBI0, 0x0080000000000000 + probe	// VA[55] = 1 selects TBI1 = 0
	AT_TAGGED tbi01_bit55, TBI0 | TBI1, 0x0080000000000000 + probe	// bit 55 is below AddrTop: still too wide
	AT_TAGGED tbi0_bit47, TBI0, 0x0000800000000000 + probe	// above PAMax (44 bits)
	ldr	x0, =TBI0
	msr	tcr_el1, x0
	ERET_TO	el2, 0x3c5, el1
el1:
	ldr	x1, =TAGGED + probe
	ldr	x2, [x1]				// TBI0: reads probe
	PRINT	el1_tagged_load, x2
	ldr	x1, =0xa500000000000000 + probe		// VA[55] = 0: TBI0 still applies
	ldr	x2, [x1]
	PRINT	el1_tagged_load2, x2
	msr	tcr_el1, xzr
	isb
	ldr	x1, =TAGGED + probe
	ldr	x2, [x1]				// no TBI: Address size fault, level 0, to EL1
	EXIT
	.data
	.balign	8
probe:	.quad	0x7b17b17b17b17b1
