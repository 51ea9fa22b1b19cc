// Illegal exception returns from EL2 (ARM §D1.4, J1.3 IllegalExceptionReturn): PC <- ELR, NZCV/DAIF <- SPSR,
// EL and SP unchanged, PSTATE.IL <- 1; the next instruction takes EC 0x0E at EL2 (vector 0x200).
// Cases: SPSR.M = EL3h (not implemented), M = 0b0001 (reserved), M[1] = 1, AArch32 Hyp mode (EL2 is AArch64),
// EL1h with HCR_EL2.TGE = 1. Last, a legal return to EL2h with SPSR.IL = 1 (IL is restored, same exception).
// (EL1h with HCR_EL2.RW = 0 is illegal on QEMU's A57, whose EL1 can be AArch32; on twostage's AArch64-only EL1 RW
// is RAO/WI and the return is legal: DEVIATIONS.md A1, note-vm-only-eret.)
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
	CASE	0x100001da
	SETHCR	HCR_RW | HCR_TGE
	CASE	0x000003c5
	SETHCR	0
	CASE	0x001003c9
	PRINTI	done, 1
	ret
