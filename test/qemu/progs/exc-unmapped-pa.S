// Data accesses at EL2 (MMU off) to physical addresses with nothing behind them: a synchronous external abort
// (EC 0x25, DFSC 0x10) with FAR = the address; and one at or above 2^44 (PARange): Address size fault level 0.
	.include "lib.inc"
main:
	ldr	x1, =0x0000040000000000
	ldr	x2, [x1]
	str	x2, [x1, #8]
	ldr	x1, =0x0000100000000000
	ldr	w2, [x1]
	ldr	x1, =0x00ff000000000000
	strb	w2, [x1]
	PRINTI	done, 1
	ret
