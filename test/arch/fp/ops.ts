// The instruction-level operations the FP tests exercise: for each, the AArch64 instruction(s) QEMU runs (operands
// in d0/d1/d2 or x0/x1, result left in x0), the operand kinds, and the same operation computed by the library
// (src/arch/fp, composed as the instruction's pseudocode composes it) and by the BigInt reference model.
import * as fp from '../../../src/arch/fp/fp.ts';
import type { FPStatus, Rounding } from '../../../src/arch/fp/fp.ts';
import * as ref from './reference.ts';
import type { Env, Rnd } from './reference.ts';

/** Operand kinds: half, single, double, 32-bit and 64-bit integer. */
export type Kind = 'h' | 's' | 'd' | 'w' | 'x';
export const KIND_BITS: Record<Kind, 16 | 32 | 64> = { h: 16, s: 32, d: 64, w: 32, x: 64 };

export interface FpOp {
  name: string;
  /** Instructions run with the operands in d0, d1, d2 (and the same bits in x0, x1), leaving the result in x0. */
  asm: string[];
  args: Kind[];
  /** Result width in bits (4 for an NZCV nibble). */
  resBits: 4 | 16 | 32 | 64;
  /** Records to record from QEMU. */
  count: number;
  lib(st: FPStatus, a: readonly bigint[]): bigint;
  ref(env: Env, a: readonly bigint[]): bigint;
}

// The library computes in a scratch "register file": operand k at word 2k (k = 0, 1, 2), the result at word 6.
const V = new Uint32Array(8);
const R = 6;
function load(args: readonly bigint[]): void {
  V.fill(0);
  args.forEach((a, k) => {
    V[2 * k] = Number(a & 0xffffffffn);
    V[2 * k + 1] = Number(a >> 32n);
  });
}
const read = (bits: number): bigint => (bits === 64 ? BigInt(V[R]!) | (BigInt(V[R + 1]!) << 32n) : BigInt(V[R]!));
const neg = (v: bigint, n: 32 | 64): bigint => v ^ (1n << BigInt(n - 1));
const ROUNDING: Record<string, Rounding> = { n: fp.RN, p: fp.RP, m: fp.RM, z: fp.RZ, a: fp.RA };
const RND: Record<string, Rnd> = { n: 'TIEEVEN', p: 'POSINF', m: 'NEGINF', z: 'ZERO', a: 'TIEAWAY' };

type P = 's' | 'd';
const nOf = (p: P): 32 | 64 => (p === 's' ? 32 : 64);
const mov = (p: P): string => (p === 's' ? 'fmov w0, s0' : 'fmov x0, d0');

type Op2 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus) => void;

/** A two-operand arithmetic instruction `name Pd, Pn, Pm`, post-processed by `post` (FNMUL negates). */
function binary(p: P, name: string, lib: [Op2, Op2], refFn: (a: bigint, b: bigint, n: 32 | 64, env: Env) => bigint, count: number, post?: 'neg'): FpOp {
  const n = nOf(p);
  const fin = (v: bigint): bigint => (post === 'neg' ? neg(v, n) : v);
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0, ${p}1`, mov(p)],
    args: [p, p],
    resBits: n,
    count,
    lib: (st, a) => {
      load(a);
      lib[n === 32 ? 0 : 1](V, R, 0, 2, st);
      return fin(read(n));
    },
    ref: (env, [x, y]) => fin(refFn(x!, y!, n, env)),
  };
}

/** FMADD/FMSUB/FNMADD/FNMSUB Pd, Pn, Pm, Pa: FPMulAdd with the addend and/or op1 negated first. */
function fused(p: P, name: string, negA: boolean, neg1: boolean, count: number): FpOp {
  const n = nOf(p);
  const prep = (a: readonly bigint[]): [bigint, bigint, bigint] => [
    neg1 ? neg(a[0]!, n) : a[0]!, a[1]!, negA ? neg(a[2]!, n) : a[2]!,
  ];
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0, ${p}1, ${p}2`, mov(p)],
    args: [p, p, p],
    resBits: n,
    count,
    lib: (st, a) => {
      load(prep(a)); // op1 at 0, op2 at 2, addend at 4
      (n === 32 ? fp.fpMulAdd32 : fp.fpMulAdd64)(V, R, 4, 0, 2, st);
      return read(n);
    },
    ref: (env, a) => {
      const [x, y, c] = prep(a);
      return ref.FPMulAdd(c, x, y, n, env);
    },
  };
}

