// Decoder built from the encoding table: words are bucketed by bits [31:21]; within a bucket, rows are tried
// most-specific first (most fixed bits), so a row that carves an exception out of a wider one wins.
// Op index 0 is "unallocated": its handler raises UNDEFINED (EC 0x00).
import type { Encoding, Handler } from './encoding.ts';
import { TABLE } from './table/index.ts';

const BUCKET_SHIFT = 21;
const NBUCKETS = 1 << (32 - BUCKET_SHIFT);

/** Rows by op index; index 0 is the unallocated row. */
export const OPS: readonly Encoding[] = TABLE;

function popcount(v: number): number {
  let n = 0;
  for (let x = v >>> 0; x !== 0; x &= x - 1) n++;
  return n;
}

const buckets: Int32Array[] = (() => {
  const hiMaskOf = (e: Encoding) => (e.mask >>> BUCKET_SHIFT) << BUCKET_SHIFT;
  const order = OPS.map((_, i) => i)
    .slice(1)
    .sort((a, b) => popcount(OPS[b]!.mask) - popcount(OPS[a]!.mask) || a - b);
  const out: Int32Array[] = [];
  for (let b = 0; b < NBUCKETS; b++) {
    const top = (b << BUCKET_SHIFT) >>> 0;
    const list = order.filter((i) => {
      const e = OPS[i]!;
      const hm = hiMaskOf(e) >>> 0;
      return ((top & hm) >>> 0) === ((e.match & hm) >>> 0);
    });
    out.push(Int32Array.from(list));
  }
  return out;
})();

/** The op index of a word (0 when unallocated). */
export function decode(w: number): number {
  const list = buckets[w >>> BUCKET_SHIFT]!;
  for (let i = 0; i < list.length; i++) {
    const op = list[i]!;
    const e = OPS[op]!;
    if (((w & e.mask) >>> 0) === e.match) return op;
  }
  return 0;
}

/** The row of a word, or undefined when unallocated. */
export function decodeRow(w: number): Encoding | undefined {
  const op = decode(w >>> 0);
  return op === 0 ? undefined : OPS[op];
}

/** The table's distinct handlers (many rows share one: ADD_imm, SUBS_imm, … all run addSubImm). */
export const HANDLERS: readonly Handler[] = [...new Set(OPS.map((e) => e.exec))];

/** HANDLER_OF[op] = the index in HANDLERS of row op's handler: what the decode cache stores (plus one). */
export const HANDLER_OF = Int32Array.from(OPS, (e) => HANDLERS.indexOf(e.exec));
