// The interpreter's single-register and pair loads and stores take a short path when the host cache serves them
// (ldst-access.ts transfer, ldst-pair.ts pairFromHostCache) and the general one through Cpu.load/store otherwise.
// Random programs of every such form run twice — in one run, and one instruction a run (a run starts by emptying
// the host cache, so each instruction's first access translates: the general path) — and must leave the same
// registers and memory: extension (W, LDRSW,
// LDPSW), LDP with Rt == Rt2, XZR, writeback with Rn == Rt, pairs across a page boundary, stores into the page the
// program runs from (its decoded words forgotten). The reference is the general path, which the other load/store
// tests and the QEMU differential programs check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assemble } from '../../src/asm/assemble.ts';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { SP } from '../../src/cpu/state.ts';
import { CODE, makeCpu } from '../helpers/cpu.ts';

const DATA = 0x4010_0000; // two 4 KiB pages of data; x10 points into them (x12 keeps the start)
const WINDOW = 0x2000;

const reg = fc.integer({ min: 0, max: 7 }).map((n) => (n === 7 ? 'zr' : String(n)));
const x = (r: string) => (r === 'zr' ? 'xzr' : `x${r}`);
const w = (r: string) => (r === 'zr' ? 'wzr' : `w${r}`);

/** One instruction, its base x10 kept inside the window by the offsets chosen (pre/post-index reset it after). */
const insn = fc.oneof(
  fc.tuple(reg, fc.integer({ min: 0, max: 0x1ff }), fc.constantFrom('ldr', 'str')).map(([t, k, op]) => `${op} ${x(t)}, [x10, #${k * 8}]`),
  fc.tuple(reg, fc.integer({ min: 0, max: 0x3ff }), fc.constantFrom('ldr', 'str', 'ldrsw')).map(([t, k, op]) => `${op} ${op === 'ldrsw' ? x(t) : w(t)}, [x10, #${k * 4}]`),
  fc.tuple(reg, fc.integer({ min: 0, max: 0x1ff })).map(([t, k]) => `ldr ${x(t)}, [x10, x11, lsl #3]\n mov x11, #${k}`),
  fc.tuple(reg, reg, fc.integer({ min: -32, max: 63 }), fc.constantFrom('ldp', 'stp')).map(([a, b, k, op]) => `${op} ${x(a)}, ${x(b)}, [x10, #${k * 8}]`),
  fc.tuple(reg, reg, fc.integer({ min: -32, max: 63 }), fc.constantFrom('ldp', 'stp', 'ldpsw')).map(([a, b, k, op]) =>
    `${op} ${op === 'ldpsw' ? x(a) : w(a)}, ${op === 'ldpsw' ? x(b) : w(b)}, [x10, #${k * 4}]`),
  fc.tuple(reg, reg, fc.integer({ min: -8, max: 8 }), fc.constantFrom('!', 'post')).map(([a, b, k, form]) =>
    (form === '!' ? `ldp ${x(a)}, ${x(b)}, [x10, #${k * 16}]!` : `stp ${x(a)}, ${x(b)}, [x10], #${k * 16}`) + '\n mov x10, x12'),
  fc.tuple(reg, fc.integer({ min: -16, max: 16 }), fc.constantFrom('ldr', 'str')).map(([t, k, op]) => `${op} ${x(t)}, [x10, #${k * 8}]!\n mov x10, x12`),
  // a pair whose second register is in the next page, and a store into the page the program runs from
  fc.tuple(reg, reg, fc.constantFrom('ldp', 'stp')).map(([a, b, op]) => `${op} ${x(a)}, ${x(b)}, [x13, #-8]`),
  reg.map((t) => `str ${w(t)}, [x14, #0xffc]`),
  fc.constant('str w15, [x16]'), // `movz x9, #0x1234` over `patch`, which ran before: its decoded word must go
);

/** The word of `movz x9, #0x1234`. */
const MOVZ_X9 = 0xd2824689;

function load(c: Cpu, sections: readonly { addr: bigint; bytes: Uint8Array }[]): void {
  for (const sec of sections) {
    const view = new DataView(sec.bytes.buffer, sec.bytes.byteOffset, sec.bytes.length);
    for (let i = 0; i + 4 <= sec.bytes.length; i += 4) c.mem.writeU32(Number(sec.addr) + i, view.getUint32(i, true));
  }
}

function runProgram(body: readonly string[], oneRun: boolean, seed: number): { regs: bigint[]; data: bigint[]; code: bigint[] } {
  const src = [
    '_start: bl patch', // decodes and runs `patch` (a NOP) once
    ...body,
    ' bl patch', // runs whatever `patch` holds now
    'end: b end',
    'patch: nop',
    ' ret',
  ].join('\n');
  const a = assemble('ldst.S', src);
  assert.deepEqual(a.diagnostics, []);
  const c = makeCpu([]);
  load(c, a.sections);
  for (let i = 0; i < WINDOW; i += 8) c.mem.writeU64(DATA + i, BigInt.asUintN(64, BigInt(Math.imul(i + 1, seed) | 0) * 0x9e37_79b9_7f4a_7c15n));
  for (let r = 0; r < 7; r++) c.x[r] = BigInt.asUintN(64, BigInt(seed ^ (r * 0x1234_5677)) * 0x1_0000_0001n * BigInt(r + 1));
  c.x[10] = BigInt(DATA + 0x800);
  c.x[12] = c.x[10]!;
  c.x[11] = 3n;
  c.x[13] = BigInt(DATA + 0x1000); // [x13, #-8]: the pair straddles the boundary of the window's two pages
  c.x[14] = BigInt(CODE); // the program's own page (its last word, past the program)
  c.x[15] = BigInt(MOVZ_X9);
  c.x[16] = a.symbols.find((y) => y.name === 'patch')!.addr;
  c.x[SP] = BigInt(DATA);
  const n = body.join('\n').split('\n').length + 6; // the body, two BLs, two runs of patch and its RET
  if (oneRun) c.run(n);
  else for (let i = 0; i < n; i++) c.run(1);
  const data: bigint[] = [];
  for (let i = 0; i < WINDOW; i += 8) data.push(c.mem.readU64(DATA + i));
  return { regs: Array.from({ length: 32 }, (_, r) => c.x[r]!), data, code: [c.mem.readU64(CODE + 0xff8)] };
}

test('loads and stores served by the host cache leave what the general path leaves', () => {
  fc.assert(
    fc.property(fc.array(insn, { minLength: 1, maxLength: 40 }), fc.integer(), (body, seed) => {
      const fast = runProgram(body, true, seed);
      const general = runProgram(body, false, seed);
      assert.deepEqual(fast, general);
    }),
    { numRuns: 300 },
  );
});

test('the short paths are taken: in one run, only the first load and the first store of a page translate', () => {
  const body = ['ldr x1, [x10, #8]', 'ldr x2, [x10, #16]', 'ldp x3, x4, [x10, #32]', 'stp x3, x4, [x10, #48]', 'str w1, [x10, #64]'];
  const misses = (oneRun: boolean): number => {
    const c = makeCpu([]);
    const a = assemble('ldst.S', ['_start:', ...body].join('\n'));
    load(c, a.sections);
    c.x[10] = BigInt(DATA);
    if (oneRun) c.run(body.length);
    else for (let i = 0; i < body.length; i++) c.run(1);
    return c.stats.hostMisses;
  };
  assert.equal(misses(true), 2, 'the first load and the first store fill the host cache');
  assert.equal(misses(false), 5, 'each instruction\'s first access translated (an LDP/STP\'s second hits)');
});
