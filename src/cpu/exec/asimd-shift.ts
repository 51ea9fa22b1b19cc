// Advanced SIMD shift by immediate, vector forms (ARM C7.2 SSHR, USHR, SSRA, USRA, SRSHR, URSHR, SRSRA, URSRA, SRI,
// SHL, SLI, SQSHLU, SQSHL, UQSHL (immediate), SHRN, RSHRN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN, SQSHRUN, SQRSHRUN,
// SSHLL, USHLL). The element size is the highest set bit of immh; right shifts are esize·2 − immh:immb (1..esize),
// left shifts immh:immb − esize (0..esize−1). A rounding shift adds 2^(shift−1) first, computed as the shifted value
// plus bit shift−1 of the operand (the same integer, without a wider intermediate). Lanes of 8, 16 and 32 bits are
// computed as numbers, 64-bit lanes on their 32-bit halves: no BigInt, no allocation (DESIGN.md §3). The result is
// built in the vt scratch and written last (Vd may be Vn). Saturation sets FPSR.QC.
import { narrowSize } from '../../arch/a64/rows/asimd-shift.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { get, put, writeResult } from './asimd-int.ts';
import { fpAccessTrapped } from './fpsimd.ts';
import { satNarrow64, satQ, setQC } from './qc.ts';

const OP_SHR = 0b00000; // SSHR/USHR
const OP_SRA = 0b00010; // SSRA/USRA
const OP_RSHR = 0b00100; // SRSHR/URSHR
const OP_RSRA = 0b00110; // SRSRA/URSRA
const OP_SRI = 0b01000;
const OP_SHL = 0b01010; // SHL/SLI

/** One lane of 8, 16 or 32 bits: a (unsigned), the destination's lane acc, the instruction's shift. */
function lane(u: number, op: number, a: number, acc: number, bits: number, shift: number): number {
  const ones = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  if (op === OP_SHL) {
    const r = a << shift; // LSL(Elem[operand], shift)
    return u === 0 ? r : (acc & ~(ones << shift)) | r; // SLI: mask = LSL(Ones(esize), shift)
  }
  const sa = (a << (32 - bits)) >> (32 - bits); // SInt
  const t = u === 1 || op === OP_SRI ? (shift >= 32 ? 0 : a >>> shift) : sa >> Math.min(shift, 31); // ASR/LSR, shift ≤ esize
  const r = op === OP_RSHR || op === OP_RSRA ? t + ((a >>> (shift - 1)) & 1) : t; // round_const = 1 << (shift − 1)
  if (op === OP_SHR || op === OP_RSHR) return r;
  if (op === OP_SRA || op === OP_RSRA) return acc + r; // Elem[operand1] + shifted
  return (acc & ~(shift >= 32 ? 0 : ones >>> shift)) | r; // SRI: mask = LSR(Ones(esize), shift)
}

let rLo = 0;
let rHi = 0;

/** rLo:rHi = lo:hi shifted right by 1..64 (arithmetic when `signed`). */
function shr64(lo: number, hi: number, shift: number, signed: boolean): void {
  if (shift < 32) {
    rLo = ((lo >>> shift) | (hi << (32 - shift))) >>> 0;
    rHi = signed ? hi >> shift : hi >>> shift;
  } else {
    const k = shift - 32;
    rLo = signed ? hi >> Math.min(k, 31) : k === 32 ? 0 : hi >>> k;
    rHi = signed ? hi >> 31 : 0;
  }
  rLo >>>= 0;
  rHi >>>= 0;
}

/** rLo:rHi = lo:hi shifted right by 1..64, rounded (+ bit shift−1 of lo:hi) when `round`. */
function shr64Round(lo: number, hi: number, shift: number, signed: boolean, round: boolean): void {
  shr64(lo, hi, shift, signed);
  const k = shift - 1;
  if (round && ((k < 32 ? lo >>> k : hi >>> (k - 32)) & 1) !== 0) {
    rLo = (rLo + 1) >>> 0;
    if (rLo === 0) rHi = (rHi + 1) >>> 0;
  }
}

/** rLo:rHi = lo:hi shifted left by 0..63. */
function shl64(lo: number, hi: number, shift: number): void {
  if (shift === 0) {
    rLo = lo;
    rHi = hi;
  } else if (shift < 32) {
    rHi = ((hi << shift) | (lo >>> (32 - shift))) >>> 0;
    rLo = (lo << shift) >>> 0;
  } else {
    rHi = (lo << (shift - 32)) >>> 0;
    rLo = 0;
  }
}

