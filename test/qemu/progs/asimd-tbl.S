// Advanced SIMD table lookup at EL2: TBL and TBX with 1–4 table registers, 8B and 16B, on indices that fall in each
// table register, on its last byte, just past the table and far past it (0xff); a table that wraps from v31 to v0;
// the destination also a table register and the index register; TBX .8b clearing bits 127:64 of Vd.
	.include "lib.inc"
	.include "simd.inc"

// v0–v3 and v31 from the table pattern, v4/v5 the destination's prior value, v6 the indices
.macro SETUP idx:req
	ldp	q0, q1, [x20]
	ldp	q2, q3, [x20, #32]
	ldr	q31, [x20, #64]
	ldp	q4, q5, [x21]
	ldr	q6, [x22, #\idx]
.endm

.macro LOOKUP key:req, idx:req, insn:vararg
	SETUP	\idx
	\insn
	SHOWQ	\key, 4
.endm

.macro ALL idx:req
	LOOKUP	tbl1_16b_\idx, \idx, tbl v4.16b, {v0.16b}, v6.16b
	LOOKUP	tbl1_8b_\idx, \idx, tbl v4.8b, {v0.16b}, v6.8b
	LOOKUP	tbl2_16b_\idx, \idx, tbl v4.16b, {v0.16b, v1.16b}, v6.16b
	LOOKUP	tbl3_8b_\idx, \idx, tbl v4.8b, {v1.16b-v3.16b}, v6.8b
	LOOKUP	tbl4_16b_\idx, \idx, tbl v4.16b, {v0.16b-v3.16b}, v6.16b
	LOOKUP	tbl4_wrap_\idx, \idx, tbl v4.16b, {v31.16b, v0.16b, v1.16b, v2.16b}, v6.16b
	LOOKUP	tbx1_16b_\idx, \idx, tbx v4.16b, {v0.16b}, v6.16b
	LOOKUP	tbx1_8b_\idx, \idx, tbx v4.8b, {v0.16b}, v6.8b
	LOOKUP	tbx2_8b_\idx, \idx, tbx v4.8b, {v2.16b, v3.16b}, v6.8b
	LOOKUP	tbx3_16b_\idx, \idx, tbx v4.16b, {v31.16b, v0.16b, v1.16b}, v6.16b
	LOOKUP	tbx4_16b_\idx, \idx, tbx v4.16b, {v0.16b-v3.16b}, v6.16b
	// the destination is a table register, then the index register
	LOOKUP	tbl_d_is_n_\idx, \idx, tbl v4.16b, {v4.16b, v5.16b}, v6.16b
	LOOKUP	tbx_d_is_m_\idx, \idx, tbx v4.16b, {v0.16b, v1.16b}, v4.16b
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =table
	ldr	x21, =prior
	ldr	x22, =indices
	ALL	0
	ALL	16
	ALL	32
	ALL	48
	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
table:
	.quad	0x0706050403020100, 0x0f0e0d0c0b0a0908, 0x1716151413121110, 0x1f1e1d1c1b1a1918
	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
	.quad	0xd6e8feb86659fd93, 0xa0761d6478bd642f
prior:
	.quad	0xa5a5a5a5a5a5a5a5, 0x5a5a5a5a5a5a5a5a, 0xc3c3c3c3c3c3c3c3, 0x3c3c3c3c3c3c3c3c
indices:
	// in the first register, its last byte, in the second to fourth, just past 16/32/48/64, far past
	.byte	0, 15, 3, 16, 31, 17, 32, 47, 40, 48, 63, 55, 64, 65, 0xff, 0x80
	.byte	1, 2, 14, 15, 16, 30, 33, 46, 49, 62, 63, 64, 96, 127, 128, 200
	// random bytes
	.byte	0x3c, 0x0a, 0x27, 0x1f, 0x36, 0x02, 0x44, 0x11, 0x2d, 0x08, 0x3f, 0x19, 0x30, 0x25, 0x13, 0x0e
	.byte	0x21, 0x37, 0x05, 0x2a, 0x3e, 0x10, 0x1c, 0x33, 0x40, 0x0f, 0x28, 0x3b, 0x07, 0x2f, 0x18, 0x22
