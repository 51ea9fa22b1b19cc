// An exception taken from EL2t (SPSel = 0) uses the current-EL SP_EL0 group (vector +0x000) and SPSR.M = EL2t.
	.include "lib.inc"
main:
	msr	spsel, #0
	svc	#1
	brk	#2
	msr	spsel, #1
	PRINTSYS spsel_after, SPSel
	ret
