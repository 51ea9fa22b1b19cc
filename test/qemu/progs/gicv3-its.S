// The GICv3 ITS and LPIs (QEMU's gic-version=3, whose ITS is on by default; IHI 0069 "The ITS", "LPIs"; QEMU 7.2
// hw/intc/arm_gicv3_its.c, arm_gicv3_redist.c): the ITS's and the redistributor's LPI registers at reset, the
// GITS_BASER read-only fields, then LPIs enabled with their Configuration and Pending tables in RAM, the ITS's Device
// and Collection tables and command queue set up and commands executed from it (MAPD, MAPC, MAPTI, MAPI, INT, SYNC,
// INV, INVALL, MOVI, CLEAR, DISCARD, MOVALL): the table entries QEMU writes are printed, and each LPI made pending is
// seen in ICC_HPPIR1_EL1, acknowledged by ICC_IAR1_EL1 (its Pending-table bit cleared) and ended by ICC_EOIR1_EL1.
// An MSI through GITS_TRANSLATER (DeviceID 0 from the CPU). Bad commands: skipped (an LPI INTID out of range, an
// unknown command), or stalling the queue (an ITT outside memory: GITS_CREADR.Stalled). DAIF stays masked: the
// interrupts are polled through the ICC_* registers at EL2.
	.include "lib.inc"
	.equ	GICD, 0x08000000
	.equ	GITS, 0x08080000
	.equ	GICR_RD, 0x080a0000
	.equ	PROP, 0x44000000		// LPI Configuration table
	.equ	PEND, 0x44010000		// LPI Pending table
	.equ	DT, 0x44020000			// ITS Device table
	.equ	CT, 0x44030000			// ITS Collection table
	.equ	CQ, 0x44040000			// ITS command queue: one 4 KiB page
	.equ	ITT1, 0x44050000		// DeviceID 1's Interrupt Translation Table
	.equ	ITT0, 0x44051000		// DeviceID 0's
	.equ	NOWHERE, 0x100000000		// nothing mapped at 4 GiB on either machine
	.equ	VALID, 1 << 63

