// Advanced SIMD integer instructions of the three-same group (ARM C7.2 ADD, SUB, MUL, MLA, MLS, CMEQ, CMTST, CMGT,
// CMGE, CMHI, CMHS, SMAX/UMAX, SMIN/UMIN, their pairwise forms, ADDP, SABD/UABD, SABA/UABA, SHADD/UHADD, SRHADD/URHADD,
// SHSUB/UHSUB, and the logical AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF). Reserved element sizes are UNDEFINED at decode,
// before AArch64.CheckFPAdvSIMDEnabled. Lanes of 8, 16 and 32 bits are computed as numbers, 64-bit lanes (ADD, SUB,
// the compares, CMTST, ADDP) on their 32-bit halves: no BigInt, no allocation. The result
// is built in the CPU's vt scratch and written last, because Vd may be a source; a 64-bit vector (Q = 0) clears bits
// 127:64 (V[d] = ZeroExtend(result)).
import { advSimdExpandImm } from '../../arch/a64/simd.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Opcodes of the group whose 64-bit lanes exist (with Q = 1): CMGT, CMGE/CMHS, ADD/SUB, CMTST/CMEQ, ADDP. */
const D_LANES = (1 << 0b00110) | (1 << 0b00111) | (1 << 0b10000) | (1 << 0b10001) | (1 << 0b10111);
/** Pairwise opcodes: SMAXP/UMAXP, SMINP/UMINP, ADDP. */
const PAIRWISE = (1 << 0b10100) | (1 << 0b10101) | (1 << 0b10111);

/** Element i (0-based, unsigned) of size `s` (log2 bytes, ≤ 2) of register n. */
export function get(c: Cpu, n: number, s: number, i: number): number {
  return s === 0 ? c.v8[n * 16 + i]! : s === 1 ? c.v16[n * 8 + i]! : c.v32[n * 4 + i]!;
}

/** Scratch lane i of size `s` (log2 bytes, ≤ 2) = v (truncated to the lane). */
export function put(c: Cpu, s: number, i: number, v: number): void {
  if (s === 0) c.vt8[i] = v;
  else if (s === 1) c.vt16[i] = v;
  else c.vt32[i] = v;
}

/** Vd = the scratch result (Q = 0: its low 64 bits, the rest zero). */
export function writeResult(c: Cpu, d: number, q: number): void {
  const v = c.v32;
  const t = c.vt32;
  v[d * 4] = t[0]!;
  v[d * 4 + 1] = t[1]!;
  v[d * 4 + 2] = q === 1 ? t[2]! : 0;
  v[d * 4 + 3] = q === 1 ? t[3]! : 0;
}

/** One lane of a non-pairwise operation on unsigned a, b (and the destination's lane `acc`), `bits` wide. */
function lane(u: number, op: number, a: number, b: number, acc: number, bits: number): number {
  const sh = 32 - bits;
  const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  const sa = (a << sh) >> sh; // SInt
  const sb = (b << sh) >> sh;
  const x = u === 1 ? a : sa; // the operands as the instruction reads them: UInt for U = 1, SInt for U = 0
  const y = u === 1 ? b : sb;
  switch (op) {
    case 0b00000: return Math.floor((x + y) / 2); // SHADD/UHADD: (a + b) >> 1, no overflow in doubles
    case 0b00010: return Math.floor((x + y + 1) / 2); // SRHADD/URHADD
    case 0b00100: return Math.floor((x - y) / 2); // SHSUB/UHSUB
    case 0b00110: return x > y ? mask : 0; // CMGT / CMHI
    case 0b00111: return x >= y ? mask : 0; // CMGE / CMHS
    case 0b01100: return Math.max(x, y); // SMAX/UMAX
    case 0b01101: return Math.min(x, y); // SMIN/UMIN
    case 0b01110: return Math.abs(x - y); // SABD/UABD
    case 0b01111: return acc + Math.abs(x - y); // SABA/UABA
    case 0b10000: return u === 1 ? a - b : a + b; // SUB / ADD
    case 0b10001: return u === 1 ? (a === b ? mask : 0) : (a & b) !== 0 ? mask : 0; // CMEQ / CMTST
    case 0b10010: return u === 1 ? acc - Math.imul(a, b) : acc + Math.imul(a, b); // MLS / MLA
    case 0b10011: return Math.imul(a, b); // MUL
    default: return 0;
  }
}

/**
 * One 64-bit lane of ADD, SUB, CMGT/CMHI, CMGE/CMHS, CMTST/CMEQ on the 32-bit halves of words `x` (lane of Vn) and
 * `y` (of Vm) in c.v32, into scratch lane `k` — no BigInt (DESIGN.md §3). ADDP passes two lanes of one register.
 */
