// Accesses that cross a 4 KiB page at EL0 (pages and tables in xpage.inc; the EL0 code is el0_page at VA page 14,
// read-only at EL0 and EL1): the second page invalid at stage 1, EL1-only (a permission fault at EL0 where EL1 would
// succeed), read-only, invalid and read-only at stage 2 (to EL2), mapped to a non-adjacent PA, and a faulting first
// page. Each fault reports FAR = the lowest faulting address and writes none of the access's bytes. EL0 cannot
// print: it keeps x1, x4 and x5 of each test in result slots (page 13 + 0x800) and ends with an SVC that the EL1
// vector turns into a return to EL1, which prints the slots and the bytes around each PA edge.
	.include "lib.inc"
	.include "mmu.inc"
	.include "xpage.inc"
	.equ	EL0_VA, TEST_VA + 14 * 4096
	.equ	SLOTS_VA, TEST_VA + 13 * 4096 + 0x800
	.equ	SLOTS_PA, page_0 + 13 * 4096 + 0x800

// KEEP slot: at EL0, after a test's EDGE and instruction: keep x1, x4, x5 in result slot `slot` (clobbers x6).
.macro KEEP slot:req
	ldr	x6, =SLOTS_VA + (\slot) * 32
	stp	x4, x5, [x6]
	str	x1, [x6, #16]
.endm

// SHOW0 key, slot, k: print result slot `slot` and the bytes around the PA end of page_k.
.macro SHOW0 key:req, slot:req, k:req
	ldr	x6, =SLOTS_PA + (\slot) * 32
	ldr	x7, [x6, #16]
	PRINT	\key\()_x1, x7
	ldr	x7, [x6]
	PRINT	\key\()_x4, x7
	ldr	x7, [x6, #8]
	PRINT	\key\()_x5, x7
	SHOWPA	\key, page_0 + ((\k) + 1) * 4096
.endm

main:
	XPAGE_MAP
	STORE_PTE s2_l3, 14, el0_page + S2_NORMAL + D_PAGE
	XPAGE_S1 14, S1_NORMAL + S1_EL0 + S1_RO + D_PAGE
	S12_ENTER_EL1 s2_l1, s1_l1, guest
guest:
	ldr	x0, =el0_vectors
	msr	vbar_el1, x0
	ldr	x2, =0x8877665544332211
	ldr	x3, =0xffeeddccbbaa9988
	ERET_TO	el1, 0x3c0, EL0_VA
el0_done:
	ldr	x0, =lib_vectors
	msr	vbar_el1, x0
	isb
	SHOW0	unmapped_str, 0, 0
	SHOW0	unmapped_strh, 1, 0
	SHOW0	unmapped_ldr, 2, 0
	SHOW0	unmapped_stp, 3, 0
	SHOW0	unmapped_ldp, 4, 0
	SHOW0	el1only_str, 5, 2
	SHOW0	el1only_ldr, 6, 2
	SHOW0	ro_str, 7, 4
	SHOW0	ro_ldr, 8, 4
	SHOW0	s2_str, 9, 6
	SHOW0	s2_ldr, 10, 6
	SHOW0	s2ro_str, 11, 8
	SHOW0	s2ro_ldr, 12, 8
	SHOW0	far_str, 13, 10
	SHOWPA	far_str_far, page_far + 8
	SHOW0	far_ldr, 14, 10
	SHOW0	first_str, 15, 12
	EXIT
	.ltorg

	.balign	4096
el0_page:					// runs at EL0_VA (position-independent, its literals in this page)
	EDGE	0, 1
	str	x2, [x1]
	KEEP	0
	EDGE	0, 1
	strh	w3, [x1]
	KEEP	1
	EDGE	0, 7
	ldr	x4, [x1]
	KEEP	2
	EDGE	0, 8
	stp	x2, x3, [x1]
	KEEP	3
	EDGE	0, 12
	ldp	x4, x5, [x1]
	KEEP	4
	EDGE	2, 3
	str	x2, [x1]
	KEEP	5
	EDGE	2, 3
	ldr	x4, [x1]
	KEEP	6
	EDGE	4, 5
	str	x2, [x1]
	KEEP	7
	EDGE	4, 5
	ldr	x4, [x1]
	KEEP	8
	EDGE	6, 2
	str	w2, [x1]
	KEEP	9
	EDGE	6, 2
	ldr	x4, [x1]
	KEEP	10
	EDGE	8, 4
	str	x2, [x1]
	KEEP	11
	EDGE	8, 4
	ldr	x4, [x1]
	KEEP	12
	EDGE	10, 3
	str	x2, [x1]
	KEEP	13
	EDGE	10, 3
	ldr	x4, [x1]
	KEEP	14
	EDGE	12, 3
	str	x2, [x1]
	KEEP	15
	svc	#0				// back to EL1 (el0_vectors)
	.ltorg

// EL1's vectors while EL0 runs: lib.inc's, except that an SVC from EL0 returns to el0_done at EL1h (x9 clobbered).
	.balign	2048
el0_vectors:
	LIB_VEC	0x000
	LIB_VEC	0x080
	LIB_VEC	0x100
	LIB_VEC	0x180
	LIB_VEC	0x200
	LIB_VEC	0x280
	LIB_VEC	0x300
	LIB_VEC	0x380
	.balign	0x80
	mrs	x9, esr_el1
	lsr	x9, x9, #26
	cmp	x9, #0x15
	b.ne	1f
	adr	x9, el0_done
	msr	elr_el1, x9
	mov	x9, #0x3c5
	msr	spsr_el1, x9
	eret
1:	sub	sp, sp, #256
	stp	x0, x1, [sp]
	mov	x0, #0x400
	b	lib_exc_common
	LIB_VEC	0x480
	LIB_VEC	0x500
	LIB_VEC	0x580
	LIB_VEC	0x600
	LIB_VEC	0x680
	LIB_VEC	0x700
	LIB_VEC	0x780

	XPAGE_DATA
