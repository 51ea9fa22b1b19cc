// Advanced SIMD three-same saturating and shift-by-register instructions, vector and scalar (ARM C7.2 SQADD, UQADD,
// SQSUB, UQSUB, SSHL, USHL, SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL (register)), and the rest of the scalar
// three-same integer group (ADD, SUB, CMGT, CMHI, CMGE, CMHS, CMTST, CMEQ on D registers). The shift is SInt(Vm's lane<7:0>): left when
// positive, right when negative, rounded (+ 2^(−shift−1)) for SRSHL …, saturated (SatQ, FPSR.QC) for SQSHL ….
// Lanes of 8, 16 and 32 bits are exact integers in numbers, 64-bit lanes on their 32-bit halves (no BigInt, no
// allocation); reserved sizes (64-bit lanes in a 64-bit vector) are UNDEFINED before CheckFPAdvSIMDEnabled64.
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { get, lane64, put, writeResult } from './asimd-int.ts';
import { shiftByRegister64 } from './asimd-shift.ts';
import { fpAccessTrapped } from './fpsimd.ts';
import { satQ, setQC } from './qc.ts';

const OP_QADD = 0b00001; // SQADD/UQADD
const OP_QSUB = 0b00101; // SQSUB/UQSUB
const SHIFT_SAT = 1; // opcode<0> of 010xx: saturating
const SHIFT_ROUND = 2; // opcode<1> of 010xx: rounding

/** One lane of 8, 16 or 32 bits from the unsigned lanes a (Vn) and b (Vm). */
function lane(c: Cpu, unsigned: boolean, op: number, a: number, b: number, bits: number): number {
  const sh = 32 - bits;
  const x = unsigned ? a : (a << sh) >> sh; // Int(Elem[operand1], unsigned)
  if (op === OP_QADD || op === OP_QSUB) {
    const y = unsigned ? b : (b << sh) >> sh;
    return satQ(c, op === OP_QADD ? x + y : x - y, bits, unsigned);
  }
  const shift = (b << 24) >> 24; // SInt(Elem[operand2]<7:0>)
  const round = (op & SHIFT_ROUND) !== 0;
  let r: number;
  if (shift >= 0) {
    r = shift >= 64 ? (x === 0 ? 0 : x * 2 ** 64) : x * 2 ** shift; // exact; past 2^64 only the sign and zero matter
    if ((op & SHIFT_SAT) === 0) return shift >= bits ? 0 : r; // element<esize−1:0>
  } else {
    const s = Math.min(-shift, 40); // s ≥ 34 > esize + 1 gives what 40 gives, rounded or not
    r = Math.floor((x + (round ? 2 ** (s - 1) : 0)) / 2 ** s); // (element + round_const) >> s, exact
    if ((op & SHIFT_SAT) === 0) return r;
  }
  return satQ(c, r, bits, unsigned);
}

/** One 64-bit lane of SQADD/UQADD/SQSUB/UQSUB from words x (Vn) and y (Vm) of c.v32 into scratch lane i. */
function addSub64(c: Cpu, unsigned: boolean, sub: boolean, x: number, y: number, i: number): void {
  const v = c.v32;
  const alo = v[x]!, ahi = v[x + 1]!, blo = v[y]!, bhi = v[y + 1]!;
  const l = sub ? alo - blo : alo + blo;
  const h = sub ? ahi - bhi - (l < 0 ? 1 : 0) : ahi + bhi + (l > 0xffffffff ? 1 : 0);
  let lo = l >>> 0;
  let hi = h >>> 0;
  const sa = ahi >>> 31, sb = bhi >>> 31, sr = hi >>> 31;
  // unsigned: a carry out (add) or a borrow (sub); signed: the result's sign differs from the one it must have
  const sat = unsigned ? (sub ? h < 0 : h > 0xffffffff) : (sub ? sa !== sb : sa === sb) && sr !== sa;
  if (sat) {
    setQC(c);
    if (unsigned) lo = hi = sub ? 0 : 0xffffffff;
    else {
      lo = sa === 1 ? 0 : 0xffffffff; // −2^63 or 2^63 − 1, by the first operand's sign
      hi = sa === 1 ? 0x80000000 : 0x7fffffff;
    }
  }
  c.vt32[2 * i] = lo;
  c.vt32[2 * i + 1] = hi;
}

export function threeSameSat(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const size = (w >>> 22) & 3;
  if (size === 3 && q === 0) return undefinedInsn(c); // size:Q = 110: reserved
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const unsigned = (w & (1 << 29)) !== 0;
  const op = (w >>> 11) & 31;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  if (size === 3) {
    for (let i = 0; i < 2; i++) {
      const x = n * 4 + 2 * i;
      const y = m * 4 + 2 * i;
      if (op === OP_QADD || op === OP_QSUB) addSub64(c, unsigned, op === OP_QSUB, x, y, i);
      else shiftByRegister64(c, c.v32[x]!, c.v32[x + 1]!, i, (c.v32[y]! << 24) >> 24, unsigned, (op & SHIFT_ROUND) !== 0, (op & SHIFT_SAT) !== 0);
    }
  } else {
    const bits = 8 << size;
    for (let i = 0; i < (q === 1 ? 128 : 64) / bits; i++) put(c, size, i, lane(c, unsigned, op, get(c, n, size, i), get(c, m, size, i), bits));
  }
  writeResult(c, d, q);
}

/** Opcodes of the non-saturating scalar D instructions, run by the vector three-same's 64-bit lane: CMGT/CMHI,
 *  CMGE/CMHS, ADD/SUB, CMTST/CMEQ. */
const PLAIN_D = (1 << 0b00110) | (1 << 0b00111) | (1 << 0b10000) | (1 << 0b10001);

/** The scalar three-same integer rows (rows/asimd-scalar.ts): element 0 of Vn and Vm, the result zero-extended into
 *  Vd (V[d] = result, esize bits). */
export function scalarThreeSame(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64 (the rows leave no reserved size)
  const w = c.u32[INSN * 2]!;
  const size = (w >>> 22) & 3;
  const unsigned = (w & (1 << 29)) !== 0;
  const op = (w >>> 11) & 31;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const t = c.vt32;
  t[0] = t[1] = 0;
  if (size === 3) {
    const v = c.v32;
    if (((PLAIN_D >>> op) & 1) === 1) lane64(c, unsigned ? 1 : 0, op, n * 4, m * 4, 0);
    else if (op === OP_QADD || op === OP_QSUB) addSub64(c, unsigned, op === OP_QSUB, n * 4, m * 4, 0);
    else shiftByRegister64(c, v[n * 4]!, v[n * 4 + 1]!, 0, (v[m * 4]! << 24) >> 24, unsigned, (op & SHIFT_ROUND) !== 0, (op & SHIFT_SAT) !== 0);
  } else {
    put(c, size, 0, lane(c, unsigned, op, get(c, n, size, 0), get(c, m, size, 0), 8 << size));
  }
  writeResult(c, d, 0);
}
