// Advanced SIMD modified immediates and EXT at EL2: MOVI, MVNI, ORR, BIC in every shift and lane width, MOVI of bytes
// and of a 64-bit byte mask (scalar D and .2d), FMOV (vector) single and double; ORR and BIC on a pattern, 64-bit
// forms clearing bits 127:64; EXT at every byte position in both widths. Then the reserved encodings: FMOV .1d
// (op = 1, cmode = 1111, Q = 0), the FP16 FMOV (o2 = 1) and EXT .8b with imm4<3> = 1 — UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"


// PAT: v0 = the pattern (all 128 bits)
.macro PAT
	ldr	q0, [x20]
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =pattern
	PAT
	movi	v0.4s, #0xa5, lsl #8
	SHOWQ	movi_4s_8
	PAT
	movi	v0.2s, #0x5a, lsl #24
	SHOWQ	movi_2s_24
	PAT
	movi	v0.8h, #0x81, lsl #8
	SHOWQ	movi_8h_8
	PAT
	movi	v0.4h, #0x7e
	SHOWQ	movi_4h
	PAT
	movi	v0.4s, #0x3c, msl #16
	SHOWQ	movi_msl16
	PAT
	movi	v0.2s, #0xc3, msl #8
	SHOWQ	movi_msl8
	PAT
	mvni	v0.4s, #0x12, lsl #16
	SHOWQ	mvni_4s_16
	PAT
	mvni	v0.8h, #0xfe
	SHOWQ	mvni_8h
	PAT
	mvni	v0.2s, #0x34, msl #16
	SHOWQ	mvni_msl16
	PAT
	movi	v0.16b, #0xe7
	SHOWQ	movi_16b
	PAT
	movi	v0.8b, #0x18
	SHOWQ	movi_8b
	PAT
	movi	d0, #0xff0000ff00ffff00
	SHOWQ	movi_d
	PAT
	movi	v0.2d, #0x00ff00ff00ff00ff
	SHOWQ	movi_2d
	PAT
	orr	v0.4s, #0x81, lsl #24
	SHOWQ	orr_4s_24
	PAT
	orr	v0.4h, #0x42, lsl #8
	SHOWQ	orr_4h_8
	PAT
	bic	v0.4s, #0xff
	SHOWQ	bic_4s
	PAT
	bic	v0.8h, #0xff, lsl #8
	SHOWQ	bic_8h_8
	PAT
	bic	v0.2s, #0xf0, lsl #16
	SHOWQ	bic_2s_16
	PAT
	fmov	v0.4s, #-1.25
	SHOWQ	fmov_4s
	PAT
	fmov	v0.2s, #0.1875
	SHOWQ	fmov_2s
	PAT
	fmov	v0.2d, #31.0
	SHOWQ	fmov_2d
	ldp	q1, q2, [x20]
	.irp i, 0, 1, 5, 8, 15
	ext	v0.16b, v1.16b, v2.16b, #\i
	SHOWQ	ext_16b_\i
	.endr
	.irp i, 0, 3, 7
	ext	v0.8b, v1.8b, v2.8b, #\i
	SHOWQ	ext_8b_\i
	.endr
	ext	v1.16b, v1.16b, v1.16b, #8	// the destination is a source
	SHOWQ	ext_self, 1
	RESUME	1f
	.inst	0x2f07f400			// fmov v0.1d, #-1.0: reserved
1:	RESUME	2f
	.inst	0x0f00fc00			// o2 = 1 (FP16 FMOV, v8.2)
2:	RESUME	3f
	.inst	0x2e024020			// ext v0.8b, v1.8b, v2.8b, #8: reserved
3:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
pattern:	.quad	0x0123456789abcdef, 0xfedcba9876543210, 0x8899aabbccddeeff, 0x0011223344556677
