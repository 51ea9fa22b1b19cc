// Advanced SIMD floating point, two-register miscellaneous (ARM C7.2 FABS … FSQRT (vector), FRINT*, FCVT*S/U,
// SCVTF/UCVTF, FRECPE/FRSQRTE, FCMxx #0.0, FCVTL(2), FCVTN(2), FCVTXN(2); the integer URECPE/URSQRTE; and the
// fixed-point SCVTF/UCVTF/FCVTZS/FCVTZU of the (scalar) shift-by-immediate groups), lane by lane through src/arch/fp with FPCR
// and the FPSR cumulative flags as for scalar FP. Vn is copied into a scratch array first (Vd may be Vn); a 64-bit
// result zeroes the upper half of Vd, except FCVTN2/FCVTXN2, which write the upper half and keep the lower one
// (Vpart[d, 1]). Nothing is allocated per instruction.
import {
  CMP_EQ, CMP_GE, CMP_GT, fixedToFP, fpAbs, fpCompareRel, fpConvert, fpcrRounding, fpNeg, fpRecipEstimate, fpRoundInt,
  fpRecpX, fpRSqrtEstimate, fpSqrt32, fpSqrt64, fpToFixed, RA, RM, RN, RO, RP, RZ, unsignedRecipEstimate, unsignedRSqrtEstimate,
  type Rounding,
} from '../../arch/fp/fp.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { begin, end, st } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Scratch (word indices): Vn, the result, +0.0 (two words) for the compares, one half-precision operand. */
const t = new Uint32Array(12);
const N = 0, R = 4, Z = 8, H = 10;

// The operation key: U (bit 29) : size<1> (bit 23) : opcode (bits 16:12), 7 bits.
const key = (u: number, a: number, opcode: number): number => (u << 6) | (a << 5) | opcode;
const FCVTN = key(0, 0, 0b10110), FCVTXN = key(1, 0, 0b10110), FCVTL = key(0, 0, 0b10111);

/** The rounding of FRINT{N,M,P,Z,A} and FCVT{N,M,A,P,Z}{S,U} by key; -1: FPCR.RMode (FRINTX/FRINTI, SCVTF/UCVTF). */
const ROUNDING = new Int8Array(128).fill(-1);
for (const [u, a, op, r] of [
  [0, 0, 0b11000, RN], [0, 0, 0b11001, RM], [0, 1, 0b11000, RP], [0, 1, 0b11001, RZ], [1, 0, 0b11000, RA], // FRINT*
  [0, 0, 0b11010, RN], [0, 0, 0b11011, RM], [0, 0, 0b11100, RA], [0, 1, 0b11010, RP], [0, 1, 0b11011, RZ], // FCVT*S
  [1, 0, 0b11010, RN], [1, 0, 0b11011, RM], [1, 0, 0b11100, RA], [1, 1, 0b11010, RP], [1, 1, 0b11011, RZ], // FCVT*U
] as const) ROUNDING[key(u, a, op)] = r;

