// Accesses that cross a 4 KiB page at EL1 (pages and tables in xpage.inc), each page checked with its own
// permissions: an EL1-only second page (fine for LDR/STR, a permission fault for LDTR/STTR, which use EL0's), a
// read-only one (stores fault, loads complete), stage-2 invalid and read-only second pages (to EL2 with HPFAR = the
// second page's IPA), a second page mapped to a PA that is not the next one (the bytes land there, the PA-adjacent
// page keeps its bytes), and a faulting first page (FAR = the access's own address).
	.include "lib.inc"
	.include "mmu.inc"
	.include "xpage.inc"
main:
	XPAGE_EL1
	// 2 → 3: page 3 EL1-only: EL1 accesses complete, LDTR/STTR (EL0 permissions) fault on page 3 (DFSC 0x0F)
	EDGE	2, 3
	str	x2, [x1]
	SHOW	el1_str, 2
	EDGE	2, 3
	ldr	x4, [x1]
	SHOW	el1_ldr, 2
	EDGE	2, 3
	sttr	x2, [x1]
	SHOW	sttr_x, 2
	EDGE	2, 1
	sttrh	w3, [x1]
	SHOW	sttrh, 2
	EDGE	2, 3
	ldtr	x4, [x1]
	SHOW	ldtr_x, 2
	EDGE	2, 2
	ldtrsw	x4, [x1]
	SHOW	ldtrsw, 2
	// 4 → 5: page 5 read-only: stores take a permission fault on page 5, loads complete
	EDGE	4, 5
	str	x2, [x1]
	SHOW	ro_str, 4
	EDGE	4, 8
	stp	x2, x3, [x1]
	SHOW	ro_stp, 4
	EDGE	4, 5
	ldr	x4, [x1]
	SHOW	ro_ldr, 4
	// 6 → 7: page 7 invalid at stage 2 (to EL2, HPFAR = page 7's IPA)
	EDGE	6, 2
	str	x2, [x1]
	SHOW	s2_str, 6
	EDGE	6, 6
	ldur	x4, [x1]
	SHOW	s2_ldr, 6
	EDGE	6, 4
	stp	w2, w3, [x1]
	SHOW	s2_stp, 6
	// 8 → 9: page 9 read-only at stage 2
	EDGE	8, 4
	str	x2, [x1]
	SHOW	s2ro_str, 8
	EDGE	8, 4
	ldr	x4, [x1]
	SHOW	s2ro_ldr, 8
	// 10 → 11: page 11 maps to page_far: the bytes past the edge land there, page_11 keeps its bytes
	EDGE	10, 3
	str	x2, [x1]
	SHOW	far_str, 10
	SHOWPA	far_str_far, page_far + 8
	EDGE	10, 3
	ldr	x4, [x1]
	SHOW	far_ldr, 10
	EDGE	10, 12
	ldp	x4, x5, [x1]
	SHOW	far_ldp, 10
	// 12 → 13: page 12 invalid at stage 1: FAR = the access's own address
	EDGE	12, 3
	str	x2, [x1]
	SHOW	first_str, 12
	EDGE	12, 3
	ldr	x4, [x1]
	SHOW	first_ldr, 12
	EXIT
	.ltorg

	XPAGE_DATA
