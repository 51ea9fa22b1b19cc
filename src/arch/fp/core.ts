// The arithmetic pseudocode functions on unpacked operand slots (ARM J1.3 FPAdd, FPSub, FPMul, FPMulX, FPDiv,
// FPSqrt, FPMulAdd; ARM J1.1 FPRecipStepFused, FPRSqrtStepFused): NaN processing, the special cases in the
// pseudocode's order, and the exact value of the numeric case handed to the rounder. This is the exact path
// every operation can take; arith.ts puts host-arithmetic fast paths in front of it.
//
// Exactness: slot significands are integers in [2^52, 2^53), so sums, products, quotients and square roots are
// computed on them in a frame where binary64 never overflows or underflows; TwoSum/TwoProduct give the error of
// each host operation exactly, the remainder's sign settles ÷ and √ (a quotient or root of binary numbers is
// never a midpoint), and the fused sum is a three-term TwoSum expansion (exact.ts exactFromSum3).
import {
  fpcrRounding, IOC, DZC, RM, setDefaultNaN, setInfinity, setOnePointFive, setTwo, setZero, type FPStatus,
  type Rounding, type Width,
} from './format.ts';
import { eft, EXACT, exactFromSum, exactFromSum3, P0, POW2, setExact, terms, twoProduct, twoSumErr } from './exact.ts';
import { processNaN, processNaNs, processNaNs3 } from './nan.ts';
import { roundExact } from './round.ts';
import { expo, INF, mant, QNAN, setSlotValue, sign, type, ZERO } from './unpack.ts';

/** An exact zero result: its sign is − only when rounding toward −∞ (FPAdd/FPSub/FPMulAdd "exact zero"). */
function exactZero(n: Width, rounding: Rounding): void {
  setZero(n, rounding === RM ? 1 : 0);
}

/** The exact value of slot i (sign flipped by neg) rounded into width n. */
function roundSlot(i: number, neg: number, n: Width, st: FPStatus, rounding: Rounding): void {
  setExact(sign[i]! ^ neg, mant, i, expo[i]!, EXACT);
  roundExact(n, st, rounding);
}

/** FPAdd (neg2 = 0) or FPSub (neg2 = 1) of slots 0 and 1. */
export function addSlots(n: Width, neg2: number, st: FPStatus): void {
  if (processNaNs(0, 1, n, st)) return;
  const rounding = fpcrRounding(st.fpcr);
  const t1 = type[0]!, t2 = type[1]!;
  const s1 = sign[0]!, s2 = sign[1]! ^ neg2;
  const inf1 = t1 === INF, inf2 = t2 === INF;
  if (inf1 && inf2 && s1 !== s2) {
    setDefaultNaN(n); // ∞ − ∞
    st.fpsr |= IOC;
  } else if (inf1 || inf2) setInfinity(n, inf1 ? s1 : s2);
  else if (t1 === ZERO && t2 === ZERO) {
    if (s1 === s2) setZero(n, s1);
    else exactZero(n, rounding);
  } else if (t1 === ZERO) roundSlot(1, neg2, n, st, rounding);
  else if (t2 === ZERO) roundSlot(0, 0, n, st, rounding);
  else addValue(n, neg2, st, rounding);
}

/** The numeric case of FPAdd/FPSub: both slots finite and non-zero. (A function of its own, apart from the special
 * cases, so that the error-free transformations are inlined: a call that is not would box its double arguments.) */
function addValue(n: Width, neg2: number, st: FPStatus, rounding: Rounding): void {
  const s1 = sign[0]!, s2 = sign[1]! ^ neg2;
  // order by exponent: x carries the larger one and fixes the frame
  const big = expo[0]! >= expo[1]! ? 0 : 1;
  const small = 1 - big;
  const d = expo[big]! - expo[small]!;
  const sx = big === 0 ? s1 : s2, sy = big === 0 ? s2 : s1;
  const x = sx ? -mant[big]! : mant[big]!;
  const ym = d > 60 ? 2 ** -20 : mant[small]! * POW2[P0 - d]!; // beyond 60 bits only the sign of y matters
  const y = sy ? -ym : ym;
  const r = x + y;
  if (r === 0) exactZero(n, rounding);
  else {
    const e = twoSumErr(x, y, r);
    terms[0] = Math.abs(r);
    terms[1] = r < 0 ? -e : e;
    terms[2] = 0;
    exactFromSum(r < 0 ? 1 : 0, expo[big]!);
    roundExact(n, st, rounding);
  }
}

