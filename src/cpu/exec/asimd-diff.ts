// Advanced SIMD three different (ARM C7.2 SADDL … UMULL, ADDHN/SUBHN/RADDHN/RSUBHN, SQDMLAL/SQDMLSL/SQDMULL, PMULL,
// their "2" forms, and the scalar SQDMLAL/SQDMLSL/SQDMULL). Q = 1 reads the upper 64 bits of the narrow operands
// (Vpart(n, 1)) or writes the upper half of Vd (the narrowing ones, keeping the lower half). Lanes whose results have
// at most 32 bits are computed as exact doubles; 64-bit results (32-bit elements) on 32-bit halves with a 32×32→64
// multiply in 16-bit pieces: no BigInt, no allocation (DESIGN.md §3). The result is built in the vt scratch and
// written last (Vd may be a source). Saturation sets FPSR.QC (SignedSatQ).
import { THREE_DIFF } from '../../arch/a64/rows/asimd-diff.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { get, put, writeResult } from './asimd-int.ts';
import { setQC } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** The rows' size masks by U:opcode (bit k: size = k allowed; H and S only for SQDMLAL/SQDMLSL/SQDMULL). */
const SIZES = new Uint8Array(32);
for (const [, , u, opcode, , sizes] of THREE_DIFF) SIZES[(u << 4) | parseInt(opcode, 2)] = sizes;

const TWO32 = 4294967296;

// Scratch (typed arrays: a number that is not a small integer would be boxed when it crosses a call or is kept in a
// module variable, DESIGN.md §3): R the 64-bit value being built, A a 64-bit accumulator, as [low, high] halves; F a
// double to split into R.
const R = new Uint32Array(2);
const A = new Uint32Array(2);
const F = new Float64Array(1);

/** R = F[0], an integer with |F[0]| < 2^53 (two's complement when negative). */
function fromF(): void {
  const v = F[0]!;
  R[0] = v >>> 0;
  R[1] = Math.floor(v / TWO32) >>> 0;
}

/** R = v[ai] × v[bi] (32-bit words; `signed` reads them as SInt), in 16-bit pieces, each product exact. */
function mul32(v: Uint32Array, ai: number, bi: number, signed: boolean): void {
  const a = v[ai]!;
  const b = v[bi]!;
  const neg = signed && (a | 0) < 0 !== (b | 0) < 0;
  const x = signed ? Math.abs(a | 0) : a;
  const y = signed ? Math.abs(b | 0) : b;
  const xl = x % 65536;
  const xh = Math.floor(x / 65536);
  const yl = y % 65536;
  const yh = Math.floor(y / 65536);
  const mid = xh * yl + xl * yh; // < 2^34
  const low = xl * yl + (mid % 65536) * 65536; // < 2^33
  R[0] = low >>> 0;
  R[1] = (xh * yh + Math.floor(mid / 65536) + Math.floor(low / TWO32)) >>> 0;
  if (neg) negate();
}

/** R = −R (modulo 2^64). */
function negate(): void {
  R[1] = (~R[1]! + (R[0] === 0 ? 1 : 0)) >>> 0;
  R[0] = -R[0]! >>> 0;
}

/** R = A + R, or A − R when `sub` (modulo 2^64). */
function addA(sub: boolean): void {
  if (sub) negate();
  const s = A[0]! + R[0]!;
  R[0] = s >>> 0;
  R[1] = (A[1]! + R[1]! + (s >= TWO32 ? 1 : 0)) >>> 0;
}

/** Elem[Vpart(n, part), i, esize] (esize 8 or 16) extended to a number (SInt when `signed`). */
function narrowElem(c: Cpu, n: number, s: number, i: number, signed: boolean): number {
  const x = get(c, n, s, i);
  const sh = 32 - (8 << s);
  return signed ? (x << sh) >> sh : x;
}

