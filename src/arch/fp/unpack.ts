// FPUnpackBase (ARM J1.3) into three operand slots: type, sign, and for finite non-zero values an integer
// significand normalised to [2^52, 2^53) with its exponent (value = (−1)^sign × mant × 2^exp), plus the raw
// bits for NaN propagation. Slots are preallocated typed arrays: unpacking allocates nothing.
import { FPCR_AHP, FPCR_FZ, IDC, type FPStatus, type Width } from './format.ts';
import { bitLength, P0, POW2 } from './exact.ts';

// FPType (ARM J1.3 FPType); Denormal and Nonzero are one type here: they differ only under FEAT_AFP
export const ZERO = 0;
export const NONZERO = 1;
export const INF = 2;
export const QNAN = 3;
export const SNAN = 4;

export const type = new Int32Array(3);
export const sign = new Int32Array(3);
export const mant = new Float64Array(3);
export const expo = new Int32Array(3);
export const rawLo = new Uint32Array(3); // bits 31:0 (the whole operand for half/single)
export const rawHi = new Uint32Array(3); // bits 63:32 of a double

/** A NaN (quiet or signalling) in slot i. */
export const slotIsNaN = (i: number): boolean => type[i]! >= QNAN;

/** Slot i holds the finite non-zero value mant[i] × 2^e: normalise the integer significand (1 ≤ m < 2^53) to
 * 53 bits. (The significand travels in the slot, not as an argument, which would be boxed.) */
function normalise(i: number, e: number): void {
  const m = mant[i]!;
  const shift = 53 - bitLength(mant, i);
  type[i] = NONZERO;
  mant[i] = m * POW2[P0 + shift]!;
  expo[i] = e - shift;
}

/**
 * FPUnpack(op, fpcr) of the width-n operand at src[k] (a double: src[k] = bits 31:0, src[k + 1] = bits 63:32) into
 * slot i. Single and double denormals are flushed to zero when FPCR.FZ = 1, raising IDC (FPUnpackBase;
 * ARCH-NOTES §15d); half precision is never flushed (FZ16 is RES0 on v8.0) and, only for conversions (`ahp`),
 * FPCR.AHP makes exponent 31 a normal number.
 */
export function unpack(i: number, n: Width, src: Uint32Array, k: number, st: FPStatus, ahp = false): void {
  const lo = src[k]!;
  const hi = n === 64 ? src[k + 1]! : 0;
  rawLo[i] = lo;
  rawHi[i] = hi;
  let s: number, e: number, frac: number, quiet: boolean, expMax: number, bias: number, f: number, implicit: number;
  if (n === 64) {
    s = hi >>> 31;
    e = (hi >>> 20) & 0x7ff;
    frac = (hi & 0xfffff) * 0x1_0000_0000 + lo;
    quiet = (hi & 0x80000) !== 0; // fraction bit 51
    expMax = 0x7ff;
    bias = 1023;
    f = 52;
    implicit = 2 ** 52;
  } else if (n === 32) {
    s = lo >>> 31;
    e = (lo >>> 23) & 0xff;
    frac = lo & 0x7fffff;
    quiet = (lo & 0x400000) !== 0; // fraction bit 22
    expMax = 0xff;
    bias = 127;
    f = 23;
    implicit = 2 ** 23;
  } else {
    s = (lo >>> 15) & 1;
    e = (lo >>> 10) & 0x1f;
    frac = lo & 0x3ff;
    quiet = (lo & 0x200) !== 0; // fraction bit 9
    expMax = ahp && (st.fpcr & FPCR_AHP) !== 0 ? -1 : 0x1f; // AHP: no Infinity/NaN encodings
    bias = 15;
    f = 10;
    implicit = 2 ** 10;
  }
  sign[i] = s;
  if (e === 0) {
    if (frac === 0) type[i] = ZERO;
    else if (n !== 16 && (st.fpcr & FPCR_FZ) !== 0) {
      type[i] = ZERO; // flushed denormal input (FPUnpackBase, FPExc_InputDenorm)
      st.fpsr |= IDC;
    } else {
      mant[i] = frac;
      normalise(i, 1 - bias - f);
    }
  } else if (e === expMax) {
    type[i] = frac === 0 ? INF : quiet ? QNAN : SNAN;
  } else {
    type[i] = NONZERO;
    mant[i] = (frac + implicit) * POW2[P0 + 52 - f]!;
    expo[i] = e - bias - 52;
  }
}

/** FPNeg of the operand in slot i (its sign and its raw bits, for NaN propagation). */
export function negateSlot(i: number, n: Width): void {
  sign[i] = sign[i]! ^ 1;
  if (n === 64) rawHi[i] = rawHi[i]! ^ 0x80000000;
  else rawLo[i] = rawLo[i]! ^ (n === 32 ? 0x80000000 : 0x8000);
}

/** Load slot i with a constant finite value m × 2^e (m a small integer), as the step-fused ops need. */
export function setSlotValue(i: number, s: number, m: number, e: number): void {
  sign[i] = s;
  mant[i] = m;
  normalise(i, e);
}

/** Slot i's value compared with slot j's: −1, 0 or 1 (neither may be a NaN; ±0 are equal). */
export function compareSlots(i: number, j: number): number {
  const ti = type[i]!, tj = type[j]!;
  const si = ti === ZERO ? 0 : sign[i]! === 1 ? -1 : 1;
  const sj = tj === ZERO ? 0 : sign[j]! === 1 ? -1 : 1;
  if (si !== sj) return si < sj ? -1 : 1;
  if (si === 0) return 0;
  let c: number; // magnitude comparison
  if (ti === INF || tj === INF) c = ti === tj ? 0 : ti === INF ? 1 : -1;
  else if (expo[i] !== expo[j]) c = expo[i]! > expo[j]! ? 1 : -1;
  else c = mant[i] === mant[j] ? 0 : mant[i]! > mant[j]! ? 1 : -1;
  return si * c;
}

