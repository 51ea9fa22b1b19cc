// FPRoundBase (ARM J1.3) of the exact value in exact.ts's record, without FEAT_AFP (AH = 0): flush-to-zero of
// tiny results before rounding (UFC, no IXC), underflow detected before rounding (tiny and inexact), the five
// rounding modes FPRoundBase accepts (TIEEVEN, POSINF, NEGINF, ZERO, ODD), overflow to ∞ or the largest
// normal by mode (OFC + IXC), and the alternative half-precision format (overflow → ±131008 with IOC only).
import {
  expBits, FPCR_AHP, FPCR_FZ, fracBits, IOC, IXC, minExp, OFC, packFrac, RM, RN, RO, RP, setInfinity, setMaxNormal, setPacked,
  setRes, setZero, UFC, type FPStatus, type Rounding, type Width,
} from './format.ts';
import { ABOVE_HALF, bitLength, BELOW_HALF, ev, EV_EXP, EV_REST, EV_SIGN, evMant, EXACT, HALF, P0, POW2 } from './exact.ts';

/**
 * FPRoundBase(value, fpcr, rounding, N) of the exact-value record into the result registers; flags go to st.fpsr.
 * `cv` = FPRoundCV (FP→FP conversions): FPCR.AHP then selects the alternative format for a half result; other
 * callers are FPRound, which forces AHP to 0. Half results are never flushed (FZ16 is RES0 on v8.0).
 */
export function roundExact(n: Width, st: FPStatus, rounding: Rounding, cv = false): void {
  const f = fracBits(n);
  const emin = minExp(n);
  const sign = ev[EV_SIGN]!;
  const m = evMant[0]!;
  const evExp = ev[EV_EXP]!;
  const evRest = ev[EV_REST]!;
  const exponent = evExp + bitLength(evMant, 0) - 1; // NormalizeReal: value = 1.x × 2^exponent
  if (n !== 16 && (st.fpcr & FPCR_FZ) !== 0 && exponent < emin) {
    st.fpsr |= UFC; // flush-to-zero before rounding: UFC, no IXC (FPRoundBase)
    setZero(n, sign);
    return;
  }
  let biased = exponent - emin + 1;
  let lsb = exponent - f; // weight of int_mant's last bit
  if (biased <= 0) {
    biased = 0;
    lsb = emin - f;
  }
  const shift = lsb - evExp;
  let intMant: number;
  let error: number; // EXACT / BELOW_HALF / HALF / ABOVE_HALF of the ulp of int_mant
  if (shift <= 0) {
    intMant = m * POW2[P0 - shift]!; // evRest ≠ EXACT implies a 53-bit evMant, hence shift ≥ 0 here
    error = evRest;
  } else if (shift > 60) {
    intMant = 0; // every bit of m lies below half a unit
    error = BELOW_HALF;
  } else {
    intMant = Math.floor(m * POW2[P0 - shift]!);
    const dropped = m - intMant * POW2[P0 + shift]!;
    const half = POW2[P0 + shift - 1]!;
    if (dropped > half) error = ABOVE_HALF;
    else if (dropped === half) error = evRest === EXACT ? HALF : ABOVE_HALF;
    else error = dropped === 0 && evRest === EXACT ? EXACT : BELOW_HALF;
  }
  let flags = 0;
  if (biased === 0 && error !== EXACT) flags |= UFC; // underflow: tiny before rounding and inexact (AH = 0)
  let roundUp: boolean;
  let overflowToInf: boolean;
  if (rounding === RN) {
    roundUp = error === ABOVE_HALF || (error === HALF && intMant % 2 === 1);
    overflowToInf = true;
  } else if (rounding === RP) {
    roundUp = error !== EXACT && sign === 0;
    overflowToInf = sign === 0;
  } else if (rounding === RM) {
    roundUp = error !== EXACT && sign === 1;
    overflowToInf = sign === 1;
  } else {
    roundUp = false; // FPRounding_ZERO, FPRounding_ODD
    overflowToInf = false;
  }
  const unit = POW2[P0 + f]!; // 2^F: the implicit bit of int_mant
  if (roundUp) {
    intMant += 1;
    if (intMant === unit) biased = 1; // rounded up from denormalized to normalized
    if (intMant === 2 * unit) {
      biased += 1; // rounded up to the next exponent
      intMant /= 2;
    }
  }
  if (error !== EXACT && rounding === RO && intMant % 2 === 0) intMant += 1; // round to odd (FCVTXN)
  const e = expBits(n);
  if (n !== 16 || !cv || (st.fpcr & FPCR_AHP) === 0) {
    if (biased >= (1 << e) - 1) {
      if (overflowToInf) setInfinity(n, sign);
      else setMaxNormal(n, sign);
      flags |= OFC | IXC; // FPExc_Overflow, and error = 1.0 ensures Inexact
    } else {
      packFrac[0] = intMant >= unit ? intMant - unit : intMant; // int_mant<F-1:0>
      setPacked(n, sign, biased);
      if (error !== EXACT) flags |= IXC;
    }
  } else if (biased >= 1 << e) {
    setRes((sign << 15) | 0x7fff, 0); // alternative half precision: saturate, Invalid Operation, no Inexact
    flags |= IOC;
  } else {
    packFrac[0] = intMant >= unit ? intMant - unit : intMant;
    setPacked(n, sign, biased);
    if (error !== EXACT) flags |= IXC;
  }
  st.fpsr |= flags;
}
