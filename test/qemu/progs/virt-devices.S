// The virt board's PL031 RTC, PL061 GPIO and GICv2m MSI frame as QEMU 7.2 models them (hw/rtc/pl031.c,
// hw/gpio/pl061.c, hw/intc/arm_gicv2m.c): identification registers, reset values, read-back, the RTC's load
// (RTCDR restarts from RTCLR; printed as a flag: QEMU's clock follows the host), GPIODATA's address-masked writes
// on output lines, and an MSI written to MSI_SETSPI_NS making its SPI pending in the distributor.
	.include "lib.inc"
	.macro RD key, addr
	ldr	x1, =\addr
	ldr	w0, [x1]
	PRINT	\key, x0
	.endm
	.macro WR addr, val
	ldr	x1, =\addr
	ldr	w0, =\val
	str	w0, [x1]
	.endm
main:
	RD	v2m_typer, 0x08020008
	RD	v2m_iidr, 0x08020fcc
	RD	v2m_0, 0x08020000
	RD	rtc_cr, 0x0901000c
	RD	rtc_imsc, 0x09010010
	RD	rtc_ris, 0x09010014
	RD	rtc_mr, 0x09010004
	RD	rtc_pid0, 0x09010fe0
	RD	rtc_pid1, 0x09010fe4
	RD	rtc_pid2, 0x09010fe8
	RD	rtc_pid3, 0x09010fec
	RD	rtc_cid0, 0x09010ff0
	RD	rtc_cid3, 0x09010ffc
	WR	0x09010008, 0x12345678		// RTCLR
	ldr	x1, =0x09010000
	ldr	w2, [x1]			// RTCDR
	ldr	w3, =0x12345678
	sub	w2, w2, w3
	cmp	w2, #1
	cset	x0, ls
	PRINT	rtc_dr_from_lr, x0
	WR	0x09010004, 0xabcd		// RTCMR
	RD	rtc_mr_w, 0x09010004
	WR	0x09010010, 1			// RTCIMSC
	RD	rtc_imsc_w, 0x09010010
	WR	0x09010010, 0
	RD	gpio_data, 0x090303fc
	RD	gpio_dir, 0x09030400
	RD	gpio_is, 0x09030404
	RD	gpio_ie, 0x09030410
	RD	gpio_ris, 0x09030414
	RD	gpio_pid0, 0x09030fe0
	RD	gpio_pid1, 0x09030fe4
	RD	gpio_pid2, 0x09030fe8
	RD	gpio_pid3, 0x09030fec
	WR	0x09030400, 0xf0		// lines 7..4 outputs
	RD	gpio_dir_w, 0x09030400
	WR	0x090303fc, 0xff		// all lines through the full mask: only outputs drive
	RD	gpio_data_all, 0x090303fc
	WR	0x09030000 + (0x30 << 2), 0x00	// mask 0x30: clear lines 5, 4 only
	RD	gpio_data_masked, 0x090303fc
	RD	gpio_data_mask_c0, 0x09030000 + (0xc0 << 2)
	WR	0x09030404, 0x0f
	WR	0x09030408, 0x03
	WR	0x0903040c, 0x05
	WR	0x09030410, 0x11
	RD	gpio_is_w, 0x09030404
	RD	gpio_ibe_w, 0x09030408
	RD	gpio_iev_w, 0x0903040c
	RD	gpio_ie_w, 0x09030410
	WR	0x08000000, 1			// GICD_CTLR
	WR	0x08000c14, 0xffffffff		// GICD_ICFGR5: SPIs 48..63 (INTIDs 80..95) edge
	WR	0x08020040, 81			// MSI: INTID 81
	RD	gicd_ispendr2, 0x08000208
	WR	0x08020040, 300			// outside the frame: ignored
	RD	gicd_ispendr9, 0x08000224
	EXIT
