// Judge a system-register sweep's output against QEMU's (program.ts): per EL and encoding, the value an MRS read or
// the exception it took — equal, or explained by a documented difference (test/qemu/DEVIATIONS.md), else unexplained.
import { type FieldName, lowMask } from '../../../src/arch/reg-fields.ts';
import type { SysRegName } from '../../../src/arch/sysreg-table.ts';
import { encKey } from '../../../src/arch/sysregs.ts';
import { FIRST_ENCODING, ENCODINGS, type SweepConfig } from './program.ts';

export type SweepVerdict =
  | 'equal'
  /** A counter or timer value (CNTPCT/CNTVCT, the TVALs): both read it, the values are time. */
  | 'time'
  /** A1/A2: no AArch32 (its system registers are UNDEFINED, its ID registers read 0), no big-endian data. */
  | 'profile'
  /** QEMU 7.2 does not implement HCR_EL2.TIDCP; twostage traps the IMPLEMENTATION DEFINED space at EL1 (as QEMU 8.1). */
  | 'qemu-no-tidcp'
  /** QEMU 7.2's ARM_CP_NOP registers (MDCCINT_EL1) leave Xt unchanged on MRS; the Arm ARM gives the register's value. */
  | 'qemu-nop-read'
  /** QEMU 7.2 checks CNTHCTL_EL2.EL1PCEN instead of EL1PCTEN for EL0's CNTPCT_EL0 (gt_counter_access). */
  | 'qemu-el0-cntpct'
  /** PMCEID0_EL0 bit 8 (INST_RETIRED): QEMU counts it only under -icount; twostage counts retired instructions. */
  | 'qemu-inst-retired'
  /** QEMU 7.2 does not implement MDSCR_EL1.TDCC (EL0's MDCCSR_EL0 traps to EL1 before MDCR_EL2.TDA's trap to EL2). */
  | 'qemu-no-tdcc'
  /** QEMU 7.2 does not implement MDCR_EL2.TPMCR (EL0/EL1's PMCR_EL0 traps to EL2). */
  | 'qemu-no-tpmcr'
  /** QEMU 7.2 lets PMUSERENR_EL0.ER/CR open a PMU register to EL0 without MDCR_EL2.TPM's trap to EL2. */
  | 'qemu-pmu-tpm'
  /** PMEVCNTR<n>/PMEVTYPER<n> with n ≥ MDCR_EL2.HPMN from EL0/EL1: UNDEFINED; QEMU 7.2 RAZ/WI (DEVIATIONS D13). */
  | 'hpmn-counter'
  | 'unexplained';

export const VERDICTS: readonly SweepVerdict[] = [
  'equal', 'time', 'profile', 'qemu-no-tidcp', 'qemu-nop-read', 'qemu-el0-cntpct', 'qemu-inst-retired', 'qemu-no-tdcc',
  'qemu-no-tpmcr', 'qemu-pmu-tpm', 'hpmn-counter', 'unexplained',
];

/** One word's outcome: a value, an exception (ESR | target EL << 60), or the plain UNDEFINED exception. */
type Outcome = { readonly v: bigint } | { readonly esr: bigint } | null;

export interface SweepComparison {
  readonly counts: Record<SweepVerdict, number>;
  /** Each unexplained difference: EL, encoding, both outcomes. */
  readonly unexplained: readonly string[];
}

const SENTINEL = 0x5eedn;

/** Outcomes by `eL_hhhh` key; the ELs that printed their `sweep_el` line. */
function parse(out: string): { outcomes: Map<string, Outcome>; els: Set<number>; rest: string[] } {
  const outcomes = new Map<string, Outcome>();
  const els = new Set<number>();
  const rest: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^(e\d_[0-9a-f]{4})(_esr)?=0x([0-9a-f]+)$/.exec(line);
    const n = BigInt(`0x${m?.[3] ?? /^sweep_el=0x([0-9a-f]+)$/.exec(line)?.[1] ?? '0'}`);
    if (m !== null) outcomes.set(m[1]!, m[2] === undefined ? { v: n } : { esr: n });
    else if (line.startsWith('sweep_el=')) els.add(Number(n));
    else if (line !== '') rest.push(line);
  }
  return { outcomes, els, rest };
}

