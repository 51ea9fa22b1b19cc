// FPUnpackBase (ARM J1.3) into three operand slots: type, sign, and for finite non-zero values an integer
// significand normalised to [2^52, 2^53) with its exponent (value = (−1)^sign × mant × 2^exp), plus the raw
// bits for NaN propagation. Slots are preallocated typed arrays: unpacking allocates nothing.
import { FPCR_AHP, FPCR_FZ, IDC, type FPStatus, type Width } from './format.ts';
import { bitLength, pow2 } from './exact.ts';

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

/** Slot i holds a finite non-zero value: normalise the integer significand m (1 ≤ m < 2^53) to 53 bits. */
function setFinite(i: number, m: number, e: number): void {
  const shift = 53 - bitLength(m);
  type[i] = NONZERO;
  mant[i] = m * pow2(shift);
  expo[i] = e - shift;
}

/**
 * FPUnpack(op, fpcr) of a width-n operand (hi only for doubles) into slot i. Single and double denormals are
 * flushed to zero when FPCR.FZ = 1, raising IDC (FPUnpackBase; ARCH-NOTES §15d); half precision is never
 * flushed (FZ16 is RES0 on v8.0) and, only for conversions (`ahp`), FPCR.AHP makes exponent 31 a normal number.
 */
export function unpack(i: number, n: Width, lo: number, hi: number, st: FPStatus, ahp = false): void {
  rawLo[i] = lo;
  rawHi[i] = hi;
  let s: number, e: number, fracHi: number, fracLo: number, top: number, expMax: number, bias: number, f: number;
  if (n === 64) {
    s = hi >>> 31;
    e = (hi >>> 20) & 0x7ff;
    fracHi = hi & 0xfffff;
    fracLo = lo >>> 0;
    top = hi & 0x80000; // fraction bit 51: quiet
    expMax = 0x7ff;
    bias = 1023;
    f = 52;
  } else if (n === 32) {
    s = lo >>> 31;
    e = (lo >>> 23) & 0xff;
    fracHi = 0;
    fracLo = lo & 0x7fffff;
    top = lo & 0x400000; // fraction bit 22
    expMax = 0xff;
    bias = 127;
    f = 23;
  } else {
    s = (lo >>> 15) & 1;
    e = (lo >>> 10) & 0x1f;
    fracHi = 0;
    fracLo = lo & 0x3ff;
    top = lo & 0x200; // fraction bit 9
    expMax = ahp && (st.fpcr & FPCR_AHP) !== 0 ? -1 : 0x1f; // AHP: no Infinity/NaN encodings
    bias = 15;
    f = 10;
  }
  sign[i] = s;
  const frac = fracHi * 0x1_0000_0000 + fracLo;
  if (e === 0) {
    if (frac === 0) type[i] = ZERO;
    else if (n !== 16 && (st.fpcr & FPCR_FZ) !== 0) {
      type[i] = ZERO; // flushed denormal input (FPUnpackBase, FPExc_InputDenorm)
      st.fpsr |= IDC;
    } else setFinite(i, frac, 1 - bias - f);
  } else if (e === expMax) {
    type[i] = frac === 0 ? INF : top !== 0 ? QNAN : SNAN;
  } else {
    type[i] = NONZERO;
    mant[i] = (frac + 2 ** f) * pow2(52 - f);
    expo[i] = e - bias - 52;
  }
}

/** Load slot i with a constant finite value m × 2^e (m an integer, 1 ≤ m < 2^53), as the step-fused ops need. */
export function setSlotValue(i: number, s: number, m: number, e: number): void {
  sign[i] = s;
  setFinite(i, m, e);
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

