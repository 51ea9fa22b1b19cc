// PC alignment fault: BR to an address with bits 1:0 != 0 (EC 0x22, FAR = ELR = the misaligned target), at EL2;
// then an ERET to 0x681 (page 0, bits 1:0 = 01: the address once matched the CPU's invalid fetch tag and ran the
// previous page's words unchecked, campaign stop23 case 165925).
	.include "lib.inc"
main:
	mov	x20, x30
	RESUME	back
	adr	x1, back
	add	x1, x1, #2
	br	x1
back:
	RESUME	back2
	adr	x1, back2
	add	x1, x1, #1
	blr	x1
back2:
	RESUME	back3
	ERET_TO	el2, 0x3c9, 0x681
back3:
	PRINTI	done, 1
	mov	x30, x20
	ret
