// Moves between and into SIMD&FP registers (ARM C7.2 DUP, INS, SMOV, UMOV, FMOV (general), FMOV (register),
// FMOV (scalar, immediate)). Reserved encodings are UNDEFINED at decode, before the FP/SIMD access check
// (AArch64.CheckFPAdvSIMDEnabled) that opens each execute section. A scalar write to a V register zeroes the bits
// above it (V[d] = ZeroExtend(result, 128)); an element write (INS, FMOV Vd.D[1]) leaves the others unchanged.
import { imm5Size, vfpExpandImm } from '../../arch/a64/simd.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN, WRITE_ZR } from '../state.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Element `i` of size 1 << s bytes of V[n], as a number (s ≤ 2) — 64-bit elements go through v32 pairs. */
function lane(c: Cpu, n: number, s: number, i: number): number {
  return s === 0 ? c.v8[n * 16 + i]! : s === 1 ? c.v16[n * 8 + i]! : c.v32[n * 4 + i]!;
}

function setLane(c: Cpu, n: number, s: number, i: number, v: number): void {
  if (s === 0) c.v8[n * 16 + i] = v;
  else if (s === 1) c.v16[n * 8 + i] = v;
  else c.v32[n * 4 + i] = v;
}

/** V[d]'s upper 64 bits = 0 (a 64-bit vector or scalar result, ZeroExtend to 128). */
function clearHigh(c: Cpu, d: number): void {
  c.v32[d * 4 + 2] = 0;
  c.v32[d * 4 + 3] = 0;
}

/** DUP (element): every element of Vd = Vn[index]; size and index from imm5, 64-bit elements need Q = 1. */
export function dupElement(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const imm5 = (w >>> 16) & 31;
  const s = imm5Size(imm5);
  if (s === 4 || (s === 3 && q === 0)) return undefinedInsn(c); // reserved (size:Q = 11:0 or imm5 = x0000)
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const idx = imm5 >>> (s + 1);
  const v = c.v32;
  if (s === 3) {
    const lo = v[n * 4 + idx * 2]!;
    const hi = v[n * 4 + idx * 2 + 1]!;
    v[d * 4] = v[d * 4 + 2] = lo;
    v[d * 4 + 1] = v[d * 4 + 3] = hi;
    return;
  }
  fillWord(c, d, q, replicate(lane(c, n, s, idx), s));
}

/** The 32-bit word made of copies of a (1 << s)-byte value, s ≤ 2. */
function replicate(x: number, s: number): number {
  return s === 0 ? (x * 0x01010101) >>> 0 : s === 1 ? ((x << 16) | x) >>> 0 : x;
}

/** Every word of V[d]'s low 64 (Q = 0, the rest zeroed) or 128 bits = word. */
function fillWord(c: Cpu, d: number, q: number, word: number): void {
  const v = c.v32;
  v[d * 4] = v[d * 4 + 1] = word;
  if (q === 0) clearHigh(c, d);
  else v[d * 4 + 2] = v[d * 4 + 3] = word;
}

/** DUP (general): every element of Vd = the low bits of Wn/Xn; size from imm5, 64-bit elements need Q = 1. */
export function dupGeneral(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const s = imm5Size((w >>> 16) & 31);
  if (s === 4 || (s === 3 && q === 0)) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31; // 31 is the zero register
  const u = c.u32;
  if (s === 3) {
    const v = c.v32;
    v[d * 4] = v[d * 4 + 2] = u[n * 2]!;
    v[d * 4 + 1] = v[d * 4 + 3] = u[n * 2 + 1]!;
    return;
  }
  const mask = s === 0 ? 0xff : s === 1 ? 0xffff : 0xffffffff;
  fillWord(c, d, q, replicate(u[n * 2]! & mask, s));
}

/** SMOV: Wd/Xd = SignExtend(Vn[index]); Q = 0 → W (bytes, halfwords), Q = 1 → X (bytes, halfwords, words). */
export function smov(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const imm5 = (w >>> 16) & 31;
  const s = imm5Size(imm5);
  if (s >= 3 || (s === 2 && q === 0)) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const t = WRITE_ZR[w & 31]!;
  const sh = 32 - (8 << s);
  const x = (lane(c, (w >>> 5) & 31, s, imm5 >>> (s + 1)) << sh) >> sh;
  c.i32[t * 2] = x;
  c.i32[t * 2 + 1] = q === 1 ? x >> 31 : 0;
}

