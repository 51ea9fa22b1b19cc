// The EL1 virtual timer CNTV (PPI 11, INTID 27) and CNTVOFF_EL2 (ARM §D11.2.2 virtual count CNTVCT = CNTPCT -
// CNTVOFF; §D11.2.4 CompareValue/TimerValue views). Counts are never printed (QEMU's follow the host clock): only
// relations that hold whatever the time. CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2 within a few ticks; a TVAL write
// sets CVAL = CNTVCT + TVAL; with CNTVOFF = CNTPCT the timer (CVAL = 0x7000_0000) is far off, TVAL positive; moving
// CNTVOFF back by 2^31 makes the virtual count pass CVAL: ISTATUS = 1, TVAL negative, INTID 27 pending. With
// HCR_EL2.IMO = 0 the IRQ is taken at EL1 (VBAR_EL1 + 0x280) once EL1 clears PSTATE.I. Then the EL1 physical timer
// CNTP (INTID 30): a TVAL of -1 fires at once; a TVAL write ignores bits 63:32.
	.include "lib.inc"
	.include "irq.inc"
	.equ	NEAR, 0x100000			// "a few ticks": far more than QEMU needs between two reads
main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	msr	vbar_el1, x0
	PRINTSYS cntvoff_reset, cntvoff_el2
	PRINTSYS cntv_ctl_reset, cntv_ctl_el0
	GIC_ON
	GIC_ENABLE INTID_CNTV
	// CNTVCT = CNTPCT - CNTVOFF
	ldr	x0, =0x0123456789abcdef
	msr	cntvoff_el2, x0
	isb
	PRINTSYS cntvoff, cntvoff_el2
	mrs	x1, cntvct_el0
	mrs	x2, cntpct_el0
	sub	x3, x2, x1
	sub	x3, x3, x0			// CNTPCT - CNTVCT - CNTVOFF: the ticks between the two reads
	cmp	x3, #NEAR
	cset	x4, lo
	PRINT	vct_is_pct_minus_off, x4
	// TVAL write: CVAL = CNTVCT + SignExtend(TVAL)
	mov	x0, #0x10000000
	msr	cntv_tval_el0, x0
	isb
	mrs	x1, cntv_cval_el0
	mrs	x2, cntvct_el0
	sub	x3, x1, x2			// CVAL - CNTVCT: 0x1000_0000 minus the ticks since the write
	sub	x4, x0, x3
	cmp	x4, #NEAR
	cset	x4, lo
	PRINT	cval_is_vct_plus_tval, x4
	// CNTVOFF = CNTPCT: the virtual count starts near 0, far below CVAL
	ldr	x0, =0x70000000
	msr	cntv_cval_el0, x0
	mov	x0, #CTL_ENABLE
	msr	cntv_ctl_el0, x0
	mrs	x0, cntpct_el0
	msr	cntvoff_el2, x0
	isb
	PRINTSYS cntv_ctl_far, cntv_ctl_el0
	mrs	x1, cntv_tval_el0
	lsr	x1, x1, #28
	PRINT	cntv_tval_far_31_28, x1
	PRINTW	gicc_hppir_far, GICC_HPPIR
	// CNTVOFF = CNTPCT - 2^31: the virtual count jumps past CVAL
	mrs	x0, cntpct_el0
	mov	x1, #0x80000000
	sub	x0, x0, x1
	msr	cntvoff_el2, x0
	WAIT_ISTATUS cntv_ctl_el0
	PRINTSYS cntv_ctl_met, cntv_ctl_el0
	mrs	x1, cntv_tval_el0
	lsr	x1, x1, #28
	PRINT	cntv_tval_met_31_28, x1
	PRINTW	gicc_hppir_met, GICC_HPPIR
	// taken at EL1 (IMO = 0) once PSTATE.I is clear there
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	mrs	x5, cntvct_el0
	mrs	x6, cntpct_el0
	GOTO_EL2 el2_check			// CNTVOFF_EL2 is readable at EL2 only
el2_check:
	mrs	x0, cntvoff_el2
	sub	x3, x6, x5
	sub	x3, x3, x0
	cmp	x3, #NEAR
	cset	x4, lo
	PRINT	el1_vct_is_pct_minus_off, x4
	ERET_TO	el2, 0x3c5, el1_irq
el1_irq:
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	PRINTSYS cntv_ctl_end, cntv_ctl_el0
	// the EL1 physical timer: TVAL = -1 puts CVAL in the past, so it fires at once (INTID 30, to EL1)
	GIC_ENABLE INTID_CNTP
	mov	x0, #-1
	msr	cntp_tval_el0, x0
	mov	x0, #CTL_ENABLE
	msr	cntp_ctl_el0, x0
	isb
	PRINTSYS cntp_ctl_past, cntp_ctl_el0
	mrs	x1, cntp_tval_el0
	lsr	x1, x1, #28
	PRINT	cntp_tval_past_31_28, x1
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	// TVAL bits 63:32 are ignored: CVAL = CNTPCT + SignExtend(0x0010_0000)
	ldr	x0, =0xffffffff00100000
	msr	cntp_tval_el0, x0
	isb
	mrs	x1, cntp_cval_el0
	mrs	x2, cntpct_el0
	sub	x3, x1, x2
	mov	x4, #0x100000
	sub	x4, x4, x3			// the ticks since the write
	cmp	x4, #NEAR
	cset	x4, lo
	PRINT	cntp_cval_ignores_tval_63_32, x4
	msr	cntp_ctl_el0, xzr
	EXIT

// irq_hook at EL1: the interrupting timer's state, then IMASK it
irq_hook:
	str	x30, [sp, #-16]!
	mov	x1, #CTL_ENABLE | CTL_IMASK
	cmp	x0, #INTID_CNTV
	b.ne	1f
	PRINTSYS cntv_ctl, cntv_ctl_el0
	msr	cntv_ctl_el0, x1
	b	2f
1:	PRINTSYS cntp_ctl, cntp_ctl_el0
	msr	cntp_ctl_el0, x1
2:	isb
	ldr	x30, [sp], #16
	ret
