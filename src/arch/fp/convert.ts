// Conversions (ARM J1.3 FPConvert, FPConvertNaN, FPToFixed, FixedToFP, FPRoundInt; ARCH-NOTES §15e/§15f):
// between half, single and double precision (FCVT, FCVTL/FCVTN, FCVTXN with rounding to odd), FP to integer or
// fixed point with any rounding (FCVT{N,P,M,Z,A}{S,U}), integer or fixed point to FP (SCVTF/UCVTF), and rounding
// to an integral FP value (FRINT{N,P,M,Z,A,X,I}).
import {
  FPCR_AHP, FPCR_DN, IOC, IXC, putRes, RM, RN, RP, RZ, setDefaultNaN, setInfinity, setRes, setZero,
  type FPStatus, type Rounding, type Width,
} from './format.ts';
import { ABOVE_HALF, BELOW_HALF, EXACT, HALF, P0, POW2, setExact } from './exact.ts';
import { convertNaN, processNaN } from './nan.ts';
import { roundExact } from './round.ts';
import { expo, INF, mant, QNAN, sign, SNAN, type, unpack, ZERO } from './unpack.ts';

/**
 * FPConvert(op, fpcr, rounding, M) of the width-n value at src[s] to width m at dst[d] (a half in the low 16 bits
 * of dst[d]). Conversions read and write half precision with FPCR.AHP (FPUnpackCV/FPRoundCV) and never flush
 * half values; single/double inputs and outputs follow FPCR.FZ. FCVT, FCVTN, FCVTL pass FPCR.RMode, FCVTXN RO.
 */
export function fpConvert(
  n: Width, m: Width, dst: Uint32Array, d: number, src: Uint32Array, s: number, rounding: Rounding, st: FPStatus,
): void {
  convertSlot(n, m, src, s, rounding, st);
  putRes(dst, d, m);
}

function convertSlot(n: Width, m: Width, src: Uint32Array, s: number, rounding: Rounding, st: FPStatus): void {
  unpack(0, n, src, s, st, true);
  const t = type[0]!;
  const altHp = m === 16 && (st.fpcr & FPCR_AHP) !== 0; // alternative half precision has no ∞ or NaN
  if (t >= QNAN) {
    if (altHp) setZero(m, sign[0]!);
    else if ((st.fpcr & FPCR_DN) !== 0) setDefaultNaN(m);
    else convertNaN(0, n, m);
    if (t === SNAN || altHp) st.fpsr |= IOC;
  } else if (t === INF) {
    if (altHp) {
      setRes((sign[0]! << 15) | 0x7fff, 0); // sign : Ones(M-1)
      st.fpsr |= IOC;
    } else setInfinity(m, sign[0]!);
  } else if (t === ZERO) setZero(m, sign[0]!);
  else {
    setExact(sign[0]!, mant, 0, expo[0]!, EXACT);
    roundExact(m, st, rounding, true);
  }
}

// ---------------------------------------------------------------- rounding to an integer

// The integer part of the slot-0 magnitude scaled by 2^fbits (a typed array: a double in a module variable would
// be boxed on every store), and where the rest lies (EXACT … ABOVE_HALF), left here by truncate().
const intPart = new Float64Array(1);
let intRest = EXACT;

/** Split |slot 0| × 2^fbits into intPart (a binary64 integer, exact) and intRest. */
function truncate(fbits: number): void {
  const e = expo[0]! + fbits;
  const m = mant[0]!;
  if (e >= 0) {
    intPart[0] = m * POW2[P0 + e]!; // exact (Infinity only far beyond every saturation limit)
    intRest = EXACT;
  } else if (e < -54) {
    intPart[0] = 0;
    intRest = BELOW_HALF; // m < 2^53 ≤ half a unit
  } else {
    const ip = Math.floor(m * POW2[P0 + e]!);
    intPart[0] = ip;
    const dropped = m - ip * POW2[P0 - e]!;
    const half = POW2[P0 - e - 1]!;
    intRest = dropped === 0 ? EXACT : dropped < half ? BELOW_HALF : dropped === half ? HALF : ABOVE_HALF;
  }
}

