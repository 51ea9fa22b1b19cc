// Advanced SIMD integer multiplies by element (ARM C7.2 MUL, MLA, MLS, SMULL/UMULL, SMLAL/UMLAL, SMLSL/UMLSL,
// SQDMULL, SQDMLAL, SQDMLSL, SQDMULH, SQRDMULH (by element), their "2" and scalar forms): every lane of Vn with one
// element of Vm — Vm[H:L:M] of 16 bits from V0–V15, or Vm[H:L] of 32 bits with Vm = M:Rm. The long ones run through
// the three-different lanes (exec/asimd-diff.ts longWide) with that element fixed. SQDMULH/SQRDMULH saturate only
// for −2^(esize−1) · −2^(esize−1) (FPSR.QC). No BigInt, no allocation; results built in the vt scratch.
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { longWide, writeScalar } from './asimd-diff.ts';
import { get, put, writeResult } from './asimd-int.ts';
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
 * SQDMULH/SQRDMULH of 32-bit a, b (raw words): the high word of 2·a·b (+ 2^31 when rounding), the only overflow
 * −2^31 · −2^31 saturating to 0x7fffffff. 2·a·b = 2·(a·b) with a·b exact in 16-bit pieces.
 */
function mulHigh32(c: Cpu, a: number, b: number, round: boolean): number {
  if (a === 0x80000000 && b === 0x80000000) {
    setQC(c);
    return 0x7fffffff;
  }
  const x = a | 0;
  const y = b | 0;
  // a·b = hiPart·2^16 + loPart, both exact; 2·a·b + r = (2·hiPart)·2^16 + 2·loPart + r; its bits 63:32
  const yl = y & 0xffff;
  const yh = y >> 16;
  const lowProd = x * yl; // |·| < 2^47
  const highProd = x * yh; // |·| < 2^47
  // 2·a·b + r = highProd·2^17 + lowProd·2 + r: split highProd·2^17 by 2^32 exactly
  const hq = Math.floor(highProd / 32768); // highProd·2^17 = hq·2^32 + (highProd − hq·2^15)·2^17
  const rest = (highProd - hq * 32768) * 131072 + lowProd * 2 + (round ? 0x80000000 : 0); // |·| < 2^50
  return (hq + Math.floor(rest / TWO32)) | 0;
}

/** One same-size lane (16 or 32 bits) of MUL/MLA/MLS/SQDMULH/SQRDMULH: a (Vn), b (the element), acc (Vd). */
function lane(c: Cpu, op: number, a: number, b: number, acc: number, s: number): number {
  switch (op) {
    case 0b1000: return Math.imul(a, b); // MUL
    case 0b0000: return acc + Math.imul(a, b); // MLA
    case 0b0100: return acc - Math.imul(a, b); // MLS
    default: {
      const round = op === 0b1101;
      if (s === 2) return mulHigh32(c, a, b, round);
      const x = (a << 16) >> 16;
      const y = (b << 16) >> 16;
      if (x === -32768 && y === -32768) {
        setQC(c);
        return 0x7fff;
      }
      return (2 * x * y + (round ? 0x8000 : 0)) >> 16; // exact: |2·x·y| < 2^31
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
  const b = get(c, m, s, index);
  const lanes = scalar ? 1 : (q === 1 ? 16 : 8) >>> s;
  for (let i = 0; i < lanes; i++) put(c, s, i, lane(c, op, get(c, n, s, i), b, get(c, d, s, i), s));
  if (scalar) writeScalar(c, d, s);
  else writeResult(c, d, q);
}
