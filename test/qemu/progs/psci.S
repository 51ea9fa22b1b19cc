// PSCI over SMC at EL2 (QEMU's virt firmware emulation, conduit SMC): PSCI_VERSION, PSCI_FEATURES,
// an unknown function (NOT_SUPPORTED = -1), and MIGRATE_INFO_TYPE.
	.include "lib.inc"
main:
	ldr	x0, =0x84000000
	smc	#0
	PRINT	psci_version, x0
	ldr	x0, =0x8400000a
	ldr	x1, =0x84000000
	smc	#0
	PRINT	features_version, x0
	ldr	x0, =0x84000006
	smc	#0
	PRINT	migrate_info_type, x0
	ldr	x0, =0x8400ffff
	smc	#0
	PRINT	unknown_fn, x0
	ret
