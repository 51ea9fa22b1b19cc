// Reset values of the identification registers QEMU's cortex-a57 presents (ARCH-NOTES §12, §14). twostage's
// AArch64-only A57 differs in ID_AA64PFR0_EL1.EL0..EL2 and the AArch32 ID registers (DEVIATIONS.md A1).
	.include "lib.inc"
main:
	PRINTSYS midr, midr_el1
	PRINTSYS mpidr, mpidr_el1
	PRINTSYS revidr, revidr_el1
	PRINTSYS id_aa64pfr0, id_aa64pfr0_el1
	PRINTSYS id_aa64pfr1, id_aa64pfr1_el1
	PRINTSYS id_aa64mmfr0, id_aa64mmfr0_el1
	PRINTSYS id_aa64mmfr1, id_aa64mmfr1_el1
	PRINTSYS id_aa64isar0, id_aa64isar0_el1
	PRINTSYS id_aa64isar1, id_aa64isar1_el1
	PRINTSYS id_aa64dfr0, id_aa64dfr0_el1
	PRINTSYS id_pfr0, id_pfr0_el1
	PRINTSYS id_pfr1, id_pfr1_el1
	PRINTSYS id_dfr0, id_dfr0_el1
	PRINTSYS id_mmfr0, id_mmfr0_el1
	PRINTSYS id_isar0, id_isar0_el1
	PRINTSYS mvfr0, mvfr0_el1
	ret