/** One lane-for-lane operation at word offset o (lanes of fw bits). */
function lane(k: number, fw: 32 | 64, o: number): void {
  const opcode = k & 31, u = k >> 6, a = (k >> 5) & 1;
  const n = N + o, d = R + o;
  if (opcode === 0b01111) {
    if (u === 0) fpAbs(fw, t, d, n); // FABS
    else fpNeg(fw, t, d, n); // FNEG
  } else if (opcode === 0b11111 && u === 0) fpRecpX(fw, t, d, n, st); // FRECPX (scalar only)
  else if (opcode === 0b11111) {
    if (fw === 64) fpSqrt64(t, d, n, st); // FSQRT
    else fpSqrt32(t, d, n, st);
  } else if (opcode === 0b11000 || opcode === 0b11001) {
    // FRINTN/M/P/Z/A by their own rounding; FRINTX (exact) and FRINTI by FPCR.RMode
    const r = ROUNDING[k]!;
    fpRoundInt(fw, t, d, n, r < 0 ? fpcrRounding(st.fpcr) : (r as Rounding), r < 0 && a === 0, st);
  } else if (opcode === 0b11101) {
    if (a === 1) {
      if (u === 0) fpRecipEstimate(fw, t, d, n, st); // FRECPE
      else fpRSqrtEstimate(fw, t, d, n, st); // FRSQRTE
    } else fixedToFP(fw, fw, t, d, t, n, 0, u === 1, fpcrRounding(st.fpcr), st); // SCVTF, UCVTF
  } else if (opcode >= 0b11010) {
    fpToFixed(fw, fw, t, d, t, n, 0, u === 1, ROUNDING[k]! as Rounding, st); // FCVT{N,M,A,P,Z}{S,U}
  } else {
    // against +0.0: FCMGT, FCMGE (x > 0, x ≥ 0), FCMEQ, FCMLT, FCMLE (0 > x, 0 ≥ x)
    let r: boolean;
    if (opcode === 0b01100) r = fpCompareRel(fw, u === 0 ? CMP_GT : CMP_GE, t, n, Z, st);
    else if (opcode === 0b01101 && u === 0) r = fpCompareRel(fw, CMP_EQ, t, n, Z, st);
    else r = fpCompareRel(fw, u === 0 ? CMP_GT : CMP_GE, t, Z, n, st);
    t[d] = r ? 0xffffffff : 0;
    if (fw === 64) t[d + 1] = t[d]!;
  }
}

/** FCVTL(2): the lanes of Vn's lower (Q = 0) or upper half, widened (half → single, single → double). */
function widen(c: Cpu, q: number, sz: number, d: number): void {
  const v = c.v32;
  const rounding = fpcrRounding(st.fpcr);
  if (sz === 0) {
    for (let i = 0; i < 4; i++) {
      const word = t[N + q * 2 + (i >> 1)]!;
      t[H] = (i & 1) === 0 ? word & 0xffff : word >>> 16;
      fpConvert(16, 32, t, R + i, t, H, rounding, st);
    }
  } else for (let i = 0; i < 2; i++) fpConvert(32, 64, t, R + i * 2, t, N + q * 2 + i, rounding, st);
  for (let i = 0; i < 4; i++) v[d * 4 + i] = t[R + i]!;
}

/** FCVTN(2)/FCVTXN(2): Vn's lanes narrowed (single → half, double → single) into Vd's lower half (Q = 0, upper
 *  zeroed) or upper half (Q = 1, lower kept); FCVTXN rounds to odd. */
function narrow(c: Cpu, k: number, q: number, sz: number, d: number): void {
  const rounding: Rounding = k === FCVTXN ? RO : fpcrRounding(st.fpcr);
  if (sz === 0) {
    for (let i = 0; i < 4; i++) fpConvert(32, 16, t, R + i, t, N + i, rounding, st);
    t[R] = (t[R]! & 0xffff) | (t[R + 1]! << 16);
    t[R + 1] = (t[R + 2]! & 0xffff) | (t[R + 3]! << 16);
  } else for (let i = 0; i < 2; i++) fpConvert(64, 32, t, R + i, t, N + i * 2, rounding, st);
  const v = c.v32;
  v[d * 4 + q * 2] = t[R]!;
  v[d * 4 + q * 2 + 1] = t[R + 1]!;
  if (q === 0) v[d * 4 + 2] = v[d * 4 + 3] = 0;
}

