// Advanced SIMD load/store multiple structures at EL2: LD1/ST1 with 1–4 registers and LD2–LD4/ST2–ST4 (element
// interleaving) over several arrangements, a list that wraps from v31 to v0, the 64-bit forms (bits 127:64 of each
// loaded register cleared), post-index by the transfer size and by a register; then LD2 .1d (reserved: UNDEFINED).
	.include "lib.inc"
	.include "simd.inc"
	.include "struct.inc"

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
	.balign	16
out:	.skip	64