/** op0, op1, CRn, CRm, op2 of an encoding (MRS bits 20:5). */
const fields = (e: number): readonly [number, number, number, number, number] => [e >> 14, (e >> 11) & 7, (e >> 7) & 15, (e >> 3) & 15, e & 7];
const key = encKey;

const TIME = new Set([key(3, 3, 14, 0, 1), key(3, 3, 14, 0, 2), key(3, 3, 14, 2, 0), key(3, 3, 14, 3, 0), key(3, 4, 14, 2, 0)]);
const CNTPCT = key(3, 3, 14, 0, 1);
const PMCEID0 = key(3, 3, 9, 12, 6);
const MDCCINT = key(2, 0, 0, 2, 0);
/** AArch32-only system registers (present only when EL1 can use AArch32): DACR32_EL2, IFSR32_EL2, FPEXC32_EL2,
 *  DBGVCR32_EL2, SPSR_irq/abt/und/fiq. */
const AARCH32_REGS = new Set([key(3, 4, 3, 0, 0), key(3, 4, 5, 0, 1), key(3, 4, 5, 3, 0), key(2, 4, 0, 7, 0), key(3, 4, 4, 3, 0), key(3, 4, 4, 3, 1), key(3, 4, 4, 3, 2), key(3, 4, 4, 3, 3)]);
const ID_AA64PFR0 = key(3, 0, 0, 4, 0);
const ID_AA64MMFR0 = key(3, 0, 0, 7, 0);
const MDCCSR = key(2, 3, 0, 1, 0);
const PMCR = key(3, 3, 9, 12, 0);
// the controls the verdicts look at, from the system-register table's fields
const mask = <R extends SysRegName>(reg: R, field: FieldName<R>): bigint => BigInt(lowMask(reg, field));
const HCR_TIDCP = mask('HCR_EL2', 'TIDCP');
const HCR_TGE = mask('HCR_EL2', 'TGE');
const MDCR_TPMCR = mask('MDCR_EL2', 'TPMCR');
const MDCR_TPM = mask('MDCR_EL2', 'TPM');
const MDCR_HPMN = mask('MDCR_EL2', 'HPMN');
const MDSCR_TDCC = mask('MDSCR_EL1', 'TDCC');
const PMUSERENR_CR_ER = mask('PMUSERENR_EL0', 'CR') | mask('PMUSERENR_EL0', 'ER');
const CNTHCTL_EL1PCTEN = mask('CNTHCTL_EL2', 'EL1PCTEN');
const CNTHCTL_EL1PCEN = mask('CNTHCTL_EL2', 'EL1PCEN');

/** QEMU's output with the values of the time registers masked: without -icount they differ from run to run. */
export const maskTime = (out: string): string =>
  out.replace(/^(e\d_([0-9a-f]{4}))=0x[0-9a-f]+$/gm, (line, k: string, e: string) => (TIME.has(parseInt(e, 16)) ? `${k}=time` : line));

const same = (a: Outcome, b: Outcome): boolean =>
  a === null || b === null ? a === b : 'v' in a ? 'v' in b && a.v === b.v : 'esr' in b && a.esr === b.esr;
const isValue = (o: Outcome): o is { v: bigint } => o !== null && 'v' in o;
const ec = (o: Outcome): number => (o !== null && 'esr' in o ? Number((o.esr >> 26n) & 0x3fn) : -1);
const target = (o: Outcome): number => (o !== null && 'esr' in o ? Number(o.esr >> 60n) : -1);

