// Reciprocal and reciprocal-square-root estimates (ARM J1.3 FPRecipEstimate, RecipEstimate, FPRSqrtEstimate,
// RecipSqrtEstimate, FPRecpX, UnsignedRecipEstimate, UnsignedRSqrtEstimate; ARCH-NOTES §15g), without FEAT_AFP
// or FEAT_RPRES. The two integer estimates are the pseudocode's arithmetic definitions, tabulated at load.
import {
  DZC, FPCR_FZ, fpcrRounding, IOC, IXC, OFC, putRes, RM, RN, RP, setDefaultNaN, setInfinity, setMaxNormal,
  packFrac, setPacked, setZero, UFC, type FPStatus,
} from './format.ts';
import { processNaN } from './nan.ts';
import { INF, QNAN, sign, type, unpack, ZERO } from './unpack.ts';

/** RecipEstimate(a) for a ∈ [256, 512): r = ((2^19 DIV (2a + 1)) + 1) DIV 2, in [256, 512). */
const RECIP = new Uint16Array(256);
for (let a = 256; a < 512; a++) RECIP[a - 256] = (Math.floor(2 ** 19 / (a * 2 + 1)) + 1) >> 1;

/** RecipSqrtEstimate(a) for a ∈ [128, 512): the largest b with a'(b + 1)² < 2^28 (a' = a rounded to 1/512), halved. */
const RSQRT = new Uint16Array(384);
for (let a0 = 128; a0 < 512; a0++) {
  const a = a0 < 256 ? a0 * 2 + 1 : (((a0 >> 1) << 1) + 1) * 2;
  // the pseudocode counts b up from 512; start instead at the square root, then step to the exact integer bound
  let b = Math.max(512, Math.floor(Math.sqrt(2 ** 28 / a)) - 2);
  while (a * (b + 1) * (b + 1) < 2 ** 28) b++;
  RSQRT[a0 - 128] = (b + 1) >> 1;
}

/** The operand's exponent field and 52-bit fraction field (FPRecipEstimate's `exp` and `fraction`); the latter in
 * a typed array (a double in a module variable would be boxed on every store). */
let fieldExp = 0;
const field52 = new Float64Array(1);
function fields(n: 32 | 64, v: Uint32Array, k: number): void {
  const lo = v[k]!;
  if (n === 32) {
    fieldExp = (lo >>> 23) & 0xff;
    field52[0] = (lo & 0x7fffff) * 2 ** 29;
  } else {
    const hi = v[k + 1]!;
    fieldExp = (hi >>> 20) & 0x7ff;
    field52[0] = (hi & 0xfffff) * 0x1_0000_0000 + lo;
  }
}


/** Result sign : exp : fraction<51:52-F> for a 52-bit fraction field (zeros below bit 42): packFrac[0] = the field. */
function packField(n: 32 | 64, s: number, exp: number): void {
  if (n === 32) packFrac[0] = packFrac[0]! / 2 ** 29;
  setPacked(n, s, exp);
}

/** FPRecipEstimate (FRECPE) of the width-n value at v[k] into v[d]. */
export function fpRecipEstimate(n: 32 | 64, v: Uint32Array, d: number, k: number, st: FPStatus): void {
  recipEstimateSlot(n, v, k, st);
  putRes(v, d, n);
}

