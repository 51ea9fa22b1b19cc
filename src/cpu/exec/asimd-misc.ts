// Advanced SIMD two-register miscellaneous, the integer instructions: the compares against zero (C7.2
// CMGT/CMEQ/CMLT/CMGE/CMLE (zero)) — each lane of Vn, as a signed integer, against 0: all ones where the condition
// holds, else zero — and the rest of the integer group (intTwoRegMisc). Lanes of 8, 16 and 32 bits through the typed
// views, 64-bit lanes on their 32-bit halves (no BigInt, no allocation).
import { INT_MISC, miscSizeOk, type MiscSizes } from '../../arch/a64/rows/asimd-misc.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { get, put, writeResult } from './asimd-int.ts';
import { lengthen, narrow } from './asimd-shift.ts';
import { fpAccessTrapped } from './fpsimd.ts';
import { satQ, setQC } from './qc.ts';

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
  const scalar = (w & (1 << 28)) !== 0; // CMxx #0 on D: element 0, zero-extended
  if (size === 3) {
    for (let i = 0; i < (scalar ? 1 : 2); i++) {
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
  v[d * 4 + 2] = q === 1 && !scalar ? t[2]! : 0; // a 64-bit result clears bits 127:64
  v[d * 4 + 3] = q === 1 && !scalar ? t[3]! : 0;
}

/** U:opcode of the integer two-register misc instructions. */
const REV64 = 0b000000, REV16 = 0b000001, SADDLP = 0b000010, SUQADD = 0b000011, CLS = 0b000100, CNT = 0b000101;
const SADALP = 0b000110, SQABS = 0b000111, ABS = 0b001011, XTN = 0b010010, SQXTN = 0b010100, REV32 = 0b100000;
const UADDLP = 0b100010, USQADD = 0b100011, CLZ = 0b100100, NOT_RBIT = 0b100101, UADALP = 0b100110;
const SQNEG = 0b100111, NEG = 0b101011, SQXTUN = 0b110010, SHLL = 0b110011, UQXTN = 0b110100;

/** The allowed sizes of each U:opcode (rows/asimd-misc.ts INT_MISC); NOT and RBIT share one, their sizes fixed. */
const SIZES: readonly (MiscSizes | undefined)[] = (() => {
  const out: (MiscSizes | undefined)[] = [];
  for (const [, , u, opcode, sizes] of INT_MISC) out[(u << 5) | parseInt(opcode, 2)] = sizes;
  return out;
})();

/** RBIT of a byte. */
function rbit8(x: number): number {
  x = ((x & 0xf0) >>> 4) | ((x & 0x0f) << 4);
  x = ((x & 0xcc) >>> 2) | ((x & 0x33) << 2);
  return ((x & 0xaa) >>> 1) | ((x & 0x55) << 1);
}

/** One same-width lane of 8, 16 or 32 bits: a = Vn's lane, acc = Vd's (unsigned). */
function sameLane(c: Cpu, key: number, a: number, acc: number, bits: number): number {
  const sh = 32 - bits;
  const sa = (a << sh) >> sh; // SInt
  switch (key) {
    case CLS: return Math.min(Math.clz32(((sa ^ (sa >> 1)) << sh) >>> 0), bits) - 1; // CountLeadingSignBits
    case CLZ: return Math.clz32(a) - sh; // CountLeadingZeroBits
    case CNT: {
      const x = a - ((a >>> 1) & 0x55); // BitCount of a byte
      const y = (x & 0x33) + ((x >>> 2) & 0x33);
      return (y + (y >>> 4)) & 0x0f;
    }
    case NOT_RBIT: return (c.u32[INSN * 2]! & (1 << 22)) !== 0 ? rbit8(a) : ~a; // size 01: RBIT
    case ABS: return Math.abs(sa);
    case NEG: return -sa;
    case SQABS: return satQ(c, Math.abs(sa), bits, false);
    case SQNEG: return satQ(c, -sa, bits, false);
    case SUQADD: return satQ(c, a + ((acc << sh) >> sh), bits, false); // UInt(Vn) + SInt(Vd), signed SatQ
    default: return satQ(c, sa + acc, bits, true); // USQADD: SInt(Vn) + UInt(Vd), unsigned SatQ
  }
}

/** One 64-bit lane (ABS, NEG, SQABS, SQNEG, SUQADD, USQADD) from words x (of Vn) and y (of Vd) of c.v32 into scratch
 *  lane i, on the 32-bit halves. */
function sameLane64(c: Cpu, key: number, x: number, y: number, i: number): void {
  const v = c.v32;
  const lo = v[x]!, hi = v[x + 1]!;
  const negative = hi >>> 31 === 1;
  let rlo = lo, rhi = hi;
  if (key === SUQADD || key === USQADD) {
    const dlo = v[y]!, dhi = v[y + 1]!;
    const s = lo + dlo;
    rlo = s >>> 0;
    const h = hi + dhi + (s > 0xffffffff ? 1 : 0);
    rhi = h >>> 0;
    const carry = h > 0xffffffff;
    const top = rhi >>> 31 === 1;
    if (key === SUQADD) {
      // SInt(Vd) + UInt(Vn): overflows past 2^63 − 1 only (Vd ≥ 0: a carry or bit 63; Vd < 0: both)
      const sat = dhi >>> 31 === 0 ? carry || top : carry && top;
      if (sat) {
        setQC(c);
        rlo = 0xffffffff;
        rhi = 0x7fffffff;
      }
    } else if (negative ? !carry : carry) {
      // UInt(Vd) + SInt(Vn): below 0 (Vn < 0, no carry) or past 2^64 − 1 (Vn ≥ 0, a carry)
      setQC(c);
      rlo = negative ? 0 : 0xffffffff;
      rhi = rlo;
    }
  } else if (key === NEG || key === SQNEG || negative) {
    if ((key === SQABS || key === SQNEG) && hi === 0x80000000 && lo === 0) {
      setQC(c); // −(−2^63) saturates to 2^63 − 1
      rlo = 0xffffffff;
      rhi = 0x7fffffff;
    } else if ((key !== ABS && key !== SQABS) || negative) {
      rlo = -lo >>> 0; // two's complement negation on the halves
      rhi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    }
  }
  c.vt32[2 * i] = rlo;
  c.vt32[2 * i + 1] = rhi;
}

/** SADDLP/UADDLP, SADALP/UADALP: each pair of esize lanes of Vn, extended and added (into Vd's 2·esize lane). */
function pairwiseLong(c: Cpu, key: number, n: number, d: number, q: number, size: number): void {
  const bits = 8 << size;
  const sh = 32 - bits;
  const signed = key < 32;
  const acc = key === SADALP || key === UADALP;
  const lanes = (q === 1 ? 64 : 32) / bits;
  for (let i = 0; i < lanes; i++) {
    const a = get(c, n, size, 2 * i);
    const b = get(c, n, size, 2 * i + 1);
    const sum = signed ? ((a << sh) >> sh) + ((b << sh) >> sh) : a + b; // exact: |sum| < 2^33
    if (size < 2) {
      put(c, size + 1, i, acc ? get(c, d, size + 1, i) + sum : sum);
      continue;
    }
    let lo = sum >>> 0; // a 64-bit lane on its halves
    let hi = Math.floor(sum / 2 ** 32) >>> 0;
    if (acc) {
      const s = lo + c.v32[d * 4 + 2 * i]!;
      lo = s >>> 0;
      hi = (hi + c.v32[d * 4 + 2 * i + 1]! + (s > 0xffffffff ? 1 : 0)) >>> 0;
    }
    c.vt32[2 * i] = lo;
    c.vt32[2 * i + 1] = hi;
  }
  writeResult(c, d, q);
}

/** REV16/REV32/REV64: the esize lanes reversed within each container of 2^log2Bytes bytes (an index XOR). */
function reverse(c: Cpu, n: number, d: number, q: number, size: number, log2Bytes: number): void {
  const flip = (1 << (log2Bytes - size)) - 1; // elements per container − 1
  const low = (1 << size) - 1;
  for (let b = 0; b < (q === 1 ? 16 : 8); b++) c.vt8[b] = c.v8[n * 16 + ((((b >>> size) ^ flip) << size) | (b & low))]!;
  writeResult(c, d, q);
}

/**
 * The integer two-register miscellaneous instructions (C7.2 REV16, REV32, REV64, SADDLP, UADDLP, SADALP, UADALP, SUQADD,
 * USQADD, CLS, CLZ, CNT, NOT, RBIT, SQABS, SQNEG, ABS, NEG, XTN, SQXTN, UQXTN, SQXTUN, SHLL (+2)). Reserved sizes are
 * UNDEFINED before AArch64.CheckFPAdvSIMDEnabled64; saturation sets FPSR.QC.
 */
export function intTwoRegMisc(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const size = (w >>> 22) & 3;
  const key = ((w >>> 24) & 0x20) | ((w >>> 12) & 31); // U:opcode
  const sizes = SIZES[key];
  if (sizes === undefined || !miscSizeOk(sizes, size, q)) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const n = (w >>> 5) & 31;
  const d = w & 31;
  if ((w & (1 << 28)) !== 0) return scalarMisc(c, key, n, d, size);
  switch (key) {
    case REV64: return reverse(c, n, d, q, size, 3);
    case REV32: return reverse(c, n, d, q, size, 2);
    case REV16: return reverse(c, n, d, q, size, 1);
    case SADDLP: case UADDLP: case SADALP: case UADALP: return pairwiseLong(c, key, n, d, q, size);
    case XTN: return narrow(c, n, d, q, size, 0, false, false, false, false, false);
    case SQXTN: return narrow(c, n, d, q, size, 0, false, true, true, true, false);
    case UQXTN: return narrow(c, n, d, q, size, 0, false, true, false, false, false);
    case SQXTUN: return narrow(c, n, d, q, size, 0, false, true, true, false, false);
    case SHLL: return lengthen(c, n, d, q, size, true, 8 << size);
  }
  if (size === 3) {
    for (let i = 0; i < 2; i++) sameLane64(c, key, n * 4 + 2 * i, d * 4 + 2 * i, i);
  } else {
    const s = key === NOT_RBIT ? 0 : size; // NOT (size 00) and RBIT (size 01) work on bytes
    const bits = 8 << s;
    for (let i = 0; i < (q === 1 ? 128 : 64) / bits; i++) put(c, s, i, sameLane(c, key, get(c, n, s, i), get(c, d, s, i), bits));
  }
  writeResult(c, d, q);
}

/** The scalar forms (rows/asimd-scalar.ts SCALAR_MISC): element 0 of Vn (and Vd), the result zero-extended into Vd. */
function scalarMisc(c: Cpu, key: number, n: number, d: number, size: number): void {
  switch (key) {
    case SQXTN: return narrow(c, n, d, 0, size, 0, false, true, true, true, true);
    case UQXTN: return narrow(c, n, d, 0, size, 0, false, true, false, false, true);
    case SQXTUN: return narrow(c, n, d, 0, size, 0, false, true, true, false, true);
  }
  c.vt32[0] = c.vt32[1] = 0;
  if (size === 3) sameLane64(c, key, n * 4, d * 4, 0);
  else put(c, size, 0, sameLane(c, key, get(c, n, size, 0), get(c, d, size, 0), 8 << size));
  writeResult(c, d, 0);
}
