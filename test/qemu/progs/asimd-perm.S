// Advanced SIMD permutes and across-lanes reductions at EL2: UZP1/2, TRN1/2, ZIP1/2 in every arrangement, with the
// destination also a source once; ADDV, SADDLV/UADDLV, SMAXV/UMAXV, SMINV/UMINV in every arrangement they allow, on
// random and edge-value operands (signed extremes, all ones). Then reserved forms: ZIP1 .1d, ADDV .2s — UNDEFINED.
	.include "lib.inc"
	.include "simd.inc"


.macro PERM op:req
	.irp t, 8b, 16b, 4h, 8h, 2s, 4s, 2d
	\op	v0.\t, v1.\t, v2.\t
	SHOWQ	\op\()_\t
	.endr
.endm

.macro ACROSS1 op:req, r:req, t:req
	ldr	q0, [x20, #32]
	\op	\r\()0, v1.\t
	SHOWQ	\op\()_\t
.endm

.macro ACROSS op:req
	ACROSS1	\op, b, 8b
	ACROSS1	\op, b, 16b
	ACROSS1	\op, h, 4h
	ACROSS1	\op, h, 8h
	ACROSS1	\op, s, 4s
.endm

.macro SET
	ldp	q1, q2, [x20]
	.irp op, uzp1, uzp2, trn1, trn2, zip1, zip2
	PERM	\op
	.endr
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =random
	SET
	ldr	x20, =edges
	SET
	.irp x20v, random, edges
	ldr	x20, =\x20v
	ldp	q1, q2, [x20]
	ACROSS	smaxv
	ACROSS	umaxv
	ACROSS	sminv
	ACROSS	uminv
	ACROSS	addv
	.endr
	ldr	x20, =edges
	ldp	q1, q2, [x20]
	.irp t, 8b, 16b
	saddlv	h0, v1.\t
	SHOWQ	saddlv_\t
	uaddlv	h0, v1.\t
	SHOWQ	uaddlv_\t
	.endr
	.irp t, 4h, 8h
	saddlv	s0, v1.\t
	SHOWQ	saddlv_\t
	uaddlv	s0, v1.\t
	SHOWQ	uaddlv_\t
	.endr
	saddlv	d0, v1.4s
	SHOWQ	saddlv_4s
	uaddlv	d0, v1.4s
	SHOWQ	uaddlv_4s
	ldp	q1, q2, [x20]
	zip1	v1.8h, v1.8h, v2.8h		// the destination is a source
	SHOWQ	zip_self, 1
	RESUME	1f
	.inst	0x0ec23820			// zip1 v0.1d: reserved
1:	RESUME	2f
	.inst	0x0eb1b820			// addv s0, v1.2s: reserved
2:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random:	.quad	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d
edges:	.quad	0x7f80ff0001807fff, 0x8000000080000000, 0xff7f0180ff00807f, 0x7fffffffffffffff