/** The significand product of slots 1 and 2 as terms[0] + terms[1] (RN product and its exact error), terms[2] = 0. */
function slotProduct(): void {
  eft[0] = mant[1]!;
  eft[1] = mant[2]!;
  twoProduct();
  terms[0] = eft[0]!;
  terms[1] = eft[1]!;
  terms[2] = 0;
}

/** The exact product of the finite non-zero slots 1 and 2 with sign s, scaled by 2^adj, into the exact record. */
function exactProduct(s: number, adj: number): void {
  slotProduct();
  exactFromSum(s, expo[1]! + expo[2]! + adj);
}

/** FPMul (mulx = false) or FPMulX (∞ × 0 = ±2.0) of slots 1 and 2. */
export function mulSlots(n: Width, mulx: boolean, st: FPStatus): void {
  if (processNaNs(1, 2, n, st)) return;
  const t1 = type[1]!, t2 = type[2]!;
  const s = sign[1]! ^ sign[2]!;
  if ((t1 === INF && t2 === ZERO) || (t1 === ZERO && t2 === INF)) {
    if (mulx) setTwo(n, s);
    else {
      setDefaultNaN(n); // ∞ × 0
      st.fpsr |= IOC;
    }
  } else if (t1 === INF || t2 === INF) setInfinity(n, s);
  else if (t1 === ZERO || t2 === ZERO) setZero(n, s);
  else {
    exactProduct(s, 0);
    roundExact(n, st, fpcrRounding(st.fpcr));
  }
}

/** FPDiv of slot 0 by slot 1. */
export function divSlots(n: Width, st: FPStatus): void {
  if (processNaNs(0, 1, n, st)) return;
  const t1 = type[0]!, t2 = type[1]!;
  const s = sign[0]! ^ sign[1]!;
  if ((t1 === INF && t2 === INF) || (t1 === ZERO && t2 === ZERO)) {
    setDefaultNaN(n);
    st.fpsr |= IOC;
  } else if (t1 === INF || t2 === ZERO) {
    setInfinity(n, s);
    if (t1 !== INF) st.fpsr |= DZC; // finite / 0
  } else if (t1 === ZERO || t2 === INF) setZero(n, s);
  else divValue(n, s, st);
}

/** The numeric case of FPDiv (a function of its own so that TwoProduct is inlined, see addValue). */
function divValue(n: Width, s: number, st: FPStatus): void {
  const m1 = mant[0]!, m2 = mant[1]!;
  const q = m1 / m2; // RN quotient in (½, 2)
  eft[0] = q;
  eft[1] = m2;
  twoProduct();
  const rem = m1 - eft[0]! - eft[1]!; // exact: m1 = q × m2 + rem
  terms[0] = q;
  terms[1] = rem > 0 ? 2 ** -60 : rem < 0 ? -(2 ** -60) : 0;
  terms[2] = 0;
  exactFromSum(s, expo[0]! - expo[1]!);
  roundExact(n, st, fpcrRounding(st.fpcr));
}

/** FPSqrt of slot 0. */
export function sqrtSlot(n: Width, st: FPStatus): void {
  const t = type[0]!;
  if (t >= QNAN) processNaN(0, n, st);
  else if (t === ZERO) setZero(n, sign[0]!);
  else if (sign[0] === 1) {
    setDefaultNaN(n); // √ of a negative non-zero (including −∞)
    st.fpsr |= IOC;
  } else if (t === INF) setInfinity(n, 0);
  else sqrtValue(n, st);
}

/** The numeric case of FPSqrt (a function of its own so that TwoProduct is inlined, see addValue). */
function sqrtValue(n: Width, st: FPStatus): void {
  const odd = expo[0]! & 1;
  const m = odd ? mant[0]! * 2 : mant[0]!; // even exponent: √(m × 2^e) = √m × 2^(e/2); m < 2^54 is exact
  const r = Math.sqrt(m); // RN root in [2^26, 2^27)
  eft[0] = r;
  eft[1] = r;
  twoProduct();
  const rem = m - eft[0]! - eft[1]!; // exact: m = r² + rem
  terms[0] = r;
  terms[1] = rem > 0 ? 2 ** -60 : rem < 0 ? -(2 ** -60) : 0;
  terms[2] = 0;
  exactFromSum(0, (expo[0]! - odd) >> 1); // an integer argument: a division result would be a double, boxed
  roundExact(n, st, fpcrRounding(st.fpcr));
}

