// Advanced SIMD load/store multiple structures at EL2: LD1/ST1 with 1–4 registers and LD2–LD4/ST2–ST4 (element
// interleaving) over several arrangements, a list that wraps from v31 to v0, the 64-bit forms (bits 127:64 of each
// loaded register cleared), post-index by the transfer size and by a register; then LD2 .1d (reserved: UNDEFINED).
	.include "lib.inc"
	.include "simd.inc"

// fill v0–v3 and v31 with a known value, so that what a load does not write shows
.macro FILL
	ldr	x9, =fill
	ldp	q0, q1, [x9]
	ldp	q2, q3, [x9, #32]
	ldr	q31, [x9, #16]
.endm

.macro SHOW4 key:req
	SHOWQ	\key\()_v0, 0
	SHOWQ	\key\()_v1, 1
	SHOWQ	\key\()_v2, 2
	SHOWQ	\key\()_v3, 3
	SHOWQ	\key\()_v31, 31
.endm

// the 64 bytes at x21, as eight doublewords, then cleared
.macro SHOWMEM key:req
	ldp	x10, x11, [x21]
	PRINT	\key\()_m0, x10
	PRINT	\key\()_m1, x11
	ldp	x10, x11, [x21, #16]
	PRINT	\key\()_m2, x10
	PRINT	\key\()_m3, x11
	ldp	x10, x11, [x21, #32]
	PRINT	\key\()_m4, x10
	PRINT	\key\()_m5, x11
	ldp	x10, x11, [x21, #48]
	PRINT	\key\()_m6, x10
	PRINT	\key\()_m7, x11
	stp	xzr, xzr, [x21]
	stp	xzr, xzr, [x21, #16]
	stp	xzr, xzr, [x21, #32]
	stp	xzr, xzr, [x21, #48]
.endm

.macro LOAD key:req, insn:vararg
	FILL
	\insn
	SHOW4	\key
.endm

// registers from the pattern, then the store, then the memory it wrote
.macro STORE key:req, insn:vararg
	ldp	q0, q1, [x20]
	ldp	q2, q3, [x20, #32]
	ldr	q31, [x20, #48]
	\insn
	SHOWMEM	\key
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =pattern
	ldr	x21, =out
	LOAD	ld1_1_16b, ld1 {v0.16b}, [x20]
	LOAD	ld1_1_8b, ld1 {v1.8b}, [x20]
	LOAD	ld1_2_4s, ld1 {v0.4s, v1.4s}, [x20]
	LOAD	ld1_3_1d, ld1 {v1.1d, v2.1d, v3.1d}, [x20]
	LOAD	ld1_4_2d, ld1 {v0.2d-v3.2d}, [x20]
	LOAD	ld1_wrap, ld1 {v31.16b, v0.16b}, [x20]
	LOAD	ld2_8h, ld2 {v0.8h, v1.8h}, [x20]
	LOAD	ld2_8b, ld2 {v2.8b, v3.8b}, [x20]
	LOAD	ld3_16b, ld3 {v0.16b, v1.16b, v2.16b}, [x20]
	LOAD	ld3_2s, ld3 {v1.2s, v2.2s, v3.2s}, [x20]
	LOAD	ld4_4s, ld4 {v0.4s-v3.4s}, [x20]
	LOAD	ld4_4h, ld4 {v0.4h, v1.4h, v2.4h, v3.4h}, [x20]
	LOAD	ld4_2d, ld4 {v0.2d-v3.2d}, [x20]
	STORE	st1_1_16b, st1 {v0.16b}, [x21]
	STORE	st1_2_8b, st1 {v2.8b, v3.8b}, [x21]
	STORE	st1_4_1d, st1 {v0.1d-v3.1d}, [x21]
	STORE	st1_wrap, st1 {v31.4s, v0.4s, v1.4s}, [x21]
	STORE	st2_4s, st2 {v0.4s, v1.4s}, [x21]
	STORE	st3_8b, st3 {v1.8b, v2.8b, v3.8b}, [x21]
	STORE	st4_8h, st4 {v0.8h-v3.8h}, [x21]
	STORE	st4_16b, st4 {v0.16b-v3.16b}, [x21]
	// post-index: by the transfer size, and by a register
	mov	x1, x20
	LOAD	ld1_post, ld1 {v0.16b, v1.16b}, [x1], #32
	PRINT	ld1_post_x1, x1
	mov	x1, x20
	mov	x2, #-24
	LOAD	ld2_post_reg, ld2 {v0.2s, v1.2s}, [x1], x2
	PRINT	ld2_post_reg_x1, x1
	mov	x1, x21
	STORE	st3_post, st3 {v0.4h, v1.4h, v2.4h}, [x1], #24
	PRINT	st3_post_x1, x1
	mov	x1, x21
	mov	x2, #100
	STORE	st1_post_reg, st1 {v3.8h}, [x1], x2
	PRINT	st1_post_reg_x1, x1
	RESUME	1f
	.inst	0x0c408c00			// ld2 {v0.1d, v1.1d}, [x0]: reserved
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
pattern:
	.quad	0x0706050403020100, 0x0f0e0d0c0b0a0908, 0x1716151413121110, 0x1f1e1d1c1b1a1918
	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
fill:
	.quad	0xa5a5a5a5a5a5a5a5, 0x5a5a5a5a5a5a5a5a, 0xc3c3c3c3c3c3c3c3, 0x3c3c3c3c3c3c3c3c
	.quad	0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0x1111111111111111, 0xeeeeeeeeeeeeeeee
	.balign	16
out:	.skip	64