/** Scratch lane i (64 bits) from lane i of Vn and Vd (at word offsets x and y of c.v32). */
function lane64(c: Cpu, u: number, op: number, x: number, y: number, i: number, shift: number): void {
  const v = c.v32;
  const t = c.vt32;
  const lo = v[x]!, hi = v[x + 1]!, dlo = v[y]!, dhi = v[y + 1]!;
  if (op === OP_SHL) shl64(lo, hi, shift);
  else shr64Round(lo, hi, shift, u === 0 && op !== OP_SRI, op === OP_RSHR || op === OP_RSRA);
  let outLo = rLo;
  let outHi = rHi;
  if (op === OP_SRA || op === OP_RSRA) {
    const sum = dlo + outLo; // 64-bit add on halves
    outLo = sum >>> 0;
    outHi = (dhi + outHi + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  } else if (op === OP_SRI || (op === OP_SHL && u === 1)) {
    if (op === OP_SHL) shl64(0xffffffff, 0xffffffff, shift); // SLI mask = LSL(Ones(64), shift)
    else shr64(0xffffffff, 0xffffffff, shift, false); // SRI mask = LSR(Ones(64), shift)
    outLo = ((dlo & ~rLo) | outLo) >>> 0;
    outHi = ((dhi & ~rHi) | outHi) >>> 0;
  }
  t[i * 2] = outLo;
  t[i * 2 + 1] = outHi;
}

export function shiftImm(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const u = (w >>> 29) & 1;
  const immh = (w >>> 19) & 15;
  const op = (w >>> 11) & 31;
  const scalar = (w & (1 << 28)) !== 0;
  // vector: immh = 0000 is the modified-immediate group, immh = 1xxx with Q = 0 reserved; scalar: D only (immh = 1xxx)
  if (scalar ? immh < 8 : immh === 0 || (immh >= 8 && q === 0)) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return;
  const s = 31 - Math.clz32(immh); // HighestSetBit(immh)
  const bits = 8 << s;
  const immhb = (w >>> 16) & 127;
  const shift = op === OP_SHL ? immhb - bits : bits * 2 - immhb;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  if (s === 3) {
    for (let i = 0; i < (scalar ? 1 : 2); i++) lane64(c, u, op, n * 4 + i * 2, d * 4 + i * 2, i, shift);
    writeResult(c, d, scalar ? 0 : 1);
    return;
  }
  const lanes = (q === 1 ? 128 : 64) / bits;
  for (let i = 0; i < lanes; i++) put(c, s, i, lane(u, op, get(c, n, s, i), get(c, d, s, i), bits, shift));
  writeResult(c, d, q);
}

/**
 * SSHLL/SSHLL2, USHLL/USHLL2 (C7.2; SXTL/UXTL are the shift-0 aliases): each esize-bit lane of Vn's lower (Q = 0) or
 * upper half (Vpart[n, Q]), sign- (U = 0) or zero-extended and shifted left by immh:immb − esize (0..esize−1), into a
 * 2·esize-bit lane of Vd; 64-bit results on their 32-bit halves.
 */
export function shiftLeftLong(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const size = narrowSize((w >>> 19) & 15);
  if (size < 0) return undefinedInsn(c); // immh = 1xxx reserved (0000 is another group)
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const esize = 8 << size;
  lengthen(c, (w >>> 5) & 31, w & 31, (w >>> 30) & 1, size, (w & (1 << 29)) !== 0, ((w >>> 16) & 0x7f) - esize);
}

/** Vd = the esize-bit lanes of Vn's lower (q = 0) or upper half, extended (`unsigned`: with zeros) to 2·esize bits
 *  and shifted left by 0..esize (SSHLL/USHLL, SHLL). */
export function lengthen(c: Cpu, n: number, d: number, q: number, size: number, unsigned: boolean, shift: number): void {
  const esize = 8 << size;
  const lanes = 64 / esize;
  const t = c.vt32;
  for (let i = 0; i < lanes; i++) {
    const a = get(c, n, size, q * lanes + i);
    const x = unsigned ? a : (a << (32 - esize)) >> (32 - esize); // Int(Elem[operand, e, esize], unsigned)
    if (size === 2) {
      // a 64-bit lane: x << shift on the halves
      t[2 * i] = shift === 32 ? 0 : x << shift;
      t[2 * i + 1] = shift === 32 ? x : shift === 0 ? (unsigned ? 0 : x >> 31) : unsigned ? x >>> (32 - shift) : x >> (32 - shift);
    } else {
      put(c, size + 1, i, x << shift); // element<2·esize−1:0>
    }
  }
  writeResult(c, d, 1);
}

const OP_SQSHLU = 0b01100; // (SQSHL/UQSHL (immediate): 01110)

/** Scratch lane i (64 bits) = SatQ(lo:hi << shift) (0 ≤ shift < 128; lo:hi signed when `srcSigned`); QC if it
 *  saturates. The shift is exact iff shifting the result back restores the operand. */
function satShl64(c: Cpu, lo: number, hi: number, i: number, shift: number, srcSigned: boolean, dstSigned: boolean): void {
  const negative = srcSigned && hi >>> 31 === 1;
  let fits: boolean;
  if (negative && !dstSigned) {
    fits = false; // SatQ(negative, unsigned) = 0
  } else if (shift === 0 || (lo === 0 && hi === 0)) {
    fits = true;
    rLo = lo;
    rHi = hi;
  } else if (shift >= 64) {
    fits = false;
  } else {
    shl64(lo, hi, shift);
    const sl = rLo, sh = rHi;
    shr64(sl, sh, shift, dstSigned);
    fits = rLo === lo && rHi === hi;
    rLo = sl;
    rHi = sh;
  }
  if (!fits) {
    setQC(c);
    rLo = negative ? 0 : 0xffffffff; // signed: −2^63 or 2^63 − 1; unsigned: 0 or 2^64 − 1
    rHi = !dstSigned ? (negative ? 0 : 0xffffffff) : negative ? 0x80000000 : 0x7fffffff;
  }
  c.vt32[2 * i] = rLo;
  c.vt32[2 * i + 1] = rHi;
}

/**
 * Scratch lane i (64 bits) = lo:hi shifted by SInt(byte) (−128..127) as SSHL … UQRSHL do: left for a positive shift
 * (saturated when `saturating`, else the low 64 bits), right for a negative one, rounded when `round`.
 */
export function shiftByRegister64(
  c: Cpu, lo: number, hi: number, i: number, shift: number, unsigned: boolean, round: boolean, saturating: boolean,
): void {
  if (shift >= 0) {
    if (saturating) return satShl64(c, lo, hi, i, shift, !unsigned, !unsigned);
    if (shift >= 64) rLo = rHi = 0;
    else shl64(lo, hi, shift);
  } else if (unsigned && -shift > 64) {
    rLo = rHi = 0; // (x + round_const) >> s = 0 for s > 64
  } else {
    shr64Round(lo, hi, Math.min(-shift, 64), !unsigned, round); // signed: s > 64 gives what s = 64 gives
  }
  c.vt32[2 * i] = rLo;
  c.vt32[2 * i + 1] = rHi;
}

/**
 * SQSHLU, SQSHL and UQSHL (immediate) (C7.2): each lane of Vn, signed (SQSHL, SQSHLU) or unsigned (UQSHL), shifted
 * left by 0..esize−1 and saturated to the destination's signed (SQSHL) or unsigned range (SatQ); a saturated lane
 * sets FPSR.QC.
 */
export function shiftLeftSat(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const scalar = (w & (1 << 28)) !== 0; // one element, zero-extended into Vd
  const q = scalar ? 0 : (w >>> 30) & 1;
  const immh = (w >>> 19) & 15;
  // immh = 0000: the modified-immediate group (vector), unallocated (scalar); immh = 1xxx with Q = 0: reserved
  if (immh === 0 || (immh >= 8 && q === 0 && !scalar)) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return;
  const u = (w >>> 29) & 1;
  const srcSigned = u === 0 || ((w >>> 11) & 31) === OP_SQSHLU; // SQSHL, SQSHLU read SInt; UQSHL UInt
  const dstSigned = u === 0; // SQSHL saturates to a signed range; UQSHL, SQSHLU to an unsigned one
  const s = 31 - Math.clz32(immh); // HighestSetBit(immh)
  const bits = 8 << s;
  const shift = ((w >>> 16) & 127) - bits;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  if (s === 3) {
    for (let i = 0; i < (scalar ? 1 : 2); i++) satShl64(c, c.v32[n * 4 + 2 * i]!, c.v32[n * 4 + 2 * i + 1]!, i, shift, srcSigned, dstSigned);
    writeResult(c, d, scalar ? 0 : 1);
    return;
  }
  c.vt32[0] = c.vt32[1] = 0;
  const lanes = scalar ? 1 : (q === 1 ? 128 : 64) / bits;
  for (let i = 0; i < lanes; i++) {
    const a = get(c, n, s, i);
    const x = srcSigned ? (a << (32 - bits)) >> (32 - bits) : a;
    put(c, s, i, satQ(c, x * 2 ** shift, bits, !dstSigned)); // exact: |x · 2^shift| < 2^63
  }
  writeResult(c, d, q);
}

/**
 * SHRN, RSHRN, SQSHRUN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN and their "2" forms (C7.2): each 2·esize-bit lane of
 * Vn shifted right by 2·esize − immh:immb (1..esize), rounded when opcode<0> = 1, then truncated (SHRN, RSHRN) or
 * saturated (SatQ: SQSHRN signed, UQSHRN unsigned, SQSHRUN from signed to unsigned; QC on saturation) to esize bits,
 * into lane i of the lower (Q = 0, the upper half cleared) or upper half (Q = 1, the lower kept) of Vd.
 */
export function shiftRightNarrow(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const size = narrowSize((w >>> 19) & 15);
  if (size < 0) return undefinedInsn(c); // immh = 1xxx reserved (0000 is another group)
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const u = (w >>> 29) & 1;
  const saturating = u === 1 || (w & (1 << 12)) !== 0; // U = 0, opcode 1000x: SHRN/RSHRN
  const srcSigned = u === 0 || (w & (1 << 12)) === 0; // SQSHR(U)N, SQRSHR(U)N read SInt
  const shift = 2 * (8 << size) - ((w >>> 16) & 0x7f);
  const scalar = (w & (1 << 28)) !== 0;
  // SQSHRN/SQRSHRN saturate to a signed range, the others to an unsigned one
  narrow(c, (w >>> 5) & 31, w & 31, scalar ? 0 : (w >>> 30) & 1, size, shift, (w & (1 << 11)) !== 0, saturating, srcSigned, u === 0, scalar);
}

/**
 * The narrowing core of SHRN … SQRSHRUN and XTN … SQXTUN: each 2·esize-bit lane of Vn shifted right by `shift`
 * (0..esize; rounded when `round`), then truncated or (`saturating`) SatQ'd to esize bits (QC on saturation), into
 * lane i of the lower (q = 0, the upper half cleared) or upper half (q = 1, the lower kept) of Vd; `scalar`: lane 0
 * only, zero-extended.
 */
export function narrow(
  c: Cpu, n: number, d: number, q: number, size: number, shift: number, round: boolean, saturating: boolean,
  srcSigned: boolean, dstSigned: boolean, scalar: boolean,
): void {
  const esize = 8 << size;
  const v = c.v32;
  const lanes = scalar ? 1 : 64 / esize; // scalar: element 0 only, the rest of Vd zero
  const t = c.vt32;
  t[0] = t[1] = 0;
  for (let i = 0; i < lanes; i++) {
    if (size === 2) {
      // a 64-bit lane on its halves: (hi:lo + round) >> shift, then its low 32 bits or SatQ to 32 bits
      const lo = v[n * 4 + 2 * i]!;
      const hi = v[n * 4 + 2 * i + 1]!;
      if (shift === 0) {
        rLo = lo;
        rHi = hi;
      } else {
        shr64Round(lo, hi, shift, srcSigned, round);
      }
      t[i] = saturating ? satNarrow64(c, rLo, rHi, srcSigned, dstSigned) : rLo;
    } else {
      const a = size === 0 ? c.v16[n * 8 + i]! : v[n * 4 + i]!;
      const x = srcSigned ? (a << (32 - 2 * esize)) >> (32 - 2 * esize) : a;
      const r = Math.floor((x + (round ? 2 ** (shift - 1) : 0)) / 2 ** shift); // exact: |x| + round < 2^33
      put(c, size, i, saturating ? satQ(c, r, esize, !dstSigned) : r);
    }
  }
  // the narrow result is 64 bits: the lower half of Vd (upper cleared), or its upper half with the lower kept
  if (q === 0) {
    v[d * 4] = t[0]!;
    v[d * 4 + 1] = t[1]!;
    v[d * 4 + 2] = 0;
    v[d * 4 + 3] = 0;
  } else {
    v[d * 4 + 2] = t[0]!;
    v[d * 4 + 3] = t[1]!;
  }
}
