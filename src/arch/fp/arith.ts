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
// Math.sqrt is the IEEE 754 correctly rounded square root on V8 (the host's sqrt instruction).
import { eft, expand3, F64, P0, POW2, terms, twoProduct, twoSumErr, U32 } from './exact.ts';
import { addSlots, divSlots, mulAddSlots, mulSlots, sqrtSlot, stepFusedSlots } from './core.ts';
import { fpcrRounding, IXC, putRes, RN, RM, RP, RZ, type FPStatus } from './format.ts';
import { negateSlot, unpack } from './unpack.ts';

const F32 = new Float32Array(1);
const F32U = new Uint32Array(F32.buffer);

/** Magnitude step (+1 up, −1 down, 0 none) that turns the RN result (sign neg) into the directed result, when the
 * exact value lies on side dir (> 0 above it, < 0 below). */
function directedStep(dir: number, neg: number, rounding: number): number {
  if (rounding === RP) return dir > 0 ? (neg ? -1 : 1) : 0;
  if (rounding === RM) return dir < 0 ? (neg ? 1 : -1) : 0;
  if (rounding === RZ) return dir > 0 === (neg === 1) ? -1 : 0; // exact lies nearer to zero than the RN result
  return 0;
}

/** The sign of x as −1, 0 or 1 (a small integer: the finishers take no double arguments, which would be boxed). */
const sgn = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Finish a binary32 fast path: the RN result is in F32[0], dir = −1/0/1 the side of the exact value. */
function finish32(v: Uint32Array, d: number, dir: number, st: FPStatus): void {
  const bits = F32U[0]!;
  if (dir === 0) v[d] = bits;
  else {
    st.fpsr |= IXC;
    v[d] = bits + directedStep(dir, bits >>> 31, fpcrRounding(st.fpcr));
  }
}

/** Finish a binary64 fast path: the RN result is in F64[0], dir = −1/0/1 the side of the exact value. */
function finish64(v: Uint32Array, d: number, dir: number, st: FPStatus): void {
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
  v[d] = lo;
  v[d + 1] = hi;
}


// Guards on biased exponent fields, as unsigned range checks. They take the word's array and index: a word with
// bit 31 set is outside the small-integer range and would be boxed as an argument of a call that is not inlined.
const normal32 = (a: Uint32Array, k: number): boolean => ((((a[k]! >>> 23) & 0xff) - 1) >>> 0) < 254; // 1 … 254
const safe32 = (a: Uint32Array, k: number): boolean => ((((a[k]! >>> 23) & 0xff) - 2) >>> 0) < 252; // 2 … 253
/** The biased exponent of the double whose bits 63:32 are a[k]. */
const exp64 = (a: Uint32Array, k: number): number => (a[k]! >>> 20) & 0x7ff;
const safe64 = (e: number): boolean => ((e - 2) >>> 0) < 2044; // 2 … 2045
// TwoProduct is exact for |operands| < 2^995 and products whose error stays above the denormal range:
// biased exponents ≤ 2017 and a sum of them ≥ 1100.
const dekkerSafe = (ea: number, eb: number): boolean => ea <= 2017 && eb <= 2017 && ea + eb >= 1100;

/** The binary32 v[k] as a host number. */
function f32(v: Uint32Array, k: number): number {
  F32U[0] = v[k]!;
  return F32[0]!;
}

/** The double (v[k], v[k + 1]) as a host number. */
function f64(v: Uint32Array, k: number): number {
  U32[0] = v[k]!;
  U32[1] = v[k + 1]!;
  return F64[0]!;
}

/** dst[i] = the double (v[k], v[k + 1]): through a typed array, not a return value, which V8 boxes whenever the
 * call is not inlined (the fused path's callers are too large for the inlining budget to be sure). */
function loadF64(v: Uint32Array, k: number, dst: Float64Array, i: number): void {
  U32[0] = v[k]!;
  U32[1] = v[k + 1]!;
  dst[i] = F64[0]!;
}

/** Round the host number r to binary32 into F32[0]; true when it lies in the fast path's safe binades. */
function round32(r: number): boolean {
  F32[0] = r;
  return safe32(F32U, 0);
}

// Every entry point below computes on operands in a caller's Uint32Array `v`, typically the V-register view:
// binary32 at v[k]; doubles at v[k] (bits 31:0) and v[k + 1] (bits 63:32). The result goes to v[d] (v[d + 1]).

