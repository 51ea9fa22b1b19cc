// Advanced SIMD fixed-point conversions by immediate (SCVTF, UCVTF, FCVTZS, FCVTZU with #fbits; vector 2s, 4s, 2d and
// scalar S, D; fbits at both ends of each range and between), against QEMU on random operands as asimd-fp.S draws
// them (fp-random.inc: V1 the operand, V3 V0's prior value — the bits above a 64-bit or scalar result must be
// cleared —, a random FPCR (RMode, FZ, DN, AHP) and operand shape: raw bits, exponents near 1.0 as singles or
// doubles, denormal/zero lanes), FPSR cleared before each; V0 and FPSR hashed (fp-scalar.inc), one hash line every
// 100 iterations. Then the reserved encodings (immh = 001x, half precision; 2d in a 64-bit vector) and the
// CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "fp-scalar.inc"
	.include "fp-random.inc"

	.equ	ITERATIONS, 1000

.macro ONE insn:vararg
	VPRE
	\insn
	POST_V
.endm

// one conversion in every form, fbits at both ends of each range and between
.macro CONVERSIONS op:req
	ONE	\op v0.2s, v1.2s, #1
	ONE	\op v0.2s, v1.2s, #13
	ONE	\op v0.4s, v1.4s, #7
	ONE	\op v0.4s, v1.4s, #32
	ONE	\op v0.2d, v1.2d, #1
	ONE	\op v0.2d, v1.2d, #29
	ONE	\op v0.2d, v1.2d, #64
	ONE	\op s0, s1, #3
	ONE	\op s0, s1, #32
	ONE	\op d0, d1, #1
	ONE	\op d0, d1, #52
	ONE	\op d0, d1, #64
.endm

.macro FIXED_BLOCK
	.irp op, scvtf, ucvtf, fcvtzs, fcvtzu
	CONVERSIONS \op
	.endr
.endm

main:
	RANDOM_START 0xbf58476d1ce4e5b9
loop:
	VEC_OPERANDS x13, x14
	FIXED_BLOCK
	RANDOM_NEXT ITERATIONS, loop
	RESUME	1f
	.inst	0x4f1de420			// scvtf v0.8h, v1.8h, #3: half precision (ARMv8.2), reserved here
1:	RESUME	2f
	.inst	0x0f7ffc20			// fcvtzs v0.1d, v1.1d, #1: reserved
2:	RESUME	3f
	.inst	0x5f1de420			// scvtf h0, h1, #3: reserved
3:	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: the conversions trap
	msr	cptr_el2, x0
	isb
	RESUME	4f
	ucvtf	v0.4s, v1.4s, #4
4:	RESUME	5f
	fcvtzu	d0, d1, #4
5:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
