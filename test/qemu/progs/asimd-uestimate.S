// Advanced SIMD URECPE and URSQRTE (2s, 4s) at EL2 against QEMU: each operand (random bits, drawn once, and edge values
// around the bits the estimates read: bit 31 / bits 31:30 clear or set, the table ends) in V1, the result in V0
// (whose prior bits a 2s result must clear) and, Vd = Vn, in V1 itself; FPSR printed (neither sets it). Then the
// reserved size (sz = 1: urecpe .2d): UNDEFINED, and the CPTR_EL2.TFP trap.
	.include "lib.inc"
	.include "simd.inc"

// RUN op, form, insn: V0 = all ones, FPSR = 0; the instruction; print V0 (key op_form) and FPSR
.macro RUN op:req, form:req, insn:vararg
	movi	v0.2d, #-1
	msr	fpsr, xzr
	\insn
	SHOWQ	\op\()_\form
	PRINTSYS \op\()_\form\()_fpsr, fpsr
.endm

.macro EST op:req
	RUN	\op, 2s, \op v0.2s, v1.2s
	RUN	\op, 4s, \op v0.4s, v1.4s
	mov	v2.16b, v1.16b
	\op	v1.4s, v1.4s
	mov	v0.16b, v1.16b
	SHOWQ	\op\()_same
	mov	v1.16b, v2.16b
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	ldr	x20, =values
	mov	x21, #24
1:	ldr	q1, [x20], #16
	EST	urecpe
	EST	ursqrte
	subs	x21, x21, #1
	b.ne	1b
	RESUME	2f
	.inst	0x4ee1c820			// urecpe v0.2d, v1.2d: reserved (sz = 1)
2:	ldr	x0, =0x37ff			// CPTR_EL2.TFP = 1: URECPE traps
	msr	cptr_el2, x0
	isb
	RESUME	3f
	urecpe	v0.4s, v1.4s
3:	ldr	x0, =0x33ff
	msr	cptr_el2, x0
	isb
	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
values:
	.quad	0x9e3b2e77e0b93daf, 0xf1bc0f0ce1a8c32e, 0x359961e56c3583b4, 0xfd2d2bb4aad9be80
	.quad	0x9cb095dbf600084f, 0x430a78665e12e3c7, 0x4bf09436d5462775, 0x84c5442eefc6775d
	.quad	0x5f6896028fd2692a, 0x56fcc490ee7d1c52, 0x29e0af3328b9152b, 0xd1f8df81f311ccc5
	.quad	0x3184ff8e78c9e782, 0x16a21c97d2214d99, 0xaddff41fe205c701, 0x42a1100c41b7eced
	.quad	0x637fd70c5c0adc8e, 0x7453dd0c77375270, 0x819e343e4eb203f7, 0xc514d4cf27d33e1f
	.quad	0xc519bacae5255352, 0x1ee2df968277b361, 0x06563679812ea096, 0x5305061d31507241
	.quad	0x7a028a1f4d7ae5e4, 0x1fb16fbd40cfb3f1, 0x0d94dc48effe8325, 0x9b7e1fcbe7958ae4
	.quad	0x38894270d110de9b, 0x1bcac0255844ed7d, 0x9e8fc46f79f05dc9, 0x7175e2f5cd607176
	.quad	0x29bd30e5768b7116, 0xf4b333339f54b1cf, 0xc4b3ce43ac085d08, 0xcc9753703b52a73e
	.quad	0xbc9332e2e17b794d, 0x13faf2838dfc37b3, 0x9cf37d5fd4dad0d5, 0x56210f536e1f0437
	.quad	0x7fffffff00000000, 0xffffffff80000000, 0x400000003fffffff, 0xc0000000bfffffff
	.quad	0x80800000807fffff, 0x20000000ffffff00, 0x600000015fffffff, 0x0000000100800000
