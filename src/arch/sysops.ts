// The SYS-instruction operations of ARMv8.0: TLBI, AT, DC and IC (ARM C5.3 "A64 System instructions for cache
// maintenance / address translation / TLB maintenance"; ARCH-NOTES §9, §11). One row per operation, its scope as
// columns: the single source for the CPU's SYS handler, the TLB's invalidation (src/mmu/maintenance.ts), the
// `--sync architectural` model, the checker, the observers and the assembler's `tlbi`/`at`/`dc`/`ic` names.
// Encoding: SYS #op1, Cn, Cm, #op2, Xt = 1101010100 0 01 op1 CRn CRm op2 Rt.

export type SysOpKind = 'tlbi' | 'at' | 'dc' | 'ic';

/** HCR_EL2 controls that trap the operation from EL1 (and EL0 where EL0 may execute it) to EL2 with EC 0x18. */
export type SysOpTrap = 'TTLB' | 'TPC' | 'TPU' | 'TSW' | 'TDZ';

/** SCTLR_EL1 control that lets EL0 execute it (else EC 0x18 to EL1, or to EL2 when HCR_EL2.TGE=1). */
export type SysOpEl0Gate = 'UCI' | 'DZE';

/**
 * What a TLBI invalidates (ARM C5.5 TLBI <op> pages; ARCH-NOTES §9): the columns the TLB model, the
 * `--sync architectural` model, the checker and the views read, instead of parsing the operation's name.
 */
export interface TlbiScope {
  /** The translation regime whose entries it removes. */
  readonly regime: 'EL1&0' | 'EL2';
  /** EL1&0: the VMID in VTTBR_EL2 when it executes ('current', ARM C5.5.77), or every VMID. EL2 entries have none. */
  readonly vmid: 'current' | 'all';
  /** The ASID in Xt[63:48] (non-global entries of it) or every ASID. */
  readonly asid: 'operand' | 'all';
  /** Global entries are removed too (all but ASIDE1, which leaves them). */
  readonly global: boolean;
  /** By address: none, a VA in Xt[43:0] (VA[55:12]), or an IPA in Xt[35:0] (IPA[47:12]). */
  readonly address: 'none' | 'va' | 'ipa';
  /** The L forms: only entries from the last level of the walk — walk-cache entries (table descriptors) are kept. */
  readonly lastLevel: boolean;
  /** Entries of stage 1 (including combined stage 1+2 ones), of stage 2 only, or both. */
  readonly stage: 'stage1' | 'stage2' | 'both';
  /** The broadcast domain: the Inner Shareable forms (…IS) act on every PE in it; a DSB must reach it to complete them. */
  readonly shareability: 'inner' | 'local';
}

/** What an AT computes (ARM C5.4; ARCH-NOTES §11): a regime's stage 1, or stages 1 and 2, with one EL's permissions. */
export interface AtScope {
  readonly regime: 'EL1&0' | 'EL2';
  /** S12E*: stage 1 then stage 2 (when enabled); S1E*: stage 1 only (the IPA is the result). */
  readonly stages: 1 | 2;
  /** Whose permissions are checked: E0 (EL0), E1 (EL1), E2 (EL2). */
  readonly el: 0 | 1 | 2;
  readonly access: 'read' | 'write';
}

/** What a DC/IC operation addresses: a VA (translated, can fault), a set/way, the whole cache, or DC ZVA's block. */
export type CacheTarget = 'va' | 'set-way' | 'all' | 'zero-va';

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
  /** TLBI: its scope. */
  readonly tlbi?: TlbiScope;
  /** AT: what it translates. */
  readonly at?: AtScope;
  /** DC/IC: what it addresses. */
  readonly cache?: CacheTarget;
}

