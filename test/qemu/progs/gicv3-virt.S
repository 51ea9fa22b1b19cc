// The GICv3 virtual CPU interface on the GICv3 board (gic-version=3 on both machines; IHI 0069 "Virtual
// interrupt handling"; QEMU hw/intc/arm_gicv3_cpuif.c). At EL2: the ICH_*_EL2 reset values, ICH_VTR_EL2, the write
// masks of ICH_HCR_EL2 / ICH_VMCR_EL2 (VFIQEn RES1, VBPRs clamped) / ICH_LR<n>_EL2 (Priority 50:48 RES0), ELRSR,
// MISR's U, NP, VGrp<g>E/D and LRENP. Then four list registers (Group 1 with EOI, Group 0, Group 1 HW = 1 for the active SGI 3, Group 1
// at the lowest priority) and EL1 with HCR_EL2.IMO = FMO = 1: ISR_EL1 shows the virtual FIQ/IRQ, ICC_* reach
// ICV_* (CTLR, PMR, BPR0/1, IGRPEN, HPPIR, IAR, RPR, AP, EOIR, DIR), a Group 0 active priority blocks the Group 1
// LR, the EOI = 1 LR raises the maintenance interrupt (GICR_ISPENDR0 bit 25), the HW = 1 LR deactivates SGI 3
// (GICR_ISACTIVER0), EOImode = 1 splits priority drop from deactivation.
	.include "lib.inc"
	.equ	GICR_SGI, 0x080b0000
	.equ	LR_PENDING, 1 << 62
	.equ	LR_ACTIVE, 1 << 63
	.equ	LR_GROUP1, 1 << 60
	.equ	LR_HW, 1 << 61
	.equ	LR_EOI, 1 << 41

main:
	PRINTSYS vtr, ich_vtr_el2
	PRINTSYS hcr_reset, ich_hcr_el2
	PRINTSYS vmcr_reset, ich_vmcr_el2
	PRINTSYS lr0_reset, ich_lr0_el2
	PRINTSYS ap0r0_reset, ich_ap0r0_el2
	PRINTSYS ap1r0_reset, ich_ap1r0_el2
	PRINTSYS elrsr_reset, ich_elrsr_el2
	PRINTSYS eisr_reset, ich_eisr_el2
	PRINTSYS misr_reset, ich_misr_el2
	mov	x0, #-1
	msr	ich_hcr_el2, x0
	PRINTSYS hcr_ones, ich_hcr_el2
	msr	ich_hcr_el2, xzr
	msr	ich_vmcr_el2, x0
	PRINTSYS vmcr_ones, ich_vmcr_el2
	msr	ich_vmcr_el2, xzr
	PRINTSYS vmcr_zero, ich_vmcr_el2
	msr	ich_lr3_el2, x0
	PRINTSYS lr3_ones, ich_lr3_el2
	PRINTSYS elrsr_lr3, ich_elrsr_el2
	msr	ich_lr3_el2, xzr
	msr	ich_ap1r0_el2, x0
	PRINTSYS ap1r0_ones, ich_ap1r0_el2
	msr	ich_ap1r0_el2, xzr
	mov	x0, #(1 << 1) | (1 << 3)	// UIE, NPIE (En = 0)
	msr	ich_hcr_el2, x0
	PRINTSYS misr_u_np, ich_misr_el2
	// MISR's group enable/disable bits with VENG1 only; LRENP from LRENPIE alone and from EOIcount alone
	mov	x0, #2
	msr	ich_vmcr_el2, x0
	mov	x0, #0xf0			// VGrp0EIE, VGrp0DIE, VGrp1EIE, VGrp1DIE
	msr	ich_hcr_el2, x0
	PRINTSYS misr_vgrp, ich_misr_el2
	mov	x0, #(1 << 2)			// LRENPIE
	msr	ich_hcr_el2, x0
	PRINTSYS misr_lrenpie, ich_misr_el2
	mov	x0, #(1 << 27)			// EOIcount 1
	msr	ich_hcr_el2, x0
	PRINTSYS misr_eoicount, ich_misr_el2
	// SGI 3 active in the redistributor, for the HW = 1 list register
	MMIO_WR	GICR_SGI + 0x300, 1 << 3
	MMIO_RD	sgi3_active, GICR_SGI + 0x300
	// the list registers: vINTID 40 G1 0xa0 EOI, 41 G0 0x80, 42 G1 0x90 HW pINTID 3, 43 G1 0xc0
	ldr	x0, =LR_PENDING | LR_GROUP1 | LR_EOI | (0xa0 << 48) | 40
	msr	ich_lr0_el2, x0
	ldr	x0, =LR_PENDING | (0x80 << 48) | 41
	msr	ich_lr1_el2, x0
	ldr	x0, =LR_PENDING | LR_GROUP1 | LR_HW | (3 << 32) | (0x90 << 48) | 42
	msr	ich_lr2_el2, x0
	ldr	x0, =LR_PENDING | LR_GROUP1 | (0xc0 << 48) | 43
	msr	ich_lr3_el2, x0
	ldr	x0, =(0xf8 << 24) | 3		// VPMR 0xf8, VENG0, VENG1
	msr	ich_vmcr_el2, x0
	PRINTSYS vmcr_set, ich_vmcr_el2
	mov	x0, #1				// En
	msr	ich_hcr_el2, x0
	PRINTSYS misr_en, ich_misr_el2
	PRINTSYS elrsr_set, ich_elrsr_el2
	SETHCR	HCR_RW | (1 << 4) | (1 << 3)	// IMO, FMO
	ERET_TO	el2, 0x3c5, el1_part
