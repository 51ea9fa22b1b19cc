// PSCI as the reference hypervisor offers it to a VM (issue 17 step 3): the VM's device tree says method "hvc"
// (vm-dt.ts), so its kernel calls with HVC #0, X0 = the function ID (Arm DEN 0022 PSCI, SMC Calling Convention §2.5,
// fast calls 0x8400_xxxx / 0xC400_xxxx), and src/hyp/asm/vpsci.S answers in X0. A VM has one vCPU: CPU_ON names a
// CPU that does not exist (INVALID_PARAMETERS); SYSTEM_OFF and SYSTEM_RESET end that VM only (no reboot); every
// other ID is NOT_SUPPORTED. `vpsciAnswer` is the same table in TypeScript, for the tests.
import {
  PSCI_CPU_ON, PSCI_CPU_ON_64, PSCI_FEATURES, PSCI_INVALID_PARAMS, PSCI_MIGRATE_INFO_TYPE, PSCI_NOT_SUPPORTED, PSCI_SUCCESS, PSCI_SYSTEM_OFF,
  PSCI_SYSTEM_RESET, PSCI_VERSION,
} from '../devices/psci.ts';

/** PSCI 1.0 (major 1 in bits 31:16): FEATURES is there, as the /psci node's "arm,psci-1.0" says. */
export const VPSCI_VERSION = 0x1_0000;
/** MIGRATE_INFO_TYPE 2: no Trusted OS that needs migrating (DEN 0022 §5.9), as QEMU answers. */
export const VPSCI_MIGRATE_NONE = 2;

/** The functions the VM's PSCI implements (FEATURES answers SUCCESS for them). */
const IMPLEMENTED = [PSCI_VERSION, PSCI_FEATURES, PSCI_MIGRATE_INFO_TYPE, PSCI_CPU_ON, PSCI_CPU_ON_64, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET];

export type VpsciOutcome = { readonly x0: bigint } | { readonly ends: 'SYSTEM_OFF' | 'SYSTEM_RESET' };

/** What a VM's PSCI call with X0 = `fn`, X1 = `arg` does (the 32-bit function ID: W0, SMCCC §2.5). */
export function vpsciAnswer(fn: bigint, arg: bigint): VpsciOutcome {
  const id = Number(fn & 0xffff_ffffn);
  const ret = (v: number) => ({ x0: BigInt.asUintN(64, BigInt(v)) });
  switch (id) {
    case PSCI_VERSION: return ret(VPSCI_VERSION);
    case PSCI_FEATURES: return ret(IMPLEMENTED.includes(Number(arg & 0xffff_ffffn)) && (arg >> 32n) === 0n ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
    case PSCI_MIGRATE_INFO_TYPE: return ret(VPSCI_MIGRATE_NONE);
    case PSCI_CPU_ON:
    case PSCI_CPU_ON_64: return ret(PSCI_INVALID_PARAMS);
    case PSCI_SYSTEM_OFF: return { ends: 'SYSTEM_OFF' };
    case PSCI_SYSTEM_RESET: return { ends: 'SYSTEM_RESET' };
    default: return ret(PSCI_NOT_SUPPORTED);
  }
}

/** The `.equ`s vpsci.S compares with (IDs in 16-bit halves for MOV/MOVK). */
export function vpsciEqus(): [string, number, string][] {
  return [
    ['VPSCI_SMC32_HI', PSCI_VERSION >>> 16, 'the SMC32 fast calls\' high half (PSCI 0x8400_xxxx)'],
    ['VPSCI_FN_VERSION', PSCI_VERSION & 0xffff, 'PSCI_VERSION, low half'],
    ['VPSCI_FN_FEATURES', PSCI_FEATURES & 0xffff, 'PSCI_FEATURES, low half'],
    ['VPSCI_FN_MIGRATE_INFO_TYPE', PSCI_MIGRATE_INFO_TYPE & 0xffff, 'MIGRATE_INFO_TYPE, low half'],
    ['VPSCI_FN_CPU_ON', PSCI_CPU_ON & 0xffff, 'CPU_ON (SMC32 and SMC64), low half'],
    ['VPSCI_FN_SYSTEM_OFF', PSCI_SYSTEM_OFF & 0xffff, 'SYSTEM_OFF, low half'],
    ['VPSCI_FN_SYSTEM_RESET', PSCI_SYSTEM_RESET & 0xffff, 'SYSTEM_RESET, low half'],
    ['VPSCI_SMC64_HI', PSCI_CPU_ON_64 >>> 16, 'the SMC64 fast calls\' high half'],
    ['VPSCI_VERSION', VPSCI_VERSION, 'what PSCI_VERSION answers: 1.0'],
    ['VPSCI_MIGRATE_NONE', VPSCI_MIGRATE_NONE, 'MIGRATE_INFO_TYPE: no Trusted OS to migrate'],
  ];
}
