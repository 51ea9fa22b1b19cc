// GICv2 split priority drop and deactivation (IHI 0048B §4.4.1 GICC_CTLR.EOImode, §4.4.5 GICC_EOIR, §4.4.15
// GICC_DIR; QEMU 7.2 arm_gic.c gic_set_cpu_control, gic_eoi_split, gic_complete_irq, gic_deactivate_irq), as Linux
// uses it when it boots at EL2 (irq-gic.c supports_deactivate: GICC_CTLR bit 9, then GICC_DIR):
// - GICC_CTLR keeps EnableGrp0/1, AckCtl, FIQEn, CBPR and EOImode (bit 9; no Security Extensions on virt);
// - with EOImode 1 an EOIR drops the running priority but leaves the interrupt active; GICC_DIR deactivates it;
// - with EOImode 0 a GICC_DIR write is ignored (UNPREDICTABLE, QEMU ignores it) and an EOIR also deactivates;
// - GICC_ABPR (no Security Extensions: the Group 1 binary point) reads its minimum 1 at reset and after 0.
// PPIs 20 and 21 have no source on virt; PSTATE.I stays masked (nothing is taken).
	.include "lib.inc"
	.include "irq.inc"
	.equ	GICC_ABPR, GICC + 0x1c
	.equ	GICC_APR0, GICC + 0xd0
	.equ	GICC_DIR, GICC + 0x1000

main:
	PRINTW	abpr_reset, GICC_ABPR
	WRITEW	GICC_ABPR, 0
	PRINTW	abpr_0, GICC_ABPR
	WRITEW	GICC_ABPR, 5
	PRINTW	abpr_5, GICC_ABPR
	WRITEW	GICC_ABPR, 0xff
	PRINTW	abpr_ff, GICC_ABPR
	WRITEW	GICC_CTLR, 0xffffffff
	PRINTW	ctlr_all, GICC_CTLR
	GIC_ON
	PRINTW	ctlr_on, GICC_CTLR
	WRITEW	GICD_IPRIORITYR + 20, 0x00002030	// 20: 0x30, 21: 0x20
	WRITEW	GICD_ISENABLER0, (1 << 20) | (1 << 21)

	// 1. EOImode 0: EOIR drops and deactivates; DIR of an active interrupt is ignored
	WRITEW	GICD_ISPENDR0, 1 << 20
	PRINTW	iar_20, GICC_IAR
	GIC_ACTIVE_STATE	ack20
	WRITEW	GICC_DIR, 20
	GIC_ACTIVE_STATE	dir20_mode0
	WRITEW	GICC_EOIR, 20
	GIC_ACTIVE_STATE	eoi20_mode0

	// 2. EOImode 1: EOIR only drops the priority; DIR deactivates
	WRITEW	GICC_CTLR, 0x201
	PRINTW	ctlr_split, GICC_CTLR
	WRITEW	GICD_ISPENDR0, 1 << 20
	PRINTW	iar_20b, GICC_IAR
	GIC_ACTIVE_STATE	ack20b
	WRITEW	GICC_EOIR, 20
	GIC_ACTIVE_STATE	eoi20_split
	// still active: a new pending 20 is not signalled, 21 (0x20) is
	WRITEW	GICD_ISPENDR0, (1 << 20) | (1 << 21)
	PRINTW	hppir_split, GICC_HPPIR
	PRINTW	iar_21, GICC_IAR
	GIC_ACTIVE_STATE	ack21
	WRITEW	GICC_EOIR, 21
	GIC_ACTIVE_STATE	eoi21_split
	WRITEW	GICC_DIR, 21
	GIC_ACTIVE_STATE	dir21
	WRITEW	GICC_DIR, 20
	GIC_ACTIVE_STATE	dir20
	PRINTW	hppir_after_dir, GICC_HPPIR
	PRINTW	iar_20c, GICC_IAR
	GIC_ACTIVE_STATE	ack20c
	// a DIR of an ID beyond the GIC's interrupts, and the spurious ID, are ignored
	WRITEW	GICC_DIR, 1023
	WRITEW	GICC_DIR, 300
	GIC_ACTIVE_STATE	dir_spurious
	WRITEW	GICC_EOIR, 20
	WRITEW	GICC_DIR, 20
	GIC_ACTIVE_STATE	done20
	WRITEW	GICC_CTLR, 1
	PRINTW	ctlr_end, GICC_CTLR
	EXIT

irq_hook:
	ret
