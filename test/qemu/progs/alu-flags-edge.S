// NZCV of ADDS/SUBS at the signed and unsigned boundaries, 64 and 32-bit (ARM J1 AddWithCarry).
	.include "lib.inc"
.macro CASE op, key, a, b
	ldr	x1, =\a
	ldr	x2, =\b
	\op	x3, x1, x2
	PRINTSYS \key, nzcv
.endm
.macro CASEW op, key, a, b
	ldr	x1, =\a
	ldr	x2, =\b
	\op	w3, w1, w2
	PRINTSYS \key, nzcv
.endm
main:
	CASE	adds, a_max_1, 0x7fffffffffffffff, 1
	CASE	adds, a_min_min, 0x8000000000000000, 0x8000000000000000
	CASE	adds, a_m1_1, 0xffffffffffffffff, 1
	CASE	adds, a_0_0, 0, 0
	CASE	subs, s_0_1, 0, 1
	CASE	subs, s_min_1, 0x8000000000000000, 1
	CASE	subs, s_max_m1, 0x7fffffffffffffff, 0xffffffffffffffff
	CASE	subs, s_eq, 0x1234, 0x1234
	CASE	subs, s_gt, 5, 3
	CASEW	adds, w_max_1, 0x7fffffff, 1
	CASEW	adds, w_m1_1, 0xffffffff, 1
	CASEW	adds, w_hi_ignored, 0xffffffff00000000, 0x100000000
	CASEW	subs, w_0_1, 0, 1
	CASEW	subs, w_min_1, 0x80000000, 1
	CASEW	subs, w_eq_hi, 0x1234567800000005, 5
	ret
