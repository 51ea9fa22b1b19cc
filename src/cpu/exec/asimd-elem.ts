// Advanced SIMD integer multiplies by element (ARM C7.2 MUL, MLA, MLS, SMULL/UMULL, SMLAL/UMLAL, SMLSL/UMLSL,
// SQDMULL, SQDMLAL, SQDMLSL, SQDMULH, SQRDMULH (by element), their "2" and scalar forms; and the three-same SQDMULH,
// SQRDMULH, lane by lane with the same arithmetic): every lane of Vn with one element of Vm — Vm[H:L:M] of 16 bits from V0–V15, or Vm[H:L] of 32 bits with Vm = M:Rm. The long ones run through
// the three-different lanes (exec/asimd-diff.ts longWide) with that element fixed. SQDMULH/SQRDMULH saturate only
// for −2^(esize−1) · −2^(esize−1) (FPSR.QC). No BigInt, no allocation; results built in the vt scratch.
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { longWide, writeScalar } from './asimd-diff.ts';
import { writeResult } from './asimd-int.ts';
import { setQC } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** The three-different opcode of each long by-element opcode (MLAL 0010 → 1000, …), 0 for the same-size ones. */
const LONG_OP = new Uint8Array(16);
LONG_OP[0b0010] = 0b1000; // SMLAL/UMLAL
LONG_OP[0b0110] = 0b1010; // SMLSL/UMLSL
LONG_OP[0b1010] = 0b1100; // SMULL/UMULL
LONG_OP[0b0011] = 0b1001; // SQDMLAL
LONG_OP[0b0111] = 0b1011; // SQDMLSL
LONG_OP[0b1011] = 0b1101; // SQDMULL

const TWO32 = 4294967296;

/**
 * Scratch lane i = SQDMULH/SQRDMULH of the 32-bit words v32[ai], v32[bi]: the high word of 2·a·b (+ 2^31 when
 * rounding), the only overflow −2^31 · −2^31 saturating to 0x7fffffff. 2·a·b = a·bh·2^17 + a·bl·2 with b = bh·2^16
 * + bl, each product exact; the words are read here, not passed (a 32-bit value crossing a call may be boxed).
 */
function mulHigh32(c: Cpu, ai: number, bi: number, round: boolean, i: number): void {
  const x = c.v32[ai]! | 0;
  const y = c.v32[bi]! | 0;
  if (x === -0x80000000 && y === -0x80000000) {
    setQC(c);
    c.vt32[i] = 0x7fffffff;
    return;
  }
  const lowProd = x * (y & 0xffff); // |·| < 2^48
  const highProd = x * (y >> 16); // |·| < 2^47
  // highProd·2^17 = hq·2^32 + (highProd − hq·2^15)·2^17, so 2·a·b + r = hq·2^32 + rest with rest exact
  const hq = Math.floor(highProd / 32768);
  const rest = (highProd - hq * 32768) * 131072 + lowProd * 2 + (round ? 0x80000000 : 0); // |·| < 2^50
  c.vt32[i] = hq + Math.floor(rest / TWO32);
}

/** Scratch lane i (32 bits) of MUL/MLA/MLS/SQDMULH/SQRDMULH from lane i of Vn (word ni), the element (bi), Vd (di). */
function lane32(c: Cpu, op: number, ni: number, bi: number, di: number, i: number): void {
  const v = c.v32;
  const t = c.vt32;
  switch (op) {
    case 0b1000: t[i] = Math.imul(v[ni]!, v[bi]!); return; // MUL
    case 0b0000: t[i] = v[di]! + Math.imul(v[ni]!, v[bi]!); return; // MLA
    case 0b0100: t[i] = v[di]! - Math.imul(v[ni]!, v[bi]!); return; // MLS
    default: mulHigh32(c, ni, bi, op === 0b1101, i);
  }
}

