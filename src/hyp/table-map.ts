// Every mapping a set of translation tables holds, with the descriptors that make it and the permissions they
// grant, read from memory (ARM §D8.2 lookup, §D8.3 descriptors, §D8.4 permissions; ARCH-NOTES §5–§7).
import { field, regField } from '../arch/reg-fields.ts';
import { psBits } from '../arch/regime.ts';
import { granuleBits, layout, type Granule } from './pagetable.ts';

export interface TableReader {
  readU64(pa: number): bigint;
}

/** Permission bits: EL0 r/w/x in bits 0–2, EL1 r/w/x in bits 3–5. Stage 2 applies the same rights to both. */
export const P = { R: 1, W: 2, X: 4, EL1: 3 } as const;
export const ALL_PERMS = 0x3f;
/** Rights at either EL (bits 0–2). */
export const eitherEl = (p: number): number => (p | (p >> P.EL1)) & 7;
/** A stage-2 (EL-agnostic) right set applied to both ELs. */
export const bothEls = (s: number): number => s | (s << P.EL1);
export const permText = (p3: number): string => `${p3 & P.R ? 'r' : '-'}${p3 & P.W ? 'w' : '-'}${p3 & P.X ? 'x' : '-'}`;

export interface Descriptor {
  readonly level: number;
  /** Physical address of the descriptor. */
  readonly at: number;
  readonly value: bigint;
  readonly kind: 'table' | 'block' | 'page';
}

export interface Mapping {
  /** Input address (VA for stage 1, IPA for stage 2). */
  readonly ia: bigint;
  readonly oa: number;
  readonly size: number;
  readonly perm: number;
  readonly chain: readonly Descriptor[];
}

export interface TableFormat {
  readonly stage: 1 | 2;
  readonly granule: Granule;
  readonly inputBits: number;
  readonly startLevel: number;
  /** 0 when the configuration faults every lookup (`fault` says why). */
  readonly rootEntries: number;
  readonly fault?: string;
}

/** More mappings than a walk may enumerate: the tables (or a register pointing at non-tables) are not plausible. */
export class TableBoundError extends Error {
  constructor(readonly limit: number, readonly root: number) {
    super(`the translation tables at PA 0x${root.toString(16)} hold more than ${limit} mappings`);
  }
}

/** Default bound on the mappings one walk enumerates (a 4 GiB range of 4 KiB pages is 2^20). */
export const MAX_MAPPINGS = 1 << 20;

const OA_MASK = 0x0000_ffff_ffff_f000n;
const bit = (d: bigint, n: number): boolean => ((d >> BigInt(n)) & 1n) === 1n;

/** Whether a block descriptor is allowed at `level` with a 44-bit PA (4K: L1, L2; 64K: L2) (ARCH-NOTES §7a). */
const blockAllowed = (g: Granule, level: number): boolean => (g === 4 ? level === 1 || level === 2 : level === 2);

/** Stage-1 (EL1&0) leaf rights from AP[2:1], UXN, PXN and the inherited table limits (ARM §D8.4 Table D8-65). */
function s1Perm(d: bigint, limits: number): number {
  const ap = Number((d >> 6n) & 3n);
  let el0 = 0;
  let el1 = P.R;
  if (ap === 0 || ap === 1) el1 |= P.W; // AP[2]=0: writable at EL1
  if (ap === 1 || ap === 3) el0 |= P.R; // AP[1]=1: EL0 access
  if (ap === 1) el0 |= P.W;
  if (!bit(d, 54)) el0 |= P.X; // UXN
  if (!bit(d, 53) && ap !== 1) el1 |= P.X; // PXN; EL0-writable ⇒ never privileged-executable
  return (el0 | (el1 << P.EL1)) & limits;
}

/** Limits a stage-1 table descriptor passes down: APTable[1] no writes, APTable[0] no EL0, UXN/PXNTable. */
function s1TableLimits(d: bigint): number {
  let keep = ALL_PERMS;
  if (bit(d, 62)) keep &= ~bothEls(P.W);
  if (bit(d, 61)) keep &= ~7;
  if (bit(d, 60)) keep &= ~P.X;
  if (bit(d, 59)) keep &= ~(P.X << P.EL1);
  return keep;
}

/** Stage-2 rights: S2AP[0] read, S2AP[1] write, XN (ARCH-NOTES §7b). */
function s2Perm(d: bigint): number {
  const ap = Number((d >> 6n) & 3n);
  return bothEls((ap & 1 ? P.R : 0) | (ap & 2 ? P.W : 0) | (bit(d, 54) ? 0 : P.X));
}

/**
 * Every valid leaf under `root`, in input-address order; more than `limit` throws TableBoundError. `once`: each
 * table is walked once per level and inherited table limits (APTable/XNTable: at most 64 sets), its leaves listed at
 * the first input address only — a table reached again so maps the same physical ranges with the same rights at other
 * input addresses, and tables a hostile context made point at themselves would otherwise be walked 512^levels times
 * (the run's observer, reach.ts).
 */
