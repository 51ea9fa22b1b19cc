// SIMD&FP register loads and stores at EL2 with its own stage 1 (Normal memory, so unaligned accesses are allowed
// until SCTLR_EL2.A = 1): every size (B, H, S, D, Q) and form (unsigned offset, pre/post-index, unscaled, register
// offset with each extend, literal, pairs and non-temporal pairs), printed by storing the V registers back and
// loading them as X. A load zeroes the register above its size; writeback bases are printed. Then the traps:
// CPTR_EL2.TFP = 1 makes the first SIMD&FP access take EC 0x07 to EL2 (ISS 0x1e00000); SCTLR_EL2.A = 1 makes a Q
// access at 8 mod 16 take an Alignment fault; SP misaligned as a base with SCTLR_EL2.SA = 1 an SP alignment fault.
	.include "lib.inc"
	.include "simd.inc"
	.include "mmu.inc"

// SHOWQ n: store Vn as a Q register at out and print both doublewords (clobbers x9, x10, x11)

main:
	IDENTITY_L1_L2 el2_l1, el2_l2, el2_l3, S1_DEVICE, S1_NORMAL
	EL2_S1_ON el2_l1, TCR_TG0_4K, 25
	ldr	x0, =0x33ff			// CPTR_EL2: RES1 bits only, TFP = 0
	msr	cptr_el2, x0
	isb
	// buf[i] = i * 0x11 + 1 for i in 0..63
	ldr	x1, =buf
	mov	x2, #0
1:	mov	x3, #0x11
	mul	x3, x2, x3
	add	x3, x3, #1
	strb	w3, [x1, x2]
	add	x2, x2, #1
	cmp	x2, #64
	b.ne	1b
	// all-ones in v0..v7 (so a narrow load shows the zeroing above it)
	ldr	x2, =ones
	ldp	q0, q1, [x2]
	ldp	q2, q3, [x2]
	ldp	q4, q5, [x2]
	ldp	q6, q7, [x2]
	ldr	b0, [x1, #5]
	SHOWQ	ldr_b, 0
	ldr	h1, [x1, #6]
	SHOWQ	ldr_h, 1
	ldr	s2, [x1, #3]			// unaligned
	SHOWQ	ldr_s, 2
	ldr	d3, [x1, #8]
	SHOWQ	ldr_d, 3
	ldr	q4, [x1, #16]
	SHOWQ	ldr_q, 4
	ldur	q5, [x1, #7]			// unaligned, unscaled
	SHOWQ	ldur_q, 5
	mov	x4, x1
	ldr	q6, [x4, #32]!
	SHOWQ	ldr_q_pre, 6
	PRINT	pre_base, x4
	ldr	d7, [x4], #-24
	SHOWQ	ldr_d_post, 7
	PRINT	post_base, x4
	mov	x5, #3
	ldr	q8, [x1, x5, lsl #4]		// buf + 48
	SHOWQ	ldr_q_reg, 8
	mov	w5, #-2
	ldr	h9, [x4, w5, sxtw #1]		// x4 - 4
	SHOWQ	ldr_h_sxtw, 9
	mov	w5, #9
	ldr	b10, [x1, w5, uxtw]
	SHOWQ	ldr_b_uxtw, 10
	ldr	s11, lit_s
	SHOWQ	lit_s, 11
	ldr	d12, lit_d
	SHOWQ	lit_d, 12
	ldr	q13, lit_q
	SHOWQ	lit_q, 13
	ldp	s14, s15, [x1, #4]
	SHOWQ	ldp_s1, 14
	SHOWQ	ldp_s2, 15
	ldp	q16, q17, [x1, #-32]		// into buf's guard zeros
	SHOWQ	ldp_q_neg, 16
	mov	x6, x1
	ldp	d18, d19, [x6, #16]!
	SHOWQ	ldp_d_pre, 18
	PRINT	ldp_pre_base, x6
	ldnp	q20, q21, [x1, #16]
	SHOWQ	ldnp_q2, 21
	ldp	q22, q22, [x1]			// Rt == Rt2
	SHOWQ	ldp_same, 22
	// stores
	ldr	x7, =sbuf
	str	q4, [x7]
	str	b0, [x7, #16]
	str	h1, [x7, #18]!
	PRINT	str_pre_base, x7
	str	s2, [x7], #6
	PRINT	str_post_base, x7
	stur	d3, [x7, #-1]
	mov	x5, #2
	str	s11, [x7, x5, lsl #2]
	stp	q13, q12, [x7, #16]
	stnp	d14, d15, [x7, #48]
	ldr	x7, =sbuf
	ldp	x10, x11, [x7]
	PRINT	s0, x10
	PRINT	s1, x11
	ldp	x10, x11, [x7, #16]
	PRINT	s2, x10
	PRINT	s3, x11
	ldp	x10, x11, [x7, #32]
	PRINT	s4, x10
	PRINT	s5, x11
	ldp	x10, x11, [x7, #48]
	PRINT	s6, x10
	PRINT	s7, x11
	ldp	x10, x11, [x7, #64]
	PRINT	s8, x10
	PRINT	s9, x11
	// CPTR_EL2.TFP traps SIMD&FP accesses at EL2 (EC 0x07)
	ldr	x0, =0x37ff
	msr	cptr_el2, x0
	isb
	RESUME	1f
	ldr	q0, [x1]
1:	RESUME	2f
	stp	d0, d1, [x1]
2:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	// SCTLR_EL2.A: a Q access must be 16-byte aligned; D at 8 mod 16 is fine
	SET_SCTLR_EL2 SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_A
	add	x2, x1, #8
	ldr	d23, [x2]
	SHOWQ	align_d, 23
	RESUME	3f
	ldr	q24, [x2]
3:	RESUME	4f
	str	q24, [x2]
4:	RESUME	5f
	ldp	q24, q25, [x2]
5:	SET_SCTLR_EL2 SCTLR_M | SCTLR_C | SCTLR_I | (1 << 3)
	// SP_EL0 as the base (SPSel = 0, so the handler runs on SP_EL2), misaligned, with SCTLR_EL2.SA = 1
	RESUME	6f
	msr	spsel, #0
	mov	x12, sp
	sub	x13, x12, #8
	mov	sp, x13
	ldr	q0, [sp]
6:	mov	sp, x12
	msr	spsel, #1
	PRINTI	done, 1
	ret
	.ltorg
	.balign	16
lit_q:	.quad	0x0123456789abcdef, 0xfedcba9876543210
lit_d:	.quad	0x1122334455667788
lit_s:	.word	0x99aabbcc
	.data
	.balign	16
ones:	.quad	-1, -1, -1, -1
	.skip	32
buf:	.skip	64
	.skip	16
sbuf:	.skip	80
	.bss
	TABLES_4K el2_l1, el2_l2, el2_l3
