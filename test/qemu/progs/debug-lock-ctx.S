// What QEMU 7.2 does not execute (test/qemu/DEVIATIONS.md D15, D16; AArch64.GenerateDebugExceptionsFrom,
// AArch64.BreakpointValueMatch): debug exceptions are disabled while the OS lock (OSLSR_EL1.OSLK, locked at reset)
// or the OS double lock (OSDLR_EL1.DLK) is locked; unlinked context-ID (BT 0b0010), VMID (0b1000) and VMID + context
// ID (0b1010) breakpoints on the context-aware breakpoints 4 and 5 fire on every instruction of their context at the
// ELs PMC selects.
	.include "lib.inc"
	.include "debug.inc"
main:
	ldr	x0, =0x0042000000000000	// VTTBR_EL2.VMID = 0x42
	msr	vttbr_el2, x0
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	ldr	x0, =dbg_vectors
	msr	vbar_el1, x0
	mov	x0, #MDSCR_MDE
	msr	mdscr_el1, x0
	ldr	x0, =bp_el0
	msr	dbgbvr0_el1, x0
	ldr	x0, =(BCR_BAS | (2 << 1) | BCR_E)
	msr	dbgbcr0_el1, x0
	isb
	PRINTI	os_locked, 1			// OSLK = 1 from reset
	EL0_RUN	el0_code
	msr	oslar_el1, xzr
	mov	x0, #1
	msr	osdlr_el1, x0
	isb
	PRINTI	double_locked, 2
	EL0_RUN	el0_code
	msr	osdlr_el1, xzr
	isb
	PRINTI	unlocked, 3
	EL0_RUN	el0_code
	msr	dbgbcr0_el1, xzr

	// breakpoint 4: unlinked context ID 0x77, EL0 only (x26 = 1: debug.inc's handler disables it when it fires)
	mov	x26, #1
	mov	x0, #0x77
	msr	dbgbvr4_el1, x0
	ldr	x0, =((2 << 20) | BCR_BAS | (2 << 1) | BCR_E)
	msr	dbgbcr4_el1, x0
	msr	contextidr_el1, xzr
	isb
	PRINTI	ctx_other, 4
	EL0_RUN	el0_short
	mov	x0, #0x77
	msr	contextidr_el1, x0
	isb
	PRINTI	ctx_match, 5
	EL0_RUN	el0_short
	// breakpoint 5: unlinked VMID 0x42 and context ID 0x77 (BT 0b1010), EL0 only
	ldr	x0, =0x4200000077
	msr	dbgbvr5_el1, x0
	ldr	x0, =((0xa << 20) | BCR_BAS | (2 << 1) | BCR_E)
	msr	dbgbcr5_el1, x0
	isb
	PRINTI	vmid_ctx_match, 6
	EL0_RUN	el0_short
	// breakpoint 3 (not context-aware) programmed as a VMID match: generates nothing
	mov	x0, #0x42
	lsl	x0, x0, #32
	msr	dbgbvr3_el1, x0
	ldr	x0, =((0x8 << 20) | BCR_BAS | (2 << 1) | BCR_E)
	msr	dbgbcr3_el1, x0
	isb
	PRINTI	vmid_not_ctx_aware, 7
	EL0_RUN	el0_short
	PRINTI	done, 8
	EXIT

	.balign	64
el0_code:
	mov	x1, #1
bp_el0:	add	x1, x1, #1
	svc	#0x42

el0_short:
	nop
	svc	#0x42
	.ltorg