export function mappings(mem: TableReader, f: TableFormat, root: number, limit = MAX_MAPPINGS, once = false): Mapping[] {
  const gb = granuleBits(f.granule);
  const stride = gb - 3;
  const out: Mapping[] = [];
  const seen = new Set<string>();
  const walk = (table: number, level: number, entries: number, base: bigint, limits: number, chain: readonly Descriptor[]): void => {
    if (once) {
      const key = `${table}/${level}/${limits}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    const shift = gb + (3 - level) * stride;
    for (let i = 0; i < entries; i++) {
      const at = table + i * 8;
      const d = mem.readU64(at);
      if (!bit(d, 0)) continue; // invalid: Translation fault, never cached (ARM §D8.16 R XCLRD)
      const ia = base + (BigInt(i) << BigInt(shift));
      const isTable = bit(d, 1);
      if (level < 3 && isTable) {
        const next = Number(d & OA_MASK) - (Number(d & OA_MASK) % 2 ** gb);
        const lim = f.stage === 1 ? limits & s1TableLimits(d) : limits;
        walk(next, level + 1, 2 ** stride, ia, lim, [...chain, { level, at, value: d, kind: 'table' }]);
        continue;
      }
      if (level === 3 ? !isTable : !blockAllowed(f.granule, level)) continue; // reserved encoding: Translation fault
      const oaRaw = Number(d & OA_MASK);
      const oa = oaRaw - (oaRaw % 2 ** shift);
      const perm = f.stage === 1 ? s1Perm(d, limits) : s2Perm(d);
      if (out.length >= limit) throw new TableBoundError(limit, root);
      out.push({ ia, oa, size: 2 ** shift, perm, chain: [...chain, { level, at, value: d, kind: level === 3 ? 'page' : 'block' }] });
    }
  };
  walk(root, f.startLevel, f.rootEntries, 0n, ALL_PERMS, []);
  return out;
}

/** Table format of the EL1&0 stage 1 over TTBR0_EL1 from TCR_EL1 (ARM §D24.2.194; TG0: 00 4K, 01 64K). A T0SZ
 *  outside 16..39 faults here (ARM §D8.1.9; J1.1 AArch64.S1TxSZFaults; the other choice: field-choices.ts). */
export function stage1Format(tcr: bigint): TableFormat {
  const granule: Granule = regField('TCR_EL1', 'TG0', tcr) === 1n ? 64 : 4;
  const t0sz = Number(regField('TCR_EL1', 'T0SZ', tcr));
  const inputBits = 64 - t0sz;
  if (t0sz < 16 || t0sz > 39) return { stage: 1, granule, inputBits, startLevel: 0, rootEntries: 0, fault: `TCR_EL1.T0SZ = ${t0sz} is outside 16..39 (ARM §D8.1.9; J1.1 AArch64.S1TxSZFaults)` };
  return { stage: 1, granule, inputBits, ...layout({ granule, stage: 1, inputBits }) };
}

/** Table format of stage 2 from VTCR_EL2: T0SZ, SL0 start level, concatenated root (ARCH-NOTES §5). A T0SZ
 *  outside [64 − PAMax, 39] faults here (one of the IMPLEMENTATION DEFINED behaviours; the other is in
 *  field-choices.ts), and so do the SL0 values J1.1 AArch64.S2InvalidSL and AArch64.S2InconsistentSL reject. */
export function stage2Format(vtcr: bigint, paBits = 44): TableFormat {
  const granule: Granule = regField('VTCR_EL2', 'TG0', vtcr) === 1n ? 64 : 4;
  const t0sz = Number(regField('VTCR_EL2', 'T0SZ', vtcr));
  const inputBits = 64 - t0sz;
  const sl0 = Number(regField('VTCR_EL2', 'SL0', vtcr));
  const gb = granuleBits(granule);
  const stride = gb - 3;
  const startLevel = granule === 4 ? 2 - sl0 : 3 - sl0;
  const faulting = (fault: string): TableFormat => ({ stage: 2, granule, inputBits, startLevel: Math.max(0, startLevel), rootEntries: 0, fault });
  // AArch64.S2TxSZFaults: T0SZ below 64 − PAMax or above 39 (v8.0, no FEAT_TTST/FEAT_LPA)
  if (t0sz < 64 - paBits || t0sz > 39) return faulting(`VTCR_EL2.T0SZ = ${t0sz} is outside ${64 - paBits}..39 (ARM §D8.1.10; J1.1 AArch64.S2TxSZFaults)`);
  // an IPA wider than the output size VTCR_EL2.PS selects (capped at PAMax): CONSTRAINED UNPREDICTABLE, and the MMU
  // faults as QEMU does (mmu/params.ts setupS2; test/qemu/progs/s2-ipa-size.S)
  const outBits = Math.min(psBits(Number(regField('VTCR_EL2', 'PS', vtcr))), paBits);
  if (inputBits > outBits) return faulting(`VTCR_EL2.T0SZ = ${t0sz} gives a ${inputBits}-bit IPA, wider than the ${outBits}-bit output size of VTCR_EL2.PS (CONSTRAINED UNPREDICTABLE: the MMU faults, as QEMU)`);
  // AArch64.S2InvalidSL: SL0 = 11 (no FEAT_TTST), SL0 = 10 with PAMax < 44
  if (sl0 === 3 || (sl0 === 2 && paBits < 44)) return faulting(`VTCR_EL2.SL0 = ${sl0} is reserved here (J1.1 AArch64.S2InvalidSL)`);
  // AArch64.S2InconsistentSL: levels·stride + granulebits + 1 ≤ input size ≤ that + stride − 1 + 4 (≤ 16 concatenated tables)
  const minIa = (3 - startLevel) * stride + gb + 1;
  if (inputBits < minIa || inputBits > minIa + stride - 1 + 4) return faulting(`VTCR_EL2.T0SZ = ${t0sz} is inconsistent with SL0 = ${sl0} (J1.1 AArch64.S2InconsistentSL)`);
  const shift = gb + (3 - startLevel) * stride;
  return { stage: 2, granule, inputBits, startLevel, rootEntries: 2 ** Math.max(0, inputBits - shift) };
}

/** BADDR of a TTBR/VTTBR (bits 47:1). */
export const baddr = (ttbr: bigint): number => Number(ttbr & field('TTBR0_EL1', 'BADDR').mask64); // the same bits in VTTBR_EL2
