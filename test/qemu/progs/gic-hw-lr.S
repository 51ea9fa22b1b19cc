// Hardware list registers (IHI 0048B §5.3.8 GICH_LRn.HW/PhysicalID, §5.3.5-6 GICH_EISR/ELRSR, §5.4 GICV; QEMU 7.2
// hw/intc/arm_gic.c gic_complete_irq, gic_deactivate_irq, gic_lr_entry_is_free, gic_lr_entry_is_eoi, and
// gic_internal.h gic_clear_active; ARCH-NOTES §17b): an LR with HW = 1 forwards a physical interrupt that EL2
// acknowledged at GICC_IAR and left active (GICC_CTLR.EOImode = 1: GICC_EOIR drops only the priority). When the
// guest deactivates the virtual interrupt the LR becomes invalid and the physical interrupt named by PhysicalID
// [19:10] is deactivated in the distributor (GICD_ISACTIVER0), with no maintenance interrupt: a HW LR is free in
// ELRSR once invalid and never in EISR, even with PhysicalID bit 9 set (LR bit 19, EOI's position when HW = 0).
// (1) GICV_IAR then GICV_EOIR (the guest's EOImode 0); the physical PPI 20 is then signalled again.
// (2) the guest's EOImode 1: GICV_EOIR drops the priority only, GICV_DIR deactivates LR and PPI 20.
// (3) a GICV_DIR while the guest's EOImode is 0 is ignored (UNPREDICTABLE, §4.4.15; QEMU gic_deactivate_irq ignores
//     it, as it does GICC_DIR; twostage follows): no deactivation, no EOICount; the EOIR then deactivates.
// (4) PhysicalID 532 (bit 9 set; no such interrupt: nothing to deactivate): free in ELRSR, not in EISR, MISR 0.
// (5) PhysicalID 21, pending but not active: the deactivation changes nothing in the distributor.
// (6) PhysicalID an SGI (3): QEMU ignores the deactivation (gic_clear_active: "UNPREDICTABLE behaviour, we choose to
//     ignore the request" for IDs below 16; twostage follows) and the LR still becomes invalid; GICC_DIR then
//     deactivates SGI 3.
// (7) a guest at EL1 (HCR_EL2.IMO) takes the virtual IRQ and EOIs it through GICV from its handler.
// PPIs 20 and 21 have no source on virt; PSTATE.I stays masked at EL2 (nothing physical is taken).
	.include "lib.inc"
	.include "irq.inc"
	.include "gic-virt.inc"
	.equ	GICC_DIR, GICC + 0x1000
	.equ	GICD_SGIR, GICD + 0xf00
	.equ	LR_PRIO_50, (0x50 >> 3) << LR_PRIO_SHIFT

// HW_STATE tag: the physical active state and LR0 as the hypervisor sees it
.macro HW_STATE tag:req
	PRINTW	isactiver0_\tag, GICD_ISACTIVER0
	PRINTW	gich_lr0_\tag, GICH_LR0
	PRINTW	gich_elrsr0_\tag, GICH_ELRSR0
	PRINTW	gich_eisr0_\tag, GICH_EISR0
.endm

// ACTIVATE intid, tag: make a PPI pending, acknowledge it at GICC_IAR (printed) and drop its priority: it stays active
.macro ACTIVATE id:req, tag:req
	WRITEW	GICD_ISPENDR0, 1 << \id
	PRINTW	gicc_iar_\tag, GICC_IAR
	WRITEW	GICC_EOIR, \id
.endm

