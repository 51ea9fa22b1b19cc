// Moves between general-purpose and SIMD&FP registers at EL2: DUP (element, general) in every arrangement, SMOV,
// UMOV, INS (general, element), FMOV (general, register, immediate). Each result is stored as a Q register and
// printed as two doublewords, so the zeroing above a 64-bit or scalar result shows. Then the reserved encodings
// (UNDEFINED even with FP/SIMD trapped) and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "simd.inc"


main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x1, =src
	ldp	q1, q2, [x1]			// q1 = 0x0f0e..0100 bytes 0..15, q2 = all ones
	ldr	x3, =0x8899aabbccddeeff
	dup	v3.16b, v1.b[13]
	SHOWQ	dup_16b, 3
	dup	v4.4h, v1.h[5]
	SHOWQ	dup_4h, 4
	dup	v5.4s, v1.s[3]
	SHOWQ	dup_4s, 5
	dup	v6.2d, v1.d[1]
	SHOWQ	dup_2d, 6
	dup	v7.8b, w3
	SHOWQ	dup_8b_w, 7
	dup	v8.8h, w3
	SHOWQ	dup_8h_w, 8
	dup	v9.2s, w3
	SHOWQ	dup_2s_w, 9
	dup	v10.2d, x3
	SHOWQ	dup_2d_x, 10
	smov	w12, v1.b[15]
	PRINT	smov_w_b, x12
	mov	x13, #-1
	ins	v13.d[0], x13
	ins	v13.d[1], x13
	smov	w14, v13.h[3]
	PRINT	smov_w_h_neg, x14
	smov	x15, v13.s[2]
	PRINT	smov_x_s_neg, x15
	umov	w16, v13.b[9]
	PRINT	umov_b, x16
	umov	w17, v1.h[6]
	PRINT	umov_h, x17
	mov	w18, v13.s[1]
	PRINT	umov_s, x18
	mov	x19, v1.d[1]
	PRINT	umov_d, x19
	ldp	q20, q21, [x1]
	mov	v20.b[7], w3
	SHOWQ	ins_b, 20
	mov	v20.h[7], w3
	SHOWQ	ins_h, 20
	mov	v20.s[0], w3
	SHOWQ	ins_s, 20
	mov	v21.d[1], x3
	SHOWQ	ins_d, 21
	mov	v21.b[0], v1.b[15]
	SHOWQ	ins_elem_b, 21
	mov	v21.d[0], v1.d[1]
	SHOWQ	ins_elem_d, 21
	mov	v21.s[3], v13.s[0]
	SHOWQ	ins_elem_s, 21
	ldp	q22, q23, [x1]
	fmov	s22, w3
	SHOWQ	fmov_s_w, 22
	fmov	d23, x3
	SHOWQ	fmov_d_x, 23
	fmov	w24, s1
	PRINT	fmov_w_s, x24
	fmov	x25, d1
	PRINT	fmov_x_d, x25
	fmov	x26, v1.d[1]
	PRINT	fmov_x_v1, x26
	ldp	q27, q28, [x1]
	fmov	v27.d[1], x3
	SHOWQ	fmov_v1_x, 27
	fmov	s28, s1
	SHOWQ	fmov_s_s, 28
	fmov	d29, d13
	SHOWQ	fmov_d_d, 29
	fmov	s30, #-1.5
	SHOWQ	fmov_s_imm, 30
	fmov	d31, #0.125
	SHOWQ	fmov_d_imm, 31
	fmov	d31, #31.0
	SHOWQ	fmov_d_imm2, 31
	// reserved: imm5 = x0000 (DUP general), UMOV Q=1 with a byte, DUP .1d
	RESUME	1f
	.inst	0x4e100c20			// dup with imm5 = 10000
1:	RESUME	2f
	.inst	0x4e013c20			// umov x0, v1.b[0]: reserved
2:	RESUME	3f
	.inst	0x0e080420			// dup v0.1d, v1.d[0]: reserved
3:	// with TFP = 1 the reserved word is still UNDEFINED, a valid one traps (EC 0x07)
	ldr	x0, =0x37ff
	msr	cptr_el2, x0
	isb
	RESUME	4f
	.inst	0x4e013c20
4:	RESUME	5f
	fmov	x0, d1
5:	RESUME	6f
	dup	v0.4s, w1
6:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
src:	.byte	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.quad	-1, -1
