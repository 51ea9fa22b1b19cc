// The arithmetic operations' entry points: a host-arithmetic fast path where it provably gives the Arm result,
// else the exact path of core.ts.
//
// Fast path (both precisions): the operands are normal numbers and the host result lies in a binade where
// neither overflow nor tininess can arise even after a one-unit correction (biased exponent 2 … max−1). There the
// host's round-to-nearest-even result r plus the exact sign of (exact − r) decide everything: it is the RN result,
// the directed modes move r one unit, and the sign being non-zero is IXC. The sign comes from TwoSum (+, −),
// Dekker's TwoProduct (×, and the remainders of ÷ and √), with operand ranges that keep those exact.
// Single precision runs in binary64: + − × ÷ √ of binary32 values rounded to binary64 and then to binary32 give
// the correctly rounded binary32 result (innocuous double rounding, Roux 2014, 53 ≥ 2×24 + 2); its error sign is
// (r64 − r32) + e64, exact or sign-exact. The binary32 FMA forms a·b exactly (48 bits), adds c with TwoSum, and
// repairs the one case where double rounding is not innocuous: a binary64 sum sitting on a binary32 midpoint.
import { F64, twoProdErr, twoSumErr, U32 } from './exact.ts';
import { addSlots, divSlots, mulAddSlots, mulSlots, sqrtSlot, stepFusedSlots } from './core.ts';
import { fpcrRounding, IXC, resHi, resLo, RN, RM, RP, RZ, type FPStatus } from './format.ts';
import { unpack } from './unpack.ts';

const F32 = new Float32Array(1);
const F32U = new Uint32Array(F32.buffer);

/** Bits of the binary32 r (a value exactly representable in binary32). */
function bits32(r: number): number {
  F32[0] = r;
  return F32U[0]!;
}

/** The binary32 with bits b, as a host number. */
function val32(b: number): number {
  F32U[0] = b;
  return F32[0]!;
}

/** Magnitude step (+1 up, −1 down, 0 none) that turns the RN result r (sign neg) into the directed result, when
 * the exact value lies on side dir (> 0 above r, < 0 below) of it. */
function directedStep(dir: number, neg: number, rounding: number): number {
  if (rounding === RP) return dir > 0 ? (neg ? -1 : 1) : 0;
  if (rounding === RM) return dir < 0 ? (neg ? 1 : -1) : 0;
  if (rounding === RZ) return dir > 0 === (neg === 1) ? -1 : 0; // exact lies nearer to zero than r
  return 0;
}

/** Finish a binary32 fast path: r32 bits, side dir of the exact value (0 = exact). */
function finish32(bits: number, dir: number, st: FPStatus): number {
  if (dir === 0) return bits;
  st.fpsr |= IXC;
  return (bits + directedStep(dir, bits >>> 31, fpcrRounding(st.fpcr))) >>> 0;
}

/** Finish a binary64 fast path: the host result r's bits in U32, side dir of the exact value (0 = exact). */
function finish64(out: Uint32Array, o: number, dir: number, st: FPStatus): void {
  let lo = U32[0]!, hi = U32[1]!;
  if (dir !== 0) {
    st.fpsr |= IXC;
    const step = directedStep(dir, hi >>> 31, fpcrRounding(st.fpcr));
    if (step > 0) {
      lo = (lo + 1) >>> 0;
      if (lo === 0) hi += 1;
    } else if (step < 0) {
      if (lo === 0) hi -= 1;
      lo = (lo - 1) >>> 0;
    }
  }
  out[o] = lo;
  out[o + 1] = hi;
}

/** Write the result registers of the exact path as a double. */
function put64(out: Uint32Array, o: number): void {
  out[o] = resLo;
  out[o + 1] = resHi;
}

// Guards on biased exponent fields, as unsigned range checks.
const normal32 = (b: number): boolean => ((((b >>> 23) & 0xff) - 1) >>> 0) < 254; // 1 … 254
const safe32 = (b: number): boolean => ((((b >>> 23) & 0xff) - 2) >>> 0) < 252; // 2 … 253
const exp64 = (hi: number): number => (hi >>> 20) & 0x7ff;
const safe64 = (e: number): boolean => ((e - 2) >>> 0) < 2044; // 2 … 2045

/** The double with halves (lo, hi) as a host number (through the scratch word). */
function host64(lo: number, hi: number): number {
  U32[0] = lo;
  U32[1] = hi;
  return F64[0]!;
}

// ---------------------------------------------------------------- add / sub

function addFast32(a: number, b: number, neg: number, st: FPStatus): number {
  if (normal32(a) && normal32(b)) {
    const x = val32(a), y = neg ? -val32(b) : val32(b);
    const s = x + y;
    const r = Math.fround(s);
    const bits = bits32(r);
    if (safe32(bits)) return finish32(bits, s - r + twoSumErr(x, y, s), st);
  }
  unpack(0, 32, a, 0, st);
  unpack(1, 32, b, 0, st);
  addSlots(32, neg, st);
  return resLo;
}

