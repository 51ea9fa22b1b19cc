// Advanced SIMD floating point, three same (ARM C7.2 FADD … FMINP (vector), and the scalar FABD, FACGE, FACGT,
// FCMEQ/FCMGE/FCMGT, FRECPS, FRSQRTS, FMULX: lane 0 only), lane by lane through the bit-exact FP
// library (src/arch/fp) with FPCR and the FPSR cumulative flags as for scalar FP (every lane's exceptions
// accumulate). The registers are copied into a scratch array first — operands, and Vd for FMLA/FMLS — so that the
// destination may be a source, pairwise forms read across both sources, and negated forms negate their copy; a
// 64-bit vector result zeroes the upper half (V[d] = ZeroExtend). Nothing is allocated per instruction.
import {
  CMP_EQ, CMP_GE, CMP_GT, fpAbs, fpAdd32, fpAdd64, fpCompareRel, fpDiv32, fpDiv64, fpMax32, fpMax64, fpMaxNum32,
  fpMaxNum64, fpMin32, fpMin64, fpMinNum32, fpMinNum64, fpMul32, fpMul64, fpMulAdd32, fpMulAdd64, fpMulX32, fpMulX64,
  fpNeg, fpRecipStepFused32, fpRecipStepFused64, fpRSqrtStepFused32, fpRSqrtStepFused64, fpSub32, fpSub64,
  type FPStatus, type Relation,
} from '../../arch/fp/fp.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { begin, end, st } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Scratch (word indices): Vn, Vm, the result, Vd (the FMLA/FMLS accumulator); four words each. */
const t = new Uint32Array(16);
const N = 0, M = 4, R = 8, D = 12;

type Op2 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus) => void;

// The operation key: U (bit 29) : size<1> (bit 23) : opcode (bits 15:11), 7 bits.
const key = (u: number, a: number, opcode: number): number => (u << 6) | (a << 5) | opcode;
const FMLA = key(0, 0, 0b11001), FMLS = key(0, 1, 0b11001), FABD = key(1, 1, 0b11010);
const FCMEQ = key(0, 0, 0b11100), FCMGE = key(1, 0, 0b11100); // FCMGT, FACGT: the rest
const FACGE = key(1, 0, 0b11101), FACGT = key(1, 1, 0b11101);

/** The lane operations that are one library call: [key, single, double, pairwise]. */
const SIMPLE: readonly (readonly [number, Op2, Op2, boolean])[] = [
  [key(0, 0, 0b11000), fpMaxNum32, fpMaxNum64, false], [key(0, 0, 0b11010), fpAdd32, fpAdd64, false],
  [key(0, 0, 0b11011), fpMulX32, fpMulX64, false], [key(0, 0, 0b11110), fpMax32, fpMax64, false],
  [key(0, 0, 0b11111), fpRecipStepFused32, fpRecipStepFused64, false],
  [key(0, 1, 0b11000), fpMinNum32, fpMinNum64, false], [key(0, 1, 0b11010), fpSub32, fpSub64, false],
  [key(0, 1, 0b11110), fpMin32, fpMin64, false], [key(0, 1, 0b11111), fpRSqrtStepFused32, fpRSqrtStepFused64, false],
  [key(1, 0, 0b11011), fpMul32, fpMul64, false], [key(1, 0, 0b11111), fpDiv32, fpDiv64, false],
  [key(1, 0, 0b11000), fpMaxNum32, fpMaxNum64, true], [key(1, 0, 0b11010), fpAdd32, fpAdd64, true],
  [key(1, 0, 0b11110), fpMax32, fpMax64, true], [key(1, 1, 0b11000), fpMinNum32, fpMinNum64, true],
  [key(1, 1, 0b11110), fpMin32, fpMin64, true],
];
const OP32: (Op2 | undefined)[] = new Array<Op2 | undefined>(128).fill(undefined);
const OP64: (Op2 | undefined)[] = new Array<Op2 | undefined>(128).fill(undefined);
const PAIRWISE = new Uint8Array(128);
for (const [k, f32, f64, pairwise] of SIMPLE) {
  OP32[k] = f32;
  OP64[k] = f64;
  PAIRWISE[k] = pairwise ? 1 : 0;
}

