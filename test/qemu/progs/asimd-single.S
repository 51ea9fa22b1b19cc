// Advanced SIMD load/store single structure at EL2: LD1–LD4/ST1–ST4 of one lane for every element size, at the
// lowest and the highest index of a 128-bit register (the other lanes and bits 127:64 kept), a list wrapping from v31
// to v0; LD1R–LD4R in 64-bit (bits 127:64 cleared) and 128-bit arrangements; post-index by the structure size and by a
// register; then reserved encodings (LD1 .h with size<0> = 1, ST1R, LD1R with S = 1): UNDEFINED.
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

// the 32 bytes at x21, as four doublewords, then cleared
.macro SHOWMEM key:req
	ldp	x10, x11, [x21]
	PRINT	\key\()_m0, x10
	PRINT	\key\()_m1, x11
	ldp	x10, x11, [x21, #16]
	PRINT	\key\()_m2, x10
	PRINT	\key\()_m3, x11
	stp	xzr, xzr, [x21]
	stp	xzr, xzr, [x21, #16]
.endm

.macro LOAD key:req, insn:vararg
	FILL
	\insn
	SHOW4	\key
.endm

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
	add	x22, x20, #8			// aligned (stage 1 is off: an unaligned access is to Device memory, D4)
	LOAD	ld1_b0, ld1 {v0.b}[0], [x22]
	LOAD	ld1_b15, ld1 {v1.b}[15], [x22]
	LOAD	ld2_h7, ld2 {v0.h, v1.h}[7], [x22]
	LOAD	ld2_h2, ld2 {v31.h, v0.h}[2], [x20]
	LOAD	ld3_s3, ld3 {v1.s-v3.s}[3], [x22]
	LOAD	ld3_s0, ld3 {v31.s, v0.s, v1.s}[0], [x20]
	LOAD	ld4_d1, ld4 {v0.d-v3.d}[1], [x22]
	LOAD	ld4_d0, ld4 {v0.d-v3.d}[0], [x20]
	LOAD	ld4_b9, ld4 {v0.b-v3.b}[9], [x20]
	LOAD	ld1_s2, ld1 {v2.s}[2], [x20]
	LOAD	ld1r_8b, ld1r {v0.8b}, [x22]
	LOAD	ld1r_16b, ld1r {v1.16b}, [x20]
	LOAD	ld2r_4h, ld2r {v0.4h, v1.4h}, [x22]
	LOAD	ld2r_8h, ld2r {v31.8h, v0.8h}, [x20]
	LOAD	ld3r_2s, ld3r {v1.2s-v3.2s}, [x22]
	LOAD	ld3r_4s, ld3r {v0.4s-v2.4s}, [x20]
	LOAD	ld4r_1d, ld4r {v0.1d-v3.1d}, [x22]
	LOAD	ld4r_2d, ld4r {v0.2d-v3.2d}, [x20]
	STORE	st1_b13, st1 {v0.b}[13], [x21]
	STORE	st2_h5, st2 {v31.h, v0.h}[5], [x21]
	STORE	st3_s1, st3 {v1.s-v3.s}[1], [x21]
	STORE	st4_d1, st4 {v0.d-v3.d}[1], [x21]
	STORE	st4_b0, st4 {v0.b-v3.b}[0], [x21]
	// post-index: by the structure size, and by a register
	mov	x1, x20
	LOAD	ld3_post, ld3 {v0.h-v2.h}[4], [x1], #6
	PRINT	ld3_post_x1, x1
	mov	x1, x20
	mov	x2, #-24
	LOAD	ld2_post_reg, ld2 {v0.s, v1.s}[1], [x1], x2
	PRINT	ld2_post_reg_x1, x1
	mov	x1, x20
	LOAD	ld4r_post, ld4r {v0.8h-v3.8h}, [x1], #8
	PRINT	ld4r_post_x1, x1
	mov	x1, x20
	mov	x2, #100
	LOAD	ld1r_post_reg, ld1r {v3.2d}, [x1], x2
	PRINT	ld1r_post_reg_x1, x1
	mov	x1, x21
	STORE	st2_post, st2 {v1.d, v2.d}[0], [x1], #16
	PRINT	st2_post_x1, x1
	mov	x1, x21
	mov	x2, #3
	STORE	st1_post_reg, st1 {v3.b}[7], [x1], x2
	PRINT	st1_post_reg_x1, x1
	RESUME	1f
	.inst	0x0d404400			// ld1 {v0.h}[…] with size<0> = 1: reserved
1:	RESUME	1f
	.inst	0x0d00c000			// st1r: reserved (L = 0)
1:	RESUME	1f
	.inst	0x0d40d000			// ld1r with S = 1: reserved
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
out:	.skip	32