/** UMOV: Wd = ZeroExtend(Vn[index]) for bytes, halfwords, words (Q = 0); Xd = a doubleword (Q = 1). */
export function umov(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const imm5 = (w >>> 16) & 31;
  const s = imm5Size(imm5);
  if (q === 1 ? s !== 3 : s >= 3) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const t = WRITE_ZR[w & 31]!;
  const n = (w >>> 5) & 31;
  const idx = imm5 >>> (s + 1);
  const u = c.u32;
  if (s === 3) {
    u[t * 2] = c.v32[n * 4 + idx * 2]!;
    u[t * 2 + 1] = c.v32[n * 4 + idx * 2 + 1]!;
    return;
  }
  u[t * 2] = lane(c, n, s, idx);
  u[t * 2 + 1] = 0;
}

/** INS (general): Vd[index] = the low bits of Wn/Xn; the other elements are unchanged. */
export function insGeneral(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const imm5 = (w >>> 16) & 31;
  const s = imm5Size(imm5);
  if (s === 4) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const idx = imm5 >>> (s + 1);
  const u = c.u32;
  if (s === 3) {
    c.v32[d * 4 + idx * 2] = u[n * 2]!;
    c.v32[d * 4 + idx * 2 + 1] = u[n * 2 + 1]!;
    return;
  }
  setLane(c, d, s, idx, u[n * 2]!);
}

/** INS (element): Vd[imm5 index] = Vn[imm4 index]; the other elements are unchanged. */
export function insElement(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const imm5 = (w >>> 16) & 31;
  const s = imm5Size(imm5);
  if (s === 4) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const di = imm5 >>> (s + 1);
  const si = ((w >>> 11) & 15) >>> s;
  if (s === 3) {
    const v = c.v32;
    const lo = v[n * 4 + si * 2]!;
    const hi = v[n * 4 + si * 2 + 1]!;
    v[d * 4 + di * 2] = lo;
    v[d * 4 + di * 2 + 1] = hi;
    return;
  }
  setLane(c, d, s, di, lane(c, n, s, si));
}

/** FMOV Wd, Sn / Xd, Dn: the low 32 or 64 bits of Vn into the general-purpose register. */
export function fmovToGeneral(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const t = WRITE_ZR[w & 31]!;
  const n = (w >>> 5) & 31;
  c.u32[t * 2] = c.v32[n * 4]!;
  c.u32[t * 2 + 1] = w >>> 31 === 1 ? c.v32[n * 4 + 1]! : 0;
}

/** FMOV Sd, Wn / Dd, Xn: Vd = ZeroExtend(the register, 128). */
export function fmovFromGeneral(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31; // 31 is the zero register
  c.v32[d * 4] = c.u32[n * 2]!;
  c.v32[d * 4 + 1] = w >>> 31 === 1 ? c.u32[n * 2 + 1]! : 0;
  clearHigh(c, d);
}

/** FMOV Xd, Vn.D[1]: the upper doubleword of Vn. */
export function fmovFromUpper(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const t = WRITE_ZR[w & 31]!;
  const n = (w >>> 5) & 31;
  c.u32[t * 2] = c.v32[n * 4 + 2]!;
  c.u32[t * 2 + 1] = c.v32[n * 4 + 3]!;
}

/** FMOV Vd.D[1], Xn: the upper doubleword of Vd; the lower one is unchanged. */
export function fmovToUpper(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  c.v32[d * 4 + 2] = c.u32[n * 2]!;
  c.v32[d * 4 + 3] = c.u32[n * 2 + 1]!;
}

/** FMOV Sd, Sn / Dd, Dn (ftype bit 22): a copy, zero above; no FP exception, NaNs copied as they are. */
export function fmovRegister(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const v = c.v32;
  v[d * 4] = v[n * 4]!;
  v[d * 4 + 1] = (w & (1 << 22)) !== 0 ? v[n * 4 + 1]! : 0;
  clearHigh(c, d);
}

/** FMOV Sd/Dd, #imm: Vd = ZeroExtend(VFPExpandImm(imm8), 128). */
export function fmovImmediate(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const double = (w & (1 << 22)) !== 0;
  const top = vfpExpandImm((w >>> 13) & 0xff, double);
  const v = c.v32;
  v[d * 4] = double ? 0 : top;
  v[d * 4 + 1] = double ? top : 0;
  clearHigh(c, d);
}
