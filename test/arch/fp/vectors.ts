// Deterministic operand vectors for the FP tests: a seeded PRNG per operation, operands drawn from uniform random
// bits and from the places where floating point goes wrong (±0, denormals, min/max normals, ±∞, quiet and
// signalling NaNs with payloads, short significands whose sums and products land on halfway points, exponents at
// the overflow/underflow thresholds, values near integer and conversion limits, near-cancelling pairs and
// fused sums), and an FPCR with a random rounding mode, FZ, DN and AHP. The QEMU recordings store only results:
// the inputs are regenerated from here and checked against the hash recorded with them.
import { KIND_BITS, type FpOp, type Kind } from './ops.ts';

/** sfc32: a small 32-bit PRNG with a 128-bit state. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }
  /** Random bits as a BigInt of the given width. */
  bits(width: number): bigint {
    let v = 0n;
    for (let w = 0; w < width; w += 32) v = (v << 32n) | BigInt(this.u32());
    return v & ((1n << BigInt(width)) - 1n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
}

/** FNV-1a over 32-bit words (the recorded input hash). */
export function fnv(words: Iterable<number>): number {
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let i = 0; i < 4; i++) h = Math.imul(h ^ ((w >>> (8 * i)) & 0xff), 0x01000193);
  }
  return h >>> 0;
}

const E_BITS = { 16: 5, 32: 8, 64: 11 } as const;

function make(n: 16 | 32 | 64, sign: number, exp: number, frac: bigint): bigint {
  const f = n - E_BITS[n] - 1;
  return (BigInt(sign) << BigInt(n - 1)) | (BigInt(exp) << BigInt(f)) | (frac & ((1n << BigInt(f)) - 1n));
}

/** A floating-point operand of width n. */
export function genFloat(r: Rng, n: 16 | 32 | 64): bigint {
  const e = E_BITS[n];
  const f = n - e - 1;
  const maxE = (1 << e) - 1;
  const bias = (1 << (e - 1)) - 1;
  const s = r.below(2);
  const frac = (): bigint => r.bits(f);
  const clamp = (x: number): number => Math.min(maxE - 1, Math.max(1, x)); // a normal exponent
  switch (r.below(10)) {
    case 0:
    case 1:
      return r.bits(n);
    case 2: {
      const q = 1n << BigInt(f - 1);
      const specials = [
        make(n, s, 0, 0n), make(n, s, maxE, 0n), make(n, 0, maxE, q), make(n, s, maxE, q | frac()),
        make(n, s, maxE, (frac() & (q - 1n)) | 1n), make(n, s, 0, 1n), make(n, s, 0, (1n << BigInt(f)) - 1n),
        make(n, s, 1, 0n), make(n, s, maxE - 1, (1n << BigInt(f)) - 1n), make(n, s, bias, 0n),
        make(n, s, bias + 1, 0n), make(n, s, bias - 1, 0n), make(n, s, bias, q), make(n, s, bias + 1, q),
      ];
      return r.pick(specials);
    }
    case 3:
      return make(n, s, 0, frac() >> BigInt(r.below(f))); // denormal (or zero)
    case 4: {
      const edges = [1, 2, 3, maxE - 1, maxE - 2, maxE - 3, bias, bias - 1, bias + 1];
      return make(n, s, r.pick(edges), frac());
    }
    case 5: {
      // few significant bits: sums and products of these land on halfway points
      const k = r.below(Math.min(f, 12) + 1);
      const top = k === 0 ? 0n : r.bits(k) << BigInt(f - k);
      return make(n, s, clamp(bias - 20 + r.below(41)), top);
    }
    case 6:
      return make(n, s, clamp(bias - 60 + r.below(121)), frac());
    case 7: {
      // near integers and the integer conversion limits: 2^k, 2^k ± a few units, x.5 ± a unit
      const k = r.pick([0, 1, 2, 10, 23, 24, 31, 32, 52, 53, 63, 64]);
      if (k + bias >= maxE) return make(n, s, maxE - 1, frac());
      const delta = BigInt(r.below(5)) - 2n;
      const base = make(n, s, k + bias, r.below(2) ? 0n : 1n << BigInt(f - 1 - Math.min(k, f - 1)));
      return base + delta < 0n ? base : base + delta;
    }
    default:
      return make(n, s, clamp(bias - 30 + r.below(61)), frac());
  }
}

/** An integer operand of width n (SCVTF/UCVTF, URECPE/URSQRTE). */
export function genInt(r: Rng, n: 32 | 64): bigint {
  const m = (1n << BigInt(n)) - 1n;
  switch (r.below(6)) {
    case 0:
    case 1:
      return r.bits(n);
    case 2:
      return BigInt.asUintN(n, BigInt(r.below(2001) - 1000));
    case 3: {
      const k = r.below(n);
      return BigInt.asUintN(n, (1n << BigInt(k)) + BigInt(r.below(9) - 4)) & m;
    }
    case 4: {
      // exactly 23 … 55 significant bits: conversions round at the last of them
      const w = 23 + r.below(33);
      const v = (1n << BigInt(w - 1)) | r.bits(w - 1);
      const shifted = (v << BigInt(r.below(Math.max(1, n - w + 1)))) & m;
      return r.below(2) ? shifted : BigInt.asUintN(n, -shifted);
    }
    default:
      return r.pick([0n, 1n, m, m >> 1n, (m >> 1n) + 1n, m - 1n]);
  }
}

