// D5: TLB entries of the EL1&0 regime are tagged with the VMID (ARM §D8.16); changing VTTBR_EL2 does not
// invalidate them. A guest (stage 1 off, stage 2 on) reads IPA 0x4020_0000, mapped to page_a under VMID 1. EL2 then
// remaps that IPA to page_b without a TLBI and runs the guest again: under VMID 2 (a fresh walk: page_b), back under
// VMID 1 (the VMID-1 entry for page_a may still be used: twostage keeps it, QEMU flushed its TLB on the VTTBR write),
// and under VMID 1 after TLBI VMALLS12E1 (page_b for both). Each guest run ends with HVC, which vec_el2 sends to the
// EL2 step stored in `next_step`.
	.include "lib.inc"
	.include "mmu.inc"
	.equ	VMID1, 1 << 48
	.equ	VMID2, 2 << 48
	.equ	GUEST_IPA, 0x40200000
main:
	IDENTITY_L1_L2 s2_l1, s2_l2, s2_l3, S2_DEVICE, S2_NORMAL
	STORE_PTE s2_l3, 0, page_a + S2_NORMAL + D_PAGE
	ldr	x0, =VTCR_RES1 | VTCR_PS44 | TCR_WBWA_IS | (1 << 6) | 32
	msr	vtcr_el2, x0
	ldr	x0, =s2_l1 + VMID1
	msr	vttbr_el2, x0
	ldr	x0, =vec_el2
	msr	vbar_el2, x0
	SETHCR	HCR_RW | HCR_VM
	dsb	sy
	tlbi	alle1
	dsb	sy
	ldr	x0, =step_remap
	bl	run_guest
step_remap:
	STORE_PTE s2_l3, 0, page_b + S2_NORMAL + D_PAGE
	dsb	sy
	ldr	x0, =s2_l1 + VMID2
	msr	vttbr_el2, x0
	ldr	x0, =step_vmid1
	bl	run_guest
step_vmid1:
	ldr	x0, =s2_l1 + VMID1
	msr	vttbr_el2, x0
	ldr	x0, =step_tlbi
	bl	run_guest
step_tlbi:
	tlbi	vmalls12e1
	dsb	sy
	ldr	x0, =step_done
	bl	run_guest
step_done:
	ldr	x0, =lib_vectors
	msr	vbar_el2, x0
	msr	vttbr_el2, xzr
	SETHCR	0
	EXIT

// run_guest: x0 = the EL2 step to continue with after the guest's HVC.
run_guest:
	ldr	x1, =next_step
	str	x0, [x1]
	ERET_TO	el2, 0x3c5, guest
guest:
	ldr	x1, =GUEST_IPA
	ldr	x2, [x1]
	PRINT	guest_read, x2
	hvc	#0

.macro TO_LIB off
	.balign	0x80
	b	lib_vectors + \off
.endm
	.balign	2048
vec_el2:
	TO_LIB	0x000
	TO_LIB	0x080
	TO_LIB	0x100
	TO_LIB	0x180
	TO_LIB	0x200
	TO_LIB	0x280
	TO_LIB	0x300
	TO_LIB	0x380
	.balign	0x80			// 0x400: the guest's HVC
	ldr	x1, =next_step
	ldr	x1, [x1]
	br	x1
	.ltorg
	TO_LIB	0x480
	TO_LIB	0x500
	TO_LIB	0x580
	TO_LIB	0x600
	TO_LIB	0x680
	TO_LIB	0x700
	TO_LIB	0x780

	.data
	.balign	4096
page_a:	.quad	0xaaaa000000000001
	.balign	4096
page_b:	.quad	0xbbbb000000000002

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
next_step: .skip 8