function unary(p: P, name: string, lib: (w: 32 | 64, v: Uint32Array, d: number, k: number, st: FPStatus) => void, refFn: (a: bigint, n: 32 | 64, env: Env) => bigint, count: number): FpOp {
  const n = nOf(p);
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0`, mov(p)],
    args: [p],
    resBits: n,
    count,
    lib: (st, a) => {
      load(a);
      lib(n, V, R, 0, st);
      return read(n);
    },
    ref: (env, [x]) => refFn(x!, n, env),
  };
}

function frint(p: P, mode: string, count: number): FpOp {
  const n = nOf(p);
  const fixed = mode !== 'x' && mode !== 'i';
  const exact = mode === 'x';
  return {
    name: `frint${mode}_${p}`,
    asm: [`frint${mode} ${p}0, ${p}0`, mov(p)],
    args: [p],
    resBits: n,
    count,
    lib: (st, a) => {
      load(a);
      fp.fpRoundInt(n, V, R, 0, fixed ? ROUNDING[mode]! : fp.fpcrRounding(st.fpcr), exact, st);
      return read(n);
    },
    ref: (env, [x]) => ref.FPRoundInt(x!, n, env, fixed ? RND[mode]! : env.rounding, exact),
  };
}

function compare(p: P, name: 'fcmp' | 'fcmpe', count: number): FpOp {
  const n = nOf(p);
  const signal = name === 'fcmpe';
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}1`, 'mrs x0, nzcv', 'lsr x0, x0, #28'],
    args: [p, p],
    resBits: 4,
    count,
    lib: (st, a) => {
      load(a);
      return BigInt(fp.fpCompare(n, V, 0, 2, signal, st));
    },
    ref: (env, [x, y]) => BigInt(ref.FPCompare(x!, y!, n, env, signal)),
  };
}

