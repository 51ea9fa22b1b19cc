// Comparisons, minimum/maximum and sign manipulation (ARM J1.3 FPCompare, FPCompareEQ/GE/GT, FPMax, FPMin,
// FPMaxNum, FPMinNum, FPAbs, FPNeg), without FEAT_AFP.
import { IOC, resHi, resLo, setInfinity, setRes, setZero, type FPStatus, type Width } from './format.ts';
import { processNaNs } from './nan.ts';
import { compareSlots, INF, QNAN, rawHi, rawLo, sign, SNAN, type, unpack, ZERO } from './unpack.ts';

/** FPMax (max) or FPMin of slots 0 and 1. */
function minMaxSlots(n: Width, max: boolean, st: FPStatus): void {
  if (processNaNs(0, 1, n, st)) return;
  const c = compareSlots(0, 1);
  const k = max ? (c > 0 ? 0 : 1) : c < 0 ? 0 : 1; // op1 only when strictly larger (smaller), else op2
  if (type[k] === INF) setInfinity(n, sign[k]!);
  else if (type[k] === ZERO) setZero(n, max ? sign[0]! & sign[1]! : sign[0]! | sign[1]!); // most positive/negative sign
  else setRes(rawLo[k]!, rawHi[k]!); // FPRound of an unflushed operand's value is that operand, exactly
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

function minMax32(a: number, b: number, max: boolean, num: boolean, st: FPStatus): number {
  unpack(0, 32, a, 0, st);
  unpack(1, 32, b, 0, st);
  if (num) minMaxNumSlots(32, max, st);
  else minMaxSlots(32, max, st);
  return resLo;
}

function minMax64(
  out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, max: boolean, num: boolean, st: FPStatus,
): void {
  unpack(0, 64, aLo, aHi, st);
  unpack(1, 64, bLo, bHi, st);
  if (num) minMaxNumSlots(64, max, st);
  else minMaxSlots(64, max, st);
  out[o] = resLo;
  out[o + 1] = resHi;
}

/** FPMax (FMAX) of binary32 bits. */
export const fpMax32 = (a: number, b: number, st: FPStatus): number => minMax32(a, b, true, false, st);
/** FPMin (FMIN) of binary32 bits. */
export const fpMin32 = (a: number, b: number, st: FPStatus): number => minMax32(a, b, false, false, st);
/** FPMaxNum (FMAXNM) of binary32 bits. */
export const fpMaxNum32 = (a: number, b: number, st: FPStatus): number => minMax32(a, b, true, true, st);
/** FPMinNum (FMINNM) of binary32 bits. */
export const fpMinNum32 = (a: number, b: number, st: FPStatus): number => minMax32(a, b, false, true, st);

/** FPMax of doubles; result to out[o], out[o + 1]. */
export function fpMax64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  minMax64(out, o, aLo, aHi, bLo, bHi, true, false, st);
}
/** FPMin of doubles. */
export function fpMin64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  minMax64(out, o, aLo, aHi, bLo, bHi, false, false, st);
}
/** FPMaxNum of doubles. */
export function fpMaxNum64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  minMax64(out, o, aLo, aHi, bLo, bHi, true, true, st);
}
/** FPMinNum of doubles. */
export function fpMinNum64(out: Uint32Array, o: number, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): void {
  minMax64(out, o, aLo, aHi, bLo, bHi, false, true, st);
}

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

/** FPCompare(op1, op2, signal_nans) of binary32 bits (FCMP, FCMPE, FCCMP, FCCMPE) → NZCV nibble. */
export function fpCompare32(a: number, b: number, signalNaNs: boolean, st: FPStatus): number {
  unpack(0, 32, a, 0, st);
  unpack(1, 32, b, 0, st);
  return compareNzcv(signalNaNs, st);
}

/** FPCompare of doubles → NZCV nibble. */
export function fpCompare64(aLo: number, aHi: number, bLo: number, bHi: number, signalNaNs: boolean, st: FPStatus): number {
  unpack(0, 64, aLo, aHi, st);
  unpack(1, 64, bLo, bHi, st);
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

/** FPCompareEQ/GE/GT(op1, op2) of binary32 bits (FCMEQ/FCMGE/FCMGT register forms; FCMLE/FCMLT swap operands). */
export function fpCompareRel32(rel: Relation, a: number, b: number, st: FPStatus): boolean {
  unpack(0, 32, a, 0, st);
  unpack(1, 32, b, 0, st);
  return relation(rel, st);
}

/** FPCompareEQ/GE/GT(op1, op2) of doubles. */
export function fpCompareRel64(rel: Relation, aLo: number, aHi: number, bLo: number, bHi: number, st: FPStatus): boolean {
  unpack(0, 64, aLo, aHi, st);
  unpack(1, 64, bLo, bHi, st);
  return relation(rel, st);
}

// ---------------------------------------------------------------- sign manipulation (no flags, NaNs untouched)

/** FPAbs of binary32 bits (or of a double's high half). */
export const fpAbs32 = (a: number): number => (a & 0x7fffffff) >>> 0;
/** FPNeg of binary32 bits (or of a double's high half). */
export const fpNeg32 = (a: number): number => (a ^ 0x80000000) >>> 0;
