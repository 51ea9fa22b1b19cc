// Alignment faults that do not depend on SCTLR.A: unaligned LDXR/STXR/LDAXR/LDAR/STLR/LDXP (DFSC 0x21, EC 0x25).
	.include "lib.inc"
main:
	ldr	x1, =buf + 4
	ldxr	x2, [x1]
	ldaxr	w2, [x1, #0]
	add	x3, x1, #2
	ldaxr	w2, [x3]
	stlr	x2, [x1]
	ldar	w2, [x3]
	stxr	w4, x2, [x1]
	ldxp	w5, w6, [x1]
	add	x3, x1, #1
	ldaxrh	w2, [x3]
	PRINTI	done, 1
	ret
	.data
	.balign	16
buf:	.skip	32