let inexact = false; // error ≠ 0 in the last roundToInteger()

/** The signed integer RoundDown(value) + round_up of FPToFixed/FPRoundInt for slot 0 (finite), by `rounding`,
 * into intPart[0]. */
function roundToInteger(fbits: number, rounding: Rounding): void {
  truncate(fbits);
  const neg = sign[0] === 1;
  // RoundDown(value) and error = value − RoundDown(value) ∈ [0, 1), for the signed value
  let down = neg ? -intPart[0]! : intPart[0]!;
  let err = intRest;
  if (neg && intRest !== EXACT) {
    down -= 1;
    err = intRest === BELOW_HALF ? ABOVE_HALF : intRest === ABOVE_HALF ? BELOW_HALF : HALF;
  }
  inexact = err !== EXACT;
  let up: boolean;
  switch (rounding) {
    case RN:
      up = err === ABOVE_HALF || (err === HALF && Math.abs(down % 2) === 1);
      break;
    case RP:
      up = err !== EXACT;
      break;
    case RM:
      up = false;
      break;
    case RZ:
      up = err !== EXACT && down < 0;
      break;
    default: // RA (TIEAWAY)
      up = err === ABOVE_HALF || (err === HALF && down >= 0);
  }
  intPart[0] = up ? down + 1 : down;
}

/**
 * FPToFixed(op, fbits, unsigned, fpcr, rounding, M) of the width-n (32/64) value at src[s] to an M-bit (32/64)
 * integer with fbits fraction bits at dst[d] (dst[d + 1] for M = 64; e.g. the X-register view). NaN → 0 with
 * IOC; out of range → saturated with IOC and no IXC; otherwise IXC when inexact. FPSR.QC is never touched.
 */
export function fpToFixed(
  n: 32 | 64, m: 32 | 64, dst: Uint32Array, d: number, src: Uint32Array, s: number, fbits: number, unsigned: boolean,
  rounding: Rounding, st: FPStatus,
): void {
  unpack(0, n, src, s, st);
  const t = type[0]!;
  let v: number; // the integer result before saturation (a binary64 integer; huge for ∞)
  inexact = false;
  if (t >= QNAN) {
    st.fpsr |= IOC; // NaN: value 0.0 after the Invalid Operation
    v = 0;
  } else if (t === INF) v = sign[0] ? -Infinity : Infinity;
  else if (t === ZERO) v = 0;
  else {
    roundToInteger(fbits, rounding);
    v = intPart[0]!;
  }
  const limit = unsigned ? POW2[P0 + m]! : POW2[P0 + m - 1]!; // results lie in [−limit, limit) or [0, limit): exact bounds
  let rHi: number, rLo: number;
  if (v >= limit || v < (unsigned ? 0 : -limit)) {
    st.fpsr |= IOC; // SatQ saturated: Invalid Operation, no Inexact
    const atMax = v >= limit;
    if (unsigned) rHi = rLo = atMax ? 0xffffffff : 0;
    else if (m === 64) {
      rHi = atMax ? 0x7fffffff : 0x80000000;
      rLo = atMax ? 0xffffffff : 0;
    } else {
      rHi = 0;
      rLo = atMax ? 0x7fffffff : 0x80000000;
    }
  } else {
    if (inexact) st.fpsr |= IXC;
    // two's complement of an integer |v| ≤ 2^64 held exactly in a binary64
    const mag = Math.abs(v);
    rHi = Math.floor(mag / 0x1_0000_0000);
    rLo = mag - rHi * 0x1_0000_0000;
    if (v < 0) {
      rLo = (~rLo + 1) >>> 0;
      rHi = (~rHi + (rLo === 0 ? 1 : 0)) >>> 0;
    }
  }
  dst[d] = rLo;
  if (m === 64) dst[d + 1] = rHi;
}

