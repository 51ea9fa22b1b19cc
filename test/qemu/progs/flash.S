// The virt board's two CFI flash banks (0x0 and 0x0400_0000, 64 MiB each) as QEMU 7.2 models them with no -drive
// (hw/block/pflash_cfi01.c; hw/arm/virt.c virt_flash_create1: width 4, device-width 2, sector 256 KiB, ids 0x89/0x18):
// reads of empty flash, the read-ID and CFI query answers at every width, the status register, single-word
// program, block erase, write-to-buffer, lock/unlock, unknown commands and the reset forms, the 8-byte accesses QEMU
// splits in two, then 1024 pseudo-random stores and loads (commands and data at random widths in one sector) with
// a hash of everything read printed every 32 steps. MMU off at EL2: every access is Device-nGnRnE and aligned.
	.include "lib.inc"
	.equ	B1, 0x04000000			// the second bank
main:
	// empty flash in read-array mode, both banks
	MMIO_RD	empty_w0, 0x0
	MMIO_RD	empty_x100, 0x100, ldr, x0
	MMIO_RD	empty_b3, 0x3, ldrb, w0
	MMIO_RD	empty_b1_last, B1 + 0x3fffffc
	// read ID (0x90): manufacturer at 0, device at 4, block lock status at 8 of each block, the rest 0
	MMIO_WR	0x0, 0x00900090
	MMIO_RD	id_w0, 0x0
	MMIO_RD	id_w4, 0x4
	MMIO_RD	id_w8, 0x8
	MMIO_RD	id_wc, 0xc
	MMIO_RD	id_blk1_w8, 0x40008
	MMIO_RD	id_w400, 0x400
	MMIO_RD	id_w404, 0x404
	MMIO_RD	id_b1, 0x1, ldrb, w0
	MMIO_RD	id_b4, 0x4, ldrb, w0
	MMIO_RD	id_h2, 0x2, ldrh, w0
	MMIO_RD	id_h6, 0x6, ldrh, w0
	MMIO_RD	id_x0, 0x0, ldr, x0
	MMIO_RD	id_other_bank, B1
	MMIO_WR	0x0, 0xff
	MMIO_RD	id_after_ff, 0x0
	// CFI query (0x98): every word of the table and past it
	MMIO_WR	0x0, 0x98
	mov	x2, #0
