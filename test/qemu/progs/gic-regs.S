// GICv2 register reset values and read-back (IHI 0048B §4.3 distributor, §4.4 CPU interface; no Security
// Extensions on virt): CTLR, TYPER, IIDR, PIDR2, ISENABLER0 (SGIs RAO/WI), ICFGR0/1, IPRIORITYR (byte and word
// access), GICC_CTLR/PMR/BPR, and with nothing pending GICC_IAR = HPPIR = 1023, RPR = 0xff. Then a pending but
// disabled PPI (ISPENDR) is not signalled; enabled, HPPIR shows it and IAR acknowledges it (active, RPR = its
// priority), EOIR drops the priority.
	.include "lib.inc"
	.include "irq.inc"
main:
	PRINTW	gicd_ctlr, GICD_CTLR
	PRINTW	gicd_typer, GICD_TYPER
	PRINTW	gicd_iidr, GICD_IIDR
	PRINTW	gicd_pidr2, GICD_PIDR2
	PRINTW	gicd_isenabler0, GICD_ISENABLER0
	PRINTW	gicd_ispendr0, GICD_ISPENDR0
	PRINTW	gicd_isactiver0, GICD_ISACTIVER0
	PRINTW	gicd_icfgr0, GICD_ICFGR
	PRINTW	gicd_icfgr1, GICD_ICFGR + 4
	PRINTW	gicd_icfgr2, GICD_ICFGR + 8
	PRINTW	gicd_ipriorityr6, GICD_IPRIORITYR + 24
	PRINTW	gicc_ctlr, GICC_CTLR
	PRINTW	gicc_pmr, GICC_PMR
	PRINTW	gicc_bpr, GICC_BPR
	PRINTW	gicc_iar, GICC_IAR
	PRINTW	gicc_hppir, GICC_HPPIR
	PRINTW	gicc_rpr, GICC_RPR
	PRINTW	gicc_iidr, GICC_IIDR
	// read-back
	WRITEW	GICD_CTLR, 1
	PRINTW	gicd_ctlr_1, GICD_CTLR
	WRITEW	GICD_ISENABLER0, (1 << INTID_CNTHP) | (1 << INTID_CNTV) | (1 << INTID_CNTP) | 0xffff
	PRINTW	gicd_isenabler0_set, GICD_ISENABLER0
	WRITEW	GICD_ICENABLER0, (1 << INTID_CNTV) | 0xffff
	PRINTW	gicd_icenabler0_clr, GICD_ICENABLER0
	WRITEW	GICD_ISENABLER0 + 4, 3			// SPIs 32, 33
	PRINTW	gicd_isenabler1, GICD_ISENABLER0 + 4
	WRITEW	GICD_ICENABLER0 + 4, 3
	PRINTW	gicd_isenabler1_clr, GICD_ISENABLER0 + 4
	WRITEW	GICD_IPRIORITYR + 24, 0xa0908070
	PRINTW	gicd_ipriorityr6_w, GICD_IPRIORITYR + 24
	ldr	x0, =GICD_IPRIORITYR + 26
	mov	w1, #0x40
	strb	w1, [x0]				// INTID 26: 0x40 (byte access)
	PRINTB	gicd_ipriority26_b, GICD_IPRIORITYR + 26
	PRINTW	gicd_ipriorityr6_b, GICD_IPRIORITYR + 24
	WRITEW	GICD_ICFGR + 8, 0xaaaaaaaa		// SPIs 32–47 edge-triggered
	PRINTW	gicd_icfgr2_w, GICD_ICFGR + 8
	WRITEW	GICD_ICFGR + 8, 0
	WRITEW	GICC_CTLR, 1
	PRINTW	gicc_ctlr_1, GICC_CTLR
	WRITEW	GICC_PMR, 0xff
	PRINTW	gicc_pmr_ff, GICC_PMR
	WRITEW	GICC_PMR, 0x80
	PRINTW	gicc_pmr_80, GICC_PMR
	WRITEW	GICC_BPR, 3
	PRINTW	gicc_bpr_3, GICC_BPR
	WRITEW	GICC_BPR, 0
	WRITEW	GICC_PMR, 0xf0
	// a pending PPI: not signalled while disabled, then signalled, acknowledged, completed (PPI 31, no source)
	WRITEW	GICD_IPRIORITYR + 28, 0x50000000	// INTID 31: priority 0x50
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	gicd_ispendr0_31, GICD_ISPENDR0
	PRINTW	gicc_hppir_disabled, GICC_HPPIR
	GIC_ENABLE 31
	PRINTW	gicc_hppir_enabled, GICC_HPPIR
	PRINTW	gicc_iar_ack, GICC_IAR
	PRINTW	gicd_isactiver0_ack, GICD_ISACTIVER0
	PRINTW	gicd_ispendr0_ack, GICD_ISPENDR0
	PRINTW	gicc_rpr_active, GICC_RPR
	PRINTW	gicc_iar_again, GICC_IAR
	WRITEW	GICC_EOIR, 31
	PRINTW	gicd_isactiver0_eoi, GICD_ISACTIVER0
	PRINTW	gicc_rpr_eoi, GICC_RPR
	// pending and masked by GICC_PMR (priority 0x50 is not higher than a mask of 0x50)
	WRITEW	GICD_ISPENDR0, 1 << 31
	WRITEW	GICC_PMR, 0x50
	PRINTW	gicc_hppir_pmr_50, GICC_HPPIR
	PRINTW	gicc_iar_pmr_50, GICC_IAR
	WRITEW	GICC_PMR, 0x51
	PRINTW	gicc_hppir_pmr_51, GICC_HPPIR
	WRITEW	GICD_ICPENDR0, 1 << 31
	PRINTW	gicd_ispendr0_icpendr, GICD_ISPENDR0
	PRINTW	gicc_hppir_none, GICC_HPPIR
	// preemption by group priority (GICC_BPR = n: bits [7:n+1]); PPIs 31, 28, 24 have no source
	WRITEW	GICC_PMR, 0xff
	WRITEW	GICD_IPRIORITYR + 24, 0x00000040	// 24: 0x40
	WRITEW	GICD_IPRIORITYR + 28, 0x48000050	// 28: 0x50, 31: 0x48
	WRITEW	GICD_ISENABLER0, (1 << 31) | (1 << 28) | (1 << 24)
	WRITEW	GICC_BPR, 3
	WRITEW	GICD_ISPENDR0, 1 << 28
	PRINTW	gicc_iar_28, GICC_IAR
	PRINTW	gicc_rpr_28, GICC_RPR
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	gicc_hppir_31_bpr3, GICC_HPPIR		// group 0x40 < 0x50: preempts
	PRINTW	gicc_iar_31_bpr3, GICC_IAR
	PRINTW	gicc_rpr_31_bpr3, GICC_RPR
	WRITEW	GICC_EOIR, 31
	WRITEW	GICC_EOIR, 28
	PRINTW	gicc_rpr_idle, GICC_RPR
	WRITEW	GICC_BPR, 4
	WRITEW	GICD_ISPENDR0, 1 << 28
	PRINTW	gicc_iar_28_bpr4, GICC_IAR
	PRINTW	gicc_rpr_28_bpr4, GICC_RPR		// group priority of 0x50 with bits [7:5]: 0x40
	WRITEW	GICD_ISPENDR0, 1 << 31
	PRINTW	gicc_hppir_31_bpr4, GICC_HPPIR
	PRINTW	gicc_iar_31_bpr4, GICC_IAR		// group 0x40 is not higher than 0x40: spurious
	WRITEW	GICD_ISPENDR0, 1 << 24
	PRINTW	gicc_hppir_24_bpr4, GICC_HPPIR
	PRINTW	gicc_iar_24_bpr4, GICC_IAR		// 0x40 beats 0x48 but not the running 0x40: spurious
	WRITEW	GICC_EOIR, 28
	PRINTW	gicc_hppir_after_eoi, GICC_HPPIR
	PRINTW	gicc_iar_after_eoi, GICC_IAR
	PRINTW	gicd_isactiver0_end, GICD_ISACTIVER0
	PRINTW	gicd_ispendr0_end, GICD_ISPENDR0
	EXIT

irq_hook:
	ret
