// Crypto AES at EL2: AESE, AESD, AESMC, AESIMC on random states and round keys, on all-zero and all-ones operands,
// with Vd = Vn; every byte value through the S-box and its inverse (AESE/AESD with a zero round key); a 2,048-round
// AESE+AESMC chain and an AESD+AESIMC chain; the FIPS-197 C.1 plaintext and first round key. Then a reserved size
// (UNDEFINED) and AESE with CPTR_EL2.TFP set (EC 0x07).
	.arch	armv8-a+crypto
	.include "lib.inc"
	.include "simd.inc"

// v0 the state, v1 the round key (two Q registers from x20)
.macro AES key:req, insn:vararg
	ldp	q0, q1, [x20]
	\insn
	SHOWQ	\key, 0
.endm

.macro ALL set:req
	ldr	x20, =\set
	AES	aese_\set, aese v0.16b, v1.16b
	AES	aesd_\set, aesd v0.16b, v1.16b
	AES	aesmc_\set, aesmc v0.16b, v1.16b
	AES	aesimc_\set, aesimc v0.16b, v1.16b
	AES	aese_same_\set, aese v0.16b, v0.16b
	AES	aesmc_same_\set, aesmc v0.16b, v0.16b
	AES	aesimc_same_\set, aesimc v0.16b, v0.16b
.endm

.macro CHAIN key:req, round:req, mix:req
	ldr	x20, =random1
	ldp	q0, q1, [x20]
	ldr	q2, [x20, #32]
	mov	x21, #2048			// past the JIT's threshold: the loop also runs translated
1:	\round	v0.16b, v1.16b
	\mix	v0.16b, v0.16b
	\round	v0.16b, v2.16b
	\mix	v1.16b, v0.16b
	subs	x21, x21, #1
	b.ne	1b
	SHOWQ	\key\()0, 0
	SHOWQ	\key\()1, 1
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	.irp set, random1, random2, random3, zeros, ones, fips
	ALL	\set
	.endr
	// every byte value through SubBytes/ShiftRows and their inverses
	ldr	x20, =bytes
	movi	v1.16b, #0
	.irp off, 0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240
	ldr	q0, [x20, #\off]
	aese	v0.16b, v1.16b
	SHOWQ	sbox_\off, 0
	ldr	q0, [x20, #\off]
	aesd	v0.16b, v1.16b
	SHOWQ	inv_sbox_\off, 0
	.endr
	// chains: 2,048 iterations each from random1, round keys from v1/v2
	CHAIN	enc_chain, aese, aesmc
	CHAIN	dec_chain, aesd, aesimc
	RESUME	1f
	.inst	0x4e684820			// aese v0, v1 with size = 01: reserved
1:	ldr	x0, =0x37ff			// CPTR_EL2: TFP = 1
	msr	cptr_el2, x0
	isb
	RESUME	1f
	aese	v0.16b, v1.16b
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random1:
	.quad	0x4a6f188a424e617b, 0xe8d79f49af6d114c, 0xcd502d42af1ffe0d, 0xe3d6e4b9d96e182d
	.quad	0xa6ea1c0d2f8b9e9d, 0xaa8b230f3b05e392
random2:
	.quad	0xde85eb9025ac45a0, 0xa415c4c839a44721, 0x2ff7c0fcbbe8f88d, 0x1221b5a22155a41c
random3:
	.quad	0xd885bbac88043e5f, 0xbea4256e36c2a4c7, 0x07ac5fed4b6ea010, 0x2054fa816e7c0c6a
zeros:
	.quad	0, 0, 0, 0
ones:
	.quad	-1, -1, -1, -1
fips:
	// FIPS-197 appendix C.1: plaintext 00112233…eeff, key 00010203…0e0f
	.quad	0x7766554433221100, 0xffeeddccbbaa9988, 0x0706050403020100, 0x0f0e0d0c0b0a0908
bytes:
	.quad	0x0706050403020100, 0x0f0e0d0c0b0a0908, 0x1716151413121110, 0x1f1e1d1c1b1a1918
	.quad	0x2726252423222120, 0x2f2e2d2c2b2a2928, 0x3736353433323130, 0x3f3e3d3c3b3a3938
	.quad	0x4746454443424140, 0x4f4e4d4c4b4a4948, 0x5756555453525150, 0x5f5e5d5c5b5a5958
	.quad	0x6766656463626160, 0x6f6e6d6c6b6a6968, 0x7776757473727170, 0x7f7e7d7c7b7a7978
	.quad	0x8786858483828180, 0x8f8e8d8c8b8a8988, 0x9796959493929190, 0x9f9e9d9c9b9a9998
	.quad	0xa7a6a5a4a3a2a1a0, 0xafaeadacabaaa9a8, 0xb7b6b5b4b3b2b1b0, 0xbfbebdbcbbbab9b8
	.quad	0xc7c6c5c4c3c2c1c0, 0xcfcecdcccbcac9c8, 0xd7d6d5d4d3d2d1d0, 0xdfdedddcdbdad9d8
	.quad	0xe7e6e5e4e3e2e1e0, 0xefeeedecebeae9e8, 0xf7f6f5f4f3f2f1f0, 0xfffefdfcfbfaf9f8
