// Advanced SIMD two-register miscellaneous: the compares against zero (C7.2 CMGT/CMEQ/CMLT/CMGE/CMLE (zero)) —
// each lane of Vn, as a signed integer, against 0: all ones where the condition holds, else zero. Lanes of 8, 16
// and 32 bits through the typed views, 64-bit lanes on their 32-bit halves (no BigInt).
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** U:opcode<1:0> → 0 GT, 1 EQ, 2 LT, 3 GE, 4 LE (U = 1: opcode 01000 GE, 01001 LE). */
function holds(kind: number, sign: number, zero: boolean): boolean {
  switch (kind) {
    case 0: return sign > 0; // CMGT: x > 0
    case 1: return zero; // CMEQ
    case 2: return sign < 0; // CMLT
    case 3: return sign >= 0; // CMGE
    default: return sign <= 0; // CMLE
  }
}

/** CMGT/CMEQ/CMLT/CMGE/CMLE (zero), vector. */
export function compareZero(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const size = (w >>> 22) & 3;
  if (size === 3 && q === 0) return undefinedInsn(c); // size:Q = 110: reserved
  const kind = (w & (1 << 29)) !== 0 ? 3 + ((w >>> 12) & 1) : (w >>> 12) & 3;
  const n = (w >>> 5) & 31;
  const d = w & 31;
  const t = c.vt32;
  const v = c.v32;
  if (size === 3) {
    for (let i = 0; i < 2; i++) {
      const lo = v[n * 4 + 2 * i]!;
      const hi = v[n * 4 + 2 * i + 1]! | 0;
      const sign = hi !== 0 ? hi : lo !== 0 ? 1 : 0; // the sign of hi:lo as a signed 64-bit value
      const r = holds(kind, sign, sign === 0) ? 0xffffffff : 0;
      t[2 * i] = r;
      t[2 * i + 1] = r;
    }
  } else {
    const lanes = (q === 1 ? 16 : 8) >>> size;
    for (let i = 0; i < lanes; i++) {
      const x = size === 0 ? (c.v8[n * 16 + i]! << 24) >> 24 : size === 1 ? (c.v16[n * 8 + i]! << 16) >> 16 : v[n * 4 + i]! | 0;
      const r = holds(kind, x, x === 0) ? -1 : 0;
      if (size === 0) c.vt8[i] = r;
      else if (size === 1) c.vt16[i] = r;
      else t[i] = r;
    }
  }
  v[d * 4] = t[0]!;
  v[d * 4 + 1] = t[1]!;
  v[d * 4 + 2] = q === 1 ? t[2]! : 0; // a 64-bit result clears bits 127:64
  v[d * 4 + 3] = q === 1 ? t[3]! : 0;
}
