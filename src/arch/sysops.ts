// The SYS-instruction operations of ARMv8.0: TLBI, AT, DC and IC (ARM C5.3 "A64 System instructions for cache
// maintenance / address translation / TLB maintenance"; ARCH-NOTES §9, §11). One row per operation: the single
// source for the CPU's SYS handler and for the assembler's and disassembler's `tlbi`/`at`/`dc`/`ic` names.
// Encoding: SYS #op1, Cn, Cm, #op2, Xt = 1101010100 0 01 op1 CRn CRm op2 Rt.

export type SysOpKind = 'tlbi' | 'at' | 'dc' | 'ic';

/** HCR_EL2 controls that trap the operation from EL1 (and EL0 where EL0 may execute it) to EL2 with EC 0x18. */
export type SysOpTrap = 'TTLB' | 'TPC' | 'TPU' | 'TSW' | 'TDZ';

/** SCTLR_EL1 control that lets EL0 execute it (else EC 0x18 to EL1, or to EL2 when HCR_EL2.TGE=1). */
export type SysOpEl0Gate = 'UCI' | 'DZE';

export interface SysOpDef {
  readonly kind: SysOpKind;
  /** Operation name as the Arm ARM writes it (upper case), e.g. 'VMALLE1IS'. */
  readonly name: string;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  /** Lowest EL that may execute it; lower ELs get UNDEFINED (EL0 needs `el0Gate` as well). */
  readonly minEl: 0 | 1 | 2;
  /** Takes Xt (an address or operand); otherwise Rt should be 31 and is ignored. */
  readonly xt: boolean;
  readonly trap?: SysOpTrap;
  readonly el0Gate?: SysOpEl0Gate;
  /** The Inner Shareable form that HCR_EL2.FB turns an EL1 operation into. */
  readonly broadcast?: string;
  /** DC/IC by virtual address (Xt is a VA that is translated and can fault). */
  readonly byVa?: boolean;
}

const tlbi = (name: string, op1: number, crm: number, op2: number, xt: boolean, broadcast?: string): SysOpDef => ({
  kind: 'tlbi', name, op1, crn: 8, crm, op2, minEl: op1 === 4 ? 2 : 1, xt, trap: op1 === 4 ? undefined : 'TTLB', broadcast,
});
const at = (name: string, op1: number, op2: number): SysOpDef => ({ kind: 'at', name, op1, crn: 7, crm: 8, op2, minEl: op1 === 4 ? 2 : 1, xt: true });

