// MDCR_EL2's controls over EL1 (ARM §D24.2 MDCR_EL2; §D24.5 PMU registers; QEMU 7.2 helper.c pmreg_access,
// debug_helper.c access_tda/access_tdosa): TPM traps PMU registers to EL2 (EC 0x18); HPMN = 2 leaves EL1 counters
// 0 and 1 (PMCR_EL0.N reads 2, the enable bits of counters 2..5 are RAZ/WI, PMEVCNTR3_EL0 and PMXEV* of SEL 4 are
// UNDEFINED); TPMCR traps PMCR_EL0; TDA traps the debug registers, TDOSA the OS lock ones; TDE implies both.
// Each HVC #n from EL1 sets the next MDCR_EL2 (a small EL2 vector) and returns after the HVC.
	.include "lib.inc"
	.include "lower-sync.inc"
	.equ	HPMN6, 6
main:
	ldr	x0, =mdcr_vectors
	msr	vbar_el2, x0
	ldr	x0, =(1 << 6) | HPMN6		// TPM
	msr	mdcr_el2, x0
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_tpm
el1_tpm:
	mrs	x1, pmcr_el0			// TPM: to EL2
	mrs	x1, pmintenset_el1		// TPM: to EL2
	msr	pmuserenr_el0, xzr		// TPM: to EL2
	mrs	x1, mdscr_el1			// allowed
	hvc	#1				// MDCR_EL2 = HPMN 2
	PRINTSYS el1_pmcr_hpmn2, pmcr_el0
	ldr	x0, =0xffffffff
	msr	pmcntenset_el0, x0
	PRINTSYS el1_pmcntenset_hpmn2, pmcntenset_el0
	msr	pmcntenclr_el0, x0
	mrs	x1, pmevcntr1_el0		// counter 1 < HPMN: allowed
	mrs	x1, pmevcntr3_el0		// counter 3 >= HPMN: UNDEFINED
	mov	x0, #4
	msr	pmselr_el0, x0
	mrs	x1, pmxevcntr_el0		// SEL 4 >= HPMN: UNDEFINED
	mov	x0, #31
	msr	pmselr_el0, x0
	mrs	x1, pmxevtyper_el0		// SEL 31: PMCCFILTR_EL0
	PRINT	el1_pmxevtyper_31, x1
	mrs	x1, pmxevcntr_el0		// SEL 31: UNDEFINED
	hvc	#2				// MDCR_EL2 = TDA
	mrs	x1, mdscr_el1			// TDA: to EL2
	msr	dbgbcr1_el1, xzr		// TDA: to EL2
	mrs	x1, oslsr_el1			// allowed
	hvc	#3				// MDCR_EL2 = TDOSA
	mrs	x1, oslsr_el1			// TDOSA: to EL2
	msr	oslar_el1, xzr			// TDOSA: to EL2
	mrs	x1, dbgbvr2_el1			// allowed
	hvc	#4				// MDCR_EL2 = TDE
	mrs	x1, dbgwvr0_el1			// TDE implies TDA: to EL2
	msr	osdlr_el1, xzr			// TDE implies TDOSA: to EL2
	mrs	x1, pmcr_el0			// allowed
	EXIT

// VBAR_EL2: lib's vectors, except that HVC #1..#4 from EL1 set MDCR_EL2 and return after the HVC
	LOWER_SYNC_VECTORS mdcr_vectors, mdcr_sync
mdcr_sync:
	stp	x0, x1, [sp, #-16]!
	mrs	x0, esr_el2
	lsr	x1, x0, #26
	cmp	x1, #0x16
	b.ne	1f
	and	x0, x0, #0xffff
	cmp	x0, #4
	b.hi	1f
	adr	x1, mdcr_values
	ldr	x0, [x1, x0, lsl #3]
	msr	mdcr_el2, x0
	isb
	ldp	x0, x1, [sp], #16
	eret
1:	ldp	x0, x1, [sp], #16
	b	lib_vectors + 0x400
	.balign	8
mdcr_values:
	.quad	HPMN6, 2, (1 << 9) | HPMN6, (1 << 10) | HPMN6, (1 << 8) | HPMN6
