// GICC_CTLR.FIQEn (IHI 0048B §3.2.1, §4.4.1): with it set, a Group 0 interrupt — every interrupt on virt, which has
// no Security Extensions — is signalled on the PE's FIQ input instead of IRQ (QEMU 7.2 arm_gic.c gic_update_internal).
// ISR_EL1.I and ISR_EL1.F show which line is asserted; PSTATE.I and F stay masked (nothing is taken). PPI 20 has no
// source on virt.
	.include "lib.inc"
	.include "irq.inc"

main:
	GIC_ON
	WRITEW	GICD_IPRIORITYR + 20, 0x00000030	// 20: 0x30
	WRITEW	GICD_ISENABLER0, 1 << 20
	WRITEW	GICD_ISPENDR0, 1 << 20
	mrs	x0, isr_el1
	PRINT	isr_irq, x0
	WRITEW	GICC_CTLR, 0x9				// EnableGrp0 | FIQEn
	mrs	x0, isr_el1
	PRINT	isr_fiqen, x0
	PRINTW	hppir_fiqen, GICC_HPPIR
	PRINTW	iar_fiqen, GICC_IAR
	mrs	x0, isr_el1
	PRINT	isr_active, x0
	WRITEW	GICC_EOIR, 20
	WRITEW	GICD_ISPENDR0, 1 << 20
	mrs	x0, isr_el1
	PRINT	isr_again, x0
	WRITEW	GICC_CTLR, 0x1				// FIQEn clear: back on IRQ
	mrs	x0, isr_el1
	PRINT	isr_irq_again, x0
	WRITEW	GICD_ICPENDR0, 1 << 20
	mrs	x0, isr_el1
	PRINT	isr_none, x0
	EXIT

irq_hook:
	ret
