// Advanced SIMD integer instructions on inputs nobody chose: for each instruction (TBL/TBX, every three-different and
// by-element form in each arrangement), ITER iterations of an xorshift64 generator filling V0–V4 and V17 (every
// fourth iteration −2^15/−2^31 lanes in Vn and the element, every fourth+1 all-ones, to reach saturation and carries),
// executing it, and folding Vd's 128 bits and FPSR (QC, then cleared) into a CRC32C: one checksum per instruction.
	.arch	armv8-a+crc+crypto
	.include "lib.inc"

	.equ	ITER, 96

// x24 = next xorshift64 state (x9 scratch)
.macro XS
	eor	x24, x24, x24, lsl #13
	eor	x24, x24, x24, lsr #7
	eor	x24, x24, x24, lsl #17
.endm

.macro FILLV n:req
	XS
	mov	v\n\().d[0], x24
	XS
	mov	v\n\().d[1], x24
.endm

.macro RUN key:req, insn:vararg
	ldr	x24, =0x9e3779b97f4a7c15
	mov	w19, #0
	mov	x23, #0
1:	FILLV	0
	FILLV	1
	FILLV	2
	FILLV	3
	FILLV	4
	FILLV	17
	and	x9, x23, #3
	cmp	x9, #0
	b.ne	2f
	movi	v1.4s, #0x80, lsl #24		// −2^31 in each word; as halfwords: 0x8000 and 0
	movi	v2.8h, #0x80, lsl #8		// −2^15 in each halfword
	mov	v17.16b, v1.16b
	movi	v3.4s, #0x80, lsl #24
	b	3f
2:	cmp	x9, #1
	b.ne	3f
	movi	v1.2d, #0xffffffffffffffff
	movi	v2.2d, #0xffffffffffffffff
3:	\insn
	mov	x10, v0.d[0]
	mov	x11, v0.d[1]
	crc32cx	w19, w19, x10
	crc32cx	w19, w19, x11
	mrs	x10, fpsr
	crc32cx	w19, w19, x10
	msr	fpsr, xzr
	add	x23, x23, #1
	cmp	x23, #ITER
	b.ne	1b
	PRINT	\key, x19
.endm

.macro LONG op:req, sat=0
	.ifeq	\sat
	RUN	\op\()_8h, \op v0.8h, v1.8b, v2.8b
	RUN	\op\()2_8h, \op\()2 v0.8h, v1.16b, v2.16b
	.endif
	RUN	\op\()_4s, \op v0.4s, v1.4h, v2.4h
	RUN	\op\()2_4s, \op\()2 v0.4s, v1.8h, v2.8h
	RUN	\op\()_2d, \op v0.2d, v1.2s, v2.2s
	RUN	\op\()2_2d, \op\()2 v0.2d, v1.4s, v2.4s
.endm

.macro WIDE op:req
	RUN	\op\()_8h, \op v0.8h, v1.8h, v2.8b
	RUN	\op\()2_8h, \op\()2 v0.8h, v1.8h, v2.16b
	RUN	\op\()_4s, \op v0.4s, v1.4s, v2.4h
	RUN	\op\()2_4s, \op\()2 v0.4s, v1.4s, v2.8h
	RUN	\op\()_2d, \op v0.2d, v1.2d, v2.2s
	RUN	\op\()2_2d, \op\()2 v0.2d, v1.2d, v2.4s
.endm

.macro NARROW op:req
	RUN	\op\()_8b, \op v0.8b, v1.8h, v2.8h
	RUN	\op\()2_16b, \op\()2 v0.16b, v1.8h, v2.8h
	RUN	\op\()_4h, \op v0.4h, v1.4s, v2.4s
	RUN	\op\()2_8h, \op\()2 v0.8h, v1.4s, v2.4s
	RUN	\op\()_2s, \op v0.2s, v1.2d, v2.2d
	RUN	\op\()2_4s, \op\()2 v0.4s, v1.2d, v2.2d
.endm

.macro ELEM_SAME op:req
	RUN	\op\()_e4h, \op v0.4h, v1.4h, v2.h[1]
	RUN	\op\()_e8h, \op v0.8h, v1.8h, v3.h[6]
	RUN	\op\()_e2s, \op v0.2s, v1.2s, v17.s[0]
	RUN	\op\()_e4s, \op v0.4s, v1.4s, v17.s[3]
.endm

.macro ELEM_LONG op:req
	RUN	\op\()_e4s, \op v0.4s, v1.4h, v2.h[7]
	RUN	\op\()2_e4s, \op\()2 v0.4s, v1.8h, v3.h[2]
	RUN	\op\()_e2d, \op v0.2d, v1.2s, v17.s[1]
	RUN	\op\()2_e2d, \op\()2 v0.2d, v1.4s, v17.s[2]
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	msr	fpsr, xzr
	RUN	tbl1, tbl v0.16b, {v1.16b}, v4.16b
	RUN	tbl2, tbl v0.8b, {v1.16b, v2.16b}, v4.8b
	RUN	tbl3, tbl v0.16b, {v1.16b-v3.16b}, v4.16b
	RUN	tbl4, tbl v0.16b, {v1.16b-v4.16b}, v17.16b
	RUN	tbx1, tbx v0.8b, {v1.16b}, v4.8b
	RUN	tbx4, tbx v0.16b, {v1.16b-v4.16b}, v17.16b
	.irp op, saddl, uaddl, ssubl, usubl, sabal, uabal, sabdl, uabdl, smlal, umlal, smlsl, umlsl, smull, umull
	LONG	\op
	.endr
	.irp op, sqdmlal, sqdmlsl, sqdmull
	LONG	\op, 1
	RUN	\op\()_sh, \op s0, h1, h2
	RUN	\op\()_ss, \op d0, s1, s2
	.endr
	.irp op, saddw, uaddw, ssubw, usubw
	WIDE	\op
	.endr
	.irp op, addhn, raddhn, subhn, rsubhn
	NARROW	\op
	.endr
	RUN	pmull_8h, pmull v0.8h, v1.8b, v2.8b
	RUN	pmull2_8h, pmull2 v0.8h, v1.16b, v2.16b
	RUN	pmull_1q, pmull v0.1q, v1.1d, v2.1d
	RUN	pmull2_1q, pmull2 v0.1q, v1.2d, v2.2d
	.irp op, mul, mla, mls, sqdmulh, sqrdmulh
	ELEM_SAME \op
	.endr
	.irp op, sqdmulh, sqrdmulh
	RUN	\op\()_eh, \op h0, h1, v2.h[5]
	RUN	\op\()_es, \op s0, s1, v17.s[2]
	.endr
	.irp op, smull, umull, smlal, umlal, smlsl, umlsl, sqdmull, sqdmlal, sqdmlsl
	ELEM_LONG \op
	.endr
	.irp op, sqdmull, sqdmlal, sqdmlsl
	RUN	\op\()_esh, \op s0, h1, v3.h[3]
	RUN	\op\()_ess, \op d0, s1, v17.s[3]
	.endr
	PRINTI	done, 1
	ret
	.ltorg
