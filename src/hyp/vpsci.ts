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


export type VpsciOutcome = { readonly x0: bigint } | { readonly ends: 'SYSTEM_OFF' | 'SYSTEM_RESET' };

/** What a VM's PSCI call with X0 = `fn`, X1 = `arg` does (the 32-bit function ID: W0, SMCCC §2.5). */
export function vpsciAnswer(fn: bigint, arg: bigint): VpsciOutcome {
  const id = Number(fn & 0xffff_ffffn);
  const ret = (v: number) => ({ x0: BigInt.asUintN(64, BigInt(v)) });
  switch (id) {
    case PSCI_VERSION: return ret(VPSCI_VERSION);
    case PSCI_FEATURES: return ret(TABLE.some(([f]) => BigInt(f) === arg) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
    case PSCI_MIGRATE_INFO_TYPE: return ret(VPSCI_MIGRATE_NONE);
    case PSCI_CPU_ON:
    case PSCI_CPU_ON_64: return ret(PSCI_INVALID_PARAMS);
    case PSCI_SYSTEM_OFF: return { ends: 'SYSTEM_OFF' };
    case PSCI_SYSTEM_RESET: return { ends: 'SYSTEM_RESET' };
    default: return ret(PSCI_NOT_SUPPORTED);
  }
}

/** What vpsci.S does for an implemented function: VPSCI_H_<name> (its number here), SYSTEM_OFF and SYSTEM_RESET last. */
const HANDLERS = ['VERSION', 'FEATURES', 'MIGRATE', 'CPU_ON', 'OFF', 'RESET'] as const;
const TABLE: readonly [number, (typeof HANDLERS)[number]][] = [
  [PSCI_VERSION, 'VERSION'], [PSCI_FEATURES, 'FEATURES'], [PSCI_MIGRATE_INFO_TYPE, 'MIGRATE'], [PSCI_CPU_ON, 'CPU_ON'], [PSCI_CPU_ON_64, 'CPU_ON'],
  [PSCI_SYSTEM_OFF, 'OFF'], [PSCI_SYSTEM_RESET, 'RESET'],
];

/** The `.equ`s vpsci.S uses: the handler numbers (0: not implemented) and the answers. */
export function vpsciEqus(): [string, number, string][] {
  return [
    ...HANDLERS.map((h, i): [string, number, string] => [`VPSCI_H_${h}`, i + 1, `vpsci_table: ${TABLE.filter(([, x]) => x === h).map(([id]) => `0x${id.toString(16)}`).join(', ')}`]),
    ['VPSCI_VERSION', VPSCI_VERSION, 'what PSCI_VERSION answers: 1.0'],
    ['VPSCI_MIGRATE_NONE', VPSCI_MIGRATE_NONE, 'MIGRATE_INFO_TYPE: no Trusted OS to migrate'],
  ];
}

/** `vpsci_table` for config.S: (function ID, handler) words, ending with 0. */
export function vpsciTableSource(): string {
  return [`vpsci_table:                                  // PSCI functions a VM may call (vpsci.ts; vpsci.S vpsci_which)`, ...TABLE.map(([id, h]) => `    .word 0x${id.toString(16)}, VPSCI_H_${h}`), '    .word 0, 0'].join('\n');
}