function recipEstimateSlot(n: 32 | 64, v: Uint32Array, k: number, st: FPStatus): void {
  unpack(0, n, v, k, st);
  const t = type[0]!, s = sign[0]!;
  if (t >= QNAN) return processNaN(0, n, st);
  if (t === INF) return setZero(n, s);
  if (t === ZERO) {
    setInfinity(n, s);
    st.fpsr |= DZC;
    return;
  }
  fields(n, v, k);
  // |value| < 2^-128 (single) / 2^-1024 (double): a denormal whose top two fraction bits are clear
  if (fieldExp === 0 && field52[0]! < 2 ** 50) {
    const rounding = fpcrRounding(st.fpcr);
    const toInf = rounding === RN || (rounding === RP && s === 0) || (rounding === RM && s === 1);
    if (toInf) setInfinity(n, s);
    else setMaxNormal(n, s);
    st.fpsr |= OFC | IXC;
    return;
  }
  // FZ and |value| ≥ 2^126 / 2^1022: the result would be denormal, flushed (UFC, never a trap)
  if ((st.fpcr & FPCR_FZ) !== 0 && fieldExp >= (n === 32 ? 253 : 2045)) {
    setZero(n, s);
    st.fpsr |= UFC;
    return;
  }
  let exp = fieldExp;
  let frac = field52[0]!;
  if (exp === 0) {
    if (frac < 2 ** 51) {
      exp = -1;
      frac = (frac % 2 ** 50) * 4; // fraction<49:0> : '00'
    } else frac = (frac % 2 ** 51) * 2; // fraction<50:0> : '0'
  }
  const estimate = RECIP[Math.floor(frac / 2 ** 44)]!; // RecipEstimate(UInt('1' : fraction<51:44>))
  let resultExp = (n === 32 ? 253 : 2045) - exp;
  packFrac[0] = (estimate - 256) * 2 ** 44; // estimate<7:0> : Zeros(44)
  if (resultExp === 0) packFrac[0] = estimate * 2 ** 43; // '1' : fraction<51:1>
  else if (resultExp === -1) {
    packFrac[0] = estimate * 2 ** 42; // '01' : fraction<51:2>
    resultExp = 0;
  }
  packField(n, s, resultExp);
}

/** FPRSqrtEstimate (FRSQRTE) of the width-n value at v[k] into v[d]. */
export function fpRSqrtEstimate(n: 32 | 64, v: Uint32Array, d: number, k: number, st: FPStatus): void {
  rsqrtEstimateSlot(n, v, k, st);
  putRes(v, d, n);
}

function rsqrtEstimateSlot(n: 32 | 64, v: Uint32Array, k: number, st: FPStatus): void {
  unpack(0, n, v, k, st);
  const t = type[0]!, s = sign[0]!;
  if (t >= QNAN) return processNaN(0, n, st);
  if (t === ZERO) {
    setInfinity(n, s);
    st.fpsr |= DZC;
    return;
  }
  if (s === 1) {
    setDefaultNaN(n);
    st.fpsr |= IOC;
    return;
  }
  if (t === INF) return setZero(n, 0);
  fields(n, v, k);
  let exp = fieldExp;
  let frac = field52[0]!;
  if (exp === 0) {
    while (frac < 2 ** 51) {
      frac *= 2;
      exp -= 1;
    }
    frac = (frac % 2 ** 51) * 2; // the leading one leaves the fraction
  }
  // even exponent: '1' : fraction<51:44> ∈ [256, 512); odd: '01' : fraction<51:45> ∈ [128, 256)
  const scaled = (exp & 1) === 0 ? 256 + Math.floor(frac / 2 ** 44) : 128 + Math.floor(frac / 2 ** 45);
  const estimate = RSQRT[scaled - 128]!;
  const resultExp = Math.floor(((n === 32 ? 380 : 3068) - exp) / 2);
  packFrac[0] = (estimate - 256) * 2 ** 44;
  packField(n, 0, resultExp);
}

/** FPRecpX (FRECPX) of the width-n value at v[k] into v[d]: the exponent inverted, fraction zero. */
export function fpRecpX(n: 32 | 64, v: Uint32Array, d: number, k: number, st: FPStatus): void {
  unpack(0, n, v, k, st);
  if (type[0]! >= QNAN) processNaN(0, n, st);
  else {
    fields(n, v, k);
    const ones = n === 32 ? 0xff : 0x7ff;
    packFrac[0] = 0;
    setPacked(n, sign[0]!, fieldExp === 0 ? ones - 1 : ones & ~fieldExp); // zero/denormal: max_exp = Ones(E) − 1
  }
  putRes(v, d, n);
}

/** UnsignedRecipEstimate (URECPE) of the 32-bit lane v[k] into v[d]. */
export function unsignedRecipEstimate(v: Uint32Array, d: number, k: number): void {
  const a = v[k]!;
  v[d] = a >>> 31 === 0 ? 0xffffffff : RECIP[(a >>> 23) - 256]! << 23;
}

/** UnsignedRSqrtEstimate (URSQRTE) of the 32-bit lane v[k] into v[d]. */
export function unsignedRSqrtEstimate(v: Uint32Array, d: number, k: number): void {
  const a = v[k]!;
  v[d] = a >>> 30 === 0 ? 0xffffffff : RSQRT[(a >>> 23) - 128]! << 23;
}