type El10Scope = Pick<TlbiScope, 'vmid' | 'asid' | 'global' | 'address' | 'stage'>;
/** Scopes of the EL1&0 operations, by base name (without L and IS). */
const E1: Readonly<Record<string, El10Scope>> = {
  VMALLE1: { vmid: 'current', asid: 'all', global: true, address: 'none', stage: 'stage1' },
  VAE1: { vmid: 'current', asid: 'operand', global: true, address: 'va', stage: 'stage1' },
  ASIDE1: { vmid: 'current', asid: 'operand', global: false, address: 'none', stage: 'stage1' },
  VAAE1: { vmid: 'current', asid: 'all', global: true, address: 'va', stage: 'stage1' },
  // stage-2-only entries of the IPA — not combined ones (ARM §D8.17.6.1)
  IPAS2E1: { vmid: 'current', asid: 'all', global: true, address: 'ipa', stage: 'stage2' },
  ALLE1: { vmid: 'all', asid: 'all', global: true, address: 'none', stage: 'both' },
  VMALLS12E1: { vmid: 'current', asid: 'all', global: true, address: 'none', stage: 'both' },
};

/** A TLBI row: its scope from its base operation and form (L: last level, IS: Inner Shareable); EL2-only when op1 = 4
 *  (else HCR_EL2.TTLB traps it at EL1, and HCR_EL2.FB makes the local form broadcast). */
function tlbi(name: string, op1: number, crm: number, op2: number): SysOpDef {
  const inner = name.endsWith('IS');
  const form = inner ? name.slice(0, -2) : name;
  const base = form.replace(/^(VA|VAA|IPAS2)L/, '$1');
  const common = { lastLevel: base !== form, shareability: inner ? 'inner' : 'local' } as const;
  const scope: TlbiScope = base === 'ALLE2' || base === 'VAE2'
    ? { regime: 'EL2', vmid: 'all', asid: 'all', global: true, address: base === 'VAE2' ? 'va' : 'none', stage: 'both', ...common }
    : { regime: 'EL1&0', ...E1[base]!, ...common };
  return {
    kind: 'tlbi', name, op1, crn: 8, crm, op2, minEl: op1 === 4 ? 2 : 1, xt: scope.address !== 'none' || scope.asid === 'operand',
    trap: op1 === 4 ? undefined : 'TTLB', broadcast: op1 === 0 && !inner ? `${name}IS` : undefined, tlbi: scope,
  };
}

/** An AT row: S1E<n>/S12E<n> with R or W. */
function at(name: string, op1: number, op2: number): SysOpDef {
  const scope: AtScope = {
    regime: name.startsWith('S1E2') ? 'EL2' : 'EL1&0',
    stages: name.startsWith('S12') ? 2 : 1,
    el: name.includes('E0') ? 0 : name.includes('E2') ? 2 : 1,
    access: name.endsWith('W') ? 'write' : 'read',
  };
  return { kind: 'at', name, op1, crn: 7, crm: 8, op2, minEl: op1 === 4 ? 2 : 1, xt: true, at: scope };
}

