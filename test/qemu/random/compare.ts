// Compare twostage's records with QEMU's, word by word, and say what kind of difference each is.
import { classify } from './classify.ts';
import { R_ESR, R_V, REC } from './program.ts';

/**
 * missing: twostage UNDEFINED where QEMU executes; wrong: any other difference (results, faults, extra words);
 * tainted: a load/store that differs after an earlier load/store differed, when the scratch memory may differ too
 * (the records hold registers only, so the run resumes from QEMU's registers but keeps twostage's memory);
 * deviation: a difference test/qemu/DEVIATIONS.md documents (the row is named in the first field).
 */
export type Verdict = 'missing' | 'wrong' | 'tainted' | 'deviation';

/** MRS Xt, MDCCINT_EL1 (op0 = 2, op1 = 0, CRn = 0, CRm = 2, op2 = 0), any Xt. */
const MRS_MDCCINT = 0xd530_0200;

/**
 * The row of test/qemu/DEVIATIONS.md a word's difference falls under, or undefined. A1: AArch64 only, so
 * ID_AA64PFR0_EL1 differs and the AArch32 ID registers read 0 — MRS op0 = 3, op1 = 0, CRn = 0 with CRm = 1–3
 * (ID_PFR0_EL1 … ID_ISAR5_EL1, MVFR0–2_EL1 and their reserved neighbours) or CRm = 4, op2 = 0. D19: QEMU's MDCCINT_EL1
 * is an ARM_CP_NOP register, so its MRS leaves Xt as it was where twostage reads the register (reset 0, and no MSR
 * runs in these programs) — only when Xt is the one field that differs and twostage's value is 0.
 */
function documentedDeviation(word: number, t: DataView, fields: readonly string[]): string | undefined {
  if ((word & 0xffff_ffe0) >>> 0 === MRS_MDCCINT) {
    const rt = word & 31;
    return rt !== 31 && fields.length === 1 && fields[0]!.startsWith(`X${rt}:`) && t.getBigUint64(rt * 8, true) === 0n ? 'D19' : undefined;
  }
  if ((word & 0xffff_f000) >>> 0 !== 0xd538_0000) return undefined;
  const crm = (word >>> 8) & 15;
  const op2 = (word >>> 5) & 7;
  return (crm >= 1 && crm <= 3) || (crm === 4 && op2 === 0) ? 'A1' : undefined;
}

export interface Divergence {
  readonly index: number;
  readonly word: number;
  readonly verdict: Verdict;
  /** `field: QEMU … twostage …` for every field that differs. */
  readonly fields: readonly string[];
}

const FIELD_NAMES: readonly string[] = [
  ...Array.from({ length: 31 }, (_, i) => `X${i}`),
  'SP_EL0', 'SPSR_EL1', 'FPCR', 'FPSR', 'ESR_EL1', 'FAR_EL1', 'index',
];
const hex = (v: bigint): string => `0x${v.toString(16).padStart(16, '0')}`;

/** ESR_EL1.EC = 0: Unknown reason, the UNDEFINED instruction's syndrome. */
const isUndefined = (esr: bigint): boolean => esr !== 0n && esr >> 26n === 0n;

function fieldDiffs(q: DataView, t: DataView): string[] {
  const out: string[] = [];
  for (let f = 0; f < R_V; f++) {
    const a = q.getBigUint64(f * 8, true);
    const b = t.getBigUint64(f * 8, true);
    if (a !== b) out.push(`${FIELD_NAMES[f]}: QEMU ${hex(a)} twostage ${hex(b)}`);
  }
  for (let v = 0; v < 32; v++) {
    const off = (R_V + 2 * v) * 8;
    const [alo, ahi] = [q.getBigUint64(off, true), q.getBigUint64(off + 8, true)];
    const [blo, bhi] = [t.getBigUint64(off, true), t.getBigUint64(off + 8, true)];
    if (alo !== blo || ahi !== bhi) out.push(`V${v}: QEMU ${hex(ahi)}${hex(alo).slice(2)} twostage ${hex(bhi)}${hex(blo).slice(2)}`);
  }
  return out;
}

/** Every word whose record differs; a record missing on either side is one divergence at that word. */
export function compareRecords(words: Uint32Array, qemu: Uint8Array, twostage: Uint8Array): Divergence[] {
  const out: Divergence[] = [];
  let memoryDiffers = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const qEnd = (i + 1) * REC;
    if (qEnd > qemu.length || qEnd > twostage.length) {
      const who = qEnd > qemu.length ? 'QEMU' : 'twostage';
      out.push({ index: i, word, verdict: 'wrong', fields: [`${who} has no record for this word (the run ended early)`] });
      break;
    }
    const q = new DataView(qemu.buffer, qemu.byteOffset + i * REC, REC);
    const t = new DataView(twostage.buffer, twostage.byteOffset + i * REC, REC);
    const fields = fieldDiffs(q, t);
    if (fields.length === 0) continue;
    const qUndef = isUndefined(q.getBigUint64(R_ESR * 8, true));
    const tUndef = isUndefined(t.getBigUint64(R_ESR * 8, true));
    const memory = classify(word).kind === 'memory';
    const deviation = documentedDeviation(word, t, fields);
    const verdict = tUndef && !qUndef ? 'missing' : memory && memoryDiffers ? 'tainted' : deviation !== undefined ? 'deviation' : 'wrong';
    out.push({ index: i, word, verdict, fields: deviation !== undefined ? [`DEVIATIONS.md ${deviation}`, ...fields] : fields });
    if (memory) memoryDiffers = true;
  }
  return out;
}