/**
 * Scratch lane i (2·esize bits, esize 8 or 16: exact in doubles) of a long or wide operation on elements x, y, with
 * the wide operand or the accumulator from lane i of V[a] (a < 0: none), read as SInt when `signedAcc`.
 */
function laneSmall(c: Cpu, op: number, x: number, y: number, a: number, signedAcc: boolean, s: number, i: number): void {
  const bits2 = 16 << s;
  const sh = 32 - bits2;
  const raw = a < 0 ? 0 : get(c, a, s + 1, i);
  const acc = signedAcc ? (raw << sh) >> sh : raw;
  let r: number;
  switch (op) {
    case 0b0000: case 0b0001: r = acc + x + y; break; // ADDL, ADDW (acc: Vn's wide lane or 0)
    case 0b0010: case 0b0011: r = acc + x - y; break; // SUBL, SUBW
    case 0b0101: case 0b0111: r = acc + Math.abs(x - y); break; // ABAL, ABDL (acc 0)
    case 0b1000: case 0b1100: r = acc + x * y; break; // MLAL, MULL (acc 0)
    case 0b1010: r = acc - x * y; break; // MLSL
    default: {
      // SQDMULL, SQDMLAL, SQDMLSL: SignedSatQ(2·x·y), then SignedSatQ(acc ± product), each saturation sets QC
      const max = 2 ** (bits2 - 1);
      let p = 2 * x * y;
      if (p >= max) {
        p = max - 1;
        setQC(c);
      }
      r = op === 0b1101 ? p : op === 0b1001 ? acc + p : acc - p;
      if (r >= max || r < -max) {
        setQC(c);
        r = r < 0 ? -max : max - 1;
      }
    }
  }
  put(c, s + 1, i, r);
}

/** R = the 64-bit lane result for the 32-bit elements v32[xi], v32[yi] and the accumulator A (0 when none). */
function lane64(c: Cpu, op: number, u: number, xi: number, yi: number): void {
  const v = c.v32;
  const signed = u === 0;
  const sx = signed ? v[xi]! | 0 : v[xi]!;
  const sy = signed ? v[yi]! | 0 : v[yi]!;
  switch (op) {
    case 0b0000: case 0b0001: F[0] = sx + sy; fromF(); return addA(false);
    case 0b0010: case 0b0011: F[0] = sx - sy; fromF(); return addA(false);
    case 0b0101: case 0b0111: F[0] = Math.abs(sx - sy); fromF(); return addA(false);
    case 0b1000: case 0b1100: mul32(v, xi, yi, signed); return addA(false);
    case 0b1010: mul32(v, xi, yi, signed); return addA(true);
    default: {
      // SQDMULL/SQDMLAL/SQDMLSL: 2·x·y overflows only for x = y = −2^31
      if (sx === -0x80000000 && sy === -0x80000000) {
        R[0] = 0xffffffff;
        R[1] = 0x7fffffff;
        setQC(c);
      } else {
        mul32(v, xi, yi, true);
        R[1] = (R[1]! << 1) | (R[0]! >>> 31);
        R[0] = R[0]! << 1;
      }
      if (op === 0b1101) return;
      const pNeg = R[1]! >>> 31;
      const sub = op === 0b1011;
      addA(sub);
      // signed overflow: the operands' signs (p negated for a subtraction) agree and the result's differs
      const aNeg = A[1]! >>> 31;
      if (aNeg === (sub ? 1 - pNeg : pNeg) && R[1]! >>> 31 !== aNeg) {
        R[0] = aNeg ? 0 : 0xffffffff;
        R[1] = aNeg ? 0x80000000 : 0x7fffffff;
        setQC(c);
      }
    }
  }
}

/**
 * Long and wide forms (and the scalar and by-element ones, which src/cpu/exec/asimd-elem.ts runs through here with
 * their three-different opcode): `lanes` results of 2·esize bits into the vt scratch, from elements part.. of Vn and
 * of Vm — or, when `mElem` ≥ 0, always element mElem of Vm.
 */
