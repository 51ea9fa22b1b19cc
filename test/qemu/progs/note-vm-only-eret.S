// The design note's "re-enable S2" snippet `MOV x0, #(1 << 0); MSR HCR_EL2, x0` leaves RW = 0, so on QEMU's A57
// (EL1 can be AArch32) an ERET to an AArch64 EL1 guest is an illegal exception return (EC 0x0E at EL2, SPSR.IL = 1).
// On twostage EL1 is AArch64-only and HCR_EL2.RW is RAO/WI (DEVIATIONS.md A1): the ERET is legal, and the guest's
// first fetch faults at stage 2 (VM = 1 with no stage-2 tables), taken to EL2 (+0x400). Either way the program
// ends at EL2: local vectors report the exception and go on with main.
	.include "lib.inc"
main:
	ldr	x0, =vm_only_vectors
	msr	vbar_el2, x0
	mov	x0, #(1 << 0)			// VM bit
	msr	hcr_el2, x0
	isb
	ERET_TO	el2, 0x3c5, guest
guest:
	nop
	b	.
after_guest:					// back at EL2, main's stack and x30 untouched
	ldr	x0, =lib_vectors
	msr	vbar_el2, x0
	msr	hcr_el2, xzr
	isb
	PRINTSYS currentel_after, CurrentEL
	ret

// +0x200 (current EL, SP_EL2: the illegal return) and +0x400 (lower EL: the guest's stage-2 fault)
.macro VM_ONLY_VEC off
	.balign	0x80
	mov	x1, #\off
	b	vm_only_report
.endm
	.balign	2048
vm_only_vectors:
	VM_ONLY_VEC	0x000
	VM_ONLY_VEC	0x080
	VM_ONLY_VEC	0x100
	VM_ONLY_VEC	0x180
	VM_ONLY_VEC	0x200
	VM_ONLY_VEC	0x280
	VM_ONLY_VEC	0x300
	VM_ONLY_VEC	0x380
	VM_ONLY_VEC	0x400
	VM_ONLY_VEC	0x480
	VM_ONLY_VEC	0x500
	VM_ONLY_VEC	0x580
	VM_ONLY_VEC	0x600
	VM_ONLY_VEC	0x680
	VM_ONLY_VEC	0x700
	VM_ONLY_VEC	0x780
vm_only_report:
	PRINT	exc, x1
	PRINTSYS esr, esr_el2
	PRINTSYS elr, elr_el2
	PRINTSYS spsr, spsr_el2
	b	after_guest
	.ltorg