/** FCMEQ/FCMGE/FCMGT/FACGE/FACGT (scalar register forms): all ones when true. */
function compareMask(p: P, name: string, count: number): FpOp {
  const n = nOf(p);
  const absolute = name.startsWith('fac');
  const rel = name.endsWith('eq') ? fp.CMP_EQ : name.endsWith('ge') ? fp.CMP_GE : fp.CMP_GT;
  const refRel = (['EQ', 'GE', 'GT'] as const)[rel];
  const ones = (1n << BigInt(n)) - 1n;
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0, ${p}1`, mov(p)],
    args: [p, p],
    resBits: n,
    count,
    lib: (st, a) => {
      load(a);
      if (absolute) {
        fp.fpAbs(n, V, 0, 0);
        fp.fpAbs(n, V, 2, 2);
      }
      return fp.fpCompareRel(n, rel, V, 0, 2, st) ? ones : 0n;
    },
    ref: (env, [x, y]) =>
      ref.FPCompareRel(absolute ? ref.FPAbs(x!, n) : x!, absolute ? ref.FPAbs(y!, n) : y!, n, env, refRel) ? ones : 0n,
  };
}

/** FCVT<mode>{S,U} Rd, Pn and the fixed-point FCVTZ{S,U} Rd, Pn, #fbits. */
function toInt(p: P, mode: string, unsigned: boolean, r: 'w' | 'x', fbits: number, count: number): FpOp {
  const n = nOf(p);
  const m = r === 'w' ? 32 : 64;
  const mn = `fcvt${mode}${unsigned ? 'u' : 's'}`;
  return {
    name: `${mn}_${r}${p}${fbits ? `_${fbits}` : ''}`,
    asm: [`${mn} ${r}0, ${p}0${fbits ? `, #${fbits}` : ''}`],
    args: [p],
    resBits: m,
    count,
    lib: (st, a) => {
      load(a);
      fp.fpToFixed(n, m, V, R, V, 0, fbits, unsigned, ROUNDING[mode]!, st);
      return read(m);
    },
    ref: (env, [x]) => ref.FPToFixed(x!, n, fbits, unsigned, env, RND[mode]!, m),
  };
}

/** SCVTF/UCVTF Pd, Rn[, #fbits]. */
function fromInt(p: P, unsigned: boolean, r: 'w' | 'x', fbits: number, count: number): FpOp {
  const n = nOf(p);
  const m = r === 'w' ? 32 : 64;
  const mn = unsigned ? 'ucvtf' : 'scvtf';
  return {
    name: `${mn}_${p}${r}${fbits ? `_${fbits}` : ''}`,
    asm: [`${mn} ${p}0, ${r}0${fbits ? `, #${fbits}` : ''}`, mov(p)],
    args: [r],
    resBits: n,
    count,
    lib: (st, a) => {
      load(a);
      fp.fixedToFP(m, n, V, R, V, 0, fbits, unsigned, fp.fpcrRounding(st.fpcr), st);
      return read(n);
    },
    ref: (env, [x]) => ref.FixedToFP(x!, m, fbits, unsigned, env, env.rounding, n),
  };
}

/** FCVT between precisions (scalar), FCVTXN, and the vector FCVTN/FCVTL on lane 0 (the other lanes are zero). */
function convert(name: string, from: 'h' | 's' | 'd', to: 'h' | 's' | 'd', asm: string[], odd = false, count = MID): FpOp {
  const n = KIND_BITS[from], m = KIND_BITS[to];
  return {
    name,
    asm,
    args: [from],
    resBits: m,
    count,
    lib: (st, a) => {
      load(a);
      fp.fpConvert(n, m, V, R, V, 0, odd ? fp.RO : fp.fpcrRounding(st.fpcr), st);
      return read(m);
    },
    ref: (env, [x]) => ref.FPConvert(x!, n, m, env, odd ? 'ODD' : env.rounding),
  };
}

/** URECPE/URSQRTE Vd.2S, Vn.2S: both lanes. */
function unsignedEstimate(name: string, lib: (v: Uint32Array, d: number, k: number) => void, refFn: (a: number) => number): FpOp {
  return {
    name: `${name}_2s`, asm: [`${name} v0.2s, v0.2s`, 'fmov x0, d0'], args: ['x'], resBits: 64, count: SMALL,
    lib: (_st, a) => {
      load(a);
      lib(V, R, 0);
      lib(V, R + 1, 1);
      return read(64);
    },
    ref: (_e, [x]) => BigInt(refFn(Number(x! & 0xffffffffn))) | (BigInt(refFn(Number(x! >> 32n))) << 32n),
  };
}

const BIG = 15000; // records for the core arithmetic
const MID = 7500;
const SMALL = 5000;

function forPrecision(p: P): FpOp[] {
  const ops: FpOp[] = [
    binary(p, 'fadd', [fp.fpAdd32, fp.fpAdd64], (x, y, n, e) => ref.FPAdd(x, y, n, e), BIG),
    binary(p, 'fsub', [fp.fpSub32, fp.fpSub64], (x, y, n, e) => ref.FPAdd(x, y, n, e, true), BIG),
    binary(p, 'fmul', [fp.fpMul32, fp.fpMul64], (x, y, n, e) => ref.FPMul(x, y, n, e), BIG),
    binary(p, 'fnmul', [fp.fpMul32, fp.fpMul64], (x, y, n, e) => ref.FPMul(x, y, n, e), MID, 'neg'),
    binary(p, 'fdiv', [fp.fpDiv32, fp.fpDiv64], (x, y, n, e) => ref.FPDiv(x, y, n, e), BIG),
    binary(p, 'fmulx', [fp.fpMulX32, fp.fpMulX64], (x, y, n, e) => ref.FPMul(x, y, n, e, true), MID),
    binary(p, 'fmax', [fp.fpMax32, fp.fpMax64], (x, y, n, e) => ref.FPMinMax(x, y, n, e, true), MID),
    binary(p, 'fmin', [fp.fpMin32, fp.fpMin64], (x, y, n, e) => ref.FPMinMax(x, y, n, e, false), MID),
    binary(p, 'fmaxnm', [fp.fpMaxNum32, fp.fpMaxNum64], (x, y, n, e) => ref.FPMinMaxNum(x, y, n, e, true), MID),
    binary(p, 'fminnm', [fp.fpMinNum32, fp.fpMinNum64], (x, y, n, e) => ref.FPMinMaxNum(x, y, n, e, false), MID),
    binary(p, 'frecps', [fp.fpRecipStepFused32, fp.fpRecipStepFused64], (x, y, n, e) => ref.FPStepFused(x, y, n, e, false), MID),
    binary(p, 'frsqrts', [fp.fpRSqrtStepFused32, fp.fpRSqrtStepFused64], (x, y, n, e) => ref.FPStepFused(x, y, n, e, true), MID),
    fused(p, 'fmadd', false, false, BIG),
    fused(p, 'fmsub', false, true, MID),
    fused(p, 'fnmadd', true, true, MID),
    fused(p, 'fnmsub', true, false, MID),
    unary(p, 'fsqrt', (w, v, d, k, st) => (w === 32 ? fp.fpSqrt32 : fp.fpSqrt64)(v, d, k, st), (x, n, e) => ref.FPSqrt(x, n, e), BIG),
    unary(p, 'frecpe', fp.fpRecipEstimate, (x, n, e) => ref.FPRecipEstimate(x, n, e), MID),
    unary(p, 'frsqrte', fp.fpRSqrtEstimate, (x, n, e) => ref.FPRSqrtEstimate(x, n, e), MID),
    unary(p, 'frecpx', fp.fpRecpX, (x, n, e) => ref.FPRecpX(x, n, e), SMALL),
    unary(p, 'fabs', (w, v, d, k) => fp.fpAbs(w, v, d, k), (x, n) => ref.FPAbs(x, n), SMALL),
    unary(p, 'fneg', (w, v, d, k) => fp.fpNeg(w, v, d, k), (x, n) => ref.FPNeg(x, n), SMALL),
    compare(p, 'fcmp', MID),
    compare(p, 'fcmpe', MID),
    ...['fcmeq', 'fcmge', 'fcmgt', 'facge', 'facgt'].map((c) => compareMask(p, c, SMALL)),
    ...['n', 'p', 'm', 'z', 'a', 'x', 'i'].map((m) => frint(p, m, MID)),
  ];
  for (const r of ['w', 'x'] as const) {
    for (const u of [false, true]) {
      for (const m of ['n', 'p', 'm', 'z', 'a']) ops.push(toInt(p, m, u, r, 0, SMALL));
      for (const f of r === 'w' ? [1, 17, 32] : [1, 33, 64]) ops.push(toInt(p, 'z', u, r, f, SMALL));
      ops.push(fromInt(p, u, r, 0, SMALL));
      for (const f of r === 'w' ? [1, 32] : [1, 64]) ops.push(fromInt(p, u, r, f, SMALL));
    }
  }
  return ops;
}

/** Every operation, in a fixed order (its index is its id in the recorded programs). */
export const OPS: readonly FpOp[] = [
  ...forPrecision('s'),
  ...forPrecision('d'),
  convert('fcvt_ds', 's', 'd', ['fcvt d0, s0', 'fmov x0, d0']),
  convert('fcvt_sd', 'd', 's', ['fcvt s0, d0', 'fmov w0, s0']),
  convert('fcvt_hs', 's', 'h', ['fcvt h0, s0', 'fmov w0, s0']),
  convert('fcvt_sh', 'h', 's', ['fcvt s0, h0', 'fmov w0, s0']),
  convert('fcvt_hd', 'd', 'h', ['fcvt h0, d0', 'fmov w0, s0']),
  convert('fcvt_dh', 'h', 'd', ['fcvt d0, h0', 'fmov x0, d0']),
  convert('fcvtxn_sd', 'd', 's', ['fcvtxn s0, d0', 'fmov w0, s0'], true),
  convert('fcvtn_4h', 's', 'h', ['fcvtn v0.4h, v0.4s', 'fmov x0, d0'], false, SMALL),
  convert('fcvtl_4s', 'h', 's', ['fcvtl v0.4s, v0.4h', 'fmov x0, d0'], false, SMALL),
  unsignedEstimate('urecpe', fp.unsignedRecipEstimate, ref.UnsignedRecipEstimate),
  unsignedEstimate('ursqrte', fp.unsignedRSqrtEstimate, ref.UnsignedRSqrtEstimate),
];
