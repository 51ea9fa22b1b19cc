// Stage-2 permission fault: a guest write to a read-only (S2AP = 01) page (EC 0x24, DFSC 0x0F, WnR = 1), and an
// instruction fetch from an S2 execute-never page (EC 0x20). HPFAR_EL2 is UNKNOWN for permission faults; QEMU
// writes it (ARCH-NOTES §14 D7).
	.include "lib.inc"
	.include "mmu.inc"
main:
	STORE_PTE s2_l1, 0, 0x00000000 + S2_DEVICE + D_BLOCK
	STORE_PTE s2_l1, 1, s2_l2 + D_TABLE
	STORE_PTE s2_l2, 0, 0x40000000 + S2_NORMAL + D_BLOCK
	STORE_PTE s2_l2, 1, s2_l3 + D_TABLE
	STORE_PTE s2_l3, 0, ro_page + S2_RO_NORMAL + D_PAGE
	STORE_PTE s2_l3, 1, xn_page + S2_NORMAL + S2_XN + D_PAGE
	ldr	x0, =s2_l1
	msr	vttbr_el2, x0
	ldr	x0, =VTCR_RES1 | VTCR_PS44 | TCR_WBWA_IS | (1 << 6) | 32
	msr	vtcr_el2, x0
	SETHCR	HCR_RW | HCR_VM
	ERET_TO	el2, 0x3c5, guest
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
	.balign	4096
s2_l1:	.skip	4096
s2_l2:	.skip	4096
s2_l3:	.skip	4096
