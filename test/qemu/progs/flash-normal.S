// The CFI flash banks through a Normal-memory mapping (EL2 stage 1 on, 4K granule: flash as Normal write-back
// 2 MB blocks, the PL011 as a Device block): unaligned loads and stores, which with the MMU off (flash.S) would be
// Alignment faults. QEMU 7.2 (accel/tcg/cputlb.c load_helper, store_helper_unaligned) does an unaligned load from a
// device as the two aligned loads of its size that cover it, and an unaligned store as byte stores — each byte a
// command cycle of the flash; DC ZVA on flash is 64 byte stores of 0 (target/arm helper_dczva).
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE el2_l1, 0, el2_l2 + D_TABLE
	STORE_PTE el2_l1, 1, el2_l2r + D_TABLE
	STORE_PTE el2_l2, 0, 0x00000000 + S1_NORMAL + D_BLOCK
	STORE_PTE el2_l2, 0x20, 0x04000000 + S1_NORMAL + D_BLOCK
	STORE_PTE el2_l2, UART_DR >> 21, UART_DR + S1_DEVICE + D_BLOCK
	STORE_PTE el2_l2r, 0, 0x40000000 + S1_NORMAL + D_BLOCK
	STORE_PTE el2_l2r, 1, el2_l3 + D_TABLE
	EL2_S1_ON el2_l1, TCR_TG0_4K, 25
	// read array: program two words, then unaligned loads of every size
	MMIO_WR	0x1000, 0x40
	MMIO_WR	0x1000, 0x44332211
	MMIO_WR	0x1004, 0x40
	MMIO_WR	0x1004, 0x88776655
	MMIO_RD	ra_w1, 0x1001
	MMIO_RD	ra_h3, 0x1003, ldrh, w0
	MMIO_RD	ra_x2, 0x1002, ldr, x0
	// CFI query: unaligned loads straddle two table words
	MMIO_WR	0x0, 0x98
	MMIO_RD	cfi_w41, 0x41
	MMIO_RD	cfi_w42, 0x42
	MMIO_RD	cfi_h43, 0x43, ldrh, w0
	MMIO_RD	cfi_x44, 0x44, ldr, x0
	MMIO_RD	cfi_x4c, 0x4c, ldr, x0
	MMIO_WR	0x0, 0xff
	// an unaligned word store of a command: four byte cycles 0x90, 0x00, 0x90, 0x00
	MMIO_WR	0x1, 0x00900090
	MMIO_RD	id_after_unaligned_str, 0x0
	MMIO_WR	0x0, 0xff
	// program, then an unaligned word as its data: the first byte programs, the other three are commands
	MMIO_WR	0x2000, 0x40
	MMIO_WR	0x2001, 0x70332211
	MMIO_RD	prog_unaligned_mode, 0x2000
	MMIO_WR	0x0, 0xff
	MMIO_RD	prog_unaligned, 0x2000
	// an unaligned doubleword store in program mode
	MMIO_WR	0x3000, 0x40
	MMIO_WR	0x3003, 0xff98000000000011, str, x0
	MMIO_RD	prog_x_unaligned, 0x3000, ldr, x0
	MMIO_WR	0x0, 0xff
	MMIO_RD	prog_x_unaligned_read, 0x3000, ldr, x0
	// DC ZVA on flash: 64 byte writes of 0 — in program mode the first byte programs, the rest are resets
	MMIO_WR	0x04040000, 0x20
	MMIO_WR	0x04040000, 0xd0
	MMIO_WR	0x04040000, 0x40
	ldr	x1, =0x04040010
	dc	zva, x1
	MMIO_RD	dczva_program, 0x04040000, ldr, x0
	MMIO_RD	dczva_rest, 0x04040038, ldr, x0
	MMIO_WR	0x04040000, 0x70
	ldr	x1, =0x04040040
	dc	zva, x1
	MMIO_RD	dczva_status_then_resets, 0x04040040, ldr, x0
	// the second bank
	MMIO_WR	0x04000000, 0x90
	MMIO_RD	b1_id_unaligned, 0x04000002
	MMIO_WR	0x04000000, 0xff
	SET_SCTLR_EL2 0
	ret

	.bss
	TABLES_4K el2_l1, el2_l2, el2_l3
	PAGE_TABLE el2_l2r, 4096
