// ISR_EL1 (ARM §D24.2 ISR_EL1): the pending IRQ, FIQ and SError, whatever PSTATE masks. At EL1 with HCR_EL2.IMO
// (FMO, AMO) = 1 a field shows the virtual interrupt (HCR_EL2.VI, VF, VSE), else the physical one; at EL2 always the
// physical one. A physical IRQ is made pending by the EL2 physical timer (PPI 26) with PSTATE.I masked everywhere, so
// it is never taken; the board has no physical FIQ or SError source.
	.include "lib.inc"
	.include "irq.inc"
	.equ	HCR_FMO, 1 << 3
	.equ	HCR_AMO, 1 << 5
	.equ	HCR_VF, 1 << 6
	.equ	HCR_VI, 1 << 7
	.equ	HCR_VSE, 1 << 8
	.equ	HCR_ALLV, HCR_RW | HCR_IMO | HCR_FMO | HCR_AMO | HCR_VI | HCR_VF | HCR_VSE
// AT_EL1 key, hcr: read ISR_EL1 at EL1h (DAIF masked) under HCR_EL2 = hcr, print it from EL2
.macro AT_EL1 key:req, hcr:req
	SETHCR	\hcr
	ERET_TO	el2, 0x3c5, 1f
1:	mrs	x20, isr_el1
	GOTO_EL2 2f
2:	PRINT	\key, x20
.endm
main:
	mov	x26, x30
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	msr	vbar_el1, x0
	PRINTSYS el2_reset, isr_el1
	AT_EL1	el1_all_virtual, HCR_ALLV			// I, F, A from VI, VF, VSE: 0x1c0
	AT_EL1	el1_no_routing, HCR_RW | HCR_VI | HCR_VF | HCR_VSE	// routing bits 0: the physical ones (none)
	AT_EL1	el1_vi_only, HCR_RW | HCR_IMO | HCR_VI		// 0x80
	AT_EL1	el1_vf_amo, HCR_RW | HCR_AMO | HCR_VF		// VF without FMO, AMO without VSE: 0
	SETHCR	HCR_ALLV
	PRINTSYS el2_virtual_set, isr_el1			// EL2 sees no virtual interrupt: 0
	SETHCR	HCR_RW
	// a physical IRQ pending at the CPU interface: CNTHP fires at once, PSTATE.I stays masked
	GIC_ON
	GIC_ENABLE INTID_CNTHP
	TIMER_FIRE cnthp_ctl_el2, cnthp_tval_el2, 0
	WAIT_ISTATUS cnthp_ctl_el2
	ldr	x9, =GICC_HPPIR				// wait until the CPU interface presents it
1:	ldr	w10, [x9]
	cmp	w10, #INTID_CNTHP
	b.ne	1b
	PRINTSYS el2_phys_irq, isr_el1				// 0x80
	AT_EL1	el1_phys_irq_imo0, HCR_RW			// IMO = 0: the physical IRQ, 0x80
	AT_EL1	el1_phys_and_vi, HCR_RW | HCR_IMO | HCR_VI	// IMO = 1: the virtual one, 0x80 — but first the physical
							// IRQ, now routed to EL2, is taken there (PSTATE.I does not mask it)
	SETHCR	HCR_RW
	msr	cnthp_ctl_el2, xzr
	isb
	PRINTSYS el2_timer_off, isr_el1			// 0
	mov	x30, x26
	ret

// no interrupt is ever taken here (PSTATE.I stays masked); irq.inc's vectors call this hook if one were
irq_hook:
	ret