export const SYSOPS: readonly SysOpDef[] = [
  // TLB maintenance, EL1&0 regime, current VMID (ARCH-NOTES §9); HCR_EL2.TTLB traps them at EL1
  tlbi('VMALLE1IS', 0, 3, 0),
  tlbi('VAE1IS', 0, 3, 1),
  tlbi('ASIDE1IS', 0, 3, 2),
  tlbi('VAAE1IS', 0, 3, 3),
  tlbi('VALE1IS', 0, 3, 5),
  tlbi('VAALE1IS', 0, 3, 7),
  tlbi('VMALLE1', 0, 7, 0),
  tlbi('VAE1', 0, 7, 1),
  tlbi('ASIDE1', 0, 7, 2),
  tlbi('VAAE1', 0, 7, 3),
  tlbi('VALE1', 0, 7, 5),
  tlbi('VAALE1', 0, 7, 7),
  // EL2-only TLB maintenance (UNDEFINED at EL1)
  tlbi('IPAS2E1IS', 4, 0, 1),
  tlbi('IPAS2LE1IS', 4, 0, 5),
  tlbi('ALLE2IS', 4, 3, 0),
  tlbi('VAE2IS', 4, 3, 1),
  tlbi('ALLE1IS', 4, 3, 4),
  tlbi('VALE2IS', 4, 3, 5),
  tlbi('VMALLS12E1IS', 4, 3, 6),
  tlbi('IPAS2E1', 4, 4, 1),
  tlbi('IPAS2LE1', 4, 4, 5),
  tlbi('ALLE2', 4, 7, 0),
  tlbi('VAE2', 4, 7, 1),
  tlbi('ALLE1', 4, 7, 4),
  tlbi('VALE2', 4, 7, 5),
  tlbi('VMALLS12E1', 4, 7, 6),
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
  { kind: 'dc', cache: 'va', name: 'IVAC', op1: 0, crn: 7, crm: 6, op2: 1, minEl: 1, xt: true, trap: 'TPC' },
  { kind: 'dc', cache: 'set-way', name: 'ISW', op1: 0, crn: 7, crm: 6, op2: 2, minEl: 1, xt: true, trap: 'TSW' },
  { kind: 'dc', cache: 'set-way', name: 'CSW', op1: 0, crn: 7, crm: 10, op2: 2, minEl: 1, xt: true, trap: 'TSW' },
  { kind: 'dc', cache: 'set-way', name: 'CISW', op1: 0, crn: 7, crm: 14, op2: 2, minEl: 1, xt: true, trap: 'TSW' },
  { kind: 'dc', cache: 'zero-va', name: 'ZVA', op1: 3, crn: 7, crm: 4, op2: 1, minEl: 0, xt: true, trap: 'TDZ', el0Gate: 'DZE' },
  { kind: 'dc', cache: 'va', name: 'CVAC', op1: 3, crn: 7, crm: 10, op2: 1, minEl: 0, xt: true, trap: 'TPC', el0Gate: 'UCI' },
  { kind: 'dc', cache: 'va', name: 'CVAU', op1: 3, crn: 7, crm: 11, op2: 1, minEl: 0, xt: true, trap: 'TPU', el0Gate: 'UCI' },
  { kind: 'dc', cache: 'va', name: 'CIVAC', op1: 3, crn: 7, crm: 14, op2: 1, minEl: 0, xt: true, trap: 'TPC', el0Gate: 'UCI' },
  // Instruction cache maintenance (HCR_EL2.TPU; FB upgrades IC IALLU to IC IALLUIS)
  { kind: 'ic', cache: 'all', name: 'IALLUIS', op1: 0, crn: 7, crm: 1, op2: 0, minEl: 1, xt: false, trap: 'TPU' },
  { kind: 'ic', cache: 'all', name: 'IALLU', op1: 0, crn: 7, crm: 5, op2: 0, minEl: 1, xt: false, trap: 'TPU', broadcast: 'IALLUIS' },
  { kind: 'ic', cache: 'va', name: 'IVAU', op1: 3, crn: 7, crm: 5, op2: 1, minEl: 0, xt: true, trap: 'TPU', el0Gate: 'UCI' },
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

const BROADCAST = new Map<SysOpDef, SysOpDef>(SYSOPS.filter((o) => o.broadcast !== undefined).map((o) => [o, sysopByName(o.kind, o.broadcast!)!]));
/** The Inner Shareable form HCR_EL2.FB turns `op` into (ARM D13.2.46 HCR_EL2.FB), or `op` itself. */
export function broadcastForm(op: SysOpDef): SysOpDef {
  return BROADCAST.get(op) ?? op;
}

/** The scope of the TLBI named `name` (e.g. 'VMALLS12E1IS'); throws for a name that is no TLBI (a caller's bug). */
export function tlbiScope(name: string): TlbiScope {
  const s = sysopByName('tlbi', name)?.tlbi;
  if (s === undefined) throw new Error(`no TLBI operation ${name}`);
  return s;
}