/**
 * The fused numeric case addend + op1 × op2 (× 2^adj) of slots 0, 1, 2, all finite, rounded once; the product's
 * sign is sP. Shared by FPMulAdd and the step-fused estimates' Newton steps.
 */
function fusedValue(n: Width, sP: number, adj: number, st: FPStatus, rounding: Rounding): void {
  const zeroA = type[0] === ZERO;
  if (type[1] === ZERO || type[2] === ZERO) {
    if (zeroA) exactZero(n, rounding); // opposite-signed zeros (same-signed ones are the caller's case)
    else {
      setExact(sign[0]!, mant, 0, expo[0]! + adj, EXACT);
      roundExact(n, st, rounding);
    }
    return;
  }
  if (zeroA) {
    exactProduct(sP, adj);
    roundExact(n, st, rounding);
    return;
  }
  const sA = sign[0]!;
  slotProduct(); // exact product = p + pe, p ∈ [2^104, 2^106]
  const p = terms[0]!, pe = terms[1]!;
  const eP = expo[1]! + expo[2]!;
  const d = expo[0]! - eP;
  let scale: number;
  if (d > 110) {
    // the product lies below a 32nd of the addend's last unit: only its sign matters
    terms[0] = sA ? -mant[0]! : mant[0]!;
    terms[1] = 0;
    terms[2] = sP ? -(2 ** -20) : 2 ** -20;
    scale = expo[0]! + adj;
  } else {
    // an addend below 2^-117 of the integer product only decides which side of an integer the sum is on
    const c = d < -170 ? 2 ** -100 : mant[0]! * POW2[P0 + d]!;
    terms[0] = sP ? -p : p;
    terms[1] = sP ? -pe : pe;
    terms[2] = sA ? -c : c;
    scale = eP + adj;
  }
  if (exactFromSum3(scale)) roundExact(n, st, rounding);
  else exactZero(n, rounding);
}

/** FPMulAdd(addend = slot 0, op1 = slot 1, op2 = slot 2): addend + op1 × op2 with one rounding. */
export function mulAddSlots(n: Width, st: FPStatus): void {
  const done = processNaNs3(n, st);
  const inf1 = type[1] === INF, inf2 = type[2] === INF;
  const zero1 = type[1] === ZERO, zero2 = type[2] === ZERO;
  if (type[0] === QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
    setDefaultNaN(n); // qNaN + ∞ × 0 (FPMulAdd, before `done` is looked at)
    st.fpsr |= IOC;
    return;
  }
  if (done) return;
  const rounding = fpcrRounding(st.fpcr);
  const sA = sign[0]!, sP = sign[1]! ^ sign[2]!;
  const infA = type[0] === INF, infP = inf1 || inf2;
  if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && sA !== sP)) {
    setDefaultNaN(n);
    st.fpsr |= IOC;
  } else if ((infA && sA === 0) || (infP && sP === 0)) setInfinity(n, 0);
  else if (infA || infP) setInfinity(n, 1);
  else if (type[0] === ZERO && (zero1 || zero2) && sA === sP) setZero(n, sA);
  else fusedValue(n, sP, 0, st, rounding);
}

/**
 * FPRecipStepFused (halve = false: 2 − op1 × op2) or FPRSqrtStepFused (halve: (3 − op1 × op2) / 2) of slots 1
 * and 2, where slot 1 already holds the negated op1 (FPNeg before unpacking, as in the pseudocode).
 */
export function stepFusedSlots(n: Width, halve: boolean, st: FPStatus): void {
  if (processNaNs(1, 2, n, st)) return;
  const inf1 = type[1] === INF, inf2 = type[2] === INF;
  const zero1 = type[1] === ZERO, zero2 = type[2] === ZERO;
  if ((inf1 && zero2) || (zero1 && inf2)) {
    if (halve) setOnePointFive(n, 0);
    else setTwo(n, 0);
  } else if (inf1 || inf2) setInfinity(n, sign[1]! ^ sign[2]!);
  else {
    if (halve) setSlotValue(0, 0, 3, 0); // 3.0, and the sum is halved below
    else setSlotValue(0, 0, 1, 1); // 2.0
    fusedValue(n, sign[1]! ^ sign[2]!, halve ? -1 : 0, st, fpcrRounding(st.fpcr));
  }
}
