// The EL2 physical timer CNTHP (PPI 10, INTID 26) interrupting EL2 (ARM §D11.2, §D1.3.6 routing, J1.1
// AArch64.TakePhysicalIRQException). HCR_EL2.IMO = 1 routes physical IRQs to EL2. (1) WFI, PSTATE.I cleared: the IRQ
// is taken to VBAR_EL2 + 0x280 (current EL, SP_ELx); the hook prints CNTHP_CTL_EL2 with ISTATUS, ESR_EL2 (not
// written by an IRQ), GICC_RPR = the priority of the active interrupt and GICC_HPPIR. (2) PSTATE.I masks it at EL2:
// pending (HPPIR = 26) until MSR DAIFClr, which takes it before the next instruction. (3) GICC_PMR: priority 0x80 is
// not signalled with a mask of 0x80, and is with 0x81. (4) IMO = 0: the IRQ targets EL1 and is not taken at EL2,
// whatever PSTATE.I says; setting IMO lets it in. (5) At EL2t the IRQ uses the SP_EL0 entry, + 0x080. (6) Moving CVAL into the future
// deasserts the level-sensitive PPI (no longer pending), a TVAL of -1 asserts it again. (7) CNTHP_CTL.IMASK deasserts
// the PPI, ENABLE = 0 clears ISTATUS.
	.include "lib.inc"
	.include "irq.inc"
main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	ldr	x0, =0x5a5a1234
	msr	esr_el2, x0
	SETHCR	HCR_RW | HCR_IMO
	GIC_ON
	WRITEW	GICD_IPRIORITYR + 24, 0x00800000	// INTID 26: priority 0x80
	GIC_ENABLE INTID_CNTHP
	PRINTSYS cnthp_ctl_reset, cnthp_ctl_el2
	// (1) WFI until the timer interrupt arrives
	TIMER_FIRE cnthp_ctl_el2, cnthp_tval_el2, 1000
	WAIT_IRQ
	PRINT_ELR
	PRINTSYS cnthp_ctl_after, cnthp_ctl_el2
	PRINTW	gicd_ispendr0_after, GICD_ISPENDR0	// the level is still asserted
	PRINTW	gicd_isactiver0_after, GICD_ISACTIVER0
	PRINTW	gicc_rpr_after, GICC_RPR
	PRINTW	gicc_hppir_after, GICC_HPPIR		// disabled by the handler
	// (2) masked by PSTATE.I: pending until DAIFClr
	GIC_ENABLE INTID_CNTHP
	TIMER_FIRE cnthp_ctl_el2, cnthp_tval_el2, 200
	WAIT_ISTATUS cnthp_ctl_el2
	PRINTW	gicc_hppir_masked, GICC_HPPIR
	PRINT_IRQS
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	// (3) GICC_PMR: a priority must be higher (lower value) than the mask to be signalled
	WRITEW	GICC_PMR, 0x80
	GIC_ENABLE INTID_CNTHP
	msr	daifclr, #2
	isb
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINTW	gicc_hppir_pmr_80, GICC_HPPIR
	PRINTW	gicd_ispendr0_pmr_80, GICD_ISPENDR0
	WRITEW	GICC_PMR, 0x81
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	// (4) IMO = 0: the IRQ is for EL1, never taken at EL2
	SETHCR	HCR_RW
	GIC_ENABLE INTID_CNTHP
	msr	daifclr, #2
	isb
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINTW	gicc_hppir_imo0, GICC_HPPIR
	SETHCR	HCR_RW | HCR_IMO
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	// (5) at EL2t (SPSel = 0): the current-EL SP_EL0 entry, VBAR_EL2 + 0x080
	GIC_ENABLE INTID_CNTHP
	msr	spsel, #0
	msr	daifclr, #2
	nop
	msr	daifset, #2
	msr	spsel, #1
	PRINT_IRQS
	PRINT_ELR
	// (6) a CVAL write moving the deadline into the future deasserts the level-sensitive PPI
	GIC_ENABLE INTID_CNTHP
	PRINTW	gicd_ispendr0_fired, GICD_ISPENDR0
	ldr	x0, =0x7fffffffffffffff
	msr	cnthp_cval_el2, x0
	isb
	PRINTSYS cnthp_ctl_future, cnthp_ctl_el2
	PRINTW	gicd_ispendr0_future, GICD_ISPENDR0
	PRINTW	gicc_hppir_future, GICC_HPPIR
	mov	x0, #-1
	msr	cnthp_tval_el2, x0		// TVAL = -1: CVAL in the past, asserted again
	isb
	PRINTSYS cnthp_ctl_past, cnthp_ctl_el2
	PRINTW	gicd_ispendr0_past, GICD_ISPENDR0
	// (7) IMASK and ENABLE
	mov	x0, #CTL_ENABLE | CTL_IMASK
	msr	cnthp_ctl_el2, x0
	isb
	PRINTSYS cnthp_ctl_imask, cnthp_ctl_el2
	PRINTW	gicd_ispendr0_imask, GICD_ISPENDR0
	msr	daifclr, #2
	isb
	nop
	msr	daifset, #2
	PRINT_IRQS
	msr	cnthp_ctl_el2, xzr
	isb
	PRINTSYS cnthp_ctl_off, cnthp_ctl_el2
	SETHCR	HCR_RW
	EXIT

// irq_hook (x0 = INTID): the state seen inside the handler
irq_hook:
	str	x30, [sp, #-16]!
	PRINTSYS cnthp_ctl, cnthp_ctl_el2
	PRINTSYS esr_el2, esr_el2
	PRINTW	gicc_rpr, GICC_RPR
	PRINTW	gicc_hppir, GICC_HPPIR
	PRINTW	gicd_isactiver0, GICD_ISACTIVER0
	ldr	x30, [sp], #16
	ret
