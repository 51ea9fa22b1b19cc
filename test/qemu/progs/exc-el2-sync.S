// Synchronous exceptions taken at EL2 from EL2 (vector +0x200): BRK (EC 0x3C), SVC (EC 0x15), HVC (EC 0x16),
// UDF and an unallocated word (EC 0x00), each with ELR and SPSR (NZCV and DAIF of the interrupted code).
	.include "lib.inc"
main:
	mov	x0, #0x90000000
	msr	nzcv, x0
	brk	#0x1234
	svc	#0x42
	hvc	#0xabcd
	msr	daifclr, #0x4
	udf	#7
	.word	0x00000000
	.word	0xffffffff
	msr	daifset, #0xf
	PRINTI	done, 1
	ret
