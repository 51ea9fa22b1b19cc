// Property tests: every operation of src/arch/fp, for every rounding mode and FZ/DN/AHP setting, equals the
// BigInt reference model (reference.ts) bit for bit, FPSR flags included, on operands fast-check draws from
// random bits and from the special classes (zeros, denormals, threshold exponents, NaNs with payloads, short
// significands, near-cancelling pairs). FP_PROPERTY_RUNS scales the number of runs per operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FPStatus } from '../../../src/arch/fp/fp.ts';
import { KIND_BITS, OPS, type FpOp, type Kind } from './ops.ts';
import { decodeFpcr, Env } from './reference.ts';

const RUNS = Number(process.env.FP_PROPERTY_RUNS ?? 300);
const E_BITS = { 16: 5, 32: 8, 64: 11 } as const;

function floatArb(n: 16 | 32 | 64): fc.Arbitrary<bigint> {
  const e = E_BITS[n], f = n - e - 1;
  const maxE = (1 << e) - 1, bias = (1 << (e - 1)) - 1;
  const fmask = (1n << BigInt(f)) - 1n;
  const mk = (s: number, ex: number, fr: bigint): bigint =>
    (BigInt(s) << BigInt(n - 1)) | (BigInt(ex) << BigInt(f)) | (fr & fmask);
  const sign = fc.integer({ min: 0, max: 1 });
  const frac = fc.bigInt({ min: 0n, max: fmask });
  return fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: (1n << BigInt(n)) - 1n }) },
    { weight: 2, arbitrary: fc.tuple(sign, fc.constantFrom(0, 1, 2, maxE - 2, maxE - 1, maxE, bias - 1, bias, bias + 1), fc.constantFrom(0n, 1n, fmask, fmask >> 1n, 1n << BigInt(f - 1))).map(([s, x, y]) => mk(s, x, y)) },
    { weight: 2, arbitrary: fc.tuple(sign, frac, fc.integer({ min: 0, max: f })).map(([s, y, k]) => mk(s, 0, y >> BigInt(k))) },
    { weight: 2, arbitrary: fc.tuple(sign, fc.integer({ min: 1, max: maxE - 1 }), frac).map(([s, x, y]) => mk(s, x, y)) },
    { weight: 2, arbitrary: fc.tuple(sign, fc.integer({ min: -24, max: 24 }), fc.integer({ min: 0, max: Math.min(f, 12) }), frac).map(([s, x, k, y]) => mk(s, bias + x, (y >> BigInt(f - k)) << BigInt(f - k))) },
    { weight: 1, arbitrary: fc.tuple(sign, frac).map(([s, y]) => mk(s, maxE, y === 0n ? 1n : y)) },
  );
}

function intArb(n: 32 | 64): fc.Arbitrary<bigint> {
  const m = (1n << BigInt(n)) - 1n;
  return fc.oneof(
    fc.bigInt({ min: 0n, max: m }),
    fc.bigInt({ min: -1000n, max: 1000n }).map((v) => BigInt.asUintN(n, v)),
    fc.tuple(fc.integer({ min: 1, max: n }), fc.bigInt({ min: 0n, max: m })).map(([w, v]) => v >> BigInt(n - w)),
    fc.constantFrom(0n, 1n, m, m >> 1n, (m >> 1n) + 1n),
  );
}

const argArb = (k: Kind): fc.Arbitrary<bigint> =>
  k === 'w' || k === 'x' ? intArb(KIND_BITS[k] as 32 | 64) : floatArb(KIND_BITS[k] as 16 | 32 | 64);

/** The operands: independent, or the second one close to the first (cancellation, equal exponents). */
function argsArb(op: FpOp): fc.Arbitrary<bigint[]> {
  const independent = fc.tuple(...op.args.map(argArb));
  const k0 = op.args[0]!;
  if (op.args.length < 2 || k0 === 'w' || k0 === 'x') return independent;
  const n = KIND_BITS[k0];
  const near = independent.chain((xs) =>
    fc.integer({ min: -3, max: 3 }).map((d) => {
      const ys = [...xs];
      ys[1] = BigInt.asUintN(n, (xs[0]! ^ (1n << BigInt(n - 1))) + BigInt(d)); // −a ± a few units
      return ys;
    }),
  );
  return fc.oneof({ weight: 3, arbitrary: independent }, { weight: 1, arbitrary: near });
}

const fpcrArb = fc
  .record({ rmode: fc.integer({ min: 0, max: 3 }), fz: fc.boolean(), dn: fc.boolean(), ahp: fc.boolean() })
  .map((c) => ((c.rmode << 22) | (+c.fz << 24) | (+c.dn << 25) | (+c.ahp << 26)) >>> 0);

const hex = (v: bigint): string => '0x' + v.toString(16);

for (const op of OPS) {
  test(`${op.name} equals the reference model`, () => {
    fc.assert(
      fc.property(argsArb(op), fpcrArb, (args, fpcr) => {
        const st = new FPStatus(fpcr);
        const got = op.lib(st, args);
        const env = new Env(decodeFpcr(fpcr));
        const want = op.ref(env, args);
        assert.deepEqual(
          { result: hex(got), fpsr: st.fpsr },
          { result: hex(want), fpsr: env.fpsr },
          `${op.name}(${args.map(hex).join(', ')}) fpcr=${hex(BigInt(fpcr))}`,
        );
      }),
      { numRuns: RUNS },
    );
  });
}