/** One 16-bit lane of MUL/MLA/MLS/SQDMULH/SQRDMULH: a (Vn), b (the element), acc (Vd) — small integers throughout. */
function lane16(c: Cpu, op: number, a: number, b: number, acc: number): number {
  switch (op) {
    case 0b1000: return Math.imul(a, b); // MUL
    case 0b0000: return acc + Math.imul(a, b); // MLA
    case 0b0100: return acc - Math.imul(a, b); // MLS
    default: {
      const x = (a << 16) >> 16;
      const y = (b << 16) >> 16;
      if (x === -32768 && y === -32768) {
        setQC(c);
        return 0x7fff;
      }
      return (2 * x * y + (op === 0b1101 ? 0x8000 : 0)) >> 16; // exact: |2·x·y + 2^15| < 2^31
    }
  }
}

/** The by-element rows (src/arch/a64/rows/asimd-elem.ts). */
export function byElement(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const s = (w >>> 22) & 3;
  if (s === 0 || s === 3) return undefinedInsn(c); // reserved for the integer forms
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const scalar = (w & (1 << 28)) !== 0;
  const q = scalar ? 0 : (w >>> 30) & 1;
  const u = (w >>> 29) & 1;
  const op = (w >>> 12) & 15;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const h = (w >>> 11) & 1;
  const l = (w >>> 21) & 1;
  const mBit = (w >>> 20) & 1;
  // 16-bit: index H:L:M, Vm = 0:Rm; 32-bit: index H:L, Vm = M:Rm
  const index = s === 1 ? (h << 2) | (l << 1) | mBit : (h << 1) | l;
  const m = s === 1 ? (w >>> 16) & 15 : (w >>> 16) & 31;
  const long = LONG_OP[op]!;
  if (long !== 0) {
    const lanes = scalar ? 1 : 8 >>> s;
    longWide(c, long, u, d, n, m, s, lanes, q * lanes, index);
    if (scalar) writeScalar(c, d, s + 1);
    else writeResult(c, d, 1);
    return;
  }
  sameSize(c, op, d, n, m, index, s, scalar ? 1 : (q === 1 ? 16 : 8) >>> s);
  if (scalar) writeScalar(c, d, s);
  else writeResult(c, d, q);
}

/** Scratch lanes 0…lanes−1 (size s: 1 or 2) of MUL/MLA/MLS/SQDMULH/SQRDMULH (by-element opcode `op`) of Vn's lanes
 *  with element `index` of Vm, or with Vm's lanes for index = −1 (three same); Vd's lanes are the accumulators. */
function sameSize(c: Cpu, op: number, d: number, n: number, m: number, index: number, s: number, lanes: number): void {
  if (s === 2) {
    for (let i = 0; i < lanes; i++) lane32(c, op, n * 4 + i, m * 4 + (index < 0 ? i : index), d * 4 + i, i);
  } else {
    for (let i = 0; i < lanes; i++) c.vt16[i] = lane16(c, op, c.v16[n * 8 + i]!, c.v16[m * 8 + (index < 0 ? i : index)]!, c.v16[d * 8 + i]!);
  }
}

/** SQDMULH/SQRDMULH three same (U = 1 rounding), vector and scalar (bit 28): the by-element arithmetic lane by lane. */
export function mulHighSame(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const s = (w >>> 22) & 3;
  if (s === 0 || s === 3) return undefinedInsn(c); // reserved: 16 and 32-bit elements only
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const scalar = (w & (1 << 28)) !== 0;
  const q = scalar ? 0 : (w >>> 30) & 1;
  const d = w & 31;
  const op = (w >>> 29) & 1 ? 0b1101 : 0b1100; // the by-element opcodes of SQRDMULH / SQDMULH
  sameSize(c, op, d, (w >>> 5) & 31, (w >>> 16) & 31, -1, s, scalar ? 1 : (q === 1 ? 16 : 8) >>> s);
  if (scalar) writeScalar(c, d, s);
  else writeResult(c, d, q);
}
