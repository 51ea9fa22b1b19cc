// Accesses that cross a 4 KiB page at EL1 (pages and tables in xpage.inc) whose second page is invalid at stage 1:
// loads and stores of 2, 4 and 8 bytes at several offsets, the writeback forms, and pairs. The fault on the second
// page reports FAR = its first byte (the lowest address that gave rise to the fault, ARM §D24.2.48 FAR_EL1) and no
// byte of the access is written; a load leaves its register and a writeback its base unchanged. A pair is two
// accesses: a store pair whose second register faults has stored the first (QEMU 7.2 does; permitted, ARM §D1.4.1.4
// R TNVSL), a load pair writes neither register.
	.include "lib.inc"
	.include "mmu.inc"
	.include "xpage.inc"
main:
	XPAGE_EL1
	// 0 → 1: page 1 invalid at stage 1 (to EL1, DFSC 0x07)
	EDGE	0, 1
	strh	w2, [x1]
	SHOW	strh_1, 0
	EDGE	0, 3
	str	w2, [x1]
	SHOW	str_w_3, 0
	EDGE	0, 1
	str	x2, [x1]
	SHOW	str_x_1, 0
	EDGE	0, 7
	str	x2, [x1]
	SHOW	str_x_7, 0
	EDGE	0, 1
	ldrh	w4, [x1]
	SHOW	ldrh_1, 0
	EDGE	0, 2
	ldr	w4, [x1]
	SHOW	ldr_w_2, 0
	EDGE	0, 7
	ldr	x4, [x1]
	SHOW	ldr_x_7, 0
	EDGE	0, 2
	ldrsw	x4, [x1]
	SHOW	ldrsw_2, 0
	EDGE	0, 5
	ldr	x4, [x1], #16
	SHOW	ldr_post, 0
	EDGE	0, 21
	str	x2, [x1, #16]!
	SHOW	str_pre, 0
	EDGE	0, 8
	stp	x2, x3, [x1]
	SHOW	stp_x_8, 0
	EDGE	0, 12
	stp	x2, x3, [x1]
	SHOW	stp_x_12, 0
	EDGE	0, 6
	stp	w2, w3, [x1]
	SHOW	stp_w_6, 0
	EDGE	0, 12
	ldp	x4, x5, [x1]
	SHOW	ldp_x_12, 0
	EDGE	0, 6
	ldpsw	x4, x5, [x1]
	SHOW	ldpsw_6, 0
	EXIT
	.ltorg

	XPAGE_DATA
