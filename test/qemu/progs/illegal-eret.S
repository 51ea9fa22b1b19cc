// Illegal exception returns from EL2 (ARM §D1.4, J1.3 IllegalExceptionReturn): PC <- ELR, NZCV/DAIF <- SPSR,
// EL and SP unchanged, PSTATE.IL <- 1; the next instruction takes EC 0x0E at EL2 (vector 0x200).
// Cases: SPSR.M = EL3h (not implemented), M = 0b0001 (reserved), M[1] = 1, EL1h with HCR_EL2.RW = 0,
// EL1h with HCR_EL2.TGE = 1. Last, a legal return to EL2h with SPSR.IL = 1 (IL is restored, same exception).
	.include "lib.inc"
.macro CASE spsr
	ERET_TO	el2, \spsr, 1f
1:	nop
.endm
main:
	SETHCR	HCR_RW
	CASE	0x8000000d
	CASE	0x40000001
	CASE	0x20000006
	SETHCR	0
	CASE	0x100003c5
	SETHCR	HCR_RW | HCR_TGE
	CASE	0x000003c5
	SETHCR	0
	CASE	0x001003c9
	PRINTI	done, 1
	ret