/** FPAdd(op1, op2) of binary32 bits. */
export const fpAdd32 = (a: number, b: number, st: FPStatus): number => addFast32(a, b, 0, st);
/** FPSub(op1, op2) of binary32 bits. */
export const fpSub32 = (a: number, b: number, st: FPStatus): number => addFast32(a, b, 1, st);

function addFast64(
  out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, neg: number, st: FPStatus,
): void {
  const ea = exp64(aHi), eb = exp64(bHi);
  if (((ea - 1) >>> 0) < 2046 && ((eb - 1) >>> 0) < 2046) {
    const x = host64(aLo, aHi);
    const y = neg ? -host64(bLo, bHi) : host64(bLo, bHi);
    const r = x + y;
    F64[0] = r;
    if (safe64(exp64(U32[1]!))) return finish64(out, o, twoSumErr(x, y, r), st);
  }
  unpack(0, 64, aLo, aHi, st);
  unpack(1, 64, bLo, bHi, st);
  addSlots(64, neg, st);
  put64(out, o);
}

/** FPAdd(op1, op2) of doubles given as (lo, hi) halves; the result goes to out[o] (lo) and out[o + 1] (hi). */
export function fpAdd64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  addFast64(out, o, aLo, aHi, bLo, bHi, 0, st);
}
/** FPSub(op1, op2) of doubles. */
export function fpSub64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  addFast64(out, o, aLo, aHi, bLo, bHi, 1, st);
}

// ---------------------------------------------------------------- mul

function mulExact32(a: number, b: number, mulx: boolean, st: FPStatus): number {
  unpack(1, 32, a, 0, st);
  unpack(2, 32, b, 0, st);
  mulSlots(32, mulx, st);
  return resLo;
}

/** FPMul(op1, op2) of binary32 bits. */
export function fpMul32(a: number, b: number, st: FPStatus): number {
  if (normal32(a) && normal32(b)) {
    const s = val32(a) * val32(b); // exact: 48 significant bits
    const r = Math.fround(s);
    const bits = bits32(r);
    if (safe32(bits)) return finish32(bits, s - r, st);
  }
  return mulExact32(a, b, false, st);
}

/** FPMulX(op1, op2): FPMul except that ∞ × 0 is ±2.0 (FMULX). */
export function fpMulX32(a: number, b: number, st: FPStatus): number {
  return normal32(a) && normal32(b) ? fpMul32(a, b, st) : mulExact32(a, b, true, st);
}

function mulExact64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, mulx: boolean, st: FPStatus): void {
  unpack(1, 64, aLo, aHi, st);
  unpack(2, 64, bLo, bHi, st);
  mulSlots(64, mulx, st);
  put64(out, o);
}

// TwoProduct is exact for |operands| < 2^995 and products whose error stays above the denormal range:
// biased exponents ≤ 2017 and a sum of them ≥ 1100.
const dekkerSafe = (ea: number, eb: number): boolean => ea <= 2017 && eb <= 2017 && ea + eb >= 1100;

/** FPMul(op1, op2) of doubles. */
export function fpMul64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  const ea = exp64(aHi), eb = exp64(bHi);
  if (ea !== 0 && eb !== 0 && dekkerSafe(ea, eb)) {
    const x = host64(aLo, aHi), y = host64(bLo, bHi);
    const r = x * y;
    F64[0] = r;
    if (safe64(exp64(U32[1]!))) return finish64(out, o, twoProdErr(x, y, r), st);
  }
  mulExact64(out, o, aLo, aHi, bLo, bHi, false, st);
}

/** FPMulX(op1, op2) of doubles. */
export function fpMulX64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  const ea = exp64(aHi), eb = exp64(bHi);
  if (ea !== 0 && eb !== 0 && ea !== 0x7ff && eb !== 0x7ff) fpMul64(out, o, aLo, aHi, bLo, bHi, st);
  else mulExact64(out, o, aLo, aHi, bLo, bHi, true, st);
}

// ---------------------------------------------------------------- div

/** FPDiv(op1, op2) of binary32 bits. */
export function fpDiv32(a: number, b: number, st: FPStatus): number {
  if (normal32(a) && normal32(b)) {
    const x = val32(a), y = val32(b);
    const r = Math.fround(x / y);
    const bits = bits32(r);
    if (safe32(bits)) {
      const rem = x - r * y; // exact: r × y has 48 bits and lies within a factor 2 of x (Sterbenz)
      return finish32(bits, y > 0 ? rem : -rem, st);
    }
  }
  unpack(0, 32, a, 0, st);
  unpack(1, 32, b, 0, st);
  divSlots(32, st);
  return resLo;
}

/** FPDiv(op1, op2) of doubles. */
export function fpDiv64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  const ea = exp64(aHi), eb = exp64(bHi);
  if (ea !== 0 && ea <= 2017 && eb !== 0) {
    const x = host64(aLo, aHi), y = host64(bLo, bHi);
    const q = x / y;
    F64[0] = q;
    const eq = exp64(U32[1]!);
    if (safe64(eq) && dekkerSafe(eq, eb)) {
      const p = q * y;
      const rem = x - p - twoProdErr(q, y, p); // exact remainder x − q·y
      return finish64(out, o, y > 0 ? rem : -rem, st);
    }
  }
  unpack(0, 64, aLo, aHi, st);
  unpack(1, 64, bLo, bHi, st);
  divSlots(64, st);
  put64(out, o);
}

