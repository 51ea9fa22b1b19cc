// PMUv3 registers at EL2 (ARM §D24.5; QEMU 7.2 helper.c pmu_*): PMCR_EL0 reset (N = 6) and its writable bits, the
// implemented common events, the enable/overflow/interrupt-enable set/clear pairs (the cycle counter is bit 31),
// PMSELR_EL0 with the PMXEV* views of a counter and of PMCCFILTR_EL0, 32-bit event counters, PMCR_EL0.P/C zeroing,
// and SW_INCR counting through PMSWINC_EL0 with an overflow. Values that depend on time are printed as flags.
	.include "lib.inc"
main:
	PRINTSYS pmcr_reset, pmcr_el0
	mrs	x0, pmceid0_el0
	and	x0, x0, #~(1 << 8)		// INST_RETIRED: QEMU implements it only with -icount, twostage always
	PRINT	pmceid0, x0
	PRINTSYS pmceid1, pmceid1_el0
	PRINTSYS pmcntenset_reset, pmcntenset_el0
	PRINTSYS pmuserenr_reset, pmuserenr_el0
	PRINTSYS mdcr_el2_reset, mdcr_el2
	// PMCR_EL0: E, D, X, DP, LC writable; P and C read as 0; N, IDCODE, IMP read-only
	ldr	x0, =0xffffffff
	msr	pmcr_el0, x0
	PRINTSYS pmcr_ones, pmcr_el0
	msr	pmcr_el0, xzr
	PRINTSYS pmcr_zero, pmcr_el0
	// set/clear pairs
	ldr	x0, =0x8000003f
	msr	pmcntenset_el0, x0
	PRINTSYS pmcntenset_all, pmcntenset_el0
	PRINTSYS pmcntenclr_all, pmcntenclr_el0
	ldr	x0, =0x80000005
	msr	pmcntenclr_el0, x0
	PRINTSYS pmcntenset_cleared, pmcntenset_el0
	ldr	x0, =0xffffffff
	msr	pmcntenclr_el0, x0
	msr	pmovsset_el0, x0
	PRINTSYS pmovsset_all, pmovsset_el0
	mov	x1, #0x12
	msr	pmovsclr_el0, x1
	PRINTSYS pmovsclr_some, pmovsclr_el0
	msr	pmovsclr_el0, x0
	PRINTSYS pmovs_none, pmovsset_el0
	msr	pmintenset_el1, x0
	PRINTSYS pmintenset_all, pmintenset_el1
	mov	x1, #0x21
	msr	pmintenclr_el1, x1
	PRINTSYS pmintenclr_some, pmintenclr_el1
	msr	pmintenclr_el1, x0
	// counters and types, directly and through PMSELR_EL0
	ldr	x0, =0x12345678
	msr	pmevcntr0_el0, x0
	ldr	x0, =0xffffffff87654321
	msr	pmevcntr5_el0, x0
	PRINTSYS pmevcntr5, pmevcntr5_el0
	mov	x0, #5
	msr	pmselr_el0, x0
	PRINTSYS pmselr, pmselr_el0
	PRINTSYS pmxevcntr5, pmxevcntr_el0
	ldr	x0, =0xc8000011			// P, U, NSH; CPU_CYCLES
	msr	pmxevtyper_el0, x0
	PRINTSYS pmevtyper5, pmevtyper5_el0
	mov	x0, #31
	msr	pmselr_el0, x0
	ldr	x0, =0x48000000			// U, NSH
	msr	pmxevtyper_el0, x0
	PRINTSYS pmccfiltr, pmccfiltr_el0
	msr	pmselr_el0, xzr
	PRINTSYS pmxevcntr0, pmxevcntr_el0
	ldr	x0, =0x123456789a
	msr	pmccntr_el0, x0
	PRINTSYS pmccntr_written, pmccntr_el0
	// P zeroes the event counters, C the cycle counter
	mov	x0, #2
	msr	pmcr_el0, x0
	PRINTSYS pmevcntr0_after_p, pmevcntr0_el0
	PRINTSYS pmccntr_after_p, pmccntr_el0
	mov	x0, #4
	msr	pmcr_el0, x0
	PRINTSYS pmccntr_after_c, pmccntr_el0
	// SW_INCR (NSH = 1: counted at EL2) on counter 1 from 0xfffffffe: two increments wrap it and set its overflow flag; a disabled counter 2 stays
	ldr	x0, =0x08000000		// NSH: count at EL2; event 0x00 SW_INCR
	msr	pmevtyper1_el0, x0
	msr	pmevtyper2_el0, x0
	ldr	x0, =0xfffffffe
	msr	pmevcntr1_el0, x0
	msr	pmevcntr2_el0, x0
	mov	x0, #1
	msr	pmcr_el0, x0			// E
	mov	x0, #2
	msr	pmcntenset_el0, x0		// counter 1 only
	mov	x0, #6
	msr	pmswinc_el0, x0
	PRINTSYS swinc1_once, pmevcntr1_el0
	msr	pmswinc_el0, x0
	PRINTSYS swinc1_wrapped, pmevcntr1_el0
	PRINTSYS swinc2_disabled, pmevcntr2_el0
	PRINTSYS pmovs_swinc, pmovsset_el0
	// the cycle counter counts at EL2 when PMCCFILTR_EL0.NSH = 1, and not when NSH = 0
	ldr	x0, =0x08000000
	msr	pmccfiltr_el0, x0
	msr	pmccntr_el0, xzr
	ldr	x0, =0x80000000
	msr	pmcntenset_el0, x0
	mov	x1, #200
1:	subs	x1, x1, #1
	b.ne	1b
	mrs	x2, pmccntr_el0
	cmp	x2, #0
	cset	x3, ne
	PRINT	ccnt_counts_el2, x3
	msr	pmccfiltr_el0, xzr
	msr	pmccntr_el0, xzr
	mov	x1, #200
1:	subs	x1, x1, #1
	b.ne	1b
	mrs	x2, pmccntr_el0
	PRINT	ccnt_filtered_el2, x2
	EXIT