1:	ldr	w0, [x2]
	PRINT	cfi, x0
	add	x2, x2, #4
	cmp	x2, #0x150
	b.ne	1b
	MMIO_RD	cfi_b40, 0x40, ldrb, w0
	MMIO_RD	cfi_b41, 0x41, ldrb, w0
	MMIO_RD	cfi_h42, 0x42, ldrh, w0
	MMIO_RD	cfi_x40, 0x40, ldr, x0
	MMIO_RD	cfi_x98, 0x98, ldr, x0
	MMIO_RD	cfi_w440, 0x440
	MMIO_WR	0x0, 0x90			// ignored in query mode
	MMIO_RD	cfi_after_90, 0x44
	MMIO_WR	0x0, 0x00			// so is 0x00
	MMIO_RD	cfi_after_00, 0x44
	MMIO_WR	0x0, 0xff
	MMIO_RD	cfi_after_ff, 0x44
	// status (0x70), clear status (0x50)
	MMIO_WR	0x0, 0x70
	MMIO_RD	st_w, 0x0
	MMIO_RD	st_h, 0x1002, ldrh, w0
	MMIO_RD	st_b, 0x3, ldrb, w0
	MMIO_RD	st_x, 0x8, ldr, x0
	MMIO_WR	0x0, 0x50
	MMIO_RD	st_after_50, 0x0
	MMIO_WR	0x0, 0x70
	MMIO_RD	st_cleared, 0x0
	// program (0x40, 0x10): the data replaces the word, it does not AND into it
	MMIO_WR	0x1000, 0x40
	MMIO_RD	prog_status, 0x1000
	MMIO_WR	0x1000, 0x12345678
	MMIO_RD	prog_status2, 0x1000
	MMIO_WR	0x0, 0xff
	MMIO_RD	prog_read, 0x1000
	MMIO_WR	0x1000, 0x10
	MMIO_WR	0x1000, 0xffff0000
	MMIO_WR	0x0, 0xff
	MMIO_RD	prog_over, 0x1000
	MMIO_WR	0x1005, 0x40, strb, w0
	MMIO_WR	0x1005, 0xa5, strb, w0
	MMIO_WR	0x1005, 0xff, strb, w0
	MMIO_RD	prog_byte, 0x1000, ldr, x0
	MMIO_WR	0x100a, 0x40, strh, w0
	MMIO_WR	0x100a, 0xbeef, strh, w0
	MMIO_WR	0x100a, 0xff, strh, w0
	MMIO_RD	prog_half, 0x1008, ldr, x0
	// an 8-byte store is two 4-byte writes: the low word programs, the high word is the next command
	MMIO_WR	0x1010, 0x40
	MMIO_WR	0x1010, 0x0000009844332211, str, x0
	MMIO_RD	prog_x_mode, 0x1040
	MMIO_WR	0x0, 0xff
	MMIO_RD	prog_x, 0x1010, ldr, x0
	MMIO_WR	0x1018, 0x000000ff00000040, str, x0
	MMIO_RD	prog_x_cmd, 0x1018, ldr, x0
	// block erase (0x20 + 0xD0) of the 256 KiB sector holding 0x1004
	MMIO_WR	0x1004, 0x20
	MMIO_RD	erase_status, 0x0
	MMIO_WR	0x1004, 0xd0
	MMIO_RD	erase_status2, 0x0
	MMIO_WR	0x0, 0xff
	MMIO_RD	erase_x1000, 0x1000, ldr, x0
	MMIO_RD	erase_w0, 0x0
	MMIO_RD	erase_last, 0x3fffc
	MMIO_RD	erase_next_sector, 0x40000
	// erase then a bad confirm
	MMIO_WR	0x40000, 0x20
	MMIO_WR	0x40000, 0x33
	MMIO_RD	erase_bad_confirm, 0x40000
	// write to buffer (0xE8, count - 1, data, 0xD0)
	MMIO_WR	0x2000, 0xe8
	MMIO_RD	buf_status, 0x2000
	MMIO_WR	0x2000, 3
	MMIO_WR	0x2000, 0x11111111
	MMIO_WR	0x2004, 0x22222222
	MMIO_WR	0x2008, 0x33333333
	MMIO_RD	buf_mid_status, 0x2000
	MMIO_WR	0x200c, 0x44444444
	MMIO_WR	0x2000, 0xd0
	MMIO_RD	buf_done_status, 0x2000
	MMIO_WR	0x0, 0xff
	MMIO_RD	buf_x2000, 0x2000, ldr, x0
	MMIO_RD	buf_x2008, 0x2008, ldr, x0
	// write to buffer, abandoned at the confirm: the data stays
	MMIO_WR	0x3000, 0xe8
	MMIO_WR	0x3000, 0
	MMIO_WR	0x3000, 0x5555aaaa
	MMIO_WR	0x3000, 0x77
	MMIO_RD	buf_abandon, 0x3000
	// lock setup (0x60) with 0x01, 0xD0, and an unknown second cycle
	MMIO_WR	0x0, 0x60
	MMIO_WR	0x0, 0x01
	MMIO_RD	lock_set, 0x0
	MMIO_WR	0x0, 0x60
	MMIO_WR	0x0, 0xd0
	MMIO_RD	lock_clear, 0x0
	MMIO_WR	0x0, 0x60
	MMIO_WR	0x0, 0x55
	MMIO_RD	lock_bad, 0x2000
	// unknown first cycle, and the reset forms 0x00 / 0xF0 from read-ID mode
	MMIO_WR	0x0, 0x90
	MMIO_WR	0x0, 0x12
	MMIO_RD	unknown_cmd, 0x2000
	MMIO_WR	0x0, 0x90
	MMIO_WR	0x0, 0x00
	MMIO_RD	reset_00, 0x2000
	MMIO_WR	0x0, 0x90
	MMIO_WR	0x0, 0xf0
	MMIO_RD	reset_f0, 0x2000
	MMIO_WR	0x0, 0x90
	MMIO_WR	0x0, 0x98
	MMIO_RD	id_then_cfi, 0x40
	MMIO_WR	0x0, 0xff
	// the second bank keeps its own state
	MMIO_WR	B1, 0x90
	MMIO_RD	b1_id, B1
	MMIO_RD	b0_array, 0x2000
	MMIO_WR	B1, 0xff
	MMIO_RD	b1_array, B1

	// 1024 random steps in bank 1's sector at 0x100000: x19 = LCG state, x20 = hash of every value read
	ldr	x19, =0x2545f4914f6cdd1d
	mov	x20, #0
	mov	x21, #0
	ldr	x22, =0x5851f42d4c957f2d
	ldr	x23, =0x14057b7ef767814f
	ldr	x24, =B1 + 0x100000
	adr	x25, rnd_cmds
2:	madd	x19, x19, x22, x23
	lsr	x2, x19, #33			// the random bits
	and	x3, x2, #0x7c			// offset: a word in the first 128 bytes
	ubfx	x4, x2, #7, #2			// width: 1, 2, 4, 8 bytes
	ubfx	x5, x2, #9, #3			// 0-3: store a command, 4-5: store data, 6-7: load
	ubfx	x6, x2, #12, #4			// which command
	ubfx	x7, x19, #20, #12		// data: part of the state
	orr	x7, x7, x2, lsl #32
	add	x1, x24, x3
	cmp	x5, #6
	b.hs	5f
	cmp	x5, #4
	b.hs	3f
	ldrb	w7, [x25, x6]
3:	cmp	x4, #0
	b.ne	4f
	strb	w7, [x1]
	b	7f
4:	cmp	x4, #1
	b.ne	41f
	strh	w7, [x1]
	b	7f
41:	cmp	x4, #2
	b.ne	42f
	str	w7, [x1]
	b	7f
42:	and	x1, x1, #~7
	str	x7, [x1]
	b	7f
5:	cmp	x4, #0
	b.ne	51f
	ldrb	w0, [x1]
	b	6f
51:	cmp	x4, #1
	b.ne	52f
	ldrh	w0, [x1]
	b	6f
52:	cmp	x4, #2
	b.ne	53f
	ldr	w0, [x1]
	b	6f
53:	and	x1, x1, #~7
	ldr	x0, [x1]
6:	eor	x20, x0, x20, ror #7
7:	add	x21, x21, #1
	tst	x21, #31
	b.ne	8f
	PRINT	rnd_hash, x20
8:	cmp	x21, #1024
	b.ne	2b
	MMIO_WR	B1 + 0x100000, 0xff
	mov	x2, #0
9:	ldr	x0, [x24, x2]
	PRINT	rnd_final, x0
	add	x2, x2, #8
	cmp	x2, #0x80
	b.ne	9b
	EXIT

	.section .rodata
rnd_cmds:
	.byte	0xff, 0x90, 0x98, 0x70, 0x50, 0x40, 0x10, 0x20, 0xd0, 0xe8, 0x60, 0x01, 0x00, 0xf0, 0x03, 0x28