/** Word index of element j of the concatenation Vm:Vn (pairwise forms): Vn's lanes first. */
function pairElement(j: number, lanes: number, ws: number): number {
  return j < lanes ? N + j * ws : M + (j - lanes) * ws;
}

/** FPCompareEQ/GE/GT of the lane at o (FACGE/FACGT on FPAbs of both operands): all ones or zeros. */
function compareLane(fw: 32 | 64, rel: Relation, abs: boolean, o: number): void {
  if (abs) {
    fpAbs(fw, t, N + o, N + o);
    fpAbs(fw, t, M + o, M + o);
  }
  const r = fpCompareRel(fw, rel, t, N + o, M + o, st) ? 0xffffffff : 0;
  t[R + o] = r;
  if (fw === 64) t[R + o + 1] = r;
}

/** One lane (word offset o) of the non-simple operations. */
function specialLane(k: number, fw: 32 | 64, o: number): void {
  if (k === FMLA || k === FMLS) {
    if (k === FMLS) fpNeg(fw, t, N + o, N + o); // FMLS: element1 = FPNeg(element1)
    if (fw === 64) fpMulAdd64(t, R + o, D + o, N + o, M + o, st);
    else fpMulAdd32(t, R + o, D + o, N + o, M + o, st);
  } else if (k === FABD) {
    if (fw === 64) fpSub64(t, R + o, N + o, M + o, st);
    else fpSub32(t, R + o, N + o, M + o, st);
    fpAbs(fw, t, R + o, R + o); // FABD: FPAbs(FPSub(element1, element2))
  } else if (k === FCMEQ) compareLane(fw, CMP_EQ, false, o);
  else if (k === FCMGE || k === FACGE) compareLane(fw, CMP_GE, k === FACGE, o);
  else compareLane(fw, CMP_GT, k === FACGT, o); // FCMGT, FACGT
}

/** Three same, floating point: sz (bit 22) picks 32- or 64-bit lanes, Q (bit 30) 64 or 128 bits; the scalar form
 *  (bit 28) one lane. */
export function fpThreeSame(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const scalar = (w >>> 28) & 1; // Advanced SIMD scalar three same: esize = datasize, elements = 1
  const q = (w >>> 30) & 1;
  const sz = (w >>> 22) & 1;
  if (scalar === 0 && sz === 1 && q === 0) return undefinedInsn(c); // reserved: sz:Q = 10
  if (fpAccessTrapped(c)) return;
  const k = key((w >>> 29) & 1, (w >>> 23) & 1, (w >>> 11) & 31);
  const d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
  const v = c.v32;
  for (let i = 0; i < 4; i++) {
    t[N + i] = v[n * 4 + i]!;
    t[M + i] = v[m * 4 + i]!;
    t[D + i] = v[d * 4 + i]!;
  }
  const fw = sz === 1 ? 64 : 32;
  const ws = sz + 1; // words per lane
  const words = scalar === 1 ? ws : q === 1 ? 4 : 2;
  const lanes = words / ws;
  const op = sz === 1 ? OP64[k] : OP32[k];
  begin(c);
  if (op === undefined) for (let i = 0; i < lanes; i++) specialLane(k, fw, i * ws);
  else if (PAIRWISE[k] === 1) {
    for (let i = 0; i < lanes; i++) op(t, R + i * ws, pairElement(2 * i, lanes, ws), pairElement(2 * i + 1, lanes, ws), st);
  } else for (let i = 0; i < lanes; i++) op(t, R + i * ws, N + i * ws, M + i * ws, st);
  end(c);
  for (let i = 0; i < 4; i++) v[d * 4 + i] = i < words ? t[R + i]! : 0;
}
