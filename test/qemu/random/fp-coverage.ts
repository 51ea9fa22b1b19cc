// What a program's FP/SIMD words exercised, from the reference's records: the words run under each FPCR combination
// (AHP, DN, FZ, RMode: the slot's setup) and the words that raised each FPSR cumulative flag (set in the record but
// not in the slot's preset FPSR).
import { FPCR_DRAWN, HDR_SETUP, type Program, R_FPSR, REC, SETUP_FPCR, SETUP_FPSR, SETUP_SIZE } from './program.ts';

/** FPSR cumulative flags by bit (ARM FP §C5.2.10). */
export const FPSR_FLAG_NAMES: ReadonlyMap<number, string> = new Map([
  [27, 'QC'], [7, 'IDC'], [4, 'IXC'], [3, 'UFC'], [2, 'OFC'], [1, 'DZC'], [0, 'IOC'],
]);
const FPCR_SHIFT = 22; // FPCR_DRAWN is bits 26:22

export interface FpCoverage {
  /** Words per FPCR combination, keyed `AHP DN FZ RMode` as e.g. "ahp dn fz rm=2" (absent fields: clear). */
  readonly fpcr: Record<string, number>;
  /** Words that raised each flag (FPSR_FLAG_NAMES). */
  readonly raised: Record<string, number>;
}

export const fpcrKey = (fpcr: number): string =>
  [(fpcr >>> 26) & 1 ? 'AHP' : '', (fpcr >>> 25) & 1 ? 'DN' : '', (fpcr >>> 24) & 1 ? 'FZ' : '', `RMode=${(fpcr >>> FPCR_SHIFT) & 3}`]
    .filter((x) => x !== '').join(' ');

export function fpCoverage(p: Program, records: Uint8Array): FpCoverage {
  const fpcr: Record<string, number> = {};
  const raised: Record<string, number> = {};
  const setup = new DataView(p.blob.buffer, p.blob.byteOffset + HDR_SETUP);
  for (let i = 0; i < p.words.length && (i + 1) * REC <= records.length; i++) {
    const key = fpcrKey(setup.getUint32(i * SETUP_SIZE + SETUP_FPCR, true) & FPCR_DRAWN);
    fpcr[key] = (fpcr[key] ?? 0) + 1;
    const preset = setup.getUint32(i * SETUP_SIZE + SETUP_FPSR, true);
    const after = Number(new DataView(records.buffer, records.byteOffset + i * REC + R_FPSR * 8, 8).getBigUint64(0, true) & 0xffff_ffffn);
    for (const [bit, name] of FPSR_FLAG_NAMES) if ((after & ~preset & (1 << bit)) !== 0) raised[name] = (raised[name] ?? 0) + 1;
  }
  return { fpcr, raised };
}
