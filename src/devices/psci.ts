// PSCI over the SMC conduit (Arm DEN 0022 "Power State Coordination Interface"), answering as QEMU 7.2's
// built-in firmware does on `-M virt,virtualization=on` with one CPU (target/arm/psci.c; observed on
// qemu-system-aarch64 7.2: PSCI_VERSION = 1.1). With EL2 present and no EL3, QEMU treats every SMC that
// is not trapped by HCR_EL2.TSC as a PSCI call; function IDs it does not know return NOT_SUPPORTED.
import type { GuestCall } from './guest.ts';

export const PSCI_VERSION = 0x8400_0000;
export const PSCI_CPU_SUSPEND = 0x8400_0001;
export const PSCI_CPU_OFF = 0x8400_0002;
export const PSCI_CPU_ON = 0x8400_0003;
export const PSCI_AFFINITY_INFO = 0x8400_0004;
export const PSCI_MIGRATE = 0x8400_0005;
export const PSCI_MIGRATE_INFO_TYPE = 0x8400_0006;
export const PSCI_SYSTEM_OFF = 0x8400_0008;
export const PSCI_SYSTEM_RESET = 0x8400_0009;
export const PSCI_FEATURES = 0x8400_000a;
export const PSCI_CPU_SUSPEND_64 = 0xc400_0001; // SMC64 forms (SMC Calling Convention: bit 30 set)
export const PSCI_CPU_ON_64 = 0xc400_0003;
export const PSCI_AFFINITY_INFO_64 = 0xc400_0004;
export const PSCI_MIGRATE_64 = 0xc400_0005; // named in the device tree's /psci node; answered NOT_SUPPORTED
export const PSCI_0_1_CPU_SUSPEND = 0x95c1_ba5e; // PSCI 0.1 IDs QEMU still accepts
export const PSCI_0_1_CPU_OFF = 0x95c1_ba5f;
export const PSCI_0_1_CPU_ON = 0x95c1_ba60;
export const PSCI_0_1_MIGRATE = 0x95c1_ba61;

/** PSCI return codes (DEN 0022 §5.2.2). */
export const PSCI_SUCCESS = 0;
export const PSCI_NOT_SUPPORTED = -1;
export const PSCI_INVALID_PARAMS = -2;
export const PSCI_ALREADY_ON = -4;
const VERSION_1_1 = 0x0001_0001; // major 1 in bits 31:16, minor 1
const TOS_MIGRATION_NOT_REQUIRED = 2; // MIGRATE_INFO_TYPE: no Trusted OS
const AFF_INFO_ON = 0; // AFFINITY_INFO: the CPU is on
const BOOT_CPU_AFFINITY = 0n; // the one CPU's MPIDR affinity fields (MPIDR_EL1 = 0x8000_0000)

/** Function IDs PSCI_FEATURES reports as implemented (QEMU: all it handles except MIGRATE). */
const IMPLEMENTED = new Set<number>([
  PSCI_VERSION, PSCI_MIGRATE_INFO_TYPE, PSCI_AFFINITY_INFO, PSCI_AFFINITY_INFO_64, PSCI_SYSTEM_RESET,
  PSCI_SYSTEM_OFF, PSCI_0_1_CPU_ON, PSCI_CPU_ON, PSCI_CPU_ON_64, PSCI_0_1_CPU_OFF, PSCI_CPU_OFF,
  PSCI_0_1_CPU_SUSPEND, PSCI_CPU_SUSPEND, PSCI_CPU_SUSPEND_64, PSCI_FEATURES,
]);

/** Handle one SMC: function ID in X0, arguments in X1–X3, result in X0 (other registers unchanged). */
export function psciCall(g: GuestCall): void {
  const fn = g.x(0);
  const arg1 = g.x(1);
  let ret: number;
  switch (fn > 0xffff_ffffn ? -1 : Number(fn)) {
    case PSCI_VERSION:
      ret = VERSION_1_1;
      break;
    case PSCI_MIGRATE_INFO_TYPE:
      ret = TOS_MIGRATION_NOT_REQUIRED;
      break;
    case PSCI_FEATURES:
      ret = arg1 <= 0xffff_ffffn && IMPLEMENTED.has(Number(arg1)) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
      break;
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO_64:
      // Lowest affinity level 0 asks about one CPU; everything above level 0 is always on (QEMU)
      if (g.x(2) !== 0n) ret = AFF_INFO_ON;
      else ret = arg1 === BOOT_CPU_AFFINITY ? AFF_INFO_ON : PSCI_INVALID_PARAMS;
      break;
    case PSCI_0_1_CPU_ON:
    case PSCI_CPU_ON:
    case PSCI_CPU_ON_64:
      ret = arg1 === BOOT_CPU_AFFINITY ? PSCI_ALREADY_ON : PSCI_INVALID_PARAMS; // only one CPU exists
      break;
    case PSCI_0_1_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND_64:
      // QEMU rejects affinity levels, else "suspends" with a WFI that any event ends: return SUCCESS
      ret = (arg1 & 0xfffe_0000n) !== 0n ? PSCI_INVALID_PARAMS : PSCI_SUCCESS;
      break;
    case PSCI_0_1_CPU_OFF:
    case PSCI_CPU_OFF:
      g.halt('PSCI CPU_OFF: the only CPU powered itself off');
      return;
    case PSCI_SYSTEM_OFF:
      g.exit(0);
      return;
    case PSCI_SYSTEM_RESET:
      g.halt('PSCI SYSTEM_RESET: the guest asked for a reboot; stopped');
      return;
    default: // includes MIGRATE
      ret = PSCI_NOT_SUPPORTED;
  }
  g.setX(0, BigInt.asUintN(64, BigInt(ret)));
}
