// A synchronous External abort on a stage-1 table walk (a next-level table at PA 0x1_0000_0000, where the virt
// board has nothing): an AT instruction takes it as a Data Abort — PAR_EL1 keeps its value, since its FST has no
// encoding for such aborts (ARM §D24.2 PAR_EL1.FST note) — with CM = 1 and WnR = 1 (ARM §D24.2.46 ISS CM, WnR), and
// a load takes it as a Data Abort whose DFSC is 0b0101LL for the level of the table read (ARM §D24.2.46 DFSC).
// ISS.EA, an IMPLEMENTATION DEFINED classification, is 0 as on QEMU. Tables: s1-el1.inc, plus l1[6] and l2[4] →
// tables at 0x1_0000_0000 (walk reads at levels 2 and 3).
	.include "lib.inc"
	.include "mmu.inc"
	.include "s1-el1.inc"
	.equ	NOWHERE, 0x100000000
main:
	STORE_PTE l1, 6, NOWHERE + D_TABLE
	STORE_PTE l2, 4, NOWHERE + D_TABLE
	S1_EL1_SETUP
el1_entry:
	ldr	x1, =TEST_VA
	at	s1e1r, x1				// succeeds: PAR_EL1 = data_page
	isb
	PRINTSYS par_ok, par_el1
	ldr	x1, =0x180000000			// l1[6]: level-2 table read aborts
	at	s1e1r, x1
	isb
	PRINTSYS par_after_at_l2, par_el1
	ldr	x1, =TEST_VA + 0x800000			// l2[4]: level-3 table read aborts
	at	s1e0w, x1
	isb
	PRINTSYS par_after_at_l3, par_el1
	ldr	x1, =0x180000000
	ldr	x2, [x1]
	ldr	x1, =TEST_VA + 0x800000
	str	x2, [x1]
	EXIT