main:
	GIC_ON
	WRITEW	GICC_CTLR, 0x201			// EnableGrp0, EOImode
	WRITEW	GICD_IPRIORITYR + 20, 0x00009080	// 20: 0x80, 21: 0x90
	WRITEW	GICD_ISENABLER0, (1 << 20) | (1 << 21)
	WRITEW	GICH_VMCR, (0x1f << 27) | 1		// VMPriMask 0x1f, EnableGrp0
	WRITEW	GICH_HCR, GICH_HCR_EN

	// (1) PPI 20 forwarded as virtual 52
	ACTIVATE 20, 20
	PRINTW	gicc_rpr_20, GICC_RPR
	WRITEW	GICH_LR0, LR_HW | (20 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 52
	HW_STATE	pending
	PRINTW	gicv_hppir, GICV_HPPIR
	PRINTW	gicv_iar, GICV_IAR
	HW_STATE	active
	PRINTW	gicv_rpr_active, GICV_RPR
	WRITEW	GICV_EOIR, 52
	HW_STATE	eoi
	PRINTW	gich_misr_eoi, GICH_MISR
	PRINTW	gich_hcr_eoi, GICH_HCR
	PRINTW	gicv_rpr_eoi, GICV_RPR
	PRINTW	ispendr0_eoi, GICD_ISPENDR0
	WRITEW	GICD_ISPENDR0, 1 << 20
	PRINTW	gicc_hppir_again, GICC_HPPIR		// inactive: signalled again

	// (2) the guest's EOImode 1: EOIR drops, DIR deactivates
	PRINTW	gicc_iar_20_again, GICC_IAR
	WRITEW	GICC_EOIR, 20
	WRITEW	GICV_CTLR, 0x201
	WRITEW	GICH_LR0, LR_HW | (20 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 52
	PRINTW	gicv_iar_split, GICV_IAR
	WRITEW	GICV_EOIR, 52
	HW_STATE	split_eoi
	PRINTW	gicv_rpr_split_eoi, GICV_RPR
	WRITEW	GICV_DIR, 52
	HW_STATE	split_dir
	PRINTW	gich_hcr_split_dir, GICH_HCR

	// (3) GICV_DIR with the guest's EOImode 0: ignored
	WRITEW	GICV_CTLR, 1
	ACTIVATE 20, 20_mode0
	WRITEW	GICH_LR0, LR_HW | (20 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 52
	PRINTW	gicv_iar_mode0, GICV_IAR
	WRITEW	GICV_DIR, 52
	HW_STATE	mode0_dir
	PRINTW	gich_hcr_mode0_dir, GICH_HCR
	WRITEW	GICV_EOIR, 52
	HW_STATE	mode0_eoi

	// (4) PhysicalID 532: bit 19 set, no such interrupt
	WRITEW	GICH_LR0, LR_HW | (532 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 55
	HW_STATE	phys532_pending
	PRINTW	gicv_iar_phys532, GICV_IAR
	WRITEW	GICV_EOIR, 55
	HW_STATE	phys532
	PRINTW	gich_misr_phys532, GICH_MISR
	PRINTW	ispendr0_phys532, GICD_ISPENDR0

	// (5) PhysicalID 21: pending, not active
	WRITEW	GICD_ISPENDR0, 1 << 21
	WRITEW	GICH_LR0, LR_HW | (21 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 53
	PRINTW	gicv_iar_21, GICV_IAR
	WRITEW	GICV_EOIR, 53
	HW_STATE	inactive21
	PRINTW	ispendr0_inactive21, GICD_ISPENDR0
	PRINTW	gicc_hppir_inactive21, GICC_HPPIR
	WRITEW	GICD_ICPENDR0, 1 << 21

	// (6) PhysicalID an SGI
	WRITEW	GICD_SGIR, (2 << 24) | 3		// SGI 3 to this PE
	PRINTW	gicc_iar_sgi3, GICC_IAR
	WRITEW	GICC_EOIR, 3
	WRITEW	GICH_LR0, LR_HW | (3 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 54
	PRINTW	gicv_iar_sgi, GICV_IAR
	WRITEW	GICV_EOIR, 54
	HW_STATE	sgi3
	WRITEW	GICC_DIR, 3
	PRINTW	isactiver0_sgi3_dir, GICD_ISACTIVER0

	// (7) a guest at EL1
	ACTIVATE 20, 20_guest
	WRITEW	GICH_LR0, LR_HW | (20 << LR_PHYS_SHIFT) | LR_PENDING | LR_PRIO_50 | 52
	HW_STATE	guest_entry
	ldr	x0, =guest_vectors
	msr	vbar_el1, x0
	SETHCR	HCR_RW | HCR_IMO
	ENTER_EL1_FOR_VIRQ el1_entry, guest_vectors
	PRINTW	guest_iar, GICV_IAR
	WRITEW	GICV_EOIR, 52
	HW_STATE	guest
	PRINTW	guest_misr, GICH_MISR
	EXIT

// irq.inc's physical IRQ handler is not used here
irq_hook:
	ret
