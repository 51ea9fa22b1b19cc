// Debug exceptions routed to EL2 (ARM §D2 "Routing debug exceptions"; AArch64.DebugTarget): with MDCR_EL2.TDE = 1,
// breakpoints, watchpoints and software step from EL1 and EL0 go to EL2 (EC 0x30/0x34/0x32, exc=0x2400) whatever
// MDSCR_EL1.KDE and PSTATE.D say at EL1, and so does BRK; at EL2 itself they need KDE = 1, PSTATE.D = 0 and, for a
// breakpoint, DBGBCR.HMC = 1. With TDE = 0 nothing fires at EL2 (debug exceptions are never taken to a lower EL) and
// BRK at EL2 stays at EL2. HCR_EL2.TGE = 1 routes EL0's to EL2 as well.
	.include "lib.inc"
	.include "debug.inc"
main:
	ldr	x0, =dbg_vectors
	msr	vbar_el2, x0
	msr	vbar_el1, x0
	msr	oslar_el1, xzr			// from EL2: TDE makes TDOSA trap EL1's accesses
	mov	x0, #(1 << 8)			// MDCR_EL2.TDE
	msr	mdcr_el2, x0
	SETHCR	HCR_RW
	mov	x0, #MDSCR_MDE
	msr	mdscr_el1, x0
	ldr	x0, =bp_el1
	msr	dbgbvr0_el1, x0
	ldr	x0, =(BCR_BAS | (1 << 1) | BCR_E)	// PMC 0b01: EL1
	msr	dbgbcr0_el1, x0
	ldr	x0, =wdata
	msr	dbgwvr0_el1, x0
	ldr	x0, =((0xff << 5) | (3 << 3) | (1 << 1) | 1)	// EL1 loads and stores
	msr	dbgwcr0_el1, x0
	isb
	PRINTI	el1_to_el2, 1
	EL1_RUN	el1_code, 0x3c5			// EL1 with PSTATE.D = 1, KDE = 0: still enabled (target EL2 is higher)
	msr	dbgbcr0_el1, xzr
	msr	dbgwcr0_el1, xzr
	PRINTI	el1_step, 2
	mov	x0, #MDSCR_SS
	msr	mdscr_el1, x0
	mov	x27, #2
	EL1_RUN	el1_short, (SPSR_SS | 0x3c5)
	// a stepped ERET (EL1 to EL0): debug exceptions were enabled where it ran, so PSTATE.SS = 0 at EL0 whatever
	// SPSR_EL1.SS says: the step exception comes before EL0's first instruction (ELR = el0_code, SPSR.SS = 0)
	PRINTI	eret_stepped, 21
	mov	x0, #MDSCR_SS
	msr	mdscr_el1, x0
	mov	x27, #6
	adr	x25, 2f
	ERET_TO	el2, (SPSR_SS | 0x3c5), el1_eret
2:	// at EL2: a breakpoint with HMC = 1 and PMC = 0b00, KDE = 1, PSTATE.D = 0
	ldr	x0, =bp_el2
	msr	dbgbvr1_el1, x0
	ldr	x0, =((1 << 13) | BCR_BAS | BCR_E)
	msr	dbgbcr1_el1, x0
	mov	x0, #MDSCR_MDE
	msr	mdscr_el1, x0
	isb
	PRINTI	el2_kde0, 3
	msr	daifclr, #8
	bl	el2_code
	msr	daifset, #8
	ldr	x0, =(MDSCR_MDE | MDSCR_KDE)
	msr	mdscr_el1, x0
	isb
	PRINTI	el2_kde1, 4
	msr	daifclr, #8
	bl	el2_code
	msr	mdcr_el2, xzr			// TDE = 0: the debug target is EL1, below EL2
	isb
	PRINTI	el2_tde0, 5
	bl	el2_code
	msr	daifset, #8
	brk	#0x21
	// HCR_EL2.TGE = 1 routes EL0's debug exceptions to EL2 as TDE does
	PRINTI	tge_el0, 7
	SETHCR	(HCR_RW | HCR_TGE)
	ldr	x0, =bp_el0
	msr	dbgbvr2_el1, x0
	ldr	x0, =(BCR_BAS | (2 << 1) | BCR_E)	// PMC 0b10: EL0
	msr	dbgbcr2_el1, x0
	mov	x0, #MDSCR_MDE
	msr	mdscr_el1, x0
	isb
	adr	x28, 1f
	ERET_TO	el2, 0x0, el0_code
1:	PRINTI	done, 8
	EXIT

el2_code:
	nop
bp_el2:	nop
	ret

	.balign	64
el1_code:
	mov	x1, #1
bp_el1:	mov	x1, #2
	ldr	x1, =wdata
	ldr	x2, [x1]
	brk	#0x20
	hvc	#0x42

el0_code:
	mov	x1, #1
bp_el0:	add	x1, x1, #1
	svc	#0x42

el1_eret:					// six stepped instructions, the last an ERET to EL0 with SPSR.SS = 1
	adr	x28, el1_back
	ldr	x9, =SPSR_SS
	msr	spsr_el1, x9
	adr	x9, el0_code
	msr	elr_el1, x9
	eret
el1_back:					// EL0's svc #0x42 lands here (EL1): back to EL2
	mov	x28, x25
	hvc	#0x42

el1_short:
	mov	x1, #1
	mov	x1, #2
	mov	x1, #3
	hvc	#0x42
	.ltorg

	.data
	.balign	16
wdata:	.quad	0
