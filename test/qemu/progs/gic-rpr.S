// The GICv2 running priority follows the active priorities, not the active state (IHI 0048B §3.3, §4.4.6 GICC_RPR,
// §4.4.12 GICC_APRn; QEMU 7.2 arm_gic.c gic_activate_irq, gic_drop_prio, gic_get_prio_from_apr_bits):
// - an interrupt made active by GICD_ISACTIVER raises neither GICC_RPR nor an APR bit, so an interrupt of the same
//   priority is still signalled (HPPIR, ISR_EL1.I with PSTATE.I masked) and acknowledged;
// - GICC_IAR sets the APR bit of the interrupt's group priority (bit = priority >> 1, GIC_MIN_BPR = 0: priorities
//   below 0x40 land in APR0); GICC_EOIR drops the lowest set bit (the highest active priority) whatever ID is
//   written, then deactivates that ID; with no APR bit set an EOIR does nothing, not even the deactivation;
//   GICD_ICACTIVER deactivates without a priority drop;
// - GICC_APR0 and GICC_NSAPR0 are read/write and a write recomputes the running priority;
// - preemption compares an interrupt's full priority with the running priority (gic_update_internal), also after a
//   GICC_BPR change.
// Then the virtual CPU interface (GICV, as the guest's GICC): GICV_IAR sets GICH_APR's bit of the LR's group priority
// under GICV_BPR (GIC_VIRT_MIN_BPR = 2: bit = group priority >> 3), and signalling compares full priorities.
// PPIs 20, 21, 24, 28, 31 have no source on virt; PSTATE.I stays masked (nothing is taken).
	.include "lib.inc"
	.include "irq.inc"
	.equ	GICC_APR0, GICC + 0xd0
	.equ	GICC_APR1, GICC + 0xd4
	.equ	GICC_APR2, GICC + 0xd8
	.equ	GICC_APR3, GICC + 0xdc
	.equ	GICC_NSAPR0, GICC + 0xe0
	.equ	GICD_ICACTIVER0, GICD + 0x380
	.include "gic-virt.inc"

