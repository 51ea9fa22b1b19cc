// Crypto SHA at EL2: SHA1C, SHA1P, SHA1M, SHA1SU0, SHA1H, SHA1SU1, SHA256H, SHA256H2, SHA256SU0, SHA256SU1 on
// random operands and on all-ones/zero ones, with Vd the same register as a source; chains of 2,048 SHA-1 and SHA-256
// round groups with schedule updates (as a hash's inner loop uses them). Then a reserved size (UNDEFINED) and SHA1H
// with CPTR_EL2.TFP set (EC 0x07).
	.arch	armv8-a+crypto
	.include "lib.inc"
	.include "simd.inc"

// v0 the prior destination, v1 and v2 the sources (three Q registers from x20)
.macro SHA key:req, insn:vararg
	ldp	q0, q1, [x20]
	ldr	q2, [x20, #32]
	\insn
	SHOWQ	\key, 0
.endm

.macro ALL set:req
	ldr	x20, =\set
	SHA	sha1c_\set, sha1c q0, s1, v2.4s
	SHA	sha1p_\set, sha1p q0, s1, v2.4s
	SHA	sha1m_\set, sha1m q0, s1, v2.4s
	SHA	sha1su0_\set, sha1su0 v0.4s, v1.4s, v2.4s
	SHA	sha1h_\set, sha1h s0, s1
	SHA	sha1su1_\set, sha1su1 v0.4s, v1.4s
	SHA	sha256h_\set, sha256h q0, q1, v2.4s
	SHA	sha256h2_\set, sha256h2 q0, q1, v2.4s
	SHA	sha256su0_\set, sha256su0 v0.4s, v1.4s
	SHA	sha256su1_\set, sha256su1 v0.4s, v1.4s, v2.4s
	SHA	sha1c_same_\set, sha1c q0, s0, v0.4s
	SHA	sha1su0_same_\set, sha1su0 v0.4s, v0.4s, v0.4s
	SHA	sha1h_same_\set, sha1h s0, s0
	SHA	sha1su1_same_\set, sha1su1 v0.4s, v0.4s
	SHA	sha256h_same_\set, sha256h q0, q0, v0.4s
	SHA	sha256h2_same_\set, sha256h2 q0, q0, v0.4s
	SHA	sha256su0_same_\set, sha256su0 v0.4s, v0.4s
	SHA	sha256su1_same_\set, sha256su1 v0.4s, v0.4s, v0.4s
.endm

// the message schedule registers v4–v7 move down by one (v4 holds the next four words)
.macro NEXTW
	mov	v3.16b, v4.16b
	mov	v4.16b, v5.16b
	mov	v5.16b, v6.16b
	mov	v6.16b, v7.16b
	mov	v7.16b, v3.16b
.endm

main:
	ldr	x0, =0x33ff			// CPTR_EL2: TFP = 0
	msr	cptr_el2, x0
	isb
	.irp set, random1, random2, random3, random4, ones, zeros
	ALL	\set
	.endr
	// SHA-1 chain: state v0 (abcd) + v1 (e), message v4–v7
	ldr	x20, =random1
	ldp	q0, q1, [x20]
	ldp	q4, q5, [x20, #32]
	ldp	q6, q7, [x20, #64]
	mov	x21, #2048			// past the JIT's threshold: the loop also runs translated
1:	add	v16.4s, v4.4s, v5.4s
	sha1h	s2, s0
	sha1c	q0, s1, v16.4s
	sha1su0	v4.4s, v5.4s, v6.4s
	sha1su1	v4.4s, v7.4s
	sha1p	q0, s2, v4.4s
	sha1h	s1, s0
	sha1m	q0, s1, v5.4s
	NEXTW
	subs	x21, x21, #1
	b.ne	1b
	SHOWQ	sha1_chain_abcd, 0
	SHOWQ	sha1_chain_e, 1
	SHOWQ	sha1_chain_w, 4
	// SHA-256 chain: state v0, v1, message v4–v7
	ldp	q0, q1, [x20]
	ldp	q4, q5, [x20, #32]
	ldp	q6, q7, [x20, #64]
	mov	x21, #2048			// past the JIT's threshold: the loop also runs translated
1:	add	v16.4s, v4.4s, v5.4s
	mov	v2.16b, v0.16b
	sha256h	q0, q1, v16.4s
	sha256h2	q1, q2, v16.4s
	sha256su0	v4.4s, v5.4s
	sha256su1	v4.4s, v6.4s, v7.4s
	NEXTW
	subs	x21, x21, #1
	b.ne	1b
	SHOWQ	sha256_chain_0, 0
	SHOWQ	sha256_chain_1, 1
	SHOWQ	sha256_chain_w, 4
	RESUME	1f
	.inst	0x5e400020			// sha1c q0, s1, v0.4s with size = 01: reserved
1:	RESUME	1f
	.inst	0x5e680820			// sha1h s0, s1 with size = 01: reserved
1:	ldr	x0, =0x37ff			// CPTR_EL2: TFP = 1
	msr	cptr_el2, x0
	isb
	RESUME	1f
	sha1h	s0, s1
1:	PRINTI	done, 1
	ret
	.ltorg
	.data
	.balign	16
random1:
	.quad	0xaf2529cad670a838, 0xff7d5ec09bc03e20, 0xfe339eca03b1d74b, 0xd59a0625469d3e78
	.quad	0x15bf54df258ececb, 0xcb4ac8b4df0c841f, 0xe36b0753cf4b1858, 0x432ff218ce5915e6
random2:
	.quad	0x73790dfbd38cadcd, 0x6fcfd73dbea7f239, 0x23b6bd8ff306dc01, 0xe08409f0cb348bfb, 0x5b1196f741b79d35, 0x3be93fb8d9959a62
random3:
	.quad	0xe5f31bed7c9df940, 0x8cb950a5c147eea8, 0xfb3e7196906b630c, 0xabb4da1c6df8ccf6, 0xe37d37395d3c6201, 0xa37e37286e08d514
random4:
	.quad	0xa7be99ae5052aa32, 0x589218431e0b4ee5, 0x983ca1bed1d42a63, 0xa23fb787cc5aad8f, 0x434cbf26fc559a25, 0x72c8dd98b0e04e90
ones:
	.quad	-1, -1, -1, -1, -1, -1
zeros:
	.quad	0, 0, 0, 0, 0, 0
