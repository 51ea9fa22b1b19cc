// The GICv2 maintenance interrupt reaching the physical GIC (IHI 0048B §5.3.1 GICH_HCR, §5.3.4 GICH_MISR, §5.3.5
// GICH_EISR; QEMU 7.2 hw/intc/arm_gic.c gic_compute_misr, gic_update_maintenance, gic_complete_irq,
// gic_deactivate_irq; virt.h ARCH_GIC_MAINT_IRQ: PPI 9 = INTID 25, level-sensitive; ARCH-NOTES §17b). The output is
// GICH_HCR.En && GICH_MISR != 0 and drives INTID 25's input: GICD_ISPENDR0 bit 25 follows it whether or not 25 is
// enabled (a GICD_ICPENDR write does not clear an asserted level), GICC_HPPIR and GICC_IAR return 25 once it is
// enabled, and with HCR_EL2.IMO it is taken at EL2 (irq.inc prints irq/iar/spsr; the hook prints GICH_MISR, EISR0,
// GICC_RPR, then clears the LRs that EISR0 names, as KVM's vgic does). Conditions one after the other, each shown
// raised and then cleared (the level drops: ISPENDR0 bit 25 clear, HPPIR 1023):
// (1) U: UIE with fewer than two valid LRs; taken at EL2; cleared by a second valid LR.
// (2) NP: NPIE and no pending LR, after GICV_IAR made the only pending LR active; acknowledged by hand (GICC_IAR),
//     active and pending is not signalled; cleared (while 25 is active) by a new pending LR.
// (3) LRENP: LRENPIE and EOICount != 0, counted by a GICV_EOIR that drops a priority no LR holds; taken at EL2; with
//     GICV_CTLR.EOImode a GICV_DIR of an ID no LR holds counts too, a GICV_DIR of 1023 is ignored (QEMU
//     gic_deactivate_irq: IDs from 1020 up); cleared by writing EOICount 0.
// (4) EOI: an LR with EOI = 1 made invalid by GICV_IAR and GICV_EOIR (EISR0 bit, not free in ELRSR0); taken at EL2,
//     whose hook clears the LR.
// (5) VGrp0E and VGrp1D: follow GICV_CTLR (a guest's GICV write changes the output).
// (6) GICH_HCR.En = 0 drops the output while MISR still reads U.
// (7) a guest at EL1 EOIs an LR with EOI = 1 from its virtual IRQ handler: the maintenance IRQ is taken to EL2 from
//     EL1 (vector 0x480; PSTATE.I at EL1 does not mask it under IMO) by the ISB after the GICV_EOIR store.
	.include "lib.inc"
	.include "irq.inc"
	.include "gic-virt.inc"

// MAINT_STATE tag: the virtual interface's MISR and what the physical GIC sees of INTID 25
.macro MAINT_STATE tag:req
	PRINTW	misr_\tag, GICH_MISR
	PRINTW	ispendr0_\tag, GICD_ISPENDR0
	PRINTW	hppir_\tag, GICC_HPPIR
.endm

// TAKE_IRQ: let a pending IRQ in at EL2 for one instruction, print how many were taken
.macro TAKE_IRQ
	msr	daifclr, #2
	nop
	msr	daifset, #2
	PRINT_IRQS
.endm