/**
 * FixedToFP(op, fbits, unsigned, fpcr, rounding, N) of the M-bit (32/64) integer at src[s] (src[s + 1] for M = 64)
 * with fbits fraction bits to width n at dst[d]. SCVTF/UCVTF pass FPCR.RMode.
 */
export function fixedToFP(
  m: 32 | 64, n: Width, dst: Uint32Array, d: number, src: Uint32Array, s: number, fbits: number, unsigned: boolean,
  rounding: Rounding, st: FPStatus,
): void {
  fixedSlot(m, src, s, fbits, unsigned, rounding, n, st);
  putRes(dst, d, n);
}

function fixedSlot(
  m: 32 | 64, src: Uint32Array, s: number, fbits: number, unsigned: boolean, rounding: Rounding, n: Width, st: FPStatus,
): void {
  let l = src[s]!;
  let h = m === 64 ? src[s + 1]! : 0;
  let neg = 0;
  if (!unsigned && (m === 64 ? h >>> 31 : l >>> 31) === 1) {
    neg = 1; // magnitude of a negative two's complement value
    if (m === 32) l = -(l | 0) >>> 0;
    else {
      l = (~l + 1) >>> 0;
      h = (~h + (l === 0 ? 1 : 0)) >>> 0;
    }
  }
  if (h === 0 && l === 0) {
    setZero(n, 0); // FPZero('0')
    return;
  }
  if (h < 0x200000) {
    intPart[0] = h * 0x1_0000_0000 + l;
    setExact(neg, intPart, 0, -fbits, EXACT);
  } else {
    // more than 53 significant bits: keep the top 53, the dropped ones decide the rest
    const k = 64 - Math.clz32(h) - 53; // 1 … 11
    const dropped = l & ((1 << k) - 1);
    const half = 1 << (k - 1);
    const rest = dropped === 0 ? EXACT : dropped < half ? BELOW_HALF : dropped === half ? HALF : ABOVE_HALF;
    intPart[0] = h * POW2[P0 + 32 - k]! + Math.floor(l / (1 << k));
    setExact(neg, intPart, 0, k - fbits, rest);
  }
  roundExact(n, st, rounding);
}

// ---------------------------------------------------------------- round to integral

/** FPRoundInt(op, fpcr, rounding, exact) of slot 0 of width n into the result registers. */
function roundIntSlot(n: Width, rounding: Rounding, exact: boolean, st: FPStatus): void {
  const t = type[0]!;
  if (t >= QNAN) processNaN(0, n, st);
  else if (t === INF) setInfinity(n, sign[0]!);
  else if (t === ZERO) setZero(n, sign[0]!);
  else {
    inexact = false;
    roundToInteger(0, rounding);
    const v = intPart[0]!;
    if (v === 0) setZero(n, sign[0]!); // a zero result keeps the operand's sign
    else {
      const a = Math.abs(v);
      intPart[0] = a;
      if (a <= 2 ** 53) setExact(v < 0 ? 1 : 0, intPart, 0, 0, EXACT);
      else setExact(sign[0]!, mant, 0, expo[0]!, EXACT); // already integral: the value itself
      roundExact(n, st, RZ); // exact: FPRound(real_result, fpcr, FPRounding_ZERO, N)
    }
    if (inexact && exact) st.fpsr |= IXC;
  }
}

/**
 * FPRoundInt of the width-w value at v[n] into v[d]: FRINTN/P/M/Z/A pass their own rounding and exact = false,
 * FRINTI FPCR.RMode, FRINTX FPCR.RMode with exact = true (IXC when the result differs from the operand).
 */
export function fpRoundInt(w: 32 | 64, v: Uint32Array, d: number, n: number, rounding: Rounding, exact: boolean, st: FPStatus): void {
  unpack(0, w, v, n, st);
  roundIntSlot(w, rounding, exact, st);
  putRes(v, d, w);
}
