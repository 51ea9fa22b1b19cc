// EL1 stage-1 data aborts at every level (taken to EL1, EC 0x25, see s1-el1.inc for the tables): Translation
// faults L0–L3, Access flag faults L1–L3 (blocks and a page; no hardware AF on v8.0), Address size faults L0
// (TTBR1_EL1 BADDR ≥ 2^44), L1 (table address), L2 (block address), L3 (page address) (ARM J1.1
// AArch64.S1Walk, §D24.2.46 DFSC). Faulting accesses use LDP (no instruction syndrome).
	.include "lib.inc"
	.include "mmu.inc"
	.include "s1-el1.inc"
main:
	S1_EL1_SETUP
el1_entry:
	ldr	x1, =TEST_VA
	ldr	x2, [x1]
	PRINT	el1_read, x2
	ldr	x1, =0x0000008000000000		// l0[1] invalid
	ldp	x2, x3, [x1]
	ldr	x1, =0xc0000000			// l1[3] invalid
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x200000		// l2[1] invalid
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x1000		// l3[1] invalid
	ldp	x2, x3, [x1]
	ldr	x1, =0x100000000		// l1[4]: block, AF = 0
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x400000		// l2[2]: block, AF = 0
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x2000		// l3[2]: page, AF = 0
	ldp	x2, x3, [x1]
	ldr	x1, =0xffff000000000000		// TTBR1_EL1 region: BADDR beyond 44 bits
	ldp	x2, x3, [x1]
	ldr	x1, =0x140000000		// l1[5]: next-level table beyond 44 bits
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x600000		// l2[3]: block output beyond 44 bits
	ldp	x2, x3, [x1]
	ldr	x1, =TEST_VA + 0x4000		// l3[4]: page output beyond 44 bits
	ldp	x2, x3, [x1]
	EXIT
