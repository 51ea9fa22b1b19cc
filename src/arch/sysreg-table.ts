// The rows of the system-register table (see sysregs.ts for the row type). One row per register.
// Sources: ARM §D24.2 register pages (ARCH-NOTES source key), QEMU helper.c reginfo, ARCH-NOTES §1, §4–§6, §12, §14.
import type { Profile } from './profiles.ts';
import { encKey, type SysRegDef, type SysRegField, type SysRegKind, type SysRegEffect, type HcrTrap } from './sysregs.ts';

interface RowOpts {
  minEl?: 0 | 1 | 2;
  access?: 'rw' | 'ro' | 'wo';
  kind?: SysRegKind;
  reset?: bigint | ((p: Profile) => bigint);
  res0?: bigint;
  res1?: bigint;
  fields?: readonly SysRegField[];
  trapRead?: HcrTrap;
  trapWrite?: HcrTrap;
  effect?: SysRegEffect;
  doc: string;
}

function reg<N extends string>(name: N, op0: number, op1: number, crn: number, crm: number, op2: number, o: RowOpts): SysRegDef & { readonly name: N } {
  const reset = o.reset ?? 0n;
  return {
    name,
    enc: [op0, op1, crn, crm, op2],
    minEl: o.minEl ?? (op1 === 4 ? 2 : op1 === 3 ? 0 : 1),
    access: o.access ?? 'rw',
    kind: o.kind ?? 'store',
    reset: typeof reset === 'bigint' ? () => reset : reset,
    res0: o.res0 ?? 0n,
    res1: o.res1 ?? 0n,
    fields: o.fields ?? [],
    trapRead: o.trapRead,
    trapWrite: o.trapWrite,
    effect: o.effect ?? 'none',
    doc: o.doc,
  };
}

const f = (name: string, hi: number, lo: number, doc?: string): SysRegField => ({ name, hi, lo, doc });

export const SYSREGS = [
  // --- PSTATE views and banked stack pointers (held by the CPU) ---
  reg('NZCV', 3, 3, 4, 2, 0, { kind: 'pstate', minEl: 0, res0: ~0xf0000000n & ((1n << 64n) - 1n), doc: 'condition flags' }),
  reg('DAIF', 3, 3, 4, 2, 1, { kind: 'pstate', minEl: 0, doc: 'interrupt masks D A I F (bits 9:6)' }),
  reg('CurrentEL', 3, 0, 4, 2, 2, { kind: 'pstate', access: 'ro', minEl: 1, doc: 'current exception level in bits 3:2' }),
  reg('SPSel', 3, 0, 4, 2, 0, { kind: 'pstate', minEl: 1, doc: 'stack pointer select' }),
  reg('SP_EL0', 3, 0, 4, 1, 0, { kind: 'sp', minEl: 1, doc: 'EL0 stack pointer' }),
  reg('SP_EL1', 3, 4, 4, 1, 0, { kind: 'sp', minEl: 2, doc: 'EL1 stack pointer' }),
  // --- exception state ---
  reg('ELR_EL1', 3, 0, 4, 0, 1, { doc: 'exception link register, EL1' }),
  reg('SPSR_EL1', 3, 0, 4, 0, 0, { doc: 'saved program status, EL1' }),
  reg('ESR_EL1', 3, 0, 5, 2, 0, { trapRead: 'TRVM', trapWrite: 'TVM', doc: 'exception syndrome, EL1' }),
  reg('FAR_EL1', 3, 0, 6, 0, 0, { trapRead: 'TRVM', trapWrite: 'TVM', doc: 'fault address, EL1' }),
  reg('VBAR_EL1', 3, 0, 12, 0, 0, { res0: 0x7ffn, doc: 'vector base, EL1' }),
  reg('ELR_EL2', 3, 4, 4, 0, 1, { doc: 'exception link register, EL2' }),
  reg('SPSR_EL2', 3, 4, 4, 0, 0, { doc: 'saved program status, EL2' }),
  reg('ESR_EL2', 3, 4, 5, 2, 0, { doc: 'exception syndrome, EL2' }),
  reg('FAR_EL2', 3, 4, 6, 0, 0, { doc: 'fault address, EL2' }),
  reg('HPFAR_EL2', 3, 4, 6, 0, 4, { doc: 'faulting IPA[47:12] in bits 39:4 on stage-2 faults' }),
  reg('VBAR_EL2', 3, 4, 12, 0, 0, { res0: 0x7ffn, doc: 'vector base, EL2' }),
  // --- translation controls ---
  reg('SCTLR_EL1', 3, 0, 1, 0, 0, { reset: 0x00c50838n, trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', doc: 'system control, EL1&0' }),
  reg('SCTLR_EL2', 3, 4, 1, 0, 0, { effect: 'translation', doc: 'system control, EL2' }),
  reg('HCR_EL2', 3, 4, 1, 1, 0, {
    effect: 'routing',
    fields: [f('VM', 0, 0, 'EL1&0 stage 2 enable'), f('DC', 12, 12, 'default cacheable'), f('TGE', 27, 27, 'trap general exceptions'), f('RW', 31, 31, 'EL1 is AArch64')],
    doc: 'hypervisor configuration',
  }),
  reg('TTBR0_EL1', 3, 0, 2, 0, 0, { trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', doc: 'translation table base 0, EL1&0' }),
  reg('TTBR1_EL1', 3, 0, 2, 0, 1, { trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', doc: 'translation table base 1, EL1&0' }),
  reg('TCR_EL1', 3, 0, 2, 0, 2, { trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', doc: 'translation control, EL1&0' }),
  reg('TTBR0_EL2', 3, 4, 2, 0, 0, { effect: 'translation', doc: 'translation table base, EL2' }),
  reg('TCR_EL2', 3, 4, 2, 0, 2, { effect: 'translation', doc: 'translation control, EL2' }),
  reg('VTTBR_EL2', 3, 4, 2, 1, 0, { effect: 'translation', doc: 'stage-2 table base and VMID' }),
  reg('VTCR_EL2', 3, 4, 2, 1, 2, { effect: 'translation', doc: 'stage-2 translation control' }),
  reg('MAIR_EL1', 3, 0, 10, 2, 0, { trapRead: 'TRVM', trapWrite: 'TVM', effect: 'translation', doc: 'memory attribute indirection, EL1&0' }),
  reg('MAIR_EL2', 3, 4, 10, 2, 0, { effect: 'translation', doc: 'memory attribute indirection, EL2' }),
  reg('PAR_EL1', 3, 0, 7, 4, 0, { doc: 'physical address register (AT result)' }),
] as const;

export type SysRegName = (typeof SYSREGS)[number]['name'];

/** Register index by name: `SR.HCR_EL2` is the slot of HCR_EL2 in a SysRegFile. */
export const SR = Object.fromEntries(SYSREGS.map((r, i) => [r.name, i])) as Readonly<Record<SysRegName, number>>;

/** Register index by encoding key (encKey), -1 when unallocated. */
const byKey = new Map<number, number>(SYSREGS.map((r, i) => [encKey(...r.enc), i]));
export function sysregIndexByEncoding(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return byKey.get(encKey(op0, op1, crn, crm, op2)) ?? -1;
}

const byUpperName = new Map<string, number>(SYSREGS.map((r, i) => [r.name.toUpperCase(), i]));
/** Case-insensitive lookup (assembly accepts `hcr_el2` and `HCR_EL2`), -1 when unknown. */
export function sysregIndexByName(name: string): number {
  return byUpperName.get(name.toUpperCase()) ?? -1;
}