export function longWide(c: Cpu, op: number, u: number, d: number, n: number, m: number, s: number, lanes: number, part: number, mElem: number): void {
  const wide = op === 0b0001 || op === 0b0011;
  const accumulates = op === 0b0101 || op === 0b1000 || op === 0b1010 || op === 0b1001 || op === 0b1011;
  const signed = u === 0;
  const v = c.v32;
  const t = c.vt32;
  for (let i = 0; i < lanes; i++) {
    const e = i + part;
    const me = mElem < 0 ? e : mElem;
    if (s === 2) {
      if (wide) {
        // Vn's 64-bit lane plus or minus the extended element of Vm
        A[0] = v[n * 4 + 2 * i]!;
        A[1] = v[n * 4 + 2 * i + 1]!;
        F[0] = signed ? v[m * 4 + me]! | 0 : v[m * 4 + me]!;
        fromF();
        addA(op === 0b0011);
      } else {
        A[0] = accumulates ? v[d * 4 + 2 * i]! : 0;
        A[1] = accumulates ? v[d * 4 + 2 * i + 1]! : 0;
        lane64(c, op, u, n * 4 + e, m * 4 + me);
      }
      t[2 * i] = R[0]!;
      t[2 * i + 1] = R[1]!;
    } else {
      const sat = op === 0b1001 || op === 0b1011 || op === 0b1101;
      const y = narrowElem(c, m, s, me, signed);
      if (wide) laneSmall(c, op, 0, y, n, signed, s, i);
      else laneSmall(c, op, narrowElem(c, n, s, e, signed), y, accumulates ? d : -1, sat, s, i);
    }
  }
}

/** ADDHN/SUBHN/RADDHN/RSUBHN: the high half of each 2·esize sum or difference (rounded: + 2^(esize−1)). */
function narrowHigh(c: Cpu, w: number, s: number): void {
  const round = (w & (1 << 29)) !== 0;
  const sub = (w & (1 << 13)) !== 0;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const lanes = 8 >>> s;
  const v = c.v32;
  for (let i = 0; i < lanes; i++) {
    if (s === 2) {
      R[0] = v[m * 4 + 2 * i]!;
      R[1] = v[m * 4 + 2 * i + 1]!;
      A[0] = v[n * 4 + 2 * i]!;
      A[1] = v[n * 4 + 2 * i + 1]!;
      addA(sub);
      if (round) {
        A[0] = 0x80000000;
        A[1] = 0;
        addA(false);
      }
      c.vt32[i] = R[1]!;
    } else {
      const a = get(c, n, s + 1, i);
      const b = get(c, m, s + 1, i);
      const r = (sub ? a - b : a + b) + (round ? 1 << ((8 << s) - 1) : 0);
      put(c, s, i, (s === 1 ? r >>> 0 : r & 0xffff) >>> (8 << s)); // modulo 2^(2·esize), then the high half
    }
  }
}

/** The operands of clmul32 (typed: 32-bit words are not small integers). */
const P = new Uint32Array(2);

/** R = v[ai] · v[bi] as polynomials over GF(2). */
function clmulAt(v: Uint32Array, ai: number, bi: number): void {
  P[0] = v[ai]!;
  P[1] = v[bi]!;
  clmul32();
}

/** R = P[0] · P[1] as polynomials over GF(2) (PolynomialMult), 32 × 32 → 64 bits. */
function clmul32(): void {
  const a = P[0]!;
  const b = P[1]!;
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < 32; j++) {
    if (((b >>> j) & 1) === 0) continue;
    lo ^= a << j;
    if (j > 0) hi ^= a >>> (32 - j);
  }
  R[0] = lo;
  R[1] = hi;
}

/** R[0] = the 16-bit polynomial product of bytes v8[ai] and v8[bi] (PolynomialMult, 8 × 8 bits). */
function clmul8At(c: Cpu, ai: number, bi: number): void {
  P[0] = c.v8[ai]!;
  P[1] = c.v8[bi]!;
  clmul32();
}