// ---------------------------------------------------------------- sqrt
// Math.sqrt is the IEEE 754 correctly rounded square root on V8 (the host's sqrt instruction); the remainder's
// sign below relies on it.

/** FPSqrt(op) of binary32 bits. */
export function fpSqrt32(a: number, st: FPStatus): number {
  if (a >>> 31 === 0 && normal32(a)) {
    const x = val32(a);
    const r = Math.fround(Math.sqrt(x));
    return finish32(bits32(r), x - r * r, st); // r² exact (48 bits), x − r² exact (Sterbenz)
  }
  unpack(0, 32, a, 0, st);
  sqrtSlot(32, st);
  return resLo;
}

/** FPSqrt(op) of a double. */
export function fpSqrt64(out: Uint32Array, o: number, aLo: number, aHi: number, st: FPStatus): void {
  const ea = exp64(aHi);
  if (aHi >>> 31 === 0 && ea >= 100 && ea <= 2017) { // r² and its TwoProduct error stay in range
    const x = host64(aLo, aHi);
    const r = Math.sqrt(x);
    const p = r * r;
    const rem = x - p - twoProdErr(r, r, p);
    F64[0] = r;
    return finish64(out, o, rem, st);
  }
  unpack(0, 64, aLo, aHi, st);
  sqrtSlot(64, st);
  put64(out, o);
}

// ---------------------------------------------------------------- fused multiply-add

/** FPMulAdd(addend, op1, op2) of binary32 bits: addend + op1 × op2, rounded once. */
export function fpMulAdd32(c: number, a: number, b: number, st: FPStatus): number {
  if (normal32(a) && normal32(b) && normal32(c)) {
    const z = val32(c);
    const p = val32(a) * val32(b); // exact
    const s = p + z;
    const e = twoSumErr(p, z, s); // exact value = s + e
    const r = Math.fround(s);
    let bits = bits32(r);
    if (safe32(bits)) {
      const d1 = s - r; // exact
      if (d1 === 0 && e === 0) return bits;
      if (e !== 0 && d1 !== 0 && fpcrRounding(st.fpcr) === RN) {
        // s on a binary32 midpoint: the exact value is beyond it when e points the same way
        const nb = (bits + (d1 > 0 === r > 0 ? 1 : -1)) >>> 0;
        if (2 * s === r + val32(nb) && e > 0 === d1 > 0) bits = nb;
        st.fpsr |= IXC;
        return bits;
      }
      return finish32(bits, d1 !== 0 ? d1 : e, st);
    }
  }
  unpack(0, 32, c, 0, st);
  unpack(1, 32, a, 0, st);
  unpack(2, 32, b, 0, st);
  mulAddSlots(32, st);
  return resLo;
}

/** FPMulAdd(addend, op1, op2) of doubles (always the exact path: TwoProduct and a three-term TwoSum expansion). */
export function fpMulAdd64(
  out: Uint32Array, o: number, cLo: number, cHi: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus,
): void {
  unpack(0, 64, cLo, cHi, st);
  unpack(1, 64, aLo, aHi, st);
  unpack(2, 64, bLo, bHi, st);
  mulAddSlots(64, st);
  put64(out, o);
}

// ---------------------------------------------------------------- Newton–Raphson steps (FRECPS, FRSQRTS)

/** FPRecipStepFused(op1, op2) = 2.0 − op1 × op2 (binary32; op1 is negated first, NaN included). */
export function fpRecipStepFused32(a: number, b: number, st: FPStatus): number {
  unpack(1, 32, (a ^ 0x80000000) >>> 0, 0, st);
  unpack(2, 32, b, 0, st);
  stepFusedSlots(32, false, st);
  return resLo;
}

/** FPRSqrtStepFused(op1, op2) = (3.0 − op1 × op2) / 2 (binary32). */
export function fpRSqrtStepFused32(a: number, b: number, st: FPStatus): number {
  unpack(1, 32, (a ^ 0x80000000) >>> 0, 0, st);
  unpack(2, 32, b, 0, st);
  stepFusedSlots(32, true, st);
  return resLo;
}

/** FPRecipStepFused(op1, op2) of doubles. */
export function fpRecipStepFused64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  unpack(1, 64, aLo, (aHi ^ 0x80000000) >>> 0, st);
  unpack(2, 64, bLo, bHi, st);
  stepFusedSlots(64, false, st);
  put64(out, o);
}

/** FPRSqrtStepFused(op1, op2) of doubles. */
export function fpRSqrtStepFused64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  unpack(1, 64, aLo, (aHi ^ 0x80000000) >>> 0, st);
  unpack(2, 64, bLo, bHi, st);
  stepFusedSlots(64, true, st);
  put64(out, o);
}
