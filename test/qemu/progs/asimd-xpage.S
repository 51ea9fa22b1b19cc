// Advanced SIMD structure loads and stores whose elements span two 4 KiB pages at EL1 (pages and tables in
// xpage.inc). QEMU 7.2 accesses element by element, in the pseudocode's order, so a fault part way leaves the
// registers (lanes) loaded and the memory stored before the faulting element: LD1/ST1 and LD4/ST4 (multiple), LD4 and
// ST4 of one lane, LD4R (single, replicate) into page 1 (invalid); FAR is the first byte of the faulting page. The
// same forms at an odd address across pages 2 → 3 (both EL1 read/write) complete: single structures and lists need
// no alignment on Normal memory.
	.include "lib.inc"
	.include "mmu.inc"
	.include "xpage.inc"

// v0–v3 from fill (what a load does not write shows)
.macro FILL
	ldr	x9, =fill
	ldp	q0, q1, [x9]
	ldp	q2, q3, [x9, #32]
.endm

.macro LOAD key:req, k:req, back:req, insn:vararg
	FILL
	EDGE	\k, \back
	\insn
	PRINT	\key\()_x1, x1
	SHOWV	\key\()_v0, 0
	SHOWV	\key\()_v1, 1
	SHOWV	\key\()_v2, 2
	SHOWV	\key\()_v3, 3
.endm

.macro STORE key:req, k:req, back:req, insn:vararg
	ldr	x9, =vals
	ldp	q0, q1, [x9]
	ldp	q2, q3, [x9, #32]
	EDGE	\k, \back
	\insn
	SHOW	\key, \k
	// the 32 bytes before the page end, where a faulting store wrote its first elements
	ldr	x9, =page_0 + (\k + 1) * 4096 - 32
	ldp	x10, x11, [x9]
	PRINT	\key\()_m0, x10
	PRINT	\key\()_m1, x11
	ldr	x10, [x9, #16]
	PRINT	\key\()_m2, x10
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	XPAGE_EL1
	mov	x0, #(3 << 20)			// CPACR_EL1.FPEN = 11: no trap at EL1
	msr	cpacr_el1, x0
	isb
	// into page 1 (invalid at stage 1): a fault after the elements of page 0
	LOAD	ld1_16b, 0, 9, ld1 {v0.16b}, [x1]
	LOAD	ld1_2_2d, 0, 24, ld1 {v0.2d, v1.2d}, [x1]
	LOAD	ld4_4s, 0, 20, ld4 {v0.4s-v3.4s}, [x1]
	LOAD	ld4_8b_post, 0, 6, ld4 {v0.8b-v3.8b}, [x1], #32
	LOAD	ld4_s1, 0, 8, ld4 {v0.s-v3.s}[1], [x1]
	LOAD	ld3_h5_post, 0, 3, ld3 {v1.h-v3.h}[5], [x1], #6
	LOAD	ld4r_4s, 0, 8, ld4r {v0.4s-v3.4s}, [x1]
	LOAD	ld2r_1d, 0, 8, ld2r {v2.1d, v3.1d}, [x1]
	STORE	st1_16b, 0, 9, st1 {v0.16b}, [x1]
	STORE	st4_4h, 0, 10, st4 {v0.4h-v3.4h}, [x1]
	STORE	st4_d0, 0, 16, st4 {v0.d-v3.d}[0], [x1]
	STORE	st2_s3_post, 0, 5, st2 {v1.s, v2.s}[3], [x1], #8
	// across pages 2 → 3 at odd addresses: complete
	LOAD	ld1_odd, 2, 7, ld1 {v0.8h}, [x1]
	LOAD	ld3_odd, 2, 5, ld3 {v0.s-v2.s}[2], [x1]
	LOAD	ld4r_odd, 2, 3, ld4r {v0.8h-v3.8h}, [x1], #8
	STORE	st2_odd, 2, 11, st2 {v0.4s, v1.4s}, [x1]
	STORE	st4_odd, 2, 9, st4 {v0.h-v3.h}[6], [x1], #8
	EXIT
	.ltorg
	.balign	16
fill:	.quad	0xa5a5a5a5a5a5a5a5, 0x5a5a5a5a5a5a5a5a, 0xc3c3c3c3c3c3c3c3, 0x3c3c3c3c3c3c3c3c
	.quad	0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0x1111111111111111, 0xeeeeeeeeeeeeeeee
vals:	.quad	0x8877665544332211, 0xffeeddccbbaa9988, 0x0123456789abcdef, 0x7654321076543210
	.quad	0xa1a2a3a4a5a6a7a8, 0xb1b2b3b4b5b6b7b8, 0xc1c2c3c4c5c6c7c8, 0xd1d2d3d4d5d6d7d8
	XPAGE_DATA
