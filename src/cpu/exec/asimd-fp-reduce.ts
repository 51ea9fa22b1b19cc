// Advanced SIMD floating-point reductions (ARM C7.2 FMAXNMV, FMINNMV, FMAXV, FMINV; FADDP, FMAXP, FMINP, FMAXNMP,
// FMINNMP (scalar)) through src/arch/fp, FPCR and the FPSR flags as for scalar FP. The lanes are combined in the
// pseudocode's order (Reduce: the lower half's reduction with the upper half's, recursively); the scalar result
// zeroes the rest of Vd. Nothing is allocated per instruction.
import {
  fpAdd32, fpAdd64, fpMax32, fpMax64, fpMaxNum32, fpMaxNum64, fpMin32, fpMin64, fpMinNum32, fpMinNum64, type FPStatus,
} from '../../arch/fp/fp.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { begin, end, st } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

type Op2 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus) => void;

/** Scratch: Vn's four words, then the partial results. */
const t = new Uint32Array(8);

/** The operation by size<1> (bit 23) and opcode bits 13:12 (00: …NM, 01: FADDP, 11: FMAX/FMIN). */
function op32(a: number, low: number): Op2 {
  if (low === 0) return a === 0 ? fpMaxNum32 : fpMinNum32;
  if (low === 1) return fpAdd32;
  return a === 0 ? fpMax32 : fpMin32;
}
function op64(a: number, low: number): Op2 {
  if (low === 0) return a === 0 ? fpMaxNum64 : fpMinNum64;
  if (low === 1) return fpAdd64;
  return a === 0 ? fpMax64 : fpMin64;
}

/** Vd = ZeroExtend(the result in t[r] (and t[r + 1] for a double)). */
function store(c: Cpu, d: number, r: number, dbl: number): void {
  const v = c.v32;
  v[d * 4] = t[r]!;
  v[d * 4 + 1] = dbl === 1 ? t[r + 1]! : 0;
  v[d * 4 + 2] = 0;
  v[d * 4 + 3] = 0;
}

function load(c: Cpu, n: number): void {
  for (let i = 0; i < 4; i++) t[i] = c.v32[n * 4 + i]!;
}

/** FMAXNMV, FMINNMV, FMAXV, FMINV (4s): op(op(e0, e1), op(e2, e3)). */
export function fpAcrossLanes(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (((w >>> 22) & 1) === 1 || ((w >>> 30) & 1) === 0) return undefinedInsn(c); // reserved: sz = 1 or Q = 0
  if (fpAccessTrapped(c)) return;
  const op = op32((w >>> 23) & 1, (w >>> 12) & 3);
  load(c, (w >>> 5) & 31);
  begin(c);
  op(t, 4, 0, 1, st);
  op(t, 5, 2, 3, st);
  op(t, 6, 4, 5, st);
  end(c);
  store(c, w & 31, 6, 0);
}

/** FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (scalar): op(e0, e1) of a 2s (sz = 0) or 2d vector. */
export function fpScalarPairwise(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const dbl = (w >>> 22) & 1;
  const a = (w >>> 23) & 1, low = (w >>> 12) & 3;
  load(c, (w >>> 5) & 31);
  begin(c);
  if (dbl === 1) op64(a, low)(t, 4, 0, 2, st);
  else op32(a, low)(t, 4, 0, 1, st);
  end(c);
  store(c, w & 31, 4, dbl);
}
