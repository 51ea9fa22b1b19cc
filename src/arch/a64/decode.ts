// The A64 decoder, a pure function of the encoding table: words are bucketed by bits [31:21]; within a bucket,
// rows are tried most-specific first (most fixed bits), so a row that carves an exception out of a wider one wins.
// Op index 0 is "unallocated".
import type { Encoding } from './encoding.ts';
import { ROWS } from './table.ts';

const BUCKET_SHIFT = 21;
const NBUCKETS = 1 << (32 - BUCKET_SHIFT);

function popcount(v: number): number {
  let n = 0;
  for (let x = v >>> 0; x !== 0; x &= x - 1) n++;
  return n;
}

/** Allocated rows, most fixed bits first (ties: table order); each row's count taken once, not per comparison. */
const FIXED_BITS = ROWS.map((r) => popcount(r.mask));
const BY_SPECIFICITY = ROWS.map((_, i) => i)
  .slice(1)
  .sort((a, b) => FIXED_BITS[b]! - FIXED_BITS[a]! || a - b);

/**
 * Bucket b: the rows whose fixed bits in [31:21] match b, in BY_SPECIFICITY order. Each is made the first time a
 * word of its bucket is decoded: making all 2,048 at load took a sixth of the command line's start-up.
 */
const buckets: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(NBUCKETS).fill(undefined);

function makeBucket(b: number): Int32Array {
  const top = (b << BUCKET_SHIFT) >>> 0;
  const bucket = Int32Array.from(BY_SPECIFICITY.filter((i) => {
    const e = ROWS[i]!;
    const hm = ((e.mask >>> BUCKET_SHIFT) << BUCKET_SHIFT) >>> 0;
    return ((top & hm) >>> 0) === ((e.match & hm) >>> 0);
  }));
  buckets[b] = bucket;
  return bucket;
}

/** The op index of a word (0 when unallocated). */
export function decode(w: number): number {
  const list = buckets[w >>> BUCKET_SHIFT] ?? makeBucket(w >>> BUCKET_SHIFT);
  for (let i = 0; i < list.length; i++) {
    const op = list[i]!;
    const e = ROWS[op]!;
    if (((w & e.mask) >>> 0) === e.match) return op;
  }
  return 0;
}

/** The row of a word, or undefined when unallocated. */
export function decodeRow(w: number): Encoding | undefined {
  const op = decode(w >>> 0);
  return op === 0 ? undefined : ROWS[op];
}