function verdict(c: SweepConfig, el: number, e: number, q: Outcome, o: Outcome): SweepVerdict {
  if (same(q, o)) return 'equal';
  const [op0, op1, crn, crm] = fields(e);
  if (TIME.has(e) && isValue(q) && isValue(o)) return 'time';
  if (e === CNTPCT && el === 0) {
    const pcten = (c.cnthctl & CNTHCTL_EL1PCTEN) !== 0n;
    const pcen = (c.cnthctl & CNTHCTL_EL1PCEN) !== 0n;
    if (pcten !== pcen && (pcen ? isValue(q) && ec(o) === 0x18 && target(o) === 2 : isValue(o) && ec(q) === 0x18 && target(q) === 2)) return 'qemu-el0-cntpct';
  }
  // A1: AArch32 registers UNDEFINED here; AArch32 ID registers (CRm 1..3) 0; ID_AA64PFR0's EL0..EL2 fields; A2: BigEnd
  if (AARCH32_REGS.has(e) && o === null) return 'profile';
  if (op0 === 3 && op1 === 0 && crn === 0 && crm >= 1 && crm <= 3 && isValue(o) && o.v === 0n && isValue(q)) return 'profile';
  if (e === ID_AA64PFR0 && isValue(q) && isValue(o) && (q.v ^ o.v) === 0x333n) return 'profile';
  if (e === ID_AA64MMFR0 && isValue(q) && isValue(o) && (q.v ^ o.v) === 0x100n) return 'profile';
  if (el === 1 && op0 === 3 && (crn === 11 || crn === 15) && (c.hcr & HCR_TIDCP) !== 0n && ec(o) === 0x18 && target(o) === 2) return 'qemu-no-tidcp';
  if (e === MDCCINT && isValue(q) && q.v === SENTINEL && isValue(o)) return 'qemu-nop-read';
  if (el === 0 && e === MDCCSR && (c.mdscr & MDSCR_TDCC) !== 0n && ec(o) === 0x18 && target(o) === ((c.hcr & HCR_TGE) !== 0n ? 2 : 1)) return 'qemu-no-tdcc';
  const toEl2 = ec(o) === 0x18 && target(o) === 2 && isValue(q);
  if (e === PMCR && el < 2 && toEl2 && (c.mdcr & (MDCR_TPMCR | MDCR_TPM)) === MDCR_TPMCR) return 'qemu-no-tpmcr';
  // the PMU registers at op1 = 3: CRn 9 (CRm 12..14) and CRn 14 (CRm 8..15)
  const pmu = op0 === 3 && op1 === 3 && ((crn === 9 && crm >= 12) || (crn === 14 && crm >= 8));
  if (el === 0 && pmu && toEl2 && (c.mdcr & MDCR_TPM) !== 0n && (c.pmuserenr & PMUSERENR_CR_ER) !== 0n) return 'qemu-pmu-tpm';
  if (e === PMCEID0 && isValue(q) && isValue(o) && (q.v ^ o.v) === 0x100n) return 'qemu-inst-retired';
  // PMEVCNTR<n>_EL0 (CRn 14, CRm 8..10, n = CRm<1:0>:op2) and PMEVTYPER<n>_EL0 (CRm 12..14), n ≥ HPMN, at EL0/EL1
  const n = ((crm & 3) << 3) | (e & 7);
  if (el < 2 && op0 === 3 && op1 === 3 && crn === 14 && ((crm >= 8 && crm <= 10) || (crm >= 12 && crm <= 14)) && n >= Number(c.mdcr & MDCR_HPMN) && isValue(q) && q.v === 0n && o === null) {
    return 'hpmn-counter';
  }
  return 'unexplained';
}

const show = (o: Outcome): string =>
  o === null ? 'UNDEFINED' : 'v' in o ? `0x${o.v.toString(16)}` : `EC 0x${ec(o).toString(16)} to EL${target(o)} (ESR 0x${(o.esr & 0xffff_ffffn).toString(16)})`;

export function compareSweep(c: SweepConfig, qemu: string, ours: string): SweepComparison {
  const q = parse(qemu);
  const o = parse(ours);
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<SweepVerdict, number>;
  const unexplained: string[] = [];
  for (const el of c.els) {
    if (!q.els.has(el) || !o.els.has(el)) {
      counts.unexplained++;
      unexplained.push(`EL${el}: the sweep did not run on ${q.els.has(el) ? 'twostage' : 'QEMU'}`);
      continue;
    }
    for (let e = FIRST_ENCODING; e < FIRST_ENCODING + ENCODINGS; e++) {
      const k = `e${el}_${e.toString(16)}`;
      const qo = q.outcomes.get(k) ?? null;
      const oo = o.outcomes.get(k) ?? null;
      const v = verdict(c, el, e, qo, oo);
      counts[v]++;
      if (v === 'unexplained') unexplained.push(`EL${el} ${fields(e).join(',')}: QEMU ${show(qo)}, twostage ${show(oo)}`);
    }
  }
  if (q.rest.join('\n') !== o.rest.join('\n')) {
    counts.unexplained++;
    unexplained.push(`other output differs: QEMU [${q.rest.join(' ')}], twostage [${o.rest.join(' ')}]`);
  }
  return { counts, unexplained };
}
