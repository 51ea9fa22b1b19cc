// Virtual FIQ and virtual SError (HCR_EL2.VF with FMO, HCR_EL2.VSE with AMO; ARM §D1.3.6 virtual interrupts, J1.1
// AArch64.TakeVirtualFIQException, AArch64.TakeVirtualSErrorException): taken at EL1 (vector offset 0x100 / 0x180 of
// the current-EL or lower-EL group) when PSTATE.F / PSTATE.A is clear, not taken while masked, nor with FMO / AMO = 0
// or TGE = 1; taking a virtual SError clears HCR_EL2.VSE (ClearPendingVirtualSError), a virtual FIQ stays pending
// while VF is set. Every EL1 vector reports its offset to EL2 by HVC; EL2 prints the vector, ESR_EL1, SPSR_EL1 and
// HCR_EL2's VF/VI/VSE, then clears them.
	.include "lib.inc"
	.equ	HCR_FMO, 1 << 3
	.equ	HCR_IMO, 1 << 4
	.equ	HCR_AMO, 1 << 5
	.equ	HCR_VF, 1 << 6
	.equ	HCR_VI, 1 << 7
	.equ	HCR_VSE, 1 << 8
// CASE key, hcr, spsr, body: EL2 sets HCR_EL2 and enters `body` at the SPSR's EL; the body ends with HVC #0
.macro CASE key:req, hcr:req, spsr:req
	ldr	x28, =9f
	ldr	x27, =\key
	ldr	x9, =\hcr
	msr	hcr_el2, x9
	ERET_TO	el2, \spsr, 8f
8:
.endm
.macro END_CASE
	hvc	#0
	b	.
9:
.endm
main:
	mov	x26, x30
	ldr	x0, =vec_el1
	msr	vbar_el1, x0
	ldr	x0, =vec_el2
	msr	vbar_el2, x0
	isb
	CASE	1, HCR_RW | HCR_FMO | HCR_VF, 0x3c5		// EL1h, DAIF masked
	msr	daifclr, #1				// F clear: the virtual FIQ is taken
	END_CASE
	CASE	2, HCR_RW | HCR_FMO | HCR_VF, 0x3c5
	nop						// F masked: not taken
	END_CASE
	CASE	3, HCR_RW | HCR_VF, 0x3c5		// FMO = 0: no virtual FIQ
	msr	daifclr, #1
	END_CASE
	CASE	4, HCR_RW | HCR_AMO | HCR_VSE, 0x3c5
	msr	daifclr, #4				// A clear: the virtual SError is taken, VSE cleared
	END_CASE
	CASE	5, HCR_RW | HCR_AMO | HCR_VSE, 0x2c5	// A clear from the start (EL1h, D I F masked)
	nop
	END_CASE
	CASE	6, HCR_RW | HCR_FMO | HCR_VF, 0x0	// EL0t, nothing masked: the lower-EL group
	nop
	END_CASE
	CASE	7, HCR_RW | HCR_AMO | HCR_VSE, 0x0
	nop
	END_CASE
	CASE	8, HCR_RW | HCR_IMO | HCR_FMO | HCR_AMO | HCR_VI | HCR_VF | HCR_VSE, 0x3c5	// all three pending
	msr	daifclr, #7
	END_CASE
	CASE	9, HCR_RW | HCR_TGE | HCR_FMO | HCR_VF | HCR_AMO | HCR_VSE, 0x0	// TGE = 1: none
	nop
	END_CASE
	mov	x30, x26
	ret

	.balign	2048
vec_el1:
	.irp	off, 0x000, 0x080, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380, 0x400, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
	.balign	0x80
	mov	x25, #\off
	hvc	#1
	.endr
	.balign	2048
vec_el2:
	.rept	16
	.balign	0x80
	b	el2_catch
	.endr
el2_catch:
	PRINT	case, x27
	mrs	x0, esr_el2
	and	x0, x0, #0xffff
	cbz	x0, 1f					// HVC #0: the body ended, nothing taken
	PRINT	vector, x25
	mrs	x1, esr_el1
	PRINT	esr_el1, x1
	mrs	x1, spsr_el1
	PRINT	spsr_el1, x1
1:	mrs	x1, hcr_el2
	and	x1, x1, #(HCR_VF | HCR_VI | HCR_VSE)
	PRINT	pending, x1
	ldr	x9, =HCR_RW
	msr	hcr_el2, x9
	ldr	x0, =lib_stack_el2_top
	mov	sp, x0
	msr	daifset, #0xf
	br	x28
