// The vocabulary of the FP library: FPCR fields, FPSR cumulative flags, rounding modes, the per-format
// constants of FPBits, the caller-owned status record, and the result registers every operation writes.
// (ARM FP §C5.2.8 FPCR, §C5.2.10 FPSR; ARM J1.3 FPBits, FPRounding, FPDecodeRounding; ARCH-NOTES §15a/§15b.)

// --- FPSR cumulative exception flags (ARM FP §C5.2.10; FPProcessException cumul bit numbers) ---
export const IOC = 1 << 0; // FPSR.IOC: Invalid Operation
export const DZC = 1 << 1; // FPSR.DZC: Divide by Zero
export const OFC = 1 << 2; // FPSR.OFC: Overflow
export const UFC = 1 << 3; // FPSR.UFC: Underflow (also an output flushed by FZ)
export const IXC = 1 << 4; // FPSR.IXC: Inexact
export const IDC = 1 << 7; // FPSR.IDC: Input Denormal (a denormal input flushed by FZ)

// --- FPCR controls (ARM FP §C5.2.8; bits 63:32 are RES0, so FPCR is one 32-bit number here) ---
export const FPCR_AHP = 1 << 26; // FPCR.AHP: alternative half precision (conversions only)
export const FPCR_DN = 1 << 25; // FPCR.DN: NaN results are the Default NaN
export const FPCR_FZ = 1 << 24; // FPCR.FZ: flush single/double denormal inputs and outputs to zero
const FPCR_RMODE_SHIFT = 22; // FPCR.RMode [23:22]

// --- FPRounding (ARM J1.3 FPRounding); 0–3 are the FPCR.RMode encodings (FPDecodeRounding) ---
export const RN = 0; // FPRounding_TIEEVEN
export const RP = 1; // FPRounding_POSINF
export const RM = 2; // FPRounding_NEGINF
export const RZ = 3; // FPRounding_ZERO
export const RA = 4; // FPRounding_TIEAWAY (FPToFixed and FPRoundInt only: FCVTA*, FRINTA)
export const RO = 5; // FPRounding_ODD (FCVTXN)
export type Rounding = 0 | 1 | 2 | 3 | 4 | 5;

/** FPRoundingMode(fpcr) = FPDecodeRounding(FPCR.RMode). */
export function fpcrRounding(fpcr: number): Rounding {
  return ((fpcr >>> FPCR_RMODE_SHIFT) & 3) as Rounding;
}

/**
 * What an operation reads and accumulates: `fpcr` (FPCR bits 31:0) is read, `fpsr` collects the cumulative
 * flags (operations only OR bits into it, FPProcessException; clearing is the caller's business).
 */
export class FPStatus {
  fpcr = 0;
  fpsr = 0;
  constructor(fpcr = 0, fpsr = 0) {
    this.fpcr = fpcr >>> 0;
    this.fpsr = fpsr >>> 0;
  }
}

/** Operand/result width in bits: half, single or double precision. */
export type Width = 16 | 32 | 64;

/** FPBits: fraction bits F. */
export const fracBits = (n: Width): number => (n === 64 ? 52 : n === 32 ? 23 : 10);
/** FPBits: minimum (normal) exponent. */
export const minExp = (n: Width): number => (n === 64 ? -1022 : n === 32 ? -126 : -14);
/** Exponent field width E. */
export const expBits = (n: Width): number => (n === 64 ? 11 : n === 32 ? 8 : 5);

// --- result register ---
// The internal functions leave their result bits here (res[0] = bits 31:0, the whole value for half/single;
// res[1] = bits 63:32 of a double); the entry points copy them to the caller's array. A typed array, not module
// variables: numbers beyond the small-integer range would be boxed on every store.
export const res = new Uint32Array(2);

/** Set the result register from two 32-bit patterns. Callers pass int32 values (`x | 0` for anything that may
 * reach 2^31): a number outside the small-integer range is boxed whenever the call is not inlined. */
export function setRes(lo: number, hi: number): void {
  res[0] = lo;
  res[1] = hi;
}

/** Copy the result register to dst[d] (and dst[d + 1] for a 64-bit result). */
export function putRes(dst: Uint32Array, d: number, w: number): void {
  dst[d] = res[0]!;
  if (w === 64) dst[d + 1] = res[1]!;
}

// The fraction of setPacked, passed in a typed array: a double argument would be boxed whenever the call is not
// inlined.
export const packFrac = new Float64Array(1);

/** Set the result to sign : exp : frac of width n, with frac = packFrac[0] < 2^F (≤ 52 bits). */
export function setPacked(n: Width, sign: number, exp: number): void {
  const frac = packFrac[0]!;
  if (n === 64) setRes((frac % 0x1_0000_0000) | 0, (sign << 31) | (exp << 20) | Math.floor(frac / 0x1_0000_0000));
  else if (n === 32) setRes((sign << 31) | (exp << 23) | frac, 0);
  else setRes((sign << 15) | (exp << 10) | frac, 0);
}

// The constant results, packed once: CONST[((kind × 3 + width index) × 2 + sign) × 2 + word].
const ZERO_K = 0, INF_K = 1, MAXNORM_K = 2, DNAN_K = 3, TWO_K = 4, ONE5_K = 5;
const WIDTHS: readonly Width[] = [16, 32, 64];
const CONST = new Uint32Array(6 * 3 * 2 * 2);
for (let w = 0; w < 3; w++) {
  const n = WIDTHS[w]!, e = expBits(n), f = fracBits(n);
  const fields: [number, number][] = [
    [0, 0], [(1 << e) - 1, 0], [(1 << e) - 2, 2 ** f - 1], [(1 << e) - 1, 2 ** (f - 1)], // FPZero, FPInfinity, FPMaxNormal, FPDefaultNaN
    [1 << (e - 1), 0], [(1 << (e - 1)) - 1, 2 ** (f - 1)], // FPTwo, FPOnePointFive
  ];
  fields.forEach(([exp, frac], kind) => {
    for (let sign = 0; sign < 2; sign++) {
      packFrac[0] = frac;
      setPacked(n, kind === DNAN_K ? 0 : sign, exp); // FPDefaultNaN: sign 0 without FEAT_AFP
      const at = ((kind * 3 + w) * 2 + sign) * 2;
      CONST[at] = res[0]!;
      CONST[at + 1] = res[1]!;
    }
  });
}

function setConst(kind: number, n: Width, sign: number): void {
  const at = ((kind * 3 + (n === 16 ? 0 : n === 32 ? 1 : 2)) * 2 + sign) * 2;
  res[0] = CONST[at]!;
  res[1] = CONST[at + 1]!;
}

/** FPZero(sign, N). */
export const setZero = (n: Width, sign: number): void => setConst(ZERO_K, n, sign);
/** FPInfinity(sign, N). */
export const setInfinity = (n: Width, sign: number): void => setConst(INF_K, n, sign);
/** FPMaxNormal(sign, N). */
export const setMaxNormal = (n: Width, sign: number): void => setConst(MAXNORM_K, n, sign);
/** FPDefaultNaN(fpcr, N) without FEAT_AFP: sign 0, exponent all ones, fraction MSB set (ARCH-NOTES §15c). */
export const setDefaultNaN = (n: Width): void => setConst(DNAN_K, n, 0);
/** FPTwo(sign, N) = 2.0 (ARM J1.3 FPTwo). */
export const setTwo = (n: Width, sign: number): void => setConst(TWO_K, n, sign);
/** FPOnePointFive(sign, N) = 1.5 (ARM J1.3 FPOnePointFive). */
export const setOnePointFive = (n: Width, sign: number): void => setConst(ONE5_K, n, sign);
