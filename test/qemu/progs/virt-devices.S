// The virt board's PL031 RTC, PL061 GPIO and GICv2m MSI frame as QEMU 7.2 models them (hw/rtc/pl031.c,
// hw/gpio/pl061.c, hw/intc/arm_gicv2m.c): identification registers, reset values, read-back, the RTC's load
// (RTCDR restarts from RTCLR; printed as a flag: QEMU's clock follows the host), GPIODATA's address-masked writes
// on output lines, and an MSI written to MSI_SETSPI_NS making its SPI pending in the distributor.
	.include "lib.inc"
main:
	MMIO_RD	v2m_typer, 0x08020008
	MMIO_RD	v2m_iidr, 0x08020fcc
	MMIO_RD	v2m_0, 0x08020000
	MMIO_RD	rtc_cr, 0x0901000c
	MMIO_RD	rtc_imsc, 0x09010010
	MMIO_RD	rtc_ris, 0x09010014
	MMIO_RD	rtc_mr, 0x09010004
	MMIO_RD	rtc_pid0, 0x09010fe0
	MMIO_RD	rtc_pid1, 0x09010fe4
	MMIO_RD	rtc_pid2, 0x09010fe8
	MMIO_RD	rtc_pid3, 0x09010fec
	MMIO_RD	rtc_cid0, 0x09010ff0
	MMIO_RD	rtc_cid3, 0x09010ffc
	MMIO_WR	0x09010008, 0x12345678		// RTCLR
	ldr	x1, =0x09010000
	ldr	w2, [x1]			// RTCDR
	ldr	w3, =0x12345678
	sub	w2, w2, w3
	cmp	w2, #1
	cset	x0, ls
	PRINT	rtc_dr_from_lr, x0
	MMIO_WR	0x09010004, 0xabcd		// RTCMR
	MMIO_RD	rtc_mr_w, 0x09010004
	MMIO_WR	0x09010010, 1			// RTCIMSC
	MMIO_RD	rtc_imsc_w, 0x09010010
	MMIO_WR	0x09010010, 0
	MMIO_RD	gpio_data, 0x090303fc
	MMIO_RD	gpio_dir, 0x09030400
	MMIO_RD	gpio_is, 0x09030404
	MMIO_RD	gpio_ie, 0x09030410
	MMIO_RD	gpio_ris, 0x09030414
	MMIO_RD	gpio_pid0, 0x09030fe0
	MMIO_RD	gpio_pid1, 0x09030fe4
	MMIO_RD	gpio_pid2, 0x09030fe8
	MMIO_RD	gpio_pid3, 0x09030fec
	MMIO_WR	0x09030400, 0xf0		// lines 7..4 outputs
	MMIO_RD	gpio_dir_w, 0x09030400
	MMIO_WR	0x090303fc, 0xff		// all lines through the full mask: only outputs drive
	MMIO_RD	gpio_data_all, 0x090303fc
	MMIO_WR	0x09030000 + (0x30 << 2), 0x00	// mask 0x30: clear lines 5, 4 only
	MMIO_RD	gpio_data_masked, 0x090303fc
	MMIO_RD	gpio_data_mask_c0, 0x09030000 + (0xc0 << 2)
	MMIO_WR	0x09030404, 0x0f
	MMIO_WR	0x09030408, 0x03
	MMIO_WR	0x0903040c, 0x05
	MMIO_WR	0x09030410, 0x11
	MMIO_RD	gpio_is_w, 0x09030404
	MMIO_RD	gpio_ibe_w, 0x09030408
	MMIO_RD	gpio_iev_w, 0x0903040c
	MMIO_RD	gpio_ie_w, 0x09030410
	MMIO_WR	0x08000000, 1			// GICD_CTLR
	MMIO_WR	0x08000c14, 0xffffffff		// GICD_ICFGR5: SPIs 48..63 (INTIDs 80..95) edge
	MMIO_WR	0x08020040, 81			// MSI: INTID 81
	MMIO_RD	gicd_ispendr2, 0x08000208
	MMIO_WR	0x08020040, 300			// outside the frame: ignored
	MMIO_RD	gicd_ispendr9, 0x08000224
	EXIT