// CMD slot, dw0, dw1, dw2, dw3: write a command into slot `slot` of the queue (clobbers x0, x1)
.macro CMD slot:req, dw0:req, dw1:req, dw2:req, dw3=0
	ldr	x1, =CQ + \slot * 32
	ldr	x0, =\dw0
	str	x0, [x1]
	ldr	x0, =\dw1
	str	x0, [x1, #8]
	ldr	x0, =\dw2
	str	x0, [x1, #16]
	ldr	x0, =\dw3
	str	x0, [x1, #24]
.endm

// GO slot: GITS_CWRITER = slot * 32 (the queue runs to it), then print GITS_CREADR
.macro GO key:req, slot:req
	MMIO_WR	GITS + 0x88, \slot * 32, str, x0
	dsb	sy
	MMIO_RD	\key, GITS + 0x90, ldr, x0
.endm

// TAKE key: print ICC_HPPIR1_EL1, acknowledge (ICC_IAR1_EL1), print the running priority, end it (ICC_EOIR1_EL1)
.macro TAKE key:req
	PRINTSYS \key\()_hppir, icc_hppir1_el1
	mrs	x2, icc_iar1_el1
	PRINT	\key\()_iar, x2
	PRINTSYS \key\()_rpr, icc_rpr_el1
	msr	icc_eoir1_el1, x2
	isb
.endm

main:
	// reset values
	MMIO_RD	gicd_typer, GICD + 0x4
	MMIO_RD	gicr_ctlr, GICR_RD
	MMIO_RD	gicr_typer, GICR_RD + 0x8, ldr, x0
	MMIO_RD	gicr_propbaser, GICR_RD + 0x70, ldr, x0
	MMIO_RD	gicr_pendbaser, GICR_RD + 0x78, ldr, x0
	MMIO_RD	gits_ctlr, GITS
	MMIO_RD	gits_iidr, GITS + 0x4
	MMIO_RD	gits_typer, GITS + 0x8, ldr, x0
	MMIO_RD	gits_typer_hi, GITS + 0xc
	MMIO_RD	gits_baser0, GITS + 0x100, ldr, x0
	MMIO_RD	gits_baser1, GITS + 0x108, ldr, x0
	MMIO_RD	gits_baser2, GITS + 0x110, ldr, x0
	MMIO_RD	gits_cbaser, GITS + 0x80, ldr, x0
	MMIO_RD	gits_creadr, GITS + 0x90, ldr, x0
	MMIO_RD	gits_pidr2, GITS + 0xffe8
	// BASER: Entry_Size and Type read-only, an unimplemented one RAZ/WI; writes in 32-bit halves too
	MMIO_WR	GITS + 0x100, 0xffffffffffffffff, str, x0
	MMIO_RD	baser0_ones, GITS + 0x100, ldr, x0
	MMIO_WR	GITS + 0x110, 0xffffffffffffffff, str, x0
	MMIO_RD	baser2_ones, GITS + 0x110, ldr, x0
	MMIO_WR	GITS + 0x104, 0
	MMIO_RD	baser0_hi0, GITS + 0x100, ldr, x0
	// the LPIs: 8192 priority 0xa0, 8193 0x80, 8194 0x90, enabled; 16 ID bits
	MMIO_WR	PROP, 0x81a1, strh, w0
	MMIO_WR	PROP + 2, 0x91, strb, w0
	MMIO_WR	GICR_RD + 0x70, PROP | 15, str, x0
	MMIO_WR	GICR_RD + 0x78, PEND, str, x0
	MMIO_WR	GICR_RD + 0x14, 0		// GICR_WAKER: awake
	MMIO_WR	GICR_RD, 1			// GICR_CTLR.EnableLPIs
	MMIO_RD	gicr_ctlr_on, GICR_RD
	MMIO_RD	gicr_propbaser_set, GICR_RD + 0x70, ldr, x0
	MMIO_WR	GICD, 2				// GICD_CTLR.EnableGrp1
	mov	x0, #0xff
	msr	icc_pmr_el1, x0
	mov	x0, #1
	msr	icc_igrpen1_el1, x0
	isb
	// the ITS: BASER0/1 with one 64 KiB page each, the queue, enabled
	MMIO_WR	GITS + 0x100, DT | VALID | 0x200, str, x0
	MMIO_WR	GITS + 0x108, CT | VALID | 0x200, str, x0
	MMIO_WR	GITS + 0x80, CQ | VALID, str, x0
	MMIO_RD	gits_cbaser_set, GITS + 0x80, ldr, x0
	MMIO_WR	GITS + 0x88, 0, str, x0
	MMIO_WR	GITS, 1
	MMIO_RD	gits_ctlr_on, GITS
	// DeviceID 1 (32 events) -> ITT1, ICID 2 -> this PE, (1, 3) -> LPI 8192, (1, 4) -> LPI 8194 in collection 2
	CMD	0, 0x0000000100000008, 4, ITT1 | VALID
	CMD	1, 0x09, 0, 2 | VALID
	CMD	2, 0x000000010000000a, 0x0000200000000003, 2
	CMD	3, 0x000000010000000a, 0x0000200200000004, 2
	CMD	4, 0x05, 0, 0
	GO	creadr_mapped, 5
	MMIO_RD	dte1, DT + 8, ldr, x0
	MMIO_RD	cte2, CT + 16, ldr, x0
	MMIO_RD	ite3_w0, ITT1 + 36		// 12-byte entries: 32-bit loads (an unaligned 64-bit one faults with the MMU off)
	MMIO_RD	ite3_w1, ITT1 + 40
	MMIO_RD	ite3_w2, ITT1 + 44
	MMIO_RD	ite4_lo, ITT1 + 48, ldr, x0
	PRINTSYS hppir_none, icc_hppir1_el1
	// INT (1, 3): LPI 8192 pending (its Pending-table bit), taken; then INT (1, 4) and INT (1, 3): 8194 (0x90) first
	CMD	5, 0x0000000100000003, 3, 0
	GO	creadr_int, 6
	MMIO_RD	pend_8192, PEND + 1024, ldrb, w0
	TAKE	lpi8192
	MMIO_RD	pend_after, PEND + 1024, ldrb, w0
	CMD	6, 0x0000000100000003, 4, 0
	CMD	7, 0x0000000100000003, 3, 0
	GO	creadr_int2, 8
	TAKE	first
	TAKE	second
	// a priority change is seen after INV: 8194 pending with 8192, then 8192 raised to 0x10 and INV'd
	CMD	8, 0x0000000100000003, 3, 0
	CMD	9, 0x0000000100000003, 4, 0
	GO	creadr_int3, 10
	PRINTSYS hppir_before_inv, icc_hppir1_el1
	MMIO_WR	PROP, 0x11, strb, w0
	PRINTSYS hppir_no_inv, icc_hppir1_el1
	CMD	10, 0x000000010000000c, 3, 0
	GO	creadr_inv, 11
	PRINTSYS hppir_inv, icc_hppir1_el1
	// CLEAR (1, 3) and INVALL: 8194 left
	CMD	11, 0x0000000100000004, 3, 0
	CMD	12, 0x0d, 0, 2
	GO	creadr_clear, 13
	TAKE	after_clear
	// an MSI: DeviceID 0 (ITT0, 2 events), (0, 1) -> LPI 8193; the CPU writes EventID 1 to GITS_TRANSLATER
	CMD	13, 0x0000000000000008, 0, ITT0 | VALID
	CMD	14, 0x000000000000000a, 0x0000200100000001, 2
	GO	creadr_dev0, 15
	MMIO_WR	GITS + 0x10040, 1
	dsb	sy
	TAKE	msi
	// MOVI (1, 4) to ICID 5 (mapped first), MOVALL 0 -> 0, DISCARD (1, 3): its ITE cleared; INT (1, 3) skipped
	CMD	15, 0x09, 0, 5 | VALID
	CMD	16, 0x0000000100000001, 4, 5
	CMD	17, 0x0e, 0, 0, 0
	CMD	18, 0x000000010000000f, 3, 0
	CMD	19, 0x0000000100000003, 3, 0
	GO	creadr_movi, 20
	MMIO_RD	ite4_moved, ITT1 + 48, ldr, x0
	MMIO_RD	ite3_discarded, ITT1 + 36
	PRINTSYS hppir_discarded, icc_hppir1_el1
	// MAPI with EventID 8195 beyond DeviceID 1's 32 events and MAPTI of INTID 100: skipped; an unknown command too
	CMD	20, 0x000000010000000b, 8195, 2
	CMD	21, 0x000000010000000a, 0x0000006400000005, 2
	CMD	22, 0xff, 0, 0
	GO	creadr_skipped, 23
	MMIO_RD	ite5_none, ITT1 + 60
	// DeviceID 2 with its ITT where nothing is: MAPTI stalls there (Stalled, the offset left on it)
	CMD	23, 0x0000000200000008, 1, NOWHERE | VALID
	CMD	24, 0x000000020000000a, 0x0000200000000000, 2
	CMD	25, 0x05, 0, 0
	GO	creadr_stalled, 26
	GO	creadr_retried, 26
	MMIO_WR	GITS + 0x90, 25 * 32, str, x0	// GITS_CREADR written past it (DS = 1), Stalled cleared
	GO	creadr_resumed, 26
	EXIT