el1_part:
	PRINTSYS isr_virtual, isr_el1
	PRINTSYS v_ctlr, icc_ctlr_el1
	PRINTSYS v_pmr, icc_pmr_el1
	PRINTSYS v_bpr0, icc_bpr0_el1
	PRINTSYS v_bpr1, icc_bpr1_el1
	PRINTSYS v_igrpen0, icc_igrpen0_el1
	PRINTSYS v_igrpen1, icc_igrpen1_el1
	PRINTSYS v_rpr_idle, icc_rpr_el1
	PRINTSYS v_hppir0, icc_hppir0_el1
	PRINTSYS v_hppir1, icc_hppir1_el1
	PRINTSYS v_iar1_not_highest, icc_iar1_el1
	mrs	x2, icc_iar0_el1
	PRINT	v_iar0, x2
	PRINTSYS v_rpr_g0, icc_rpr_el1
	PRINTSYS v_ap0r0, icc_ap0r0_el1
	PRINTSYS isr_g0_active, isr_el1
	PRINTSYS v_iar1_blocked, icc_iar1_el1
	msr	icc_eoir0_el1, x2
	PRINTSYS v_rpr_after_eoi0, icc_rpr_el1
	mrs	x2, icc_iar1_el1
	PRINT	v_iar1_hw, x2
	PRINTSYS v_ap1r0, icc_ap1r0_el1
	msr	icc_eoir1_el1, x2
	MMIO_RD	sgi3_after_hw_eoi, GICR_SGI + 0x300
	mrs	x2, icc_iar1_el1
	PRINT	v_iar1_eoi, x2
	msr	icc_eoir1_el1, x2
	MMIO_RD	maint_pending, GICR_SGI + 0x200
	// EOImode = 1: EOIR drops the priority only, DIR deactivates
	mov	x0, #2
	msr	icc_ctlr_el1, x0
	PRINTSYS v_ctlr_eoimode, icc_ctlr_el1
	mrs	x2, icc_iar1_el1
	PRINT	v_iar1_last, x2
	msr	icc_eoir1_el1, x2
	PRINTSYS v_rpr_dropped, icc_rpr_el1
	PRINTSYS v_hppir1_none, icc_hppir1_el1
	msr	icc_dir_el1, x2
	PRINTSYS isr_none, isr_el1
	// BPR/PMR writes through ICV
	msr	icc_bpr1_el1, xzr
	PRINTSYS v_bpr1_min, icc_bpr1_el1
	mov	x0, #0xff
	msr	icc_pmr_el1, x0
	PRINTSYS v_pmr_ff, icc_pmr_el1
	msr	icc_igrpen0_el1, xzr
	PRINTSYS v_igrpen0_off, icc_igrpen0_el1
	// an EOI for an INTID in no list register with nothing active: ignored; DIR with EOImode 1: EOIcount
	mov	x0, #50
	msr	icc_eoir1_el1, x0
	msr	icc_dir_el1, x0
	EXIT
