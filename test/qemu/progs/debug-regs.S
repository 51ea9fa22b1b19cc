// Debug registers at EL1 (ARM §D24.3; QEMU 7.2 debug_helper.c): MDSCR_EL1, the OS lock (OSLSR_EL1.OSLK = 1 at reset;
// OSLAR_EL1 writes it; OSLM = 0b10), breakpoint 0..5 and watchpoint 0..3 value/control pairs read back; breakpoint 6
// and watchpoint 4 do not exist (ID_AA64DFR0_EL1.BRPs = 5, WRPs = 3): UNDEFINED.
	.include "lib.inc"
main:
	SETHCR	HCR_RW
	ERET_TO	el2, 0x3c5, el1_entry
el1_entry:
	PRINTSYS dfr0, id_aa64dfr0_el1
	PRINTSYS mdscr_reset, mdscr_el1
	PRINTSYS oslsr_reset, oslsr_el1
	msr	oslar_el1, xzr
	PRINTSYS oslsr_unlocked, oslsr_el1
	mov	x0, #1
	msr	oslar_el1, x0
	PRINTSYS oslsr_locked, oslsr_el1
	msr	oslar_el1, xzr
	ldr	x0, =0x0000a001			// MDE, KDE, SS
	msr	mdscr_el1, x0
	PRINTSYS mdscr_set, mdscr_el1
	msr	mdscr_el1, xzr
	ldr	x0, =0x00000000400801e4
	msr	dbgbvr0_el1, x0
	ldr	x0, =0x000001e6			// BAS 0b1111, PMC 0b11, E = 0
	msr	dbgbcr0_el1, x0
	PRINTSYS dbgbvr0, dbgbvr0_el1
	PRINTSYS dbgbcr0, dbgbcr0_el1
	ldr	x0, =0x00000000000000ab		// context ID
	msr	dbgbvr5_el1, x0
	ldr	x0, =0x002001e6			// BT 0b0010 (context ID match), BAS, PMC
	msr	dbgbcr5_el1, x0
	PRINTSYS dbgbvr5, dbgbvr5_el1
	PRINTSYS dbgbcr5, dbgbcr5_el1
	ldr	x0, =0x0000000040090008
	msr	dbgwvr3_el1, x0
	ldr	x0, =0x00001ff6			// BAS 0xff, LSC 0b10, PAC 0b11, E = 0
	msr	dbgwcr3_el1, x0
	PRINTSYS dbgwvr3, dbgwvr3_el1
	PRINTSYS dbgwcr3, dbgwcr3_el1
	PRINTSYS dbgwcr0_reset, dbgwcr0_el1
	mrs	x1, s2_0_c0_c6_5		// DBGBCR6_EL1: not implemented
	mrs	x1, s2_0_c0_c4_7		// DBGWCR4_EL1: not implemented
	EXIT
