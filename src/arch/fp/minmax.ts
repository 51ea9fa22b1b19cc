// Comparisons, minimum/maximum and sign manipulation (ARM J1.3 FPCompare, FPCompareEQ/GE/GT, FPMax, FPMin,
// FPMaxNum, FPMinNum, FPAbs, FPNeg), without FEAT_AFP.
import { IOC, putRes, setInfinity, setRes, setZero, type FPStatus, type Width } from './format.ts';
import { processNaNs } from './nan.ts';
import { compareSlots, INF, QNAN, rawHi, rawLo, sign, SNAN, type, unpack, ZERO } from './unpack.ts';

/** FPMax (max) or FPMin of slots 0 and 1. */
function minMaxSlots(n: Width, max: boolean, st: FPStatus): void {
  if (processNaNs(0, 1, n, st)) return;
  const c = compareSlots(0, 1);
  const k = max ? (c > 0 ? 0 : 1) : c < 0 ? 0 : 1; // op1 only when strictly larger (smaller), else op2
  if (type[k] === INF) setInfinity(n, sign[k]!);
  else if (type[k] === ZERO) setZero(n, max ? sign[0]! & sign[1]! : sign[0]! | sign[1]!); // most positive/negative sign
  else setRes(rawLo[k]! | 0, rawHi[k]! | 0); // FPRound of an unflushed operand's value is that operand, exactly
}

/** FPMaxNum/FPMinNum: a single quiet NaN is replaced by −∞ (max) or +∞ (min) before FPMax/FPMin. */
function minMaxNumSlots(n: Width, max: boolean, st: FPStatus): void {
  const q0 = type[0] === QNAN, q1 = type[1] === QNAN;
  const k = q0 && !q1 ? 0 : q1 && !q0 ? 1 : -1;
  if (k >= 0) {
    type[k] = INF;
    sign[k] = max ? 1 : 0;
  }
  minMaxSlots(n, max, st);
}

function minMax(v: Uint32Array, d: number, n: number, m: number, w: 32 | 64, max: boolean, num: boolean, st: FPStatus): void {
  unpack(0, w, v, n, st);
  unpack(1, w, v, m, st);
  if (num) minMaxNumSlots(w, max, st);
  else minMaxSlots(w, max, st);
  putRes(v, d, w);
}

type Op2 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus) => void;
/** FPMax (FMAX) of binary32 v[n], v[m] into v[d]. */
export const fpMax32: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 32, true, false, st);
/** FPMin (FMIN) of binary32. */
export const fpMin32: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 32, false, false, st);
/** FPMaxNum (FMAXNM) of binary32. */
export const fpMaxNum32: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 32, true, true, st);
/** FPMinNum (FMINNM) of binary32. */
export const fpMinNum32: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 32, false, true, st);
/** FPMax of doubles (v[k], v[k + 1]) into v[d], v[d + 1]. */
export const fpMax64: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 64, true, false, st);
/** FPMin of doubles. */
export const fpMin64: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 64, false, false, st);
/** FPMaxNum of doubles. */
export const fpMaxNum64: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 64, true, true, st);
/** FPMinNum of doubles. */
export const fpMinNum64: Op2 = (v, d, n, m, st) => minMax(v, d, n, m, 64, false, true, st);

// ---------------------------------------------------------------- comparisons

/** NZCV results of FPCompare: unordered, equal, less than, greater than. */
export const NZCV_UN = 0b0011;
export const NZCV_EQ = 0b0110;
export const NZCV_LT = 0b1000;
export const NZCV_GT = 0b0010;

/** FPCompare of slots 0 and 1 → NZCV (bits 3:0 = N Z C V); signalNaNs = FCMPE (any NaN raises IOC). */
function compareNzcv(signalNaNs: boolean, st: FPStatus): number {
  const t0 = type[0]!, t1 = type[1]!;
  if (t0 >= QNAN || t1 >= QNAN) {
    if (t0 === SNAN || t1 === SNAN || signalNaNs) st.fpsr |= IOC;
    return NZCV_UN;
  }
  const c = compareSlots(0, 1);
  return c === 0 ? NZCV_EQ : c < 0 ? NZCV_LT : NZCV_GT;
}

/** FPCompare(v[n], v[m], signal_nans) of width w (FCMP, FCMPE, FCCMP, FCCMPE) → NZCV nibble. */
export function fpCompare(w: 32 | 64, v: Uint32Array, n: number, m: number, signalNaNs: boolean, st: FPStatus): number {
  unpack(0, w, v, n, st);
  unpack(1, w, v, m, st);
  return compareNzcv(signalNaNs, st);
}

/** The ordered relations of the vector compares: equal, greater or equal, greater than. */
export const CMP_EQ = 0;
export const CMP_GE = 1;
export const CMP_GT = 2;
export type Relation = 0 | 1 | 2;

/** FPCompareEQ/GE/GT of slots 0 and 1: a NaN gives false; IOC for a signalling NaN, or any NaN unless EQ. */
function relation(rel: Relation, st: FPStatus): boolean {
  const t0 = type[0]!, t1 = type[1]!;
  if (t0 >= QNAN || t1 >= QNAN) {
    if (rel !== CMP_EQ || t0 === SNAN || t1 === SNAN) st.fpsr |= IOC;
    return false;
  }
  const c = compareSlots(0, 1);
  return rel === CMP_EQ ? c === 0 : rel === CMP_GE ? c >= 0 : c > 0;
}

/** FPCompareEQ/GE/GT(v[n], v[m]) of width w (FCMEQ/FCMGE/FCMGT register forms; FCMLE/FCMLT swap operands;
 * FACGE/FACGT compare the operands' FPAbs). */
export function fpCompareRel(w: 32 | 64, rel: Relation, v: Uint32Array, n: number, m: number, st: FPStatus): boolean {
  unpack(0, w, v, n, st);
  unpack(1, w, v, m, st);
  return relation(rel, st);
}

// ---------------------------------------------------------------- sign manipulation (no flags, NaNs untouched)

/** FPAbs of the width-w value at v[n] into v[d]. */
export function fpAbs(w: 32 | 64, v: Uint32Array, d: number, n: number): void {
  if (w === 64) {
    v[d] = v[n]!;
    v[d + 1] = v[n + 1]! & 0x7fffffff;
  } else v[d] = v[n]! & 0x7fffffff;
}

/** FPNeg of the width-w value at v[n] into v[d]. */
export function fpNeg(w: 32 | 64, v: Uint32Array, d: number, n: number): void {
  if (w === 64) {
    v[d] = v[n]!;
    v[d + 1] = v[n + 1]! ^ 0x80000000;
  } else v[d] = v[n]! ^ 0x80000000;
}
