// Interrupt delivery from the GICv3 (run with gic-version=3 on both machines, test/qemu/toolchain.ts):
// Group 0 is signalled as FIQ and Group 1 as IRQ (IHI 0069 "Interrupt grouping"), only the highest-priority pending
// one at a time; a physical FIQ is routed by HCR_EL2.FMO and masked by PSTATE.F as an IRQ is by IMO and PSTATE.I
// (ARM §D1.3.6, §D1.3.7). Each interrupt is pended while PSTATE masks it, then let in by MSR DAIFClr or by an ERET
// to EL1, so the ELR printed is the same on every run. The handlers (gicv3_vectors) print the vector (`irq` = EL << 12
// | offset), the INTID from ICC_IAR<g>_EL1, ELR and SPSR, then end it (ICC_EOIR<g>_EL1) and return.
	.include "lib.inc"
	.equ	GICD, 0x08000000
	.equ	GICR_RD, 0x080a0000
	.equ	GICR_SGI, 0x080b0000

.macro GIC_VEC off, group
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\off
	mov	x1, #\group
	b	gic_handler
.endm

	.balign	2048
gicv3_vectors:
	.balign	0x80
	b	.
	GIC_VEC	0x080, 1
	GIC_VEC	0x100, 0
	.balign	0x80
	b	.
	.balign	0x80
	b	.
	GIC_VEC	0x280, 1
	GIC_VEC	0x300, 0
	.balign	0x80
	b	.
	.balign	0x80
	b	.
	GIC_VEC	0x480, 1
	GIC_VEC	0x500, 0
	.balign	0x80
	b	.

// x0 = vector offset, x1 = group (0: FIQ, 1: IRQ)
gic_handler:
	stp	x2, x30, [sp, #-16]!
	mrs	x2, CurrentEL
	lsl	x2, x2, #10			// EL << 12
	orr	x0, x0, x2
	PRINT	irq, x0
	cbz	x1, 1f
	mrs	x2, icc_iar1_el1
	b	2f
1:	mrs	x2, icc_iar0_el1
2:	PRINT	iar, x2
	mrs	x0, CurrentEL
	cmp	x0, #8
	b.ne	3f
	PRINTSYS elr, elr_el2
	PRINTSYS spsr, spsr_el2
	b	4f
3:	PRINTSYS elr, elr_el1
	PRINTSYS spsr, spsr_el1
4:	cbz	x1, 5f
	msr	icc_eoir1_el1, x2
	b	6f
5:	msr	icc_eoir0_el1, x2
6:	ldp	x2, x30, [sp], #16
	ldp	x0, x1, [sp], #16
	eret

main:
	adr	x0, gicv3_vectors
	msr	vbar_el2, x0
	msr	vbar_el1, x0
	mov	x0, #0xff
	msr	icc_pmr_el1, x0
	mov	x0, #1
	msr	icc_igrpen0_el1, x0
	msr	icc_igrpen1_el1, x0
	MMIO_WR	GICD, 3				// EnableGrp0, EnableGrp1
	MMIO_WR	GICR_RD + 0x14, 0		// GICR_WAKER: awake
	MMIO_WR	GICR_SGI + 0x80, 0xfffffffe	// SGI 0 Group 0, the rest Group 1
	MMIO_WR	GICR_SGI + 0x400, 0x00008000	// priorities: SGI 0 0x00, SGI 1 0x80
	MMIO_WR	GICR_SGI + 0x100, 0x3		// enable SGIs 0 and 1
	// EL2 with IMO and FMO: both pended under DAIF, let in by DAIFClr; SGI 0 (FIQ) first, then SGI 1 (IRQ)
	SETHCR	HCR_RW | (1 << 4) | (1 << 3)
	ldr	x0, =0x01000001
	msr	icc_sgi1r_el1, x0
	mov	x0, #1
	msr	icc_sgi0r_el1, x0
	isb
	PRINTSYS isr_both, isr_el1
	msr	daifclr, #3
	nop
	msr	daifset, #3
	// only IRQs unmasked: the FIQ waits; unmasking F takes it
	mov	x0, #1
	msr	icc_sgi0r_el1, x0
	isb
	msr	daifclr, #2
	nop
	msr	daifclr, #1
	nop
	msr	daifset, #3
	// EL1 with FMO only: the FIQ goes to EL2 whatever PSTATE.F at EL1, the IRQ to EL1 once PSTATE.I is clear there
	SETHCR	HCR_RW | (1 << 3)
	ldr	x0, =0x01000001
	msr	icc_sgi1r_el1, x0
	mov	x0, #1
	msr	icc_sgi0r_el1, x0
	isb
	ERET_TO	el2, 0x3c5, el1_part
el1_part:
	nop
	msr	daifclr, #2
	nop
	EXIT