const gen = (r: Rng, k: Kind): bigint => (k === 'w' || k === 'x' ? genInt(r, KIND_BITS[k] as 32 | 64) : genFloat(r, KIND_BITS[k] as 16 | 32 | 64));

/** A second operand close to the first (same or nearby exponent, nearly equal or opposite): cancellation. */
function near(r: Rng, a: bigint, n: 16 | 32 | 64): bigint {
  const f = BigInt(n - E_BITS[n] - 1);
  const sign = 1n << BigInt(n - 1);
  let v = a;
  switch (r.below(4)) {
    case 0:
      v = a ^ sign;
      break;
    case 1:
      v = (a ^ sign) + BigInt(r.below(7) - 3);
      break;
    case 2:
      v = a + (BigInt(r.pick([0, 1, -1, 2, 24, 25, 53, 54])) << f);
      break;
    default:
      v = a ^ (r.bits(8) & ((1n << f) - 1n));
  }
  return v & ((1n << BigInt(n)) - 1n);
}

/** An addend that nearly cancels a × b (binary32 or binary64 bits): −(a × b) rounded, ± a few units. */
function cancellingAddend(r: Rng, a: bigint, b: bigint, n: 32 | 64): bigint {
  const view = new DataView(new ArrayBuffer(8));
  let p: number;
  if (n === 32) {
    view.setUint32(0, Number(a));
    const x = view.getFloat32(0);
    view.setUint32(0, Number(b));
    p = Math.fround(-x * view.getFloat32(0));
    view.setFloat32(0, p);
    if (!Number.isFinite(p) || p === 0) return a;
    return BigInt.asUintN(32, BigInt(view.getUint32(0)) + BigInt(r.below(5) - 2));
  }
  view.setBigUint64(0, a);
  const x = view.getFloat64(0);
  view.setBigUint64(0, b);
  p = -x * view.getFloat64(0);
  if (!Number.isFinite(p) || p === 0) return a;
  view.setFloat64(0, p);
  return BigInt.asUintN(64, view.getBigUint64(0) + BigInt(r.below(5) - 2));
}

/**
 * Operands whose sum, product or quotient lands next to the underflow or overflow threshold: both tiny, or the
 * second one's exponent chosen against the first's.
 */
function threshold(r: Rng, args: bigint[], n: 16 | 32 | 64): void {
  const e = E_BITS[n], f = BigInt(n - e - 1);
  const maxE = (1 << e) - 1, bias = (1 << (e - 1)) - 1;
  const expOf = (v: bigint): number => Number((v >> f) & BigInt(maxE));
  const withExp = (v: bigint, x: number): bigint =>
    (v & ~(BigInt(maxE) << f)) | (BigInt(Math.min(maxE - 1, Math.max(0, x))) << f);
  const target = r.pick([0, 1, 2, maxE - 2, maxE - 1]) + r.below(3) - 1;
  switch (r.below(3)) {
    case 0: // a sum near the smallest normal: both operands in the lowest binades
      args[0] = withExp(args[0]!, r.below(3));
      args[1] = withExp(args[1]!, r.below(3));
      break;
    case 1: // a product near the threshold
      args[1] = withExp(args[1]!, target + bias - expOf(args[0]!));
      break;
    default: // a quotient near the threshold
      args[0] = withExp(args[0]!, target + expOf(args[1]!) - bias);
  }
}

export interface Vector {
  fpcr: number;
  args: bigint[];
}

/** The FPCR of one record: RMode, FZ, DN, AHP at random (other fields zero). */
function genFpcr(r: Rng): number {
  return ((r.below(4) << 22) | (r.below(2) << 24) | (r.below(3) === 0 ? 1 << 25 : 0) | (r.below(2) << 26)) >>> 0;
}

/** The seed of an operation's vectors (from its name, so adding operations leaves the others' vectors alone). */
export function seedOf(op: FpOp, seed = 1): number {
  return fnv([seed, ...Array.from(op.name, (c) => c.charCodeAt(0))]);
}

/** The first `count` vectors of an operation. */
export function vectors(op: FpOp, count: number, seed = 1): Vector[] {
  const r = new Rng(seedOf(op, seed));
  const out: Vector[] = [];
  for (let i = 0; i < count; i++) {
    const fpcr = genFpcr(r);
    const args = op.args.map((k) => gen(r, k));
    const k0 = op.args[0]!;
    if (args.length >= 2 && k0 !== 'w' && k0 !== 'x') {
      const pick = r.below(8);
      if (pick < 2) args[1] = near(r, args[0]!, KIND_BITS[k0] as 16 | 32 | 64);
      else if (pick < 4) threshold(r, args, KIND_BITS[k0] as 16 | 32 | 64);
    }
    if (args.length === 3 && r.below(4) === 0) args[2] = cancellingAddend(r, args[0]!, args[1]!, KIND_BITS[k0] as 32 | 64);
    out.push({ fpcr, args });
  }
  return out;
}

/** The hash of a list of vectors (what a recording was made from). */
export function vectorHash(vs: readonly Vector[]): number {
  function* words(): Generator<number> {
    for (const v of vs) {
      yield v.fpcr;
      for (const a of v.args) {
        yield Number(a & 0xffffffffn);
        yield Number(a >> 32n);
      }
    }
  }
  return fnv(words());
}