/** Two-register miscellaneous, floating point: vector, or scalar (bit 28: element 0, the rest of Vd cleared). */
export function fpTwoRegMisc(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const scalar = (w >>> 28) & 1;
  const q = (w >>> 30) & 1;
  const sz = (w >>> 22) & 1;
  const k = key((w >>> 29) & 1, (w >>> 23) & 1, (w >>> 12) & 31);
  // reserved: one double lane (sz:Q = 10) for lane-for-lane vector forms; FCVTXN from singles
  if ((scalar === 0 && sz === 1 && q === 0 && k !== FCVTN && k !== FCVTXN && k !== FCVTL) || (k === FCVTXN && sz === 0)) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return;
  const d = w & 31, n = (w >>> 5) & 31;
  const v = c.v32;
  for (let i = 0; i < 4; i++) t[N + i] = v[n * 4 + i]!;
  t[Z] = t[Z + 1] = 0;
  begin(c);
  if (scalar === 1 && k === FCVTXN) {
    fpConvert(64, 32, t, R, t, N, RO, st); // FCVTXN Sd, Dn: round to odd
    t[R + 1] = t[R + 2] = t[R + 3] = 0;
    for (let i = 0; i < 4; i++) v[d * 4 + i] = t[R + i]!;
  } else if (k === FCVTL) widen(c, q, sz, d);
  else if (k === FCVTN || k === FCVTXN) narrow(c, k, q, sz, d);
  else {
    const fw = sz === 1 ? 64 : 32;
    const words = scalar === 1 ? sz + 1 : q === 1 ? 4 : 2;
    for (let o = 0; o < words; o += sz + 1) lane(k, fw, o);
    for (let i = 0; i < 4; i++) v[d * 4 + i] = i < words ? t[R + i]! : 0;
  }
  end(c);
}

/** URECPE/URSQRTE (U = 1): UnsignedRecipEstimate/UnsignedRSqrtEstimate of each 32-bit lane, in place (lane i reads
 *  only lane i of Vn); neither reads FPCR nor sets FPSR. */
export function unsignedEstimate(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const q = (w >>> 30) & 1;
  const d = (w & 31) * 4, n = ((w >>> 5) & 31) * 4;
  const v = c.v32;
  const rsqrt = (w >>> 29) & 1;
  for (let i = 0; i < (q === 1 ? 4 : 2); i++) {
    if (rsqrt === 1) unsignedRSqrtEstimate(v, d + i, n + i);
    else unsignedRecipEstimate(v, d + i, n + i);
  }
  if (q === 0) v[d + 2] = v[d + 3] = 0; // V[d] = ZeroExtend(result)
}

/** SCVTF/UCVTF (opcode 11100, FPCR.RMode) and FCVTZS/FCVTZU (11111, toward zero) with #fbits, vector (Q) or scalar
 *  (bit 28): FixedToFP/FPToFixed of each lane, fbits = 2·esize − immh:immb (the rows have immh = 01xx or 1xxx). */
export function fpFixedShift(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const scalar = (w >>> 28) & 1;
  const q = (w >>> 30) & 1;
  const immh = (w >>> 19) & 15;
  if (immh >= 8 && q === 0 && scalar === 0) return undefinedInsn(c); // reserved: 64-bit lanes in a 64-bit vector
  if (fpAccessTrapped(c)) return;
  const fw = immh >= 8 ? 64 : 32;
  const fbits = fw * 2 - ((w >>> 16) & 127); // (esize * 2) - UInt(immh:immb)
  const unsigned = ((w >>> 29) & 1) === 1;
  const toFixed = ((w >>> 11) & 31) === 0b11111;
  const d = w & 31, n = (w >>> 5) & 31;
  const v = c.v32;
  for (let i = 0; i < 4; i++) t[N + i] = v[n * 4 + i]!;
  const words = scalar === 1 ? fw >> 5 : q === 1 ? 4 : 2;
  begin(c);
  const rounding = fpcrRounding(st.fpcr);
  for (let o = 0; o < words; o += fw >> 5) {
    if (toFixed) fpToFixed(fw, fw, t, R + o, t, N + o, fbits, unsigned, RZ, st); // FPToFixed(…, FPRounding_ZERO)
    else fixedToFP(fw, fw, t, R + o, t, N + o, fbits, unsigned, rounding, st); // FixedToFP(…, FPRoundingMode(FPCR))
  }
  end(c);
  for (let i = 0; i < 4; i++) v[d * 4 + i] = i < words ? t[R + i]! : 0;
}