export function lane64(c: Cpu, u: number, op: number, x: number, y: number, k: number): void {
  const v = c.v32;
  const t = c.vt32;
  const alo = v[x]!, ahi = v[x + 1]!, blo = v[y]!, bhi = v[y + 1]!;
  let lo: number;
  let hi: number;
  if (op === 0b10000 || op === 0b10111) {
    const sub = op === 0b10000 && u === 1;
    lo = sub ? alo - blo : alo + blo;
    hi = (sub ? ahi - bhi - (lo < 0 ? 1 : 0) : ahi + bhi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    lo >>>= 0;
  } else {
    let r: boolean;
    if (op === 0b10001) {
      r = u === 1 ? alo === blo && ahi === bhi : (alo & blo) !== 0 || (ahi & bhi) !== 0; // CMEQ / CMTST
    } else {
      // high words signed for U = 0, unsigned for U = 1; low words always unsigned
      const ah = u === 1 ? ahi : ahi | 0;
      const bh = u === 1 ? bhi : bhi | 0;
      const gt = ah > bh || (ah === bh && alo > blo);
      r = op === 0b00110 ? gt : gt || (ah === bh && alo === blo); // CMGT/CMHI, CMGE/CMHS
    }
    lo = hi = r ? 0xffffffff : 0;
  }
  t[k * 2] = lo;
  t[k * 2 + 1] = hi;
}

/** The pairwise operations: SMAXP/UMAXP, SMINP/UMINP, ADDP on one pair. */
function pair(u: number, op: number, a: number, b: number, bits: number): number {
  if (op === 0b10111) return a + b;
  const sh = 32 - bits;
  const x = u === 1 ? a : (a << sh) >> sh;
  const y = u === 1 ? b : (b << sh) >> sh;
  return op === 0b10100 ? Math.max(x, y) : Math.min(x, y);
}

/** The logical group (opcode 00011): AND, BIC, ORR, ORN (U = 0) and EOR, BSL, BIT, BIF (U = 1) by size, on words. */
function logical(c: Cpu, w: number): void {
  const q = (w >>> 30) & 1;
  const op = ((w >>> 27) & 4) | ((w >>> 22) & 3); // U:size
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const v = c.v32;
  const t = c.vt32;
  for (let i = 0; i < 4; i++) {
    const a = v[n * 4 + i]!;
    const b = v[m * 4 + i]!;
    const x = v[d * 4 + i]!;
    switch (op) {
      case 0: t[i] = a & b; break; // AND
      case 1: t[i] = a & ~b; break; // BIC
      case 2: t[i] = a | b; break; // ORR
      case 3: t[i] = a | ~b; break; // ORN
      case 4: t[i] = a ^ b; break; // EOR
      case 5: t[i] = (x & a) | (~x & b); break; // BSL: Vd selects Vn where set, Vm where clear
      case 6: t[i] = (a & b) | (x & ~b); break; // BIT: Vn where Vm is set
      default: t[i] = (x & b) | (a & ~b); break; // BIF: Vn where Vm is clear
    }
  }
  writeResult(c, d, q);
}

/** The three-same integer and logical rows (src/arch/a64/rows/asimd-int.ts). */
export function threeSame(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const u = (w >>> 29) & 1;
  const s = (w >>> 22) & 3;
  const op = (w >>> 11) & 31;
  if (op === 0b00011) {
    if (!fpAccessTrapped(c)) logical(c, w);
    return;
  }
  // reserved: 64-bit lanes where the instruction has none, or in a 64-bit vector
  if (s === 3 && (q === 0 || ((D_LANES >>> op) & 1) === 0)) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  if (s === 3) {
    if (op === 0b10111) {
      lane64(c, u, op, n * 4, n * 4 + 2, 0); // ADDP: the pair of Vn, then of Vm
      lane64(c, u, op, m * 4, m * 4 + 2, 1);
    } else {
      for (let i = 0; i < 2; i++) lane64(c, u, op, n * 4 + i * 2, m * 4 + i * 2, i);
    }
    writeResult(c, d, 1);
    return;
  }
  const bits = 8 << s;
  const lanes = (q === 1 ? 128 : 64) / bits;
  if (((PAIRWISE >>> op) & 1) === 1) {
    const half = lanes / 2;
    for (let i = 0; i < lanes; i++) {
      const src = i < half ? n : m; // concatenated operands Vm:Vn, each pair of adjacent elements
      const j = (i % half) * 2;
      put(c, s, i, pair(u, op, get(c, src, s, j), get(c, src, s, j + 1), bits));
    }
  } else {
    for (let i = 0; i < lanes; i++) put(c, s, i, lane(u, op, get(c, n, s, i), get(c, m, s, i), get(c, d, s, i), bits));
  }
  writeResult(c, d, q);
}

/**
 * The modified-immediate rows: MOVI, MVNI, ORR, BIC (vector, immediate), FMOV (vector, immediate). The immediate is
 * AdvSIMDExpandImm(op, cmode, imm8); MVNI writes its complement, ORR and BIC combine it with Vd. FMOV .2d with Q = 0
 * is UNDEFINED.
 */
export function modifiedImm(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const op = (w >>> 29) & 1;
  const cmode = (w >>> 12) & 15;
  if (cmode === 15 && op === 1 && q === 0) return undefinedInsn(c); // FMOV (vector, double) needs Q = 1
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const t = c.vt32;
  advSimdExpandImm(op, cmode, ((w >>> 11) & 0xe0) | ((w >>> 5) & 31), t);
  const v = c.v32;
  // ORR/BIC: cmode<0> = 1 below 0b1100; MVNI: op = 1 with cmode<0> = 0 below 0b1110, or MVNI MSL (cmode 110x)
  const combine = cmode < 12 && (cmode & 1) === 1;
  const invert = op === 1 && (cmode < 12 ? (cmode & 1) === 0 : cmode < 14);
  for (let i = 0; i < 4; i++) {
    const imm = i < 2 ? t[i]! : t[i - 2]!;
    const x = invert ? ~imm : imm;
    v[d * 4 + i] = i >= 2 && q === 0 ? 0 : combine ? (op === 1 ? v[d * 4 + i]! & ~imm : v[d * 4 + i]! | imm) : x;
  }
}

/** EXT: bytes imm4.. of Vm:Vn (Q = 0: 8 bytes, imm4<3> = 1 UNDEFINED). */
export function ext(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const pos = (w >>> 11) & 15;
  if (q === 0 && pos >= 8) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const bytes = q === 1 ? 16 : 8;
  const b = c.v8;
  for (let i = 0; i < bytes; i++) {
    const k = pos + i;
    c.vt8[i] = k < bytes ? b[n * 16 + k]! : b[m * 16 + k - bytes]!;
  }
  writeResult(c, d, q);
}

/**
 * UZP1/2, TRN1/2, ZIP1/2 (part = opcode<2>): UZP takes the even (odd) elements of Vm:Vn; TRN interleaves the even
 * (odd) elements of Vn and Vm; ZIP interleaves the low (high) halves of Vn and Vm. 64-bit elements need Q = 1.
 */
export function permute(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const s = (w >>> 22) & 3;
  if (s === 3 && q === 0) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const op = (w >>> 12) & 3; // 01 UZP, 10 TRN, 11 ZIP
  const part = (w >>> 14) & 1;
  const lanes = (q === 1 ? 16 : 8) >> s;
  const half = lanes / 2;
  for (let p = 0; p < half; p++) {
    // source elements in the concatenation Vm:Vn (index ≥ lanes: Vm)
    const e0 = op === 1 ? 2 * p + part : op === 2 ? 2 * p + part : part * half + p;
    const e1 = op === 1 ? lanes + 2 * p + part : lanes + e0;
    const k0 = op === 1 ? p : 2 * p; // UZP: results in order; TRN, ZIP: interleaved
    const k1 = op === 1 ? p + half : 2 * p + 1;
    copyLane(c, s, k0, e0 < lanes ? n : m, e0 < lanes ? e0 : e0 - lanes);
    copyLane(c, s, k1, e1 < lanes ? n : m, e1 < lanes ? e1 : e1 - lanes);
  }
  writeResult(c, d, q);
}

/** Scratch lane k (element size 1 << s bytes) = element e of V[src]. */
function copyLane(c: Cpu, s: number, k: number, src: number, e: number): void {
  const bytes = 1 << s;
  for (let b = 0; b < bytes; b++) c.vt8[k * bytes + b] = c.v8[src * 16 + e * bytes + b]!;
}

/**
 * ADDV, SADDLV/UADDLV, SMAXV/UMAXV, SMINV/UMINV: one scalar from every element of Vn (ADDLV: twice as wide,
 * extended), written zero-extended to 128 bits. Reserved: 64-bit elements, and 32-bit ones in a 64-bit vector.
 */
export function acrossLanes(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const u = (w >>> 29) & 1;
  const s = (w >>> 22) & 3;
  if (s === 3 || (s === 2 && q === 0)) return undefinedInsn(c); // reserved
  if (fpAccessTrapped(c)) return;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const op = (w >>> 12) & 31;
  const bits = 8 << s;
  const lanes = (q === 1 ? 128 : 64) / bits;
  const sh = 32 - bits;
  let acc = 0;
  for (let i = 0; i < lanes; i++) {
    const a = get(c, n, s, i);
    const x = u === 1 ? a : (a << sh) >> sh;
    if (i === 0 && op !== 0b00011 && op !== 0b11011) acc = x;
    else if (op === 0b01010) acc = Math.max(acc, x);
    else if (op === 0b11010) acc = Math.min(acc, x);
    else acc += op === 0b11011 ? a : x; // ADDV wraps at the element size; ADDLV sums exactly (≤ 2^35 in a double)
  }
  const t = c.vt32;
  t[1] = t[2] = t[3] = 0;
  if (op === 0b00011) {
    // the sum as a 2·esize value: 16 or 32 bits fit the low word; 64 bits (SADDLV/UADDLV of words) split in two
    const wide = 2 * bits;
    if (wide === 64) {
      t[0] = acc >>> 0;
      t[1] = Math.floor(acc / 2 ** 32) >>> 0; // a negative sum's high word (two's complement) by floor division
    } else {
      t[0] = (acc & (wide === 32 ? 0xffffffff : 0xffff)) >>> 0;
    }
  } else {
    t[0] = (bits === 32 ? acc : acc & ((1 << bits) - 1)) >>> 0;
  }
  writeResult(c, d, 1);
}
