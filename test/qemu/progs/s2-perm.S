// Stage-2 permission fault: a guest write to a read-only (S2AP = 01) page (EC 0x24, DFSC 0x0F, WnR = 1), and an
// instruction fetch from an S2 execute-never page (EC 0x20). HPFAR_EL2 is UNKNOWN for permission faults; QEMU
// writes it (ARCH-NOTES §14 D7).
	.include "lib.inc"
	.include "mmu.inc"
main:
	IDENTITY_L1_L2 s2_l1, s2_l2, s2_l3, S2_DEVICE, S2_NORMAL
	STORE_PTE s2_l3, 0, ro_page + S2_RO_NORMAL + D_PAGE
	STORE_PTE s2_l3, 1, xn_page + S2_NORMAL + S2_XN + D_PAGE
	S2_SETUP s2_l1, TCR_TG0_4K, 1, 32
	S2_ENTER_EL1 guest
guest:
	ldr	x1, =0x40200000
	ldr	x2, [x1]
	PRINT	ro_read, x2
	str	x2, [x1, #8]
	ldr	x2, [x1, #8]
	PRINT	ro_after_write, x2
	RESUME	back
	ldr	x3, =0x40201000
	br	x3
back:
	EXIT

	.data
	.balign	4096
ro_page:
	.quad	0x0f0f000000000001, 0x0f0f000000000002
	.balign	4096
xn_page:
	ret

	.bss
	TABLES_4K s2_l1, s2_l2, s2_l3
