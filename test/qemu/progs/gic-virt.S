// The GICv2 virtualization interface (ARCH-NOTES §17; QEMU 7.2 arm_gic.c gic_hyp_*, gic_compute_misr,
// gic_get_best_virq): GICH register reset values and VTR, the list-register write mask, VMCR's BPR/ABPR clamping,
// ELRSR/EISR/MISR from the LRs, then a pending LR seen through GICV (HPPIR, IAR → active and APR, RPR, EOIR → invalid),
// an EOI that matches no LR counting in GICH_HCR.EOICount, and finally a virtual IRQ delivered to EL1 (HCR_EL2.IMO,
// PSTATE.I clear on the ERET) whose handler acknowledges it through GICV.
	.include "lib.inc"
	.include "irq.inc"
	.include "gic-virt.inc"
main:
	PRINTW	gich_hcr, GICH_HCR
	PRINTW	gich_vtr, GICH_VTR
	PRINTW	gich_vmcr, GICH_VMCR
	PRINTW	gich_misr, GICH_MISR
	PRINTW	gich_eisr0, GICH_EISR0
	PRINTW	gich_elrsr0, GICH_ELRSR0
	PRINTW	gich_apr, GICH_APR
	PRINTW	gich_lr0, GICH_LR0
	PRINTW	gicv_ctlr, GICV_CTLR
	PRINTW	gicv_pmr, GICV_PMR
	PRINTW	gicv_bpr, GICV_BPR
	PRINTW	gicv_abpr, GICV_ABPR
	PRINTW	gicv_iidr, GICV_IIDR
	WRITEW	GICH_LR3, 0xffffffff
	PRINTW	gich_lr3_ones, GICH_LR3
	WRITEW	GICH_LR3, 0
	WRITEW	GICH_VMCR, 0xffffffff
	PRINTW	gich_vmcr_ones, GICH_VMCR
	PRINTW	gicv_ctlr_vmcr, GICV_CTLR
	PRINTW	gicv_pmr_vmcr, GICV_PMR
	WRITEW	GICH_VMCR, 0
	PRINTW	gich_vmcr_zero, GICH_VMCR
	WRITEW	GICH_HCR, 0xffffffff
	PRINTW	gich_hcr_ones, GICH_HCR
	WRITEW	GICH_HCR, 0
	// an invalid LR waiting for its EOI maintenance is not free
	WRITEW	GICH_LR0, (1 << 19) | 5
	PRINTW	gich_elrsr0_eoi, GICH_ELRSR0
	PRINTW	gich_eisr0_eoi, GICH_EISR0
	PRINTW	gich_misr_eoi, GICH_MISR
	WRITEW	GICH_LR0, 0
	WRITEW	GICH_HCR, 0xfe			// every MISR enable but En
	PRINTW	gich_misr_all, GICH_MISR
	WRITEW	GICH_HCR, 0
	// a pending group-0 LR through GICV; a group-1 LR while EnableGrp1 = 0 stays hidden
	WRITEW	GICH_LR0, LR_PENDING | (2 << 23) | 42
	WRITEW	GICH_LR1, LR_PENDING | LR_GRP1 | (1 << 23) | 43
	WRITEW	GICH_VMCR, (0x1f << 27) | 1	// VMPriMask 0x1f, EnableGrp0
	WRITEW	GICH_HCR, 1			// En
	PRINTW	gich_elrsr0_2, GICH_ELRSR0
	PRINTW	gicv_hppir_grp1, GICV_HPPIR	// the group-1 LR is the best: 1022 without AckCtl
	PRINTW	gicv_iar_grp1, GICV_IAR
	WRITEW	GICH_LR1, 0
	PRINTW	gicv_hppir, GICV_HPPIR
	PRINTW	gicv_iar, GICV_IAR
	PRINTW	gich_lr0_active, GICH_LR0
	PRINTW	gich_apr_active, GICH_APR
	PRINTW	gicv_rpr_active, GICV_RPR
	PRINTW	gicv_iar_again, GICV_IAR
	WRITEW	GICV_EOIR, 42
	PRINTW	gich_lr0_done, GICH_LR0
	PRINTW	gich_apr_done, GICH_APR
	PRINTW	gicv_rpr_done, GICV_RPR
	WRITEW	GICV_EOIR, 99			// nothing active: ignored
	PRINTW	gich_hcr_no_drop, GICH_HCR
	WRITEW	GICH_LR0, LR_PENDING | (2 << 23) | 42
	PRINTW	gicv_iar_2, GICV_IAR
	WRITEW	GICV_EOIR, 99			// a priority drop, but no LR holds 99: EOICount
	PRINTW	gich_hcr_eoicount, GICH_HCR
	PRINTW	gich_lr0_still_active, GICH_LR0
	WRITEW	GICH_LR0, 0
	WRITEW	GICH_HCR, 0
	// a virtual IRQ to EL1
	ldr	x0, =virq_vectors
	msr	vbar_el1, x0
	WRITEW	GICH_HCR, 1
	WRITEW	GICH_LR0, LR_PENDING | (2 << 23) | 42
	SETHCR	HCR_RW | HCR_IMO
	ENTER_EL1_FOR_VIRQ el1_entry, virq_vectors
	mrs	x1, elr_el1
	ldr	x0, =el1_entry
	cmp	x1, x0
	cset	x1, eq
	PRINT	virq_elr_is_entry, x1
	PRINTSYS virq_spsr, spsr_el1
	PRINTW	virq_iar, GICV_IAR
	WRITEW	GICV_EOIR, 42
	PRINTW	virq_lr0, GICH_LR0
	EXIT

// irq.inc's physical IRQ handler is not used here
irq_hook:
	ret
