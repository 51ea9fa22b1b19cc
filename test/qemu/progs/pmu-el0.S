// EL0 access to the PMU (ARM §D24.5 PMUSERENR_EL0; QEMU 7.2 helper.c pmreg_access*): with PMUSERENR_EL0 = 0 every
// PMU register traps to EL1 (EC 0x18) except PMUSERENR_EL0 itself, which EL0 may read; ER opens event-counter reads
// and PMSELR_EL0, CR opens PMCCNTR_EL0 reads, SW opens PMSWINC_EL0 writes, EN opens everything.
	.include "lib.inc"
	.include "lower-sync.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	ldr	x0, =pmu_vectors
	msr	vbar_el1, x0
	isb
	ERET_TO	el1, 0x3c0, el0_closed
el0_closed:
	mrs	x1, pmcr_el0			// traps
	mrs	x2, pmuserenr_el0		// reads
	PRINT	el0_pmuserenr, x2
	svc	#1				// to EL1: set PMUSERENR_EL0 = ER | CR
el0_er_cr:
	mrs	x1, pmccntr_el0			// CR: allowed
	mrs	x1, pmevcntr0_el0		// ER: allowed
	mrs	x1, pmselr_el0			// ER: allowed
	msr	pmselr_el0, xzr			// ER: allowed
	msr	pmccntr_el0, xzr		// write needs EN: traps
	msr	pmswinc_el0, xzr		// SW = 0: traps
	mrs	x1, pmcr_el0			// EN = 0: traps
	msr	pmuserenr_el0, xzr		// read-only at EL0: UNDEFINED
	svc	#2				// to EL1: set PMUSERENR_EL0 = SW
el0_sw:
	msr	pmswinc_el0, xzr		// SW: allowed
	mrs	x1, pmccntr_el0			// CR = 0: traps
	svc	#3				// to EL1: set PMUSERENR_EL0 = EN
el0_en:
	mrs	x1, pmcr_el0			// EN: allowed
	msr	pmccntr_el0, xzr		// EN: allowed
	mrs	x1, pmcntenset_el0		// EN: allowed
	PRINTI	el0_done, 1
	mov	x0, #0
	svc	#0xffff

// VBAR_EL1: lib's vectors, except that an SVC #1..#3 from EL0 sets PMUSERENR_EL0 (#1: ER|CR, #2: SW, #3: EN) and
// returns after the SVC without printing
	LOWER_SYNC_VECTORS pmu_vectors, pmu_sync
pmu_sync:
	stp	x0, x1, [sp, #-16]!
	mrs	x0, esr_el1
	lsr	x1, x0, #26
	cmp	x1, #0x15
	b.ne	1f
	and	x0, x0, #0xffff
	cmp	x0, #1
	mov	x1, #0xc
	b.eq	2f
	cmp	x0, #2
	mov	x1, #0x2
	b.eq	2f
	cmp	x0, #3
	mov	x1, #0x1
	b.ne	1f
2:	msr	pmuserenr_el0, x1
	ldp	x0, x1, [sp], #16
	eret
1:	ldp	x0, x1, [sp], #16
	b	lib_vectors + 0x400
