// Exact arithmetic on binary64 host numbers: powers of two, bit lengths, the error-free transformations
// (TwoSum, Veltkamp/Dekker TwoProduct) and the conversion of an exact sum of at most three host numbers into the
// "exact value" record the rounder consumes. Every function here is exact by construction: the callers keep
// their operands in a frame (integer significands ≤ 2^54, scaled by an exponent kept aside) where binary64
// neither overflows nor underflows, which is the precondition of TwoSum and TwoProduct.
//
// Allocation: V8 boxes a double passed to or returned from a call it does not inline. Only tiny functions (twoSumErr)
// take or return doubles; everything else passes them in typed arrays (ev, evMant, terms, eft, the slots).

/** Host views of one 8-byte scratch word, for reading the bits of a binary64 (little-endian host). */
export const F64 = new Float64Array(1);
export const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
if (U32[1] !== 0x3ff00000) throw new Error('src/arch/fp needs a little-endian host');

// 2^k = POW2[P0 + k] for −1100 ≤ k < 1100, exact (0 below the denormal range, Infinity above 2^1023). A table read,
// not a function: a double returned from a call that is not inlined would be boxed.
export const P0 = 1100;
export const POW2 = new Float64Array(2 * P0);
for (let k = P0, v = 1; k < POW2.length; k++, v *= 2) POW2[k] = v; // Infinity above 2^1023
for (let k = P0, v = 1; k >= 0; k--, v /= 2) POW2[k] = v; // 0 below 2^-1074

/** Number of significant bits of the integer 1 ≤ a[i] < 2^64 (held exactly in a binary64). */
export function bitLength(a: Float64Array, i: number): number {
  const m = a[i]!;
  return m >= 0x1_0000_0000 ? 64 - Math.clz32(Math.floor(m / 0x1_0000_0000)) : 32 - Math.clz32(m);
}

/** TwoSum (Knuth): the exact error of s = RN(a + b), i.e. a + b = s + error. */
export function twoSumErr(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

export const TWO52 = 2 ** 52;
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp splitting constant for p = 53)

/** The operands and results of twoProduct (a typed array: see the note at the top). */
export const eft = new Float64Array(2);

/** Dekker TwoProduct of eft = [a, b]: eft = [p, e] with p = RN(a × b) and a × b = p + e exactly
 * (|a|, |b| < 2^995, no underflow). */
