// Advanced SIMD three-same SQDMULH, SQRDMULH (vector 4h, 8h, 2s, 4s; scalar h, s) and PMUL (8b, 16b) at EL2, on
// pairs of operands (random bits, drawn once; edge values: −2^15 and −2^31 lanes against themselves, which saturate,
// and ±1, 0x7fff…): the result printed as two doublewords, and FPSR (cleared before each: QC is cumulative). Then
// reserved encodings (SQDMULH with size = 00 and 11, scalar with size = 00; PMUL with size = 01): UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"

// RUN op, form, insn: FPSR = 0; the instruction (Vd = v0, Vn = v1, Vm = v2); print v0 (key op_form) and FPSR
.macro RUN op:req, form:req, insn:vararg
	msr	fpsr, xzr
	\insn
	SHOWQ	\op\()_\form
	PRINTSYS \op\()_\form\()_fpsr, fpsr
.endm

// every form of SQDMULH or SQRDMULH
.macro MULH op:req
	.irp t, 4h, 8h, 2s, 4s
	RUN	\op, \t, \op v0.\t, v1.\t, v2.\t
	.endr
	RUN	\op, h, \op h0, h1, h2
	RUN	\op, s, \op s0, s1, s2
.endm

.macro SET
	MULH	sqdmulh
	MULH	sqrdmulh
	RUN	pmul, 8b, pmul v0.8b, v1.8b, v2.8b
	RUN	pmul, 16b, pmul v0.16b, v1.16b, v2.16b
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	.irp pair, 0, 16, 32, 48, 64, 80
	ldp	q1, q2, [x20, #\pair * 2]
	SET
	.endr
	.irp off, 128, 144, 160, 176			// each edge value against itself
	ldr	q1, [x20, #\off]
	mov	v2.16b, v1.16b
	SET
	.endr
	RESUME	1f
	.inst	0x0e22b420			// sqdmulh v0.8b: reserved (size = 00)
1:	RESUME	1f
	.inst	0x6ee2b420			// sqrdmulh v0.2d: reserved (size = 11)
1:	RESUME	1f
	.inst	0x5e22b420			// sqdmulh b0: reserved (size = 00)
1:	RESUME	1f
	.inst	0x2e629c20			// pmul v0.4h: reserved (size = 01)
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:
	.quad	0x4a6f188a424e617b, 0xe8d79f49af6d114c, 0xcd502d42af1ffe0d, 0xe3d6e4b9d96e182d
	.quad	0xa6ea1c0d2f8b9e9d, 0xaa8b230f3b05e392, 0xde85eb9025ac45a0, 0xa415c4c839a44721
	.quad	0x2ff7c0fcbbe8f88d, 0x1221b5a22155a41c, 0xd885bbac88043e5f, 0xbea4256e36c2a4c7
	.quad	0x07ac5fed4b6ea010, 0x2054fa816e7c0c6a, 0xaf2529cad670a838, 0xff7d5ec09bc03e20
	.quad	0x8000800080000000, 0x8000800080000000, 0x7fff7fff7fffffff, 0x8000000180008001
	.quad	0x0001fffeffff0001, 0x800080007fff8000, 0x0000000080000000, 0xffffffffffffffff
