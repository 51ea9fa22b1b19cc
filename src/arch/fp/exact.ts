// Exact arithmetic on binary64 host numbers: powers of two, bit lengths, the error-free transformations
// (TwoSum, Veltkamp/Dekker TwoProduct) and the conversion of an exact sum of at most three host numbers into the
// "exact value" record the rounder consumes. Every function here is exact by construction: the callers keep
// their operands in a frame (integer significands ≤ 2^54, scaled by an exponent kept aside) where binary64
// neither overflows nor underflows, which is the precondition of TwoSum and TwoProduct.

/** Host views of one 8-byte scratch word, for reading the bits of a binary64 (little-endian host). */
export const F64 = new Float64Array(1);
export const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
if (U32[1] !== 0x3ff00000) throw new Error('src/arch/fp needs a little-endian host');

const POW2_MIN = -1100;
const POW2 = new Float64Array(2200); // POW2[k − POW2_MIN] = 2^k, built by exact doubling/halving from 1
for (let k = -POW2_MIN, v = 1; k < POW2.length; k++, v *= 2) POW2[k] = v; // Infinity above 2^1023
for (let k = -POW2_MIN, v = 1; k >= 0; k--, v /= 2) POW2[k] = v; // 0 below 2^-1074

/** 2^k as a binary64 (0 below the denormal range, Infinity above 2^1023). Exact. */
export function pow2(k: number): number {
  if (k < POW2_MIN) return 0;
  if (k >= POW2_MIN + POW2.length) return Infinity;
  return POW2[k - POW2_MIN]!;
}

/** Number of significant bits of an integer 1 ≤ m < 2^64 held exactly in a binary64. */
export function bitLength(m: number): number {
  return m >= 0x1_0000_0000 ? 64 - Math.clz32(Math.floor(m / 0x1_0000_0000)) : 32 - Math.clz32(m);
}

/** TwoSum (Knuth): the exact error of s = RN(a + b), i.e. a + b = s + error. */
export function twoSumErr(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

export const TWO52 = 2 ** 52;
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp splitting constant for p = 53)

/** Dekker TwoProduct: the exact error of p = RN(a × b), i.e. a × b = p + error (|a|,|b| < 2^995, no underflow). */
export function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// --- exact values ---
// An exact non-zero real as the rounder needs it: (−1)^evSign × (evMant + f) × 2^evExp with evMant an integer
// ≤ 2^53 and the fraction f ∈ [0, 1) known only by which side of ½ it lies (FPRoundBase's `error`):
export const EXACT = 0; // f = 0
export const BELOW_HALF = 1; // 0 < f < ½
export const HALF = 2; // f = ½
export const ABOVE_HALF = 3; // ½ < f < 1
// When f ≠ 0, evMant has 53 significant bits, enough for every target precision (F + 1 ≤ 53).
export let evSign = 0;
export let evMant = 0;
export let evExp = 0;
export let evRest = 0;

/** Set the exact value directly (an integer significand with no fraction, or one of the frame conversions below). */
export function setExact(sign: number, mant: number, exp: number, rest: number): void {
  evSign = sign;
  evMant = mant;
  evExp = exp;
  evRest = rest;
}

/** Which side of `half` the magnitude a (+ a tie-breaking term of sign tieDir) lies: BELOW_HALF/HALF/ABOVE_HALF. */
function sideOfHalf(a: number, half: number, tieDir: number): number {
  if (a < half) return BELOW_HALF;
  if (a > half) return ABOVE_HALF;
  return tieDir === 0 ? HALF : tieDir > 0 ? ABOVE_HALF : BELOW_HALF;
}

const FLIP = [EXACT, ABOVE_HALF, HALF, BELOW_HALF]; // f ↦ 1 − f

/**
 * The exact value (−1)^sign × (r + e1 + e2) × 2^scale as an exact-value record, where r > 0 is a normal binary64
 * holding a 53-bit significand, e1 and e2 are signed (positive = away from zero) with |e2| ≤ ulp(e1)/2 and
 * e1 = 0 ⇒ e2 = 0. Returns false (record unchanged) when |e1 + e2| is not provably below one unit of r's last
 * place on its side, so that r's neighbour would be needed: the caller then takes an exact slow path.
 */
export function exactFromSum(sign: number, r: number, e1: number, e2: number, scale: number): boolean {
  F64[0] = r;
  const hi = U32[1]!;
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (hi & 0xfffff) * 0x1_0000_0000 + TWO52 + U32[0]!;
  let exp = bexp - 1075 + scale;
  const ulp = pow2(bexp - 1075);
  if (e1 === 0) {
    setExact(sign, mant, exp, EXACT);
    return true;
  }
  const a = Math.abs(e1);
  const tieDir = e2 === 0 ? 0 : e2 > 0 === e1 > 0 ? 1 : -1; // e2 pushes |e1 + e2| up (1) or down (−1)
  if (e1 > 0) {
    // (r + a): the fraction of the unit above r
    if (a >= ulp) return false;
    setExact(sign, mant, exp, sideOfHalf(a, ulp / 2, tieDir));
    return true;
  }
  // (r − a): one unit below r, fraction 1 − a/unit; below a power of two the unit is half as large
  const unit = mant === TWO52 ? ulp / 2 : ulp;
  if (a >= unit) return false;
  if (unit !== ulp) {
    mant *= 2;
    exp -= 1;
  }
  setExact(sign, mant - 1, exp, FLIP[sideOfHalf(a, unit / 2, tieDir)]!);
  return true;
}

/**
 * The exact sum x + y + z in a frame scaled by 2^scale as an exact-value record; false when the sum is exactly
 * zero. For the fused multiply-add's operands — x = ±p, y = ±pe the exact TwoProduct pair of two 53-bit
 * significands, z the addend — the expansion h + r1 + r2 below always pins the value to one unit of h:
 * either x and z cancel within a factor of two (Sterbenz: s exact, t = w = 0, and |l| is an RN error of h), or
 * |s| ≥ max(|x|, |z|)/2, so |u| ≤ 2 ulp(s) and |w| ≤ 2^-51 ulp(h), far below what separates |l + w| from the
 * unit. A violation would be a bug, not an input: it throws.
 */
export function exactFromSum3(x: number, y: number, z: number, scale: number): boolean {
  const s = x + z;
  const t = twoSumErr(x, z, s);
  const u = t + y;
  const w = twoSumErr(t, y, u);
  const h = s + u; // x + y + z = h + l + w exactly
  const l = twoSumErr(s, u, h);
  const r1 = l + w;
  const r2 = twoSumErr(l, w, r1); // = h + r1 + r2, |r2| ≤ ulp(r1)/2
  if (h === 0) {
    if (r1 === 0) return false;
    exactFromSum(r1 < 0 ? 1 : 0, Math.abs(r1), r1 < 0 ? -r2 : r2, 0, scale);
    return true;
  }
  const neg = h < 0;
  if (!exactFromSum(neg ? 1 : 0, Math.abs(h), neg ? -r1 : r1, neg ? -r2 : r2, scale)) {
    throw new Error(`exactFromSum3: ${x} + ${y} + ${z} not pinned to one unit`);
  }
  return true;
}
