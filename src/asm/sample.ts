// Random words inside the supported encoding space: for a row, its fixed bits with every field bit random,
// kept only when the decoder maps the word back to that row. Used by the objdump comparison, the golden
// files and the round-trip property.
import type { Encoding } from '../arch/a64/encoding.ts';
import { decodeRow } from '../arch/a64/decode.ts';
import { fieldsOf } from './forms.ts';
import { SUPPORTED } from './syntax/index.ts';

/** A small deterministic PRNG (mulberry32), so golden files can be regenerated word for word. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Up to `n` distinct random words decoding to `row` (fewer when the row's space is small or mostly carved out). */
export function sampleWords(row: Encoding, n: number, rand: () => number): number[] {
  const supported = SUPPORTED.get(row.id);
  if (supported) return sampleSupported(row, supported, n, rand);
  const out = new Set<number>();
  for (let tries = 0; out.size < n && tries < n * 8; tries++) {
    const w = ((rand() & ~row.mask & ~row.sbo) | row.match | row.sbo) >>> 0; // the should-be-one bits as the assembler sets them
    if (decodeRow(w) === row) out.add(w);
  }
  return [...out];
}

/** Rows only partly supported (system registers, SYS operations) are sampled from an enumeration of their
 *  selector bits (every free bit but Rt), which the predicate filters; Rt stays random. */
function sampleSupported(row: Encoding, supported: (f: ReturnType<typeof fieldsOf>) => boolean, n: number, rand: () => number): number[] {
  const rt = row.fields.Rt;
  const rtMask = rt ? ((1 << (rt.hi - rt.lo + 1)) - 1) << rt.lo : 0;
  const free = ~row.mask & ~row.sbo & ~rtMask;
  const bits: number[] = [];
  for (let b = 0; b < 32; b++) if ((free >>> b) & 1) bits.push(b);
  if (bits.length > 16) throw new Error(`${row.id}: too many selector bits to enumerate`);
  const ok: number[] = [];
  for (let v = 0; v < 1 << bits.length; v++) {
    let w = row.match | row.sbo;
    bits.forEach((b, k) => (w |= ((v >> k) & 1) << b));
    w >>>= 0;
    if (decodeRow(w) === row && supported(fieldsOf(row, w))) ok.push(w);
  }
  const out = new Set<number>();
  for (let tries = 0; ok.length > 0 && out.size < n && tries < n * 8; tries++) {
    const w = (ok[rand() % ok.length]! | (rand() & rtMask)) >>> 0;
    if (decodeRow(w) === row) out.add(w);
  }
  return [...out];
}
