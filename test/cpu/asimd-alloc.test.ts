// AdvSIMD integer execution allocates nothing (DESIGN.md §3): each handler of src/cpu/exec/asimd-tbl.ts,
// asimd-struct.ts (single structures), asimd-diff.ts and asimd-elem.ts, called as the executor calls it (the word in
// INSN), runs CALLS times on random operands and on the saturating ones (−2^31 in every lane) without growing V8's
// young generation. Results are the differential programs' business (test/qemu/progs/asimd-*.S against QEMU).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRow } from '../../src/arch/a64/decode.ts';
import { disassemble, plainEnv } from '../../src/asm/disasm.ts';
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
  [0x4e044020, 'tbl v0.16b, {v1.16b-v3.16b}, v4.16b'], [0x0e041020, 'tbx v0.8b, {v1.16b}, v4.8b'],
  [0x0d60b020, 'ld4 {v0.s-v3.s}[1], [x1]'], [0x4dc2e420, 'ld3r {v0.8h-v2.8h}, [x1], x2'],
  [0x4da28420, 'st2 {v0.d, v1.d}[1], [x1], x2'], [0x4c40a020, 'ld1 {v0.16b, v1.16b}, [x1]'],
  [0x6ea28020, 'umlal2 v0.2d, v1.4s, v2.4s'], [0x0ea2b020, 'sqdmlsl v0.2d, v1.2s, v2.2s'],
  [0x6ea24020, 'raddhn2 v0.4s, v1.2d, v2.2d'], [0x2e223020, 'usubw v0.8h, v1.8h, v2.8b'],
  [0x4ee2e020, 'pmull2 v0.1q, v1.2d, v2.2d'], [0x0e22e020, 'pmull v0.8h, v1.8b, v2.8b'],
  [0x5ea2d020, 'sqdmull d0, s1, s2'], [0x6f520820, 'mla v0.8h, v1.8h, v2.h[5]'],
  [0x4fb1a820, 'smull2 v0.2d, v1.4s, v17.s[3]'], [0x4fb1d020, 'sqrdmulh v0.4s, v1.4s, v17.s[1]'],
  [0x5f723820, 'sqdmlal s0, h1, v2.h[7]'], [0x5f42c020, 'sqdmulh h0, h1, v2.h[0]'],
  [0x6ea2b420, 'sqrdmulh v0.4s, v1.4s, v2.4s'], [0x5e62b420, 'sqdmulh h0, h1, h2'],
  [0x6e229c20, 'pmul v0.16b, v1.16b, v2.16b'],
];

/** V0–V4 and V17 random (or −2^31 in every 32-bit lane), x1 a RAM address, x2 = 0 a register post-index (x1 stays
 *  on one page: a new page's translation is the MMU's cost, not the handler's). */
function preset(v: Uint32Array, x: BigUint64Array, saturating: boolean): void {
  let s = 0x9e3779b9;
  for (const r of [0, 1, 2, 3, 4, 17]) {
    for (let k = 0; k < 4; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      v[r * 4 + k] = saturating ? 0x80000000 : s;
    }
  }
  x[1] = 0x4100_0000n;
  x[2] = 0n;
}

for (const [word, text] of WORDS) {
  for (const saturating of [false, true]) {
    test(`${text} on ${saturating ? 'saturating' : 'random'} operands allocates nothing`, () => {
      const c = makeCpu([word]);
      preset(c.v32, c.x, saturating);
      const handler = FPSIMD_HANDLERS[decodeRow(word)!.id]!;
      assert.equal(disassemble(word, plainEnv(0n)).replace('\t', ' '), text);
      c.u32[INSN * 2] = word;
      const body = (): void => {
        for (let i = 0; i < CALLS; i++) handler(c);
      };
      const seen = allocatingRuns(body, RUNS, SLACK, baseline);
      assert.equal(seen, undefined, `every run of ${CALLS} executions allocated: ${seen?.join(', ')}`);
    });
  }
}
