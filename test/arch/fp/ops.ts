// The instruction-level operations the FP tests exercise: for each, the AArch64 instruction(s) QEMU runs (operands
// in d0/d1/d2 or x0/x1, result left in x0), the operand kinds, and the same operation computed by the library
// (src/arch/fp, composed as the instruction's pseudocode composes it) and by the BigInt reference model.
import * as fp from '../../../src/arch/fp/fp.ts';
import { FPStatus, resHi, resLo, type Rounding } from '../../../src/arch/fp/fp.ts';
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

const out = new Uint32Array(2);
const lo = (v: bigint): number => Number(v & 0xffffffffn);
const hi = (v: bigint): number => Number((v >> 32n) & 0xffffffffn);
const fromOut = (): bigint => BigInt(out[0]!) | (BigInt(out[1]!) << 32n);
const fromRes = (): bigint => BigInt(resLo) | (BigInt(resHi) << 32n);
const b = (v: number | boolean): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v >>> 0));
const neg = (v: bigint, n: 32 | 64): bigint => v ^ (1n << BigInt(n - 1));
const ROUNDING: Record<string, Rounding> = { n: fp.RN, p: fp.RP, m: fp.RM, z: fp.RZ, a: fp.RA };
const RND: Record<string, Rnd> = { n: 'TIEEVEN', p: 'POSINF', m: 'NEGINF', z: 'ZERO', a: 'TIEAWAY' };

type P = 's' | 'd';
const nOf = (p: P): 32 | 64 => (p === 's' ? 32 : 64);
const mov = (p: P): string => (p === 's' ? 'fmov w0, s0' : 'fmov x0, d0');

type Lib2 = [(a: number, b: number, st: FPStatus) => number, (o: Uint32Array, i: number, al: number, ah: number, bl: number, bh: number, st: FPStatus) => void];

/** A two-operand arithmetic instruction `name Pd, Pn, Pm`, post-processed by `post` (FNMUL negates). */
function binary(p: P, name: string, lib: Lib2, refFn: (a: bigint, b: bigint, n: 32 | 64, env: Env) => bigint, count: number, post?: 'neg'): FpOp {
  const n = nOf(p);
  const r = `${p}0`;
  const fin = (v: bigint): bigint => (post === 'neg' ? neg(v, n) : v);
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${r}, ${r}, ${p}1`, mov(p)],
    args: [p, p],
    resBits: n,
    count,
    lib: (st, [x, y]) => {
      if (n === 32) return fin(b(lib[0](Number(x), Number(y), st)));
      lib[1](out, 0, lo(x!), hi(x!), lo(y!), hi(y!), st);
      return fin(fromOut());
    },
    ref: (env, [x, y]) => fin(refFn(x!, y!, n, env)),
  };
}

/** FMADD/FMSUB/FNMADD/FNMSUB Pd, Pn, Pm, Pa: FPMulAdd with the addend and/or op1 negated first. */
function fused(p: P, name: string, negA: boolean, neg1: boolean, count: number): FpOp {
  const n = nOf(p);
  const prep = (a: readonly bigint[]): [bigint, bigint, bigint] => [
    negA ? neg(a[2]!, n) : a[2]!, neg1 ? neg(a[0]!, n) : a[0]!, a[1]!,
  ];
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0, ${p}1, ${p}2`, mov(p)],
    args: [p, p, p],
    resBits: n,
    count,
    lib: (st, a) => {
      const [c, x, y] = prep(a);
      if (n === 32) return b(fp.fpMulAdd32(Number(c), Number(x), Number(y), st));
      fp.fpMulAdd64(out, 0, lo(c), hi(c), lo(x), hi(x), lo(y), hi(y), st);
      return fromOut();
    },
    ref: (env, a) => {
      const [c, x, y] = prep(a);
      return ref.FPMulAdd(c, x, y, n, env);
    },
  };
}

