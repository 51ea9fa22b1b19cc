// SIMD&FP loads and stores whose bytes span two 4 KiB pages at EL1 (pages and tables in xpage.inc): a Q register
// is two doubleword accesses (QEMU 7.2 do_fp_ld/do_fp_st), so a Q store whose second half faults has stored its
// first half (permitted, ARM §D1.4.1.4 R TNVSL), one whose first half faults has stored nothing, and a Q load that
// faults leaves its register unchanged; FAR is the first byte of the faulting page. LDP/STP of Q: the first
// register's access completes before the second's (a load pair leaves Rt loaded).
	.include "lib.inc"
	.include "mmu.inc"
	.include "xpage.inc"

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	XPAGE_EL1
	mov	x0, #(3 << 20)			// CPACR_EL1.FPEN = 11: no trap at EL1
	msr	cpacr_el1, x0
	isb
	ldr	x9, =vals
	ldp	q2, q3, [x9]
	ldp	q4, q5, [x9, #32]
	EDGE	0, 8
	str	q2, [x1]
	SHOW	str_q_8, 0
	EDGE	0, 4
	str	q2, [x1]
	SHOW	str_q_4, 0
	EDGE	0, 12
	str	q2, [x1]
	SHOW	str_q_12, 0
	EDGE	0, 8
	ldr	q4, [x1]
	SHOWV	ldr_q_8, 4
	EDGE	0, 16
	stp	q2, q3, [x1]
	SHOW	stp_q_16, 0
	EDGE	0, 24
	stp	d2, d3, [x1]
	SHOW	stp_d_24, 0
	EDGE	0, 16
	ldp	q4, q5, [x1]
	SHOWV	ldp_q_16a, 4
	SHOWV	ldp_q_16b, 5
	EDGE	0, 8
	ldr	q5, [x1], #16
	SHOW	ldr_q_post, 0
	EXIT
	.ltorg
	.balign	16
vals:	.quad	0x8877665544332211, 0xffeeddccbbaa9988, 0x0123456789abcdef, 0x7654321076543210
	.quad	0xa1a2a3a4a5a6a7a8, 0xb1b2b3b4b5b6b7b8, 0xc1c2c3c4c5c6c7c8, 0xd1d2d3d4d5d6d7d8
	XPAGE_DATA
