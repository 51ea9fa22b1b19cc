// Load-acquire/store-release (LDAR/STLR of every size) and barriers/hints executing as no-ops.
	.include "lib.inc"
main:
	ldr	x1, =buf
	ldr	x2, =0x0102030405060708
	stlr	x2, [x1]
	ldar	x3, [x1]
	PRINT	ldar, x3
	add	x4, x1, #8
	stlrb	w2, [x4]
	ldarb	w3, [x4]
	PRINT	ldarb, x3
	stlrh	w2, [x4]
	ldarh	w3, [x4]
	PRINT	ldarh, x3
	stlr	w2, [x4]
	ldar	w3, [x4]
	PRINT	ldar32, x3
	dmb	ish
	dsb	sy
	isb
	nop
	yield
	sev
	sevl
	prfm	pldl1keep, [x1]
	prfm	pstl2strm, [x1, #64]
	PRINTI	hints_done, 1
	ret
	.data
	.balign	16
buf:	.skip	64