function unary(p: P, name: string, lib: [(a: number, st: FPStatus) => number, (o: Uint32Array, i: number, al: number, ah: number, st: FPStatus) => void], refFn: (a: bigint, n: 32 | 64, env: Env) => bigint, count: number): FpOp {
  const n = nOf(p);
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0`, mov(p)],
    args: [p],
    resBits: n,
    count,
    lib: (st, [x]) => {
      if (n === 32) return b(lib[0](Number(x), st));
      lib[1](out, 0, lo(x!), hi(x!), st);
      return fromOut();
    },
    ref: (env, [x]) => refFn(x!, n, env),
  };
}

/** A one-operand instruction whose library function leaves its result in the result registers. */
function unaryRes(p: P, name: string, lib: (n: 32 | 64, l: number, h: number, st: FPStatus) => void, refFn: (a: bigint, n: 32 | 64, env: Env) => bigint, count: number): FpOp {
  const n = nOf(p);
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0`, mov(p)],
    args: [p],
    resBits: n,
    count,
    lib: (st, [x]) => {
      lib(n, lo(x!), hi(x!), st);
      return fromRes() & ((1n << BigInt(n)) - 1n);
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
    lib: (st, [x]) => {
      const r = fixed ? ROUNDING[mode]! : fp.fpcrRounding(st.fpcr);
      if (n === 32) return b(fp.fpRoundInt32(Number(x), r, exact, st));
      fp.fpRoundInt64(out, 0, lo(x!), hi(x!), r, exact, st);
      return fromOut();
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
    lib: (st, [x, y]) =>
      b(n === 32 ? fp.fpCompare32(Number(x), Number(y), signal, st) : fp.fpCompare64(lo(x!), hi(x!), lo(y!), hi(y!), signal, st)),
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
  const prep = (v: bigint): bigint => (absolute ? v & (ones >> 1n) : v);
  return {
    name: `${name}_${p}`,
    asm: [`${name} ${p}0, ${p}0, ${p}1`, mov(p)],
    args: [p, p],
    resBits: n,
    count,
    lib: (st, [x, y]) => {
      const xa = prep(x!), ya = prep(y!);
      const t = n === 32 ? fp.fpCompareRel32(rel, Number(xa), Number(ya), st) : fp.fpCompareRel64(rel, lo(xa), hi(xa), lo(ya), hi(ya), st);
      return t ? ones : 0n;
    },
    ref: (env, [x, y]) => (ref.FPCompareRel(prep(x!), prep(y!), n, env, refRel) ? ones : 0n),
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
    lib: (st, [x]) => {
      fp.fpToFixed(n, lo(x!), hi(x!), fbits, unsigned, ROUNDING[mode]!, m, st);
      return fromRes();
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
    lib: (st, [x]) => {
      fp.fixedToFP(m, lo(x!), hi(x!), fbits, unsigned, fp.fpcrRounding(st.fpcr), n, st);
      return fromRes() & ((1n << BigInt(n)) - 1n);
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
    lib: (st, [x]) => {
      fp.fpConvert(n, m, lo(x!), hi(x!), odd ? fp.RO : fp.fpcrRounding(st.fpcr), st);
      return fromRes() & ((1n << BigInt(m)) - 1n);
    },
    ref: (env, [x]) => ref.FPConvert(x!, n, m, env, odd ? 'ODD' : env.rounding),
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
    unary(p, 'fsqrt', [fp.fpSqrt32, fp.fpSqrt64], (x, n, e) => ref.FPSqrt(x, n, e), BIG),
    unaryRes(p, 'frecpe', fp.fpRecipEstimate, (x, n, e) => ref.FPRecipEstimate(x, n, e), MID),
    unaryRes(p, 'frsqrte', fp.fpRSqrtEstimate, (x, n, e) => ref.FPRSqrtEstimate(x, n, e), MID),
    unaryRes(p, 'frecpx', fp.fpRecpX, (x, n, e) => ref.FPRecpX(x, n, e), SMALL),
    {
      name: `fabs_${p}`, asm: [`fabs ${p}0, ${p}0`, mov(p)], args: [p], resBits: nOf(p), count: SMALL,
      lib: (_st, [x]) => (p === 's' ? b(fp.fpAbs32(Number(x))) : (BigInt(fp.fpAbs32(hi(x!))) << 32n) | BigInt(lo(x!))),
      ref: (_e, [x]) => ref.FPAbs(x!, nOf(p)),
    },
    {
      name: `fneg_${p}`, asm: [`fneg ${p}0, ${p}0`, mov(p)], args: [p], resBits: nOf(p), count: SMALL,
      lib: (_st, [x]) => (p === 's' ? b(fp.fpNeg32(Number(x))) : (BigInt(fp.fpNeg32(hi(x!))) << 32n) | BigInt(lo(x!))),
      ref: (_e, [x]) => ref.FPNeg(x!, nOf(p)),
    },
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
  {
    name: 'urecpe_2s', asm: ['urecpe v0.2s, v0.2s', 'fmov x0, d0'], args: ['x'], resBits: 64, count: SMALL,
    lib: (_st, [x]) => BigInt(fp.unsignedRecipEstimate(lo(x!))) | (BigInt(fp.unsignedRecipEstimate(hi(x!))) << 32n),
    ref: (_e, [x]) => BigInt(ref.UnsignedRecipEstimate(lo(x!))) | (BigInt(ref.UnsignedRecipEstimate(hi(x!))) << 32n),
  },
  {
    name: 'ursqrte_2s', asm: ['ursqrte v0.2s, v0.2s', 'fmov x0, d0'], args: ['x'], resBits: 64, count: SMALL,
    lib: (_st, [x]) => BigInt(fp.unsignedRSqrtEstimate(lo(x!))) | (BigInt(fp.unsignedRSqrtEstimate(hi(x!))) << 32n),
    ref: (_e, [x]) => BigInt(ref.UnsignedRSqrtEstimate(lo(x!))) | (BigInt(ref.UnsignedRSqrtEstimate(hi(x!))) << 32n),
  },
];