// ---------------------------------------------------------------- add / sub

function add32(v: Uint32Array, d: number, n: number, m: number, neg: number, st: FPStatus): void {
  if (normal32(v, n) && normal32(v, m)) {
    const x = f32(v, n), y = neg ? -f32(v, m) : f32(v, m);
    const s = x + y;
    const r = Math.fround(s);
    if (round32(r)) return finish32(v, d, sgn(s - r + twoSumErr(x, y, s)), st);
  }
  unpack(0, 32, v, n, st);
  unpack(1, 32, v, m, st);
  addSlots(32, neg, st);
  putRes(v, d, 32);
}

function add64(v: Uint32Array, d: number, n: number, m: number, neg: number, st: FPStatus): void {
  const ea = exp64(v, n + 1), eb = exp64(v, m + 1);
  if (((ea - 1) >>> 0) < 2046 && ((eb - 1) >>> 0) < 2046) {
    const x = f64(v, n), y = neg ? -f64(v, m) : f64(v, m);
    const r = x + y;
    F64[0] = r;
    if (safe64(exp64(U32, 1))) return finish64(v, d, sgn(twoSumErr(x, y, r)), st);
  }
  unpack(0, 64, v, n, st);
  unpack(1, 64, v, m, st);
  addSlots(64, neg, st);
  putRes(v, d, 64);
}

/** FPAdd(v[n], v[m]) of binary32 into v[d]. */
export const fpAdd32 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => add32(v, d, n, m, 0, st);
/** FPSub(v[n], v[m]) of binary32 into v[d]. */
export const fpSub32 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => add32(v, d, n, m, 1, st);
/** FPAdd of doubles into v[d], v[d + 1]. */
export const fpAdd64 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => add64(v, d, n, m, 0, st);
/** FPSub of doubles. */
export const fpSub64 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => add64(v, d, n, m, 1, st);

// ---------------------------------------------------------------- mul

function mulExact(v: Uint32Array, d: number, n: number, m: number, w: 32 | 64, mulx: boolean, st: FPStatus): void {
  unpack(1, w, v, n, st);
  unpack(2, w, v, m, st);
  mulSlots(w, mulx, st);
  putRes(v, d, w);
}

function mul32(v: Uint32Array, d: number, n: number, m: number, mulx: boolean, st: FPStatus): void {
  if (normal32(v, n) && normal32(v, m)) {
    const s = f32(v, n) * f32(v, m); // exact: 48 significant bits
    const r = Math.fround(s);
    if (round32(r)) return finish32(v, d, sgn(s - r), st);
  }
  mulExact(v, d, n, m, 32, mulx, st);
}

function mul64(v: Uint32Array, d: number, n: number, m: number, mulx: boolean, st: FPStatus): void {
  const ea = exp64(v, n + 1), eb = exp64(v, m + 1);
  if (ea !== 0 && eb !== 0 && dekkerSafe(ea, eb)) {
    const x = f64(v, n), y = f64(v, m);
    const r = x * y;
    F64[0] = r;
    if (safe64(exp64(U32, 1))) {
      eft[0] = x;
      eft[1] = y;
      twoProduct();
      return finish64(v, d, sgn(eft[1]!), st);
    }
  }
  mulExact(v, d, n, m, 64, mulx, st);
}

/** FPMul(v[n], v[m]) of binary32 into v[d]. */
export const fpMul32 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => mul32(v, d, n, m, false, st);
/** FPMulX (FMULX: FPMul except ∞ × 0 = ±2.0) of binary32. */
export const fpMulX32 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => mul32(v, d, n, m, true, st);
/** FPMul of doubles. */
export const fpMul64 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => mul64(v, d, n, m, false, st);
/** FPMulX of doubles. */
export const fpMulX64 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void => mul64(v, d, n, m, true, st);

// ---------------------------------------------------------------- div