export function twoProduct(): void {
  const a = eft[0]!, b = eft[1]!;
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  eft[0] = p;
  eft[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

// --- exact values ---
// An exact non-zero real as the rounder needs it: (−1)^sign × (mant + f) × 2^exp with mant an integer ≤ 2^53 and the fraction f ∈ [0, 1) known only by which side of ½ it lies (FPRoundBase's `error`):
export const EXACT = 0; // f = 0
export const BELOW_HALF = 1; // 0 < f < ½
export const HALF = 2; // f = ½
export const ABOVE_HALF = 3; // ½ < f < 1
// When f ≠ 0, the significand has 53 significant bits, enough for every target precision (F + 1 ≤ 53).
// The record is two typed arrays (doubles in module variables would be boxed on every store): the significand in
// a Float64Array, sign, exponent and rest in an Int32Array, so that they reach callees as small integers.
export const evMant = new Float64Array(1);
export const ev = new Int32Array(3);
export const EV_SIGN = 0;
export const EV_EXP = 1;
export const EV_REST = 2;

/** Set the exact value (−1)^sign × (src[i] + rest) × 2^exp. */
export function setExact(sign: number, src: Float64Array, i: number, exp: number, rest: number): void {
  ev[EV_SIGN] = sign;
  evMant[0] = src[i]!;
  ev[EV_EXP] = exp;
  ev[EV_REST] = rest;
}

/** Which side of half a unit a magnitude lies (cmp = −1/0/1 against the half, tieDir = the sign of a tie-breaking
 * term when equal): BELOW_HALF/HALF/ABOVE_HALF. */
function sideOfHalf(cmp: number, tieDir: number): number {
  if (cmp !== 0) return cmp < 0 ? BELOW_HALF : ABOVE_HALF;
  return tieDir === 0 ? HALF : tieDir > 0 ? ABOVE_HALF : BELOW_HALF;
}

const FLIP = [EXACT, ABOVE_HALF, HALF, BELOW_HALF]; // f ↦ 1 − f

// The host numbers exactFromSum/exactFromSum3 work on, passed in a typed array: double arguments would be boxed
// whenever a call is not inlined.
export const terms = new Float64Array(3);

/**
 * The exact value (−1)^sign × (r + e1 + e2) × 2^scale as an exact-value record, with [r, e1, e2] = terms: r > 0 a
 * normal binary64 holding a 53-bit significand, e1 and e2 signed (positive = away from zero) with
 * |e2| ≤ ulp(e1)/2 and e1 = 0 ⇒ e2 = 0. Returns false (record unchanged) when |e1 + e2| is not provably below
 * one unit of r's last place on its side, so that r's neighbour would be needed.
 */
export function exactFromSum(sign: number, scale: number): boolean {
  const r = terms[0]!, e1 = terms[1]!, e2 = terms[2]!;
  F64[0] = r;
  const hi = U32[1]!;
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (hi & 0xfffff) * 0x1_0000_0000 + TWO52 + U32[0]!;
  let exp = bexp - 1075 + scale;
  const ulp = POW2[P0 + bexp - 1075]!;
  const a = Math.abs(e1);
  const tieDir = e2 === 0 ? 0 : e2 > 0 === e1 > 0 ? 1 : -1; // e2 pushes |e1 + e2| up (1) or down (−1)
  let rest: number;
  if (e1 === 0) rest = EXACT;
  else if (e1 > 0) {
    // (r + a): the fraction of the unit above r
    if (a >= ulp) return false;
    const half = ulp / 2;
    rest = sideOfHalf(a < half ? -1 : a > half ? 1 : 0, tieDir);
  } else {
    // (r − a): one unit below r, fraction 1 − a/unit; below a power of two the unit is half as large
    const unit = mant === TWO52 ? ulp / 2 : ulp;
    if (a >= unit) return false;
    if (unit !== ulp) {
      mant *= 2;
      exp -= 1;
    }
    mant -= 1;
    const half = unit / 2;
    rest = FLIP[sideOfHalf(a < half ? -1 : a > half ? 1 : 0, tieDir)]!;
  }
  ev[EV_SIGN] = sign;
  evMant[0] = mant;
  ev[EV_EXP] = exp;
  ev[EV_REST] = rest;
  return true;
}

/**
 * The exact sum x + y + z ([x, y, z] = terms) in a frame scaled by 2^scale as an exact-value record; false when the sum is exactly
 * zero. For the fused multiply-add's operands — x = ±p, y = ±pe the exact TwoProduct pair of two 53-bit
 * significands, z the addend — the expansion h + r1 + r2 below always pins the value to one unit of h:
 * either x and z cancel within a factor of two (Sterbenz: s exact, t = w = 0, and |l| is an RN error of h), or
 * |s| ≥ max(|x|, |z|)/2, so |u| ≤ 2 ulp(s) and |w| ≤ 2^-51 ulp(h), far below what separates |l + w| from the
 * unit. A violation would be a bug, not an input: it throws.
 */
export function exactFromSum3(scale: number): boolean {
  const x = terms[0]!, y = terms[1]!, z = terms[2]!;
  expand3();
  const h = terms[0]!, r1 = terms[1]!, r2 = terms[2]!;
  if (h === 0 && r1 === 0) return false;
  // h = 0: the value is r1 + r2 with |r2| ≤ ulp(r1)/2, else h + r1 + r2
  const lead = h === 0 ? r1 : h;
  const neg = lead < 0;
  terms[0] = Math.abs(lead);
  terms[1] = h === 0 ? (neg ? -r2 : r2) : neg ? -r1 : r1;
  terms[2] = h === 0 ? 0 : neg ? -r2 : r2;
  if (!exactFromSum(neg ? 1 : 0, scale)) throw new Error(`exactFromSum3: ${x} + ${y} + ${z} not pinned to one unit`);
  return true;
}

/**
 * The exact sum x + y + z of terms = [x, y, z] as terms = [h, r1, r2]: h = RN(x + y + z) up to one unit (see
 * exactFromSum3), x + y + z = h + r1 + r2 exactly, |r2| ≤ ulp(r1)/2 and r1 = 0 ⇒ r2 = 0 (TwoSum cascade; exact
 * whenever nothing overflows).
 */
export function expand3(): void {
  const x = terms[0]!, y = terms[1]!, z = terms[2]!;
  const s = x + z;
  const t = twoSumErr(x, z, s);
  const u = t + y;
  const w = twoSumErr(t, y, u);
  const h = s + u; // x + y + z = h + l + w exactly
  const l = twoSumErr(s, u, h);
  const r1 = l + w;
  terms[0] = h;
  terms[1] = r1;
  terms[2] = twoSumErr(l, w, r1);
}
