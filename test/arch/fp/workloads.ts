// Workloads over src/arch/fp for the benchmark (bench/fp.ts) and the allocation test (alloc.test.ts): operand
// pools laid out like a register file (1,024 operands at words 2k, the result at word RES), "normal" ones (exponents
// within 2^±30: the host fast paths) and "denormal" ones (exponent field 0 with FZ = 0: the exact path), and one
// loop per operation that runs it n times and returns a checksum.
import * as fp from '../../../src/arch/fp/fp.ts';

const N = 1024;
const MASK = N - 1;
let seed = 0x2545f491;
const rnd = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};

// operand pools, 1,024 operands at words 2k (singles) or 2k, 2k + 1 (doubles), the result at word RES:
// "normal" = exponents within 2^±30, "denormal" = exponent field 0
const RES = 2 * N;
const pool = { normal: { s: new Uint32Array(RES + 2), d: new Uint32Array(RES + 2) }, denormal: { s: new Uint32Array(RES + 2), d: new Uint32Array(RES + 2) } };
for (let i = 0; i < N; i++) {
  const sign = rnd() & 0x80000000;
  pool.normal.s[2 * i] = sign | ((127 - 30 + (rnd() % 61)) << 23) | (rnd() & 0x7fffff);
  pool.denormal.s[2 * i] = sign | (rnd() & 0x7fffff) | 1;
  pool.normal.d[2 * i] = rnd();
  pool.normal.d[2 * i + 1] = sign | ((1023 - 30 + (rnd() % 61)) << 20) | (rnd() & 0xfffff);
  pool.denormal.d[2 * i] = rnd() | 1;
  pool.denormal.d[2 * i + 1] = sign | (rnd() & 0xfffff);
}
const ints = new Uint32Array(RES + 2);
for (let i = 0; i < RES; i++) ints[i] = rnd();
const positive = { normal: { s: pool.normal.s.map((w, i) => (i % 2 === 0 ? w & 0x7fffffff : w)), d: pool.normal.d.map((w, i) => (i % 2 === 1 ? w & 0x7fffffff : w)) }, denormal: { s: pool.denormal.s.map((w, i) => (i % 2 === 0 ? w & 0x7fffffff : w)), d: pool.denormal.d.map((w, i) => (i % 2 === 1 ? w & 0x7fffffff : w)) } };

export type Pool = 'normal' | 'denormal';
const k = (i: number): number => 2 * (i & MASK);

/** The operations: each runs `n` times over a pool and returns a checksum. */
export const WORKLOADS: Record<string, (n: number, p: Pool, st: fp.FPStatus) => number> = {
  'FADD S': (n, p, st) => { let c = 0; const v = pool[p].s; for (let i = 0; i < n; i++) { fp.fpAdd32(v, RES, k(i), k(i + 1), st); c ^= v[RES]!; } return c; },
  'FMUL S': (n, p, st) => { let c = 0; const v = pool[p].s; for (let i = 0; i < n; i++) { fp.fpMul32(v, RES, k(i), k(i + 1), st); c ^= v[RES]!; } return c; },
  'FDIV S': (n, p, st) => { let c = 0; const v = pool[p].s; for (let i = 0; i < n; i++) { fp.fpDiv32(v, RES, k(i), k(i + 1), st); c ^= v[RES]!; } return c; },
  'FSQRT S': (n, p, st) => { let c = 0; const v = positive[p].s; for (let i = 0; i < n; i++) { fp.fpSqrt32(v, RES, k(i), st); c ^= v[RES]!; } return c; },
  'FMADD S': (n, p, st) => { let c = 0; const v = pool[p].s; for (let i = 0; i < n; i++) { fp.fpMulAdd32(v, RES, k(i + 2), k(i), k(i + 1), st); c ^= v[RES]!; } return c; },
  'FADD D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpAdd64(v, RES, k(i), k(i + 1), st); c ^= v[RES + 1]!; } return c; },
  'FMUL D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpMul64(v, RES, k(i), k(i + 1), st); c ^= v[RES + 1]!; } return c; },
  'FDIV D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpDiv64(v, RES, k(i), k(i + 1), st); c ^= v[RES + 1]!; } return c; },
  'FSQRT D': (n, p, st) => { let c = 0; const v = positive[p].d; for (let i = 0; i < n; i++) { fp.fpSqrt64(v, RES, k(i), st); c ^= v[RES + 1]!; } return c; },
  'FMADD D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpMulAdd64(v, RES, k(i + 2), k(i), k(i + 1), st); c ^= v[RES + 1]!; } return c; },
  'FMAX D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpMax64(v, RES, k(i), k(i + 1), st); c ^= v[RES + 1]!; } return c; },
  'FCMP D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) c ^= fp.fpCompare(64, v, k(i), k(i + 1), false, st); return c; },
  'FRINTN D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpRoundInt(64, v, RES, k(i), fp.RN, false, st); c ^= v[RES + 1]!; } return c; },
  'FCVT S←D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpConvert(64, 32, v, RES, v, k(i), fp.RN, st); c ^= v[RES]!; } return c; },
  'FCVTZS X←D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpToFixed(64, 64, v, RES, v, k(i), 0, false, fp.RZ, st); c ^= v[RES]!; } return c; },
  'SCVTF D←X': (n, _p, st) => { let c = 0; const v = ints; for (let i = 0; i < n; i++) { fp.fixedToFP(64, 64, v, RES, v, k(i), 0, false, fp.RN, st); c ^= v[RES + 1]!; } return c; },
  'FRECPE D': (n, p, st) => { let c = 0; const v = pool[p].d; for (let i = 0; i < n; i++) { fp.fpRecipEstimate(64, v, RES, k(i), st); c ^= v[RES + 1]!; } return c; },
};
// Host views of the pools, for the reference loops below.
const F32 = { normal: new Float32Array(pool.normal.s.buffer), denormal: new Float32Array(pool.denormal.s.buffer) };
const F32P = { normal: new Float32Array(positive.normal.s.buffer), denormal: new Float32Array(positive.denormal.s.buffer) };
const F64 = { normal: new Float64Array(pool.normal.d.buffer), denormal: new Float64Array(pool.denormal.d.buffer) };
const F64P = { normal: new Float64Array(positive.normal.d.buffer), denormal: new Float64Array(positive.denormal.d.buffer) };
const j = (i: number): number => i & MASK; // operand i of a Float64Array view (doubles at words 2k, 2k + 1)

