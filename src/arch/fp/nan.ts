// NaN propagation on unpacked operand slots (ARM J1.3 FPProcessNaN, FPProcessNaNs, FPProcessNaNs3,
// FPConvertNaN; ARCH-NOTES §15c), without FEAT_AFP (FPCR.AH = 0).
import { FPCR_DN, IOC, setDefaultNaN, setRes, type FPStatus, type Width } from './format.ts';
import { QNAN, rawHi, rawLo, sign, SNAN, type } from './unpack.ts';

/**
 * FPProcessNaN(type, op, fpcr) for the NaN in slot i: the operand with its top fraction bit forced to 1, or the
 * Default NaN when FPCR.DN = 1; a signalling NaN raises IOC either way.
 */
export function processNaN(i: number, n: Width, st: FPStatus): void {
  if (type[i] === SNAN) st.fpsr |= IOC;
  if ((st.fpcr & FPCR_DN) !== 0) setDefaultNaN(n);
  else if (n === 64) setRes(rawLo[i]! | 0, rawHi[i]! | 0x80000);
  else setRes(rawLo[i]! | (n === 32 ? 0x400000 : 0x200), 0);
}

/** FPProcessNaNs(type1, type2, op1, op2): SNaN op1, SNaN op2, QNaN op1, QNaN op2 — first match wins. */
export function processNaNs(i: number, j: number, n: Width, st: FPStatus): boolean {
  const ti = type[i]!, tj = type[j]!;
  if (ti < QNAN && tj < QNAN) return false;
  processNaN(ti === SNAN ? i : tj === SNAN ? j : ti === QNAN ? i : j, n, st);
  return true;
}

/** FPProcessNaNs3(type1, type2, type3, …) over slots 0, 1, 2: SNaNs in order, then QNaNs in order. */
export function processNaNs3(n: Width, st: FPStatus): boolean {
  const t0 = type[0]!, t1 = type[1]!, t2 = type[2]!;
  if (t0 < QNAN && t1 < QNAN && t2 < QNAN) return false;
  let k: number;
  if (t0 === SNAN) k = 0;
  else if (t1 === SNAN) k = 1;
  else if (t2 === SNAN) k = 2;
  else k = t0 === QNAN ? 0 : t1 === QNAN ? 1 : 2;
  processNaN(k, n, st);
  return true;
}

/**
 * FPConvertNaN(op, M) of the NaN in slot i (width n) to width m: sign kept, payload aligned at the top of the
 * fraction (widened with zeros or truncated), quiet bit forced.
 */
export function convertNaN(i: number, n: Width, m: Width): void {
  // the 51 payload bits below the quiet bit, as frac<50:0>, held as hi19 : lo32
  let hi19: number, lo32: number;
  if (n === 64) {
    hi19 = rawHi[i]! & 0x7ffff;
    lo32 = rawLo[i]!;
  } else if (n === 32) {
    const p = rawLo[i]! & 0x3fffff; // op<21:0> : Zeros(29)
    hi19 = p >>> 3;
    lo32 = (p << 29) >>> 0;
  } else {
    const p = rawLo[i]! & 0x1ff; // op<8:0> : Zeros(42)
    hi19 = p << 10;
    lo32 = 0;
  }
  const s = sign[i]!;
  if (m === 64) setRes(lo32 | 0, (s << 31) | 0x7ff80000 | hi19);
  else if (m === 32) setRes((s << 31) | 0x7fc00000 | (hi19 << 3) | (lo32 >>> 29), 0); // frac<50:29>
  else setRes((s << 15) | 0x7e00 | (hi19 >>> 10), 0); // frac<50:42>
}
