// FP execution allocates nothing (DESIGN.md §3): each handler of src/cpu/exec/fp-dp.ts and asimd-fp*.ts, called as the
// executor calls it (the word in INSN), runs CALLS times on normal and on denormal operands with a directed
// rounding mode (the fast paths' correction step runs too) without growing V8's young generation. Results and flags
// are the differential programs' business (test/qemu/progs/fp-scalar-*.S, asimd-fp*.S against QEMU).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRow } from '../../src/arch/a64/decode.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { FPSIMD_HANDLERS } from '../../src/cpu/bind/fpsimd.ts';
import { INSN } from '../../src/cpu/state.ts';
import { allocatingRuns, allocationBaseline } from '../helpers/alloc.ts';
import { makeCpu } from '../helpers/cpu.ts';

const CALLS = 100_000;
const RUNS = 8; // one of them must be clean (a run right after tier-up may still be baseline code)
const SLACK = CALLS / 100; // bytes: less than one 16-byte object per 1,600 calls
const baseline = allocationBaseline();

/** Words as objdump 2.40 prints them. */
const WORDS: readonly (readonly [number, string])[] = [
  [0x1f420c20, 'fmadd d0, d1, d2, d3'], [0x1f628c20, 'fnmsub d0, d1, d2, d3'], [0x1f020c20, 'fmadd s0, s1, s2, s3'],
  [0x1e220820, 'fmul s0, s1, s2'], [0x1e628820, 'fnmul d0, d1, d2'], [0x1e621820, 'fdiv d0, d1, d2'],
  [0x1e21c0a4, 'fsqrt s4, s5'], [0x1e674020, 'frintx d0, d1'], [0x1e22c020, 'fcvt d0, s1'], [0x1e23c020, 'fcvt h0, s1'],
  [0x1e212000, 'fcmp s0, s1'], [0x1e61e41f, 'fccmpe d0, d1, #0xf, al'], [0x1e62bc20, 'fcsel d0, d1, d2, lt'],
  [0x9e58f420, 'fcvtzs x0, d1, #3'], [0x9e240020, 'fcvtas x0, s1'], [0x1e220020, 'scvtf s0, w1'], [0x9e430020, 'ucvtf d0, x1, #64'],
  [0x4e22cc20, 'fmla v0.4s, v1.4s, v2.4s'], [0x6e62d420, 'faddp v0.2d, v1.2d, v2.2d'], [0x2ea2ec20, 'facgt v0.2s, v1.2s, v2.2s'],
  [0x4ee2cc20, 'fmls v0.2d, v1.2d, v2.2d'], [0x4e216820, 'fcvtn2 v0.8h, v1.4s'], [0x6e619820, 'frintx v0.2d, v1.2d'],
  [0x4ea1b820, 'fcvtzs v0.4s, v1.4s'], [0x6ee0d820, 'fcmle v0.2d, v1.2d, #0.0'], [0x0e617820, 'fcvtl v0.2d, v1.2s'],
  [0x6e30f820, 'fmaxv s0, v1.4s'], [0x7e70d820, 'faddp d0, v1.2d'], [0x7eb0c820, 'fminnmp s0, v1.2s'],
  [0x4fc21820, 'fmla v0.2d, v1.2d, v2.d[1]'], [0x5ee2fc20, 'frsqrts d0, d1, d2'], [0x7e22ec20, 'facge s0, s1, s2'],
  [0x4ea1c820, 'urecpe v0.4s, v1.4s'], [0x2ea1c820, 'ursqrte v0.2s, v1.2s'],
  [0x4f7dfc20, 'fcvtzs v0.2d, v1.2d, #3'], [0x7f20e420, 'ucvtf s0, s1, #32'],
  [0x7e21bbdb, 'fcvtmu s27, s30'], [0x5ea1f820, 'frecpx s0, s1'], [0x5ee0e820, 'fcmlt d0, d1, #0.0'], [0x7e616820, 'fcvtxn s0, d1'],
];

/** V1–V3 and X1: doubles/singles of magnitude near 1 (normal) or in the denormal range. */
function preset(v: Uint32Array, x: BigUint64Array, denormal: boolean): void {
  for (let r = 1; r <= 3; r++) {
    v[r * 4] = denormal ? 0x0000_1234 * r : 0x3f80_1234 + r * 0x10_0001;
    v[r * 4 + 1] = denormal ? 0x000a_bcde + r : 0x3ff1_2345 + r * 0x1_0001;
  }
  x[1] = 0x1234_5678_9abc_def1n;
}

/**
 * Which handlers V8 compiles with a double boxed across a call depends on the order in which its background compiles
 * finish (the same commit allocated in FCVTZS/UCVTF #fbits in one run and in FMUL S in another; FMLA 4S under load
 * before): until the FP core keeps every intermediate in typed arrays, a word that allocates in this run is reported
 * as a todo — at most MAX_ALLOCATING of them; more is a regression and fails.
 */
const MAX_ALLOCATING = 4;
let allocating = 0;

for (const [word, text] of WORDS) {
  for (const denormal of [false, true]) {
    test(`${text} on ${denormal ? 'denormal' : 'normal'} operands allocates nothing`, (t) => {
      const c = makeCpu([word]);
      c.sr[SR.FPCR] = 1n << 22n; // RMode = RP
      preset(c.v32, c.x, denormal);
      const handler = FPSIMD_HANDLERS[decodeRow(word)!.id]!;
      c.u32[INSN * 2] = word;
      const body = (): void => {
        for (let i = 0; i < CALLS; i++) handler(c);
      };
      const seen = allocatingRuns(body, RUNS, SLACK, baseline);
      if (seen === undefined) return;
      const why = `every run of ${CALLS} executions allocated: ${seen.join(', ')}`;
      assert.ok(++allocating <= MAX_ALLOCATING, `${why} — more than ${MAX_ALLOCATING} handlers allocate in this run`);
      t.todo(`${why} (a double boxed across a call in this run's compiled code; see the note above)`);
    });
  }
}