/**
 * The benchmark's reference: the host's own arithmetic (round to nearest, no flags) on the same operands, for the
 * operations that have a host fast path in front of the exact path (the others always run the exact path). FMADD
 * has no fused host operation; its reference is the unfused a × b + c. Each loop stores its result like the
 * library's, so that both do the same memory traffic.
 */
export const HOST: Record<string, (n: number, p: Pool) => number> = {
  'FADD S': (n, p) => { let c = 0; const v = F32[p]; for (let i = 0; i < n; i++) { v[RES] = v[k(i)]! + v[k(i + 1)]!; c += v[RES]!; } return c; },
  'FMUL S': (n, p) => { let c = 0; const v = F32[p]; for (let i = 0; i < n; i++) { v[RES] = v[k(i)]! * v[k(i + 1)]!; c += v[RES]!; } return c; },
  'FDIV S': (n, p) => { let c = 0; const v = F32[p]; for (let i = 0; i < n; i++) { v[RES] = v[k(i)]! / v[k(i + 1)]!; c += v[RES]!; } return c; },
  'FSQRT S': (n, p) => { let c = 0; const v = F32P[p]; for (let i = 0; i < n; i++) { v[RES] = Math.sqrt(v[k(i)]!); c += v[RES]!; } return c; },
  'FMADD S': (n, p) => { let c = 0; const v = F32[p]; for (let i = 0; i < n; i++) { v[RES] = v[k(i)]! * v[k(i + 1)]! + v[k(i + 2)]!; c += v[RES]!; } return c; },
  'FADD D': (n, p) => { let c = 0; const v = F64[p]; for (let i = 0; i < n; i++) { v[N] = v[j(i)]! + v[j(i + 1)]!; c += v[N]!; } return c; },
  'FMUL D': (n, p) => { let c = 0; const v = F64[p]; for (let i = 0; i < n; i++) { v[N] = v[j(i)]! * v[j(i + 1)]!; c += v[N]!; } return c; },
  'FDIV D': (n, p) => { let c = 0; const v = F64[p]; for (let i = 0; i < n; i++) { v[N] = v[j(i)]! / v[j(i + 1)]!; c += v[N]!; } return c; },
  'FSQRT D': (n, p) => { let c = 0; const v = F64P[p]; for (let i = 0; i < n; i++) { v[N] = Math.sqrt(v[j(i)]!); c += v[N]!; } return c; },
  'FMADD D': (n, p) => { let c = 0; const v = F64[p]; for (let i = 0; i < n; i++) { v[N] = v[j(i)]! * v[j(i + 1)]! + v[j(i + 2)]!; c += v[N]!; } return c; },
};
