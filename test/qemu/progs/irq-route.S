// Physical IRQ routing and masking from EL1 and EL0 (ARM §D1.3.6 asynchronous exception routing, §D1.3.7 masking;
// J1.1 AArch64.TakePhysicalIRQException). The EL2 timer CNTHP (INTID 26) is made pending while EL2 runs with
// PSTATE.I masked; each case re-enables it in the GIC and enters a lower EL. (a) HCR_EL2.IMO = 1, EL1 with PSTATE.I
// masked: the IRQ is taken to EL2 anyway, at VBAR_EL2 + 0x480 (lower EL, AArch64), before EL1's first instruction.
// (b) the same with PSTATE.I clear. (c) IMO = 0: the IRQ targets EL1 and is masked there by PSTATE.I (HPPIR shows it
// pending) until MSR DAIFClr takes it to VBAR_EL1 + 0x280 (current EL, SP_EL1); (c') at EL1t to + 0x080. (d) IMO = 0
// from EL0: to VBAR_EL1 + 0x480. (e) HCR_EL2.TGE = 1 from EL0 with PSTATE.I masked: to EL2 (TGE routes IRQs to EL2,
// where PSTATE.I does not mask an IRQ taken from a lower EL).
	.include "lib.inc"
	.include "irq.inc"
main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	msr	vbar_el1, x0
	GIC_ON
	GIC_ENABLE INTID_CNTHP
	TIMER_FIRE cnthp_ctl_el2, cnthp_tval_el2, 200
	WAIT_ISTATUS cnthp_ctl_el2
	PRINTW	gicc_hppir, GICC_HPPIR
	// (a) IMO = 1, EL1 with I masked
	SETHCR	HCR_RW | HCR_IMO
	ERET_TO	el2, 0x3c5, el1_a
el1_a:
	PRINT_IRQS
	PRINT_ELR
	GOTO_EL2 case_b
	// (b) IMO = 1, EL1 with I clear
case_b:
	GIC_ENABLE INTID_CNTHP
	ERET_TO	el2, 0x345, el1_b
el1_b:
	PRINT_IRQS
	PRINT_ELR
	GOTO_EL2 case_c
	// (c) IMO = 0, EL1: masked by PSTATE.I until DAIFClr
case_c:
	SETHCR	HCR_RW
	GIC_ENABLE INTID_CNTHP
	ERET_TO	el2, 0x3c5, el1_c
el1_c:
	isb
	nop
	PRINT_IRQS
	PRINTW	gicc_hppir_el1, GICC_HPPIR
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	GOTO_EL2 case_c_el1t
	// (c') the same at EL1t: the SP_EL0 entry, VBAR_EL1 + 0x080
case_c_el1t:
	GIC_ENABLE INTID_CNTHP
	ERET_TO	el2, 0x3c4, el1t_c
el1t_c:
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
	PRINT_ELR
	GOTO_EL2 case_d
	// (d) IMO = 0, EL0 with I clear
case_d:
	GIC_ENABLE INTID_CNTHP
	ERET_TO	el2, 0x0, el0_d
el0_d:
	PRINT_IRQS
	PRINT_ELR
	GOTO_EL1 el1_d
el1_d:
	GOTO_EL2 case_e
	// (e) TGE = 1 (IMO = 0), EL0 with I masked
case_e:
	SETHCR	HCR_RW | HCR_TGE
	GIC_ENABLE INTID_CNTHP
	ERET_TO	el2, 0x080, el0_e
el0_e:
	PRINT_IRQS
	PRINT_ELR
	mov	x0, #0
	svc	#EXIT_IMM

irq_hook:
	ret