/** PMULL/PMULL2: polynomial products of 8-bit (8 lanes of 16 bits) or 64-bit elements (one 128-bit result). */
function pmull(c: Cpu, w: number, s: number, part: number): void {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  if (s === 0) {
    for (let i = 0; i < 8; i++) {
      clmul8At(c, n * 16 + part * 8 + i, m * 16 + part * 8 + i);
      c.vt16[i] = R[0]!;
    }
    return;
  }
  const v = c.v32;
  const t = c.vt32;
  const a = n * 4 + part * 2;
  const b = m * 4 + part * 2;
  // (a1·2^32 + a0)(b1·2^32 + b0) over GF(2): a0·b0, a1·b1 shifted by 64, the cross terms shifted by 32
  clmulAt(v, a, b);
  t[0] = R[0]!;
  t[1] = R[1]!;
  clmulAt(v, a + 1, b + 1);
  t[2] = R[0]!;
  t[3] = R[1]!;
  clmulAt(v, a, b + 1);
  t[1] ^= R[0]!;
  t[2] ^= R[1]!;
  clmulAt(v, a + 1, b);
  t[1] ^= R[0]!;
  t[2] ^= R[1]!;
}

/** PMUL (three same, size = 00): each byte lane the low 8 bits of PolynomialMult(Vn[i], Vm[i]). */
export function pmul(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const q = (w >>> 30) & 1;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  for (let i = 0; i < (q === 1 ? 16 : 8); i++) {
    clmul8At(c, n * 16 + i, m * 16 + i);
    c.vt8[i] = R[0]!;
  }
  writeResult(c, w & 31, q);
}

/** The vector three-different rows (src/arch/a64/rows/asimd-diff.ts). */
export function threeDiff(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const s = (w >>> 22) & 3;
  const op = (w >>> 12) & 15;
  const pm = op === 0b1110;
  // reserved element sizes (the PMULL rows exist only for theirs)
  if (!pm && ((SIZES[((w >>> 25) & 16) | op]! >>> s) & 1) === 0) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const q = (w >>> 30) & 1;
  const d = w & 31;
  const v = c.v32;
  const t = c.vt32;
  if (op === 0b0100 || op === 0b0110) {
    narrowHigh(c, w, s);
    // Vpart(d, part) = result: the lower half with the upper cleared, or the upper half with the lower kept
    v[d * 4 + 2 * q] = t[0]!;
    v[d * 4 + 2 * q + 1] = t[1]!;
    if (q === 0) v[d * 4 + 2] = v[d * 4 + 3] = 0;
    return;
  }
  if (pm) pmull(c, w, s, q);
  else longWide(c, op, (w >>> 29) & 1, d, (w >>> 5) & 31, (w >>> 16) & 31, s, 8 >>> s, q * (8 >>> s), -1);
  for (let k = 0; k < 4; k++) v[d * 4 + k] = t[k]!;
}

/** The scalar SQDMLAL/SQDMLSL/SQDMULL (H → S, S → D): lane 0, the rest of Vd cleared. */
export function scalarDiff(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const s = (w >>> 22) & 3;
  if (s === 0 || s === 3) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  longWide(c, (w >>> 12) & 15, 0, d, (w >>> 5) & 31, (w >>> 16) & 31, s, 1, 0, -1);
  writeScalar(c, d, s + 1);
}

/** Vd = scratch lane 0 of size `s` (log2 bytes), zero-extended to 128 bits (a scalar result). */
export function writeScalar(c: Cpu, d: number, s: number): void {
  const v = c.v32;
  const t = c.vt32;
  v[d * 4] = s === 1 ? c.vt16[0]! : t[0]!;
  v[d * 4 + 1] = s === 3 ? t[1]! : 0;
  v[d * 4 + 2] = v[d * 4 + 3] = 0;
}
