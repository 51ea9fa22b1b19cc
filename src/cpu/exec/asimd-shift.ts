// Advanced SIMD shift by immediate, vector forms (ARM C7.2 SSHR, USHR, SSRA, USRA, SRI, SHL, SLI, SSHLL, USHLL). The element size
// is the highest set bit of immh; right shifts are esize·2 − immh:immb (1..esize), left shifts immh:immb − esize
// (0..esize−1). Lanes of 8, 16 and 32 bits are computed as numbers, 64-bit lanes on their 32-bit halves: no BigInt,
// no allocation (DESIGN.md §3). The result is built in the vt scratch and written last (Vd may be Vn).
import { narrowSize } from '../../arch/a64/rows/asimd-shift.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { get, put, writeResult } from './asimd-int.ts';
import { fpAccessTrapped } from './fpsimd.ts';

const OP_SHR = 0b00000; // SSHR/USHR
const OP_SRA = 0b00010; // SSRA/USRA
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
  const r = u === 1 || op === OP_SRI ? (shift >= 32 ? 0 : a >>> shift) : sa >> Math.min(shift, 31); // ASR/LSR, shift ≤ esize
  if (op === OP_SHR) return r;
  if (op === OP_SRA) return acc + r; // Elem[operand1] + shifted
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
  else shr64(lo, hi, shift, u === 0 && op !== OP_SRI);
  let outLo = rLo;
  let outHi = rHi;
  if (op === OP_SRA) {
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
  // immh = 0000: see the modified-immediate group; immh = 1xxx with Q = 0: reserved
  if (immh === 0 || (immh >= 8 && q === 0)) return undefinedInsn(c);
  if (fpAccessTrapped(c)) return;
  const s = 31 - Math.clz32(immh); // HighestSetBit(immh)
  const bits = 8 << s;
  const immhb = (w >>> 16) & 127;
  const shift = op === OP_SHL ? immhb - bits : bits * 2 - immhb;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  if (s === 3) {
    for (let i = 0; i < 2; i++) lane64(c, u, op, n * 4 + i * 2, d * 4 + i * 2, i, shift);
    writeResult(c, d, 1);
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
  const q = (w >>> 30) & 1;
  const unsigned = (w & (1 << 29)) !== 0;
  const esize = 8 << size;
  const shift = ((w >>> 16) & 0x7f) - esize;
  const n = (w >>> 5) & 31;
  const d = w & 31;
  const lanes = 64 / esize;
  const t = c.vt32;
  for (let i = 0; i < lanes; i++) {
    const a = get(c, n, size, q * lanes + i);
    const x = unsigned ? a : (a << (32 - esize)) >> (32 - esize); // Int(Elem[operand, e, esize], unsigned)
    if (size === 2) {
      // a 64-bit lane: x << shift on the halves
      t[2 * i] = x << shift;
      t[2 * i + 1] = shift === 0 ? (unsigned ? 0 : x >> 31) : unsigned ? x >>> (32 - shift) : x >> (32 - shift);
    } else {
      put(c, size + 1, i, x << shift); // element<2·esize−1:0>
    }
  }
  writeResult(c, d, 1);
}