main:
	PRINTW	apr0_reset, GICC_APR0
	PRINTW	apr1_reset, GICC_APR1
	PRINTW	apr2_reset, GICC_APR2
	PRINTW	apr3_reset, GICC_APR3
	PRINTW	nsapr0_reset, GICC_NSAPR0
	GIC_ON
	WRITEW	GICD_IPRIORITYR + 20, 0x00002820	// 20: 0x20, 21: 0x28
	WRITEW	GICD_IPRIORITYR + 24, 0x00000010	// 24: 0x10
	WRITEW	GICD_IPRIORITYR + 28, 0x30000030	// 28: 0x30, 31: 0x30
	WRITEW	GICD_ISENABLER0, (1 << 20) | (1 << 21) | (1 << 24) | (1 << 28) | (1 << 31)

	// 1. PPI 28 made active by the distributor: no running priority, no APR bit
	WRITEW	GICD_ISACTIVER0, 1 << 28
	GIC_ACTIVE_STATE	isactiver
	// the same priority (31: 0x30) is still signalled and acknowledged
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	hppir_31, GICC_HPPIR
	mrs	x0, isr_el1
	PRINT	isr_31, x0
	PRINTW	iar_31, GICC_IAR
	GIC_ACTIVE_STATE	ack31
	mrs	x0, isr_el1
	PRINT	isr_ack31, x0

	// 2. nested: 24 (0x10) preempts 31, EOIs in acknowledge order
	WRITEW	GICD_ISPENDR0, 1 << 24
	mrs	x0, isr_el1
	PRINT	isr_24, x0
	PRINTW	iar_24, GICC_IAR
	GIC_ACTIVE_STATE	ack24
	WRITEW	GICC_EOIR, 24
	GIC_ACTIVE_STATE	eoi24
	WRITEW	GICC_EOIR, 31
	GIC_ACTIVE_STATE	eoi31
	// an EOIR with no active priority is ignored: 28 stays active
	WRITEW	GICC_EOIR, 28
	GIC_ACTIVE_STATE	eoi28_idle

	// 3. out of order: 31 then 24 acknowledged, 31 EOId first (drops 24's priority, deactivates 31)
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	iar_31b, GICC_IAR
	WRITEW	GICD_ISPENDR0, 1 << 24
	PRINTW	iar_24b, GICC_IAR
	GIC_ACTIVE_STATE	nested
	WRITEW	GICC_EOIR, 31
	GIC_ACTIVE_STATE	eoi31_first
	// 20 (0x20) now preempts the running 0x30 although 24 (0x10) is still active
	WRITEW	GICD_ISPENDR0, 1 << 20
	PRINTW	hppir_20, GICC_HPPIR
	PRINTW	iar_20, GICC_IAR
	GIC_ACTIVE_STATE	ack20
	WRITEW	GICC_EOIR, 24
	GIC_ACTIVE_STATE	eoi24_second
	WRITEW	GICC_EOIR, 20
	GIC_ACTIVE_STATE	eoi20_last
	// EOIR of the distributor-activated 28 while 31 holds the priority: 31's bit drops, 28 is deactivated
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	iar_31c, GICC_IAR
	WRITEW	GICC_EOIR, 28
	GIC_ACTIVE_STATE	eoi28_for31
	WRITEW	GICD_ICACTIVER0, 1 << 31
	GIC_ACTIVE_STATE	icactiver31
	// GICD_ICACTIVER deactivates without dropping the priority: the EOIR does
	WRITEW	GICD_ISPENDR0, 1 << 24
	PRINTW	iar_24c, GICC_IAR
	WRITEW	GICD_ICACTIVER0, 1 << 24
	GIC_ACTIVE_STATE	icactiver24
	WRITEW	GICC_EOIR, 24
	GIC_ACTIVE_STATE	eoi24_inactive

	// 4. GICC_APR0 / NSAPR0 writes set the running priority
	WRITEW	GICC_APR0, 1 << 16			// group priority 0x20
	GIC_ACTIVE_STATE	apr0_w
	WRITEW	GICD_ISPENDR0, (1 << 21) | (1 << 24)
	PRINTW	hppir_apr, GICC_HPPIR
	PRINTW	iar_apr, GICC_IAR			// 24 (0x10) preempts 0x20
	GIC_ACTIVE_STATE	ack24_apr
	WRITEW	GICC_EOIR, 24
	GIC_ACTIVE_STATE	eoi24_apr
	PRINTW	iar_21_apr, GICC_IAR			// 21 (0x28) does not preempt 0x20
	WRITEW	GICC_APR0, 0
	GIC_ACTIVE_STATE	apr0_0
	WRITEW	GICC_NSAPR0, 1 << 4			// group priority 0x08
	PRINTW	nsapr0_w, GICC_NSAPR0
	GIC_ACTIVE_STATE	nsapr0_w
	WRITEW	GICC_EOIR, 21				// drops nothing in APR0: 21 is not active, NSAPR0 keeps 0x08
	PRINTW	nsapr0_eoi, GICC_NSAPR0
	GIC_ACTIVE_STATE	nsapr0_eoi
	WRITEW	GICC_NSAPR0, 0
	GIC_ACTIVE_STATE	nsapr0_0

	// 5. group priority in APR under GICC_BPR; preemption compares full priorities
	WRITEW	GICC_BPR, 3
	PRINTW	iar_21_bpr3, GICC_IAR			// 0x28: group priority 0x20 (bits [7:4])
	GIC_ACTIVE_STATE	ack21_bpr3
	WRITEW	GICC_EOIR, 21
	WRITEW	GICC_BPR, 0
	WRITEW	GICD_ISPENDR0, 1 << 21
	PRINTW	iar_21_bpr0, GICC_IAR			// running 0x28
	WRITEW	GICC_BPR, 7				// every group priority is 0 now
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	hppir_31_bpr7, GICC_HPPIR
	mrs	x0, isr_el1
	PRINT	isr_31_bpr7, x0				// 0x30 is not higher than the running 0x28
	PRINTW	iar_31_bpr7, GICC_IAR
	WRITEW	GICD_ISPENDR0, 1 << 20
	PRINTW	iar_20_bpr7, GICC_IAR			// 0x20 preempts: APR bit of group priority 0
	GIC_ACTIVE_STATE	ack20_bpr7
	WRITEW	GICC_EOIR, 20
	GIC_ACTIVE_STATE	eoi20_bpr7
	WRITEW	GICC_EOIR, 21
	GIC_ACTIVE_STATE	eoi21_bpr7
	WRITEW	GICC_BPR, 0
	WRITEW	GICD_ICPENDR0, 1 << 31
	PRINTW	gicc_rpr_end, GICC_RPR

	// 6. the virtual CPU interface: GICH_APR from the group priority under GICV_BPR
	WRITEW	GICH_HCR, 1
	WRITEW	GICV_CTLR, 1
	WRITEW	GICV_PMR, 0xf8
	WRITEW	GICV_BPR, 4				// group priority bits [7:5]
	WRITEW	GICH_LR0, LR_PENDING | (0x58 >> 3) << 23 | 40	// vINTID 40, priority 0x58
	PRINTW	gicv_iar_40, GICV_IAR
	PRINTW	gicv_rpr_40, GICV_RPR			// group priority 0x40
	PRINTW	gich_apr_40, GICH_APR			// bit 0x40 >> 3 = 8
	PRINTW	gicv_apr0_40, GICV_APR0
	WRITEW	GICH_LR1, LR_PENDING | (0x48 >> 3) << 23 | 41	// vINTID 41, priority 0x48: full 0x48 is not < 0x40
	PRINTW	gicv_hppir_41, GICV_HPPIR
	PRINTW	gicv_iar_41, GICV_IAR
	WRITEW	GICV_BPR, 7
	PRINTW	gicv_iar_41_bpr7, GICV_IAR		// still not: full priorities are compared
	WRITEW	GICH_LR1, LR_PENDING | (0x38 >> 3) << 23 | 41	// priority 0x38 preempts 0x40
	PRINTW	gicv_iar_41b, GICV_IAR
	PRINTW	gicv_rpr_41b, GICV_RPR			// group priority under BPR 7: 0
	PRINTW	gich_apr_41b, GICH_APR
	WRITEW	GICV_EOIR, 41
	PRINTW	gicv_rpr_eoi41, GICV_RPR
	PRINTW	gich_apr_eoi41, GICH_APR
	WRITEW	GICV_EOIR, 40
	PRINTW	gicv_rpr_eoi40, GICV_RPR
	PRINTW	gich_apr_eoi40, GICH_APR
	PRINTW	gich_lr0_end, GICH_LR0
	PRINTW	gich_lr1_end, GICH_LR1
	WRITEW	GICH_APR, 1 << 5			// a GICH_APR write sets the virtual running priority
	PRINTW	gicv_rpr_aprw, GICV_RPR
	WRITEW	GICV_APR0, 1 << 2			// so does GICV_APR0
	PRINTW	gicv_rpr_apr0w, GICV_RPR
	PRINTW	gich_apr_apr0w, GICH_APR
	WRITEW	GICH_HCR, 0
	EXIT

irq_hook:
	ret
