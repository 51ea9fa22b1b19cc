// FPCR and FPSR as MSR/MRS see them on a Cortex-A57 (QEMU 7.2 vfp_set_fpcr/vfp_set_fpsr): all ones and a few
// patterns written, read back. QEMU keeps AHP, DN, FZ, RMode, Stride and Len in FPCR and makes the trap enables
// (IDE, IXE, UFE, OFE, DZE, IOE) RAZ/WI, as an implementation without FP exception trapping may (ARM FPCR: "RAZ/WI
// if trapping is not supported"); FPSR keeps N Z C V QC IDC IXC UFC OFC DZC IOC.
	.include "lib.inc"
main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	mov	x1, #-1
	msr	fpcr, x1
	mrs	x2, fpcr
	PRINT	fpcr_ones, x2
	msr	fpsr, x1
	mrs	x2, fpsr
	PRINT	fpsr_ones, x2
	ldr	x1, =0x00c00000
	msr	fpcr, x1
	mrs	x2, fpcr
	PRINT	fpcr_rmode, x2
	mov	x1, #0x9f
	msr	fpsr, x1
	mrs	x2, fpsr
	PRINT	fpsr_flags, x2
	msr	fpcr, xzr
	msr	fpsr, xzr
	mrs	x2, fpcr
	PRINT	fpcr_zero, x2
	mrs	x2, fpsr
	PRINT	fpsr_zero, x2
	ret