main:
	ldr	x0, =irq_vectors
	msr	vbar_el2, x0
	SETHCR	HCR_RW | HCR_IMO
	GIC_ON
	WRITEW	GICD_IPRIORITYR + 24, 0x0000a000	// INTID 25: priority 0xa0
	PRINTW	ispendr0_reset, GICD_ISPENDR0
	PRINTW	hppir_reset, GICC_HPPIR

	// (1) U: no valid LR
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_UIE
	MAINT_STATE	u				// pending, but 25 is not enabled
	GIC_ENABLE INTID_GIC_MAINT
	PRINTW	hppir_u_enabled, GICC_HPPIR
	TAKE_IRQ
	PRINT_ELR
	GIC_ENABLE INTID_GIC_MAINT			// irq_common disabled it
	WRITEW	GICD_ICPENDR0, 1 << INTID_GIC_MAINT	// the level is still asserted: stays pending
	PRINTW	ispendr0_u_icpendr, GICD_ISPENDR0
	WRITEW	GICH_LR0, LR_PENDING | 40
	MAINT_STATE	u_one_lr
	WRITEW	GICH_LR1, LR_PENDING | 41
	MAINT_STATE	u_two_lrs
	WRITEW	GICH_LR0, 0
	WRITEW	GICH_LR1, 0
	WRITEW	GICH_HCR, 0

	// (2) NP: the only pending LR acknowledged through GICV
	WRITEW	GICH_VMCR, (0x1f << 27) | 1		// VMPriMask 0x1f, EnableGrp0
	WRITEW	GICH_LR0, LR_PENDING | (0x50 >> 3) << LR_PRIO_SHIFT | 40
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_NPIE
	MAINT_STATE	np_pending
	PRINTW	gicv_iar_np, GICV_IAR
	MAINT_STATE	np
	PRINTW	gicc_iar_np, GICC_IAR
	PRINTW	isactiver0_np, GICD_ISACTIVER0
	PRINTW	ispendr0_np_active, GICD_ISPENDR0
	PRINTW	hppir_np_active, GICC_HPPIR		// active and pending: not signalled
	PRINTW	gicc_rpr_np, GICC_RPR
	WRITEW	GICH_LR1, LR_PENDING | (0x60 >> 3) << LR_PRIO_SHIFT | 41
	MAINT_STATE	np_cleared
	PRINTW	isactiver0_np_cleared, GICD_ISACTIVER0
	WRITEW	GICC_EOIR, INTID_GIC_MAINT
	PRINTW	isactiver0_np_eoi, GICD_ISACTIVER0
	PRINTW	gicc_rpr_np_eoi, GICC_RPR
	WRITEW	GICV_EOIR, 40
	PRINTW	gich_lr0_np_eoi, GICH_LR0
	WRITEW	GICH_LR1, 0
	WRITEW	GICH_HCR, 0

	// (3) LRENP: EOICount
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_LRENPIE
	MAINT_STATE	lrenp_zero
	WRITEW	GICH_APR, 1 << 10			// an active priority 0x50 that no LR holds
	WRITEW	GICV_EOIR, 99				// drops it, no LR holds 99: EOICount 1
	PRINTW	gich_hcr_lrenp, GICH_HCR
	PRINTW	gich_apr_lrenp, GICH_APR
	MAINT_STATE	lrenp
	TAKE_IRQ
	GIC_ENABLE INTID_GIC_MAINT
	WRITEW	GICV_CTLR, 0x201			// EOImode: GICV_DIR deactivates
	WRITEW	GICV_DIR, 1023				// ignored
	PRINTW	gich_hcr_dir_1023, GICH_HCR
	WRITEW	GICV_DIR, 99				// no LR holds 99: EOICount 2
	PRINTW	gich_hcr_dir_99, GICH_HCR
	WRITEW	GICV_CTLR, 1
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_LRENPIE	// EOICount 0
	MAINT_STATE	lrenp_cleared
	WRITEW	GICH_HCR, 0

	// (4) EOI: an LR with EOI = 1 completed through GICV
	WRITEW	GICH_HCR, GICH_HCR_EN
	WRITEW	GICH_LR0, LR_PENDING | LR_EOI | (0x50 >> 3) << LR_PRIO_SHIFT | 44
	MAINT_STATE	eoi_pending
	PRINTW	gicv_iar_eoi, GICV_IAR
	WRITEW	GICV_EOIR, 44
	PRINTW	gich_lr0_eoi, GICH_LR0
	PRINTW	gich_eisr0_eoi, GICH_EISR0
	PRINTW	gich_elrsr0_eoi, GICH_ELRSR0
	MAINT_STATE	eoi
	TAKE_IRQ
	GIC_ENABLE INTID_GIC_MAINT
	PRINTW	gich_lr0_eoi_handled, GICH_LR0
	PRINTW	gich_elrsr0_eoi_handled, GICH_ELRSR0
	MAINT_STATE	eoi_handled

	// (5) VGrp0E, VGrp1D: the guest's GICV_CTLR
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_VGRP0EIE
	MAINT_STATE	vgrp0e
	WRITEW	GICV_CTLR, 0
	MAINT_STATE	vgrp0e_off
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_VGRP1DIE
	MAINT_STATE	vgrp1d
	WRITEW	GICV_CTLR, 2
	MAINT_STATE	vgrp1d_off
	PRINTW	gich_vmcr_vgrp, GICH_VMCR
	WRITEW	GICV_CTLR, 1

	// (6) En = 0: MISR still reads U, the output is low
	WRITEW	GICH_HCR, GICH_HCR_UIE
	MAINT_STATE	u_en0
	WRITEW	GICH_HCR, GICH_HCR_EN | GICH_HCR_UIE
	MAINT_STATE	u_en1
	WRITEW	GICH_HCR, GICH_HCR_UIE
	MAINT_STATE	u_en0_again
	WRITEW	GICH_HCR, 0

	// (7) a guest at EL1 EOIs an LR with EOI = 1: the maintenance IRQ is taken to EL2
	ldr	x0, =guest_vectors
	msr	vbar_el1, x0
	WRITEW	GICH_LR0, LR_PENDING | LR_EOI | (0x50 >> 3) << LR_PRIO_SHIFT | 44
	WRITEW	GICH_HCR, GICH_HCR_EN
	MAINT_STATE	guest_entry
	ENTER_EL1_FOR_VIRQ el1_entry, guest_vectors
	PRINTW	guest_iar, GICV_IAR
	WRITEW	GICV_EOIR, 44
	isb						// the maintenance IRQ is taken here at the latest
	PRINTI	guest_after_eoi, 1
	PRINT_IRQS
	PRINTW	guest_lr0, GICH_LR0
	PRINTW	guest_misr, GICH_MISR
	EXIT

// irq_hook (x0 = INTID): the virtual interface as the EL2 handler sees it; each LR that EISR0 names is cleared
irq_hook:
	str	x30, [sp, #-16]!
	PRINTW	hook_misr, GICH_MISR
	PRINTW	hook_eisr0, GICH_EISR0
	PRINTW	hook_rpr, GICC_RPR
	ldr	x1, =GICH_EISR0
	ldr	w1, [x1]
	ldr	x2, =GICH_LR0
1:	cbz	w1, 2f
	rbit	w3, w1
	clz	w3, w3					// the lowest LR number left
	str	wzr, [x2, x3, lsl #2]
	sub	w4, w1, #1
	and	w1, w1, w4
	b	1b
2:	PRINTW	hook_misr_after, GICH_MISR
	ldr	x30, [sp], #16
	ret