/** FPDiv(v[n], v[m]) of binary32 into v[d]. */
export function fpDiv32(v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void {
  if (normal32(v, n) && normal32(v, m)) {
    const x = f32(v, n), y = f32(v, m);
    const r = Math.fround(x / y);
    if (round32(r)) {
      const rem = x - r * y; // exact: r × y has 48 bits and lies within a factor 2 of x (Sterbenz)
      return finish32(v, d, y > 0 ? sgn(rem) : -sgn(rem), st);
    }
  }
  unpack(0, 32, v, n, st);
  unpack(1, 32, v, m, st);
  divSlots(32, st);
  putRes(v, d, 32);
}

/** FPDiv of doubles. */
export function fpDiv64(v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void {
  const ea = exp64(v, n + 1), eb = exp64(v, m + 1);
  if (ea !== 0 && ea <= 2017 && eb !== 0) {
    const x = f64(v, n), y = f64(v, m);
    const q = x / y;
    F64[0] = q;
    const eq = exp64(U32, 1);
    if (safe64(eq) && dekkerSafe(eq, eb)) {
      eft[0] = q;
      eft[1] = y;
      twoProduct();
      const rem = x - eft[0]! - eft[1]!; // exact remainder x − q·y
      return finish64(v, d, y > 0 ? sgn(rem) : -sgn(rem), st);
    }
  }
  unpack(0, 64, v, n, st);
  unpack(1, 64, v, m, st);
  divSlots(64, st);
  putRes(v, d, 64);
}

// ---------------------------------------------------------------- sqrt

/** FPSqrt(v[n]) of binary32 into v[d]. */
export function fpSqrt32(v: Uint32Array, d: number, n: number, st: FPStatus): void {
  const a = v[n]!;
  if (a >>> 31 === 0 && normal32(v, n)) {
    const x = f32(v, n);
    const r = Math.fround(Math.sqrt(x));
    F32[0] = r;
    return finish32(v, d, sgn(x - r * r), st); // r² exact (48 bits), x − r² exact (Sterbenz)
  }
  unpack(0, 32, v, n, st);
  sqrtSlot(32, st);
  putRes(v, d, 32);
}

/** FPSqrt of a double. */
export function fpSqrt64(v: Uint32Array, d: number, n: number, st: FPStatus): void {
  const hi = v[n + 1]!;
  const ea = exp64(v, n + 1);
  if (hi >>> 31 === 0 && ea >= 100 && ea <= 2017) { // r² and its TwoProduct error stay in range
    const x = f64(v, n);
    const r = Math.sqrt(x);
    eft[0] = r;
    eft[1] = r;
    twoProduct();
    const rem = x - eft[0]! - eft[1]!; // exact remainder x − r²
    F64[0] = r;
    return finish64(v, d, sgn(rem), st);
  }
  unpack(0, 64, v, n, st);
  sqrtSlot(64, st);
  putRes(v, d, 64);
}

// ---------------------------------------------------------------- fused multiply-add

/** FPMulAdd(v[a], v[n], v[m]) of binary32 into v[d]: addend + op1 × op2, rounded once. */
export function fpMulAdd32(v: Uint32Array, d: number, a: number, n: number, m: number, st: FPStatus): void {
  if (normal32(v, n) && normal32(v, m) && normal32(v, a)) {
    const z = f32(v, a);
    const p = f32(v, n) * f32(v, m); // exact
    const s = p + z;
    const e = twoSumErr(p, z, s); // exact value = s + e
    const r = Math.fround(s);
    if (round32(r)) {
      const d1 = s - r; // exact
      if (e !== 0 && d1 !== 0 && fpcrRounding(st.fpcr) === RN) {
        // s on a binary32 midpoint: the exact value is beyond it when e points the same way
        const bits = F32U[0]!;
        F32U[0] = bits + (d1 > 0 === r > 0 ? 1 : -1);
        const nb = F32[0]!;
        v[d] = 2 * s === r + nb && e > 0 === d1 > 0 ? F32U[0]! : bits;
        st.fpsr |= IXC;
        return;
      }
      return finish32(v, d, sgn(d1 !== 0 ? d1 : e), st);
    }
  }
  unpack(0, 32, v, a, st);
  unpack(1, 32, v, n, st);
  unpack(2, 32, v, m, st);
  mulAddSlots(32, st);
  putRes(v, d, 32);
}

/** FPMulAdd of doubles: TwoProduct of the operands and a three-term TwoSum expansion with the addend, on host
 * numbers when their ranges allow it, else on the slots' significands (core.ts). */
export function fpMulAdd64(v: Uint32Array, d: number, a: number, n: number, m: number, st: FPStatus): void {
  const ea = exp64(v, n + 1), eb = exp64(v, m + 1), ec = exp64(v, a + 1);
  if (ea !== 0 && eb !== 0 && ((ec - 1) >>> 0) < 2044 && dekkerSafe(ea, eb)) {
    hostProduct(v, n, m);
    F64[0] = terms[0]!;
    if (exp64(U32, 1) <= 2044) { // |p|, |addend| < 2^1022: no partial sum overflows
      loadF64(v, a, terms, 2);
      expand3(); // addend + product = h + r1 + r2 exactly
      F64[0] = terms[0]!;
      const eh = exp64(U32, 1);
      if (safe64(eh) && fusedFinish(v, d, eh, st)) return;
    }
  }
  unpack(0, 64, v, a, st);
  unpack(1, 64, v, n, st);
  unpack(2, 64, v, m, st);
  mulAddSlots(64, st);
  putRes(v, d, 64);
}

/** terms[0] + terms[1] = the exact product of the doubles at v[n] and v[m] (RN product, TwoProduct error). The
 * host numbers stay inside: a call that is not inlined would box double arguments. */
function hostProduct(v: Uint32Array, n: number, m: number): void {
  loadF64(v, n, eft, 0);
  loadF64(v, m, eft, 1);
  twoProduct();
  terms[0] = eft[0]!;
  terms[1] = eft[1]!;
}

/**
 * Finish the double FMA fast path from the expansion terms = [h, r1, r2], with h's bits in U32 and its biased
 * exponent eh safe: the RN result is h or its neighbour on r1's side (a tie broken by r2, then by evenness), the
 * directed ones as in finish64. False when |r1| reaches a unit of h (not expected; the exact path decides then).
 */
function fusedFinish(v: Uint32Array, d: number, eh: number, st: FPStatus): boolean {
  const r1 = terms[1]!;
  if (r1 === 0) {
    finish64(v, d, 0, st);
    return true;
  }
  const neg = U32[1]! >>> 31;
  const away = r1 > 0 === (neg === 0); // r1 increases |value|
  const ulp = POW2[P0 + eh - 1075]!;
  const unit = away || (U32[0]! | (U32[1]! & 0xfffff)) !== 0 ? ulp : ulp / 2; // below a power of two: half a unit
  const a = Math.abs(r1);
  if (a >= unit) return false;
  const rounding = fpcrRounding(st.fpcr);
  if (rounding !== RN) {
    finish64(v, d, r1 > 0 ? 1 : -1, st);
    return true;
  }
  const half = unit / 2;
  const r2 = terms[2]!;
  const tieAway = r2 !== 0 ? r2 > 0 === r1 > 0 : (U32[0]! & 1) === 1; // beyond the midpoint, or h odd
  if (a > half || (a === half && tieAway)) {
    let lo = U32[0]!, hi = U32[1]!;
    if (away) {
      lo = (lo + 1) >>> 0;
      if (lo === 0) hi += 1;
    } else {
      if (lo === 0) hi -= 1;
      lo = (lo - 1) >>> 0;
    }
    v[d] = lo;
    v[d + 1] = hi;
  } else {
    v[d] = U32[0]!;
    v[d + 1] = U32[1]!;
  }
  st.fpsr |= IXC;
  return true;
}

// ---------------------------------------------------------------- Newton–Raphson steps (FRECPS, FRSQRTS)

function stepFused(v: Uint32Array, d: number, n: number, m: number, w: 32 | 64, halve: boolean, st: FPStatus): void {
  unpack(1, w, v, n, st);
  negateSlot(1, w); // op1 = FPNeg(op1), NaN included
  unpack(2, w, v, m, st);
  stepFusedSlots(w, halve, st);
  putRes(v, d, w);
}

/** FPRecipStepFused(v[n], v[m]) = 2.0 − op1 × op2 (FRECPS), binary32. */
export const fpRecipStepFused32 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void =>
  stepFused(v, d, n, m, 32, false, st);
/** FPRSqrtStepFused(v[n], v[m]) = (3.0 − op1 × op2) / 2 (FRSQRTS), binary32. */
export const fpRSqrtStepFused32 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void =>
  stepFused(v, d, n, m, 32, true, st);
/** FPRecipStepFused of doubles. */
export const fpRecipStepFused64 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void =>
  stepFused(v, d, n, m, 64, false, st);
/** FPRSqrtStepFused of doubles. */
export const fpRSqrtStepFused64 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus): void =>
  stepFused(v, d, n, m, 64, true, st);
