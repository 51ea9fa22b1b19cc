// ConditionHolds for all 16 conditions under all 16 NZCV values: one 16-bit mask per condition
// (bit i set = condition holds with NZCV = i), computed with CSINC.
	.include "lib.inc"
.macro COND cc
	mov	x2, #0
	mov	x1, #15
1:	lsl	x0, x1, #28
	msr	nzcv, x0
	csinc	x3, xzr, xzr, \cc	// 0 if holds, 1 if not
	eor	x3, x3, #1
	lsl	x3, x3, x1
	orr	x2, x2, x3
	subs	x1, x1, #1
	b.pl	1b
	PRINT	\cc, x2
.endm
main:
	COND	eq
	COND	ne
	COND	cs
	COND	cc
	COND	mi
	COND	pl
	COND	vs
	COND	vc
	COND	hi
	COND	ls
	COND	ge
	COND	lt
	COND	gt
	COND	le
	COND	al
	COND	nv
	ret
