// Counter and timer access traps (ARM §D11.2, §D24.11): CNTHCTL_EL2 (E2H = 0) EL1PCTEN = 0 traps EL0/EL1 reads of
// CNTPCT_EL0, EL1PCEN = 0 their accesses to CNTP_CTL/CVAL/TVAL_EL0, to EL2 with EC 0x18 (ISS Op0/Op2/Op1/CRn/Rt/
// CRm/Direction); CNTVCT_EL0, CNTV_* and CNTFRQ_EL0 are not trapped by them. At EL0, CNTKCTL_EL1 (EL0PCTEN,
// EL0VCTEN, EL0PTEN) traps to EL1 first. The EL2 registers (CNTHCTL_EL2, CNTVOFF_EL2, CNTHP_*) are UNDEFINED at EL1.
// Counter values are never printed.
	.include "lib.inc"
	.include "irq.inc"
.macro SET_CNTHCTL val:req
	mov	x9, #\val
	msr	cnthctl_el2, x9
	isb
.endm
main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	msr	vbar_el1, x0
	PRINTSYS cnthctl_reset, cnthctl_el2
	PRINTSYS cntkctl_reset, cntkctl_el1
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_all
el1_all:					// CNTHCTL_EL2 = 3: nothing trapped
	mrs	x1, cntpct_el0
	mrs	x1, cntvct_el0
	mrs	x1, cntp_ctl_el0
	PRINT	el1_cntp_ctl, x1
	ldr	x1, =0x123456789
	msr	cntp_cval_el0, x1
	mrs	x2, cntp_cval_el0
	PRINT	el1_cntp_cval, x2
	PRINTSYS el1_cntfrq, cntfrq_el0
	mrs	x1, cnthctl_el2			// UNDEFINED at EL1 (EC 0x00 to EL1)
	mrs	x1, cntvoff_el2
	mrs	x1, cnthp_ctl_el2
	msr	cnthp_tval_el2, x1
	GOTO_EL2 no_pcten
no_pcten:
	SET_CNTHCTL 2				// EL1PCTEN = 0
	ERET_TO	el2, 0x3c5, el1_no_pcten
el1_no_pcten:
	mrs	x3, cntpct_el0			// trapped to EL2
	mrs	x3, cntvct_el0
	mrs	x3, cntp_ctl_el0
	mrs	x3, cntfrq_el0
	PRINTI	el1_no_pcten_done, 1
	GOTO_EL2 no_pcen
no_pcen:
	SET_CNTHCTL 1				// EL1PCEN = 0
	ERET_TO	el2, 0x3c5, el1_no_pcen
el1_no_pcen:
	mrs	x4, cntp_ctl_el0		// the three trapped to EL2
	msr	cntp_cval_el0, x4
	mrs	x5, cntp_tval_el0
	mrs	x4, cntpct_el0
	mrs	x4, cntv_ctl_el0
	msr	cntv_cval_el0, x4
	PRINTI	el1_no_pcen_done, 1
	GOTO_EL2 el0_tests
el0_tests:
	SET_CNTHCTL 0				// both trapped
	ERET_TO	el2, 0x0, el0_kctl0
el0_kctl0:					// CNTKCTL_EL1 = 0: to EL1 first
	mrs	x6, cntpct_el0
	mrs	x6, cntvct_el0
	mrs	x6, cntfrq_el0
	mrs	x6, cntp_ctl_el0
	mrs	x6, cntv_ctl_el0
	GOTO_EL1 el1_set_kctl
el1_set_kctl:
	ldr	x0, =(1 << 9) | (1 << 8) | 3	// EL0PTEN, EL0VTEN, EL0VCTEN, EL0PCTEN
	msr	cntkctl_el1, x0
	isb
	PRINTSYS cntkctl, cntkctl_el1
	ERET_TO	el1, 0x0, el0_kctl_all
el0_kctl_all:					// EL1 lets them through: CNTHCTL_EL2 traps the physical ones to EL2
	mrs	x7, cntpct_el0
	mrs	x7, cntvct_el0
	mrs	x7, cntfrq_el0
	mrs	x7, cntp_ctl_el0
	mrs	x7, cntv_ctl_el0
	mov	x0, #0
	svc	#EXIT_IMM

irq_hook:
	ret