export const SYSOPS: readonly SysOpDef[] = [
  // TLB maintenance, EL1&0 regime, current VMID (ARCH-NOTES §9); HCR_EL2.TTLB traps them at EL1
  tlbi('VMALLE1IS', 0, 3, 0, false),
  tlbi('VAE1IS', 0, 3, 1, true),
  tlbi('ASIDE1IS', 0, 3, 2, true),
  tlbi('VAAE1IS', 0, 3, 3, true),
  tlbi('VALE1IS', 0, 3, 5, true),
  tlbi('VAALE1IS', 0, 3, 7, true),
  tlbi('VMALLE1', 0, 7, 0, false, 'VMALLE1IS'),
  tlbi('VAE1', 0, 7, 1, true, 'VAE1IS'),
  tlbi('ASIDE1', 0, 7, 2, true, 'ASIDE1IS'),
  tlbi('VAAE1', 0, 7, 3, true, 'VAAE1IS'),
  tlbi('VALE1', 0, 7, 5, true, 'VALE1IS'),
  tlbi('VAALE1', 0, 7, 7, true, 'VAALE1IS'),
  // EL2-only TLB maintenance (UNDEFINED at EL1)
  tlbi('IPAS2E1IS', 4, 0, 1, true),
  tlbi('IPAS2LE1IS', 4, 0, 5, true),
  tlbi('ALLE2IS', 4, 3, 0, false),
  tlbi('VAE2IS', 4, 3, 1, true),
  tlbi('ALLE1IS', 4, 3, 4, false),
  tlbi('VALE2IS', 4, 3, 5, true),
  tlbi('VMALLS12E1IS', 4, 3, 6, false),
  tlbi('IPAS2E1', 4, 4, 1, true),
  tlbi('IPAS2LE1', 4, 4, 5, true),
  tlbi('ALLE2', 4, 7, 0, false),
  tlbi('VAE2', 4, 7, 1, true),
  tlbi('ALLE1', 4, 7, 4, false),
  tlbi('VALE2', 4, 7, 5, true),
  tlbi('VMALLS12E1', 4, 7, 6, false),
  // Address translation (ARCH-NOTES §11): S1E1*/S1E0* from EL1, S12E*/S1E2* EL2 only; results in PAR_EL1
  at('S1E1R', 0, 0),
  at('S1E1W', 0, 1),
  at('S1E0R', 0, 2),
  at('S1E0W', 0, 3),
  at('S1E2R', 4, 0),
  at('S1E2W', 4, 1),
  at('S12E1R', 4, 4),
  at('S12E1W', 4, 5),
  at('S12E0R', 4, 6),
  at('S12E0W', 4, 7),
  // Data cache maintenance (ARM C5.3; HCR_EL2.TPC = PoC, TPU = PoU, TSW = set/way, TDZ = DC ZVA)
  { kind: 'dc', byVa: true, name: 'IVAC', op1: 0, crn: 7, crm: 6, op2: 1, minEl: 1, xt: true, trap: 'TPC' },
  { kind: 'dc', name: 'ISW', op1: 0, crn: 7, crm: 6, op2: 2, minEl: 1, xt: true, trap: 'TSW' },
  { kind: 'dc', name: 'CSW', op1: 0, crn: 7, crm: 10, op2: 2, minEl: 1, xt: true, trap: 'TSW' },
  { kind: 'dc', name: 'CISW', op1: 0, crn: 7, crm: 14, op2: 2, minEl: 1, xt: true, trap: 'TSW' },
  { kind: 'dc', byVa: true, name: 'ZVA', op1: 3, crn: 7, crm: 4, op2: 1, minEl: 0, xt: true, trap: 'TDZ', el0Gate: 'DZE' },
  { kind: 'dc', byVa: true, name: 'CVAC', op1: 3, crn: 7, crm: 10, op2: 1, minEl: 0, xt: true, trap: 'TPC', el0Gate: 'UCI' },
  { kind: 'dc', byVa: true, name: 'CVAU', op1: 3, crn: 7, crm: 11, op2: 1, minEl: 0, xt: true, trap: 'TPU', el0Gate: 'UCI' },
  { kind: 'dc', byVa: true, name: 'CIVAC', op1: 3, crn: 7, crm: 14, op2: 1, minEl: 0, xt: true, trap: 'TPC', el0Gate: 'UCI' },
  // Instruction cache maintenance (HCR_EL2.TPU; FB upgrades IC IALLU to IC IALLUIS)
  { kind: 'ic', name: 'IALLUIS', op1: 0, crn: 7, crm: 1, op2: 0, minEl: 1, xt: false, trap: 'TPU' },
  { kind: 'ic', name: 'IALLU', op1: 0, crn: 7, crm: 5, op2: 0, minEl: 1, xt: false, trap: 'TPU', broadcast: 'IALLUIS' },
  { kind: 'ic', byVa: true, name: 'IVAU', op1: 3, crn: 7, crm: 5, op2: 1, minEl: 0, xt: true, trap: 'TPU', el0Gate: 'UCI' },
];

/** Key of a SYS operation: op1:CRn:CRm:op2 (= instruction bits 18:5). */
export function sysopKey(op1: number, crn: number, crm: number, op2: number): number {
  return (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** Operation index by sysopKey, -1 when the SYS encoding is unallocated. */
export const SYSOP_BY_KEY: Int16Array = (() => {
  const t = new Int16Array(1 << 14).fill(-1);
  SYSOPS.forEach((o, i) => {
    const k = sysopKey(o.op1, o.crn, o.crm, o.op2);
    if (t[k] !== -1) throw new Error(`SYS table: ${o.name} and ${SYSOPS[t[k]!]!.name} share an encoding`);
    t[k] = i;
  });
  return t;
})();

/** Look an operation up by kind and name (case-insensitive), e.g. ('tlbi', 'vmalle1is'). */
export function sysopByName(kind: SysOpKind, name: string): SysOpDef | undefined {
  const up = name.toUpperCase();
  return SYSOPS.find((o) => o.kind === kind && o.name === up);
}
