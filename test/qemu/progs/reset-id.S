// Reset values of the identification registers QEMU's cortex-a57 presents (ARCH-NOTES §12, §14).
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
	ret
