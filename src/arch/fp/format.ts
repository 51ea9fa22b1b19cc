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

// --- result registers ---
// Every operation leaves its result bits here: resLo = bits 31:0 (the whole value for half/single), resHi =
// bits 63:32 of a double. Exported as live bindings: importers read them, only this module writes them.
export let resLo = 0;
export let resHi = 0;

/** Set the result registers (the only writer). */
export function setRes(lo: number, hi: number): void {
  resLo = lo >>> 0;
  resHi = hi >>> 0;
}

/** Set the result to sign : exp : frac of width n, with frac < 2^F given as a number (≤ 52 bits). */
export function setPacked(n: Width, sign: number, exp: number, frac: number): void {
  if (n === 64) setRes(frac % 0x1_0000_0000, (sign << 31) | (exp << 20) | Math.floor(frac / 0x1_0000_0000));
  else if (n === 32) setRes((sign << 31) | (exp << 23) | frac, 0);
  else setRes((sign << 15) | (exp << 10) | frac, 0);
}

/** FPZero(sign, N). */
export function setZero(n: Width, sign: number): void {
  setPacked(n, sign, 0, 0);
}

/** FPInfinity(sign, N). */
export function setInfinity(n: Width, sign: number): void {
  setPacked(n, sign, (1 << expBits(n)) - 1, 0);
}

/** FPMaxNormal(sign, N). */
export function setMaxNormal(n: Width, sign: number): void {
  setPacked(n, sign, (1 << expBits(n)) - 2, 2 ** fracBits(n) - 1);
}

/** FPDefaultNaN(fpcr, N) without FEAT_AFP: sign 0, exponent all ones, fraction MSB set (ARCH-NOTES §15c). */
export function setDefaultNaN(n: Width): void {
  setPacked(n, 0, (1 << expBits(n)) - 1, 2 ** (fracBits(n) - 1));
}

/** FPTwo(sign, N) = 2.0 (ARM J1.3 FPTwo). */
export function setTwo(n: Width, sign: number): void {
  setPacked(n, sign, 1 << (expBits(n) - 1), 0);
}

/** FPOnePointFive(sign, N) = 1.5 (ARM J1.3 FPOnePointFive). */
export function setOnePointFive(n: Width, sign: number): void {
  setPacked(n, sign, (1 << (expBits(n) - 1)) - 1, 2 ** (fracBits(n) - 1));
}
