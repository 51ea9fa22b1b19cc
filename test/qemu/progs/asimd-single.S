// Advanced SIMD load/store single structure at EL2: LD1–LD4/ST1–ST4 of one lane for every element size, at the
// lowest and the highest index of a 128-bit register (the other lanes and bits 127:64 kept), a list wrapping from v31
// to v0; LD1R–LD4R in 64-bit (bits 127:64 cleared) and 128-bit arrangements; post-index by the structure size and by a
// register; then reserved encodings (LD1 .h with size<0> = 1, ST1R, LD1R with S = 1): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"
	.include "struct.inc"

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
	.balign	16
out:	.skip	64
