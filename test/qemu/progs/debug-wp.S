// Watchpoints (ARM §D2 "Watchpoint exceptions"; AArch64.WatchpointMatch, AArch64.WatchpointByteMatch): EC 0x34 from
// EL0 / 0x35 at EL1, DFSC 0x22, WnR, ELR = the access, FAR (`wfar`) = the lowest watched byte the access touches.
// DBGWCR.LSC selects loads and/or stores; BAS selects bytes of the doubleword (or, with DBGWVR[2] = 1, of the word);
// MASK watches an aligned 2^MASK-byte region; PAC filters by EL (LDTR at EL1 counts as EL0); accesses and pairs
// overlapping the watched bytes hit. (Unaligned accesses are left out: QEMU 7.2 reports FAR from its split aligned
// accesses, and a load after a store hit on the same watchpoint with WnR = 1, a stale flag.)
	.include "lib.inc"
	.include "debug.inc"
	.equ	WCR_E, 1
	.equ	WCR_LOAD, 1 << 3
	.equ	WCR_STORE, 2 << 3
	DEBUG_EL1_MAIN
	mov	x0, #MDSCR_MDE
	msr	mdscr_el1, x0
	ldr	x20, =wdata
	// wp0: bytes 2..3 of wdata (BAS 0b00001100), stores only, EL0 only
	msr	dbgwvr0_el1, x20
	ldr	x0, =((0x0c << 5) | WCR_STORE | (2 << 1) | WCR_E)
	msr	dbgwcr0_el1, x0
	isb
	PRINTI	el0_bas_store, 1
	EL0_RUN	el0_bytes
	msr	dbgwcr0_el1, xzr

	// wp1: the word at wdata + 12 (DBGWVR[2] = 1, BAS 0b1111), loads only, EL1 and EL0 (PAC 0b11)
	add	x0, x20, #12
	msr	dbgwvr1_el1, x0
	ldr	x0, =((0x0f << 5) | WCR_LOAD | (3 << 1) | WCR_E)
	msr	dbgwcr1_el1, x0
	isb
	PRINTI	el0_word_load, 2
	EL0_RUN	el0_word
	// at EL1: KDE = 0 → no watchpoint; KDE = 1 with PSTATE.D = 0 → EC 0x35
	PRINTI	el1_kde0, 3
	msr	daifclr, #8
	ldr	w1, [x20, #12]
	msr	daifset, #8
	ldr	x0, =(MDSCR_MDE | MDSCR_KDE)
	msr	mdscr_el1, x0
	isb
	PRINTI	el1_kde1, 4
	msr	daifclr, #8
	ldr	w1, [x20, #12]
	ldp	x1, x2, [x20]			// second doubleword holds the word
	str	w1, [x20, #12]			// a store: LSC loads only
	msr	daifset, #8
	msr	dbgwcr1_el1, xzr

	// wp2: MASK = 6: the 64-byte block at wdata + 64, loads and stores, EL0 only; LDTR at EL1 counts as EL0
	add	x0, x20, #64
	msr	dbgwvr2_el1, x0
	ldr	x0, =((6 << 24) | (0xff << 5) | WCR_LOAD | WCR_STORE | (2 << 1) | WCR_E)
	msr	dbgwcr2_el1, x0
	isb
	PRINTI	el1_ldtr, 5
	msr	daifclr, #8
	ldr	x1, [x20, #64]			// EL1 access: PAC says EL0 only
	ldtr	x1, [x20, #120]			// unprivileged: matches
	msr	daifset, #8
	PRINTI	el0_mask, 6
	EL0_RUN	el0_mask
	msr	dbgwcr2_el1, xzr
	PRINTI	done, 7
	EXIT

	.balign	64
el0_bytes:
	ldr	x1, [x20]			// a load: LSC stores only
	strb	w1, [x20, #1]			// byte 1: not watched
	strh	w1, [x20, #2]			// bytes 2..3
	str	x1, [x20]			// the doubleword covers bytes 2..3
	strb	w1, [x20, #4]			// byte 4: not watched
	svc	#0x42

el0_word:
	ldr	w1, [x20, #8]			// the other word: not watched
	ldr	w1, [x20, #12]
	ldrb	w1, [x20, #15]
	ldr	x1, [x20, #8]			// the doubleword covers the word
	svc	#0x42

el0_mask:
	str	x1, [x20, #56]			// below the block
	ldr	x1, [x20, #104]
	ldp	w1, w2, [x20, #56]		// the second register's word is in the block
	str	x1, [x20, #64]
	stp	x1, x2, [x20, #112]		// both in the block: the first hits
	str	x1, [x20, #128]			// after the block
	svc	#0x42
	.ltorg

	.data
	.balign	128
wdata:	.space	256
