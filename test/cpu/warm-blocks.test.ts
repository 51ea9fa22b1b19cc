// The block-path warm-up (src/cpu/warm-blocks.ts): once per process, at the first block the run loop makes, a scratch
// CPU runs a small program through every block path of the run loop — never on, and never changing, the running CPU.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from '../../src/arch/a64/decode.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { ROWS } from '../../src/arch/a64/table.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { blocksWarmed, warmBlocks, warmProgram } from '../../src/cpu/warm-blocks.ts';
import { COUNTING_LOOP, cpuState, makeCpu } from '../helpers/cpu.ts';

test('the scratch program is the instructions it names (GNU objdump 2.40 on the same words)', () => {
  const expected = [
    'movz d2a80003', 'add 91402063', 'add 91400466', 'b 14000001', // mov x3, #0x40000000; add x3, x3, #0x8, lsl #12; add x6, x3, #0x1, lsl #12
    'ldr f94000c5', 'fmov 9e670020', 'b 14000001', // ldr x5, [x6]; fmov d0, x1
    'ldr f9400062', 'add 91000421', 'b 14000001', // ldr x2, [x3]; add x1, x1, #0x1
    ...Array.from({ length: 6 }, () => ['add 91000484', 'b 14000001']).flat(), // add x4, x4, #0x1
    'subs f100203f', 'b.cond 54fffda1', // cmp x1, #0x8; b.ne (the ldr x5)
    'add 91000484', 'b 17ffffff', // add x4, x4, #0x1; b (the add)
  ];
  assert.deepEqual(warmProgram().map((w) => `${ROWS[decode(w)]!.mnemonic} ${w.toString(16)}`), expected);
});

test('the warm-up takes every block path once per process, on a scratch CPU of its own', () => {
  assert.equal(blocksWarmed(), false, 'nothing in this process made a block before');
  const made: Cpu[] = [];
  warmBlocks(true, (m) => {
    const c = new Cpu(CORTEX_A57, m);
    made.push(c);
    return c;
  });
  warmBlocks(true, () => assert.fail('a second warm-up'));
  assert.equal(made.length, 1);
  const c = made[0]!;
  const s = c.stats;
  assert.equal(c.icount, 2000);
  assert.equal(c.x[1], 8n, 'the chain of blocks went round 8 times');
  assert.equal(s.exceptions.reduce((a, b) => a + b, 0), 0, 'no exception (FP enabled at EL2 out of reset)');
  const all = s.blocksMade + s.blocksAhead; // the hot ones and those wasm blocks brought (jit/block.ts withSuccessors)
  assert.ok(s.wasmBlocksMade >= 9 && all > s.wasmBlocksMade, `wasm and JavaScript blocks: ${all}, ${s.wasmBlocksMade} wasm`);
  assert.ok(s.chained > 0, 'wasm blocks entered chained');
  assert.ok(s.loopBacks > 0, 'a loop block ran passes in place');
  assert.equal(s.hostMisses, 2, 'each load left to the interpreter once (a host-cache miss), then inline');
  assert.ok(s.inlineHits > 0, 'a JavaScript block counted inline accesses');
  assert.ok(s.translated > 1900, `translated ${s.translated}`);
});

test('the run loop asks for the warm-up at each block it makes; the running CPU ends as without it', () => {
  const a = makeCpu(COUNTING_LOOP);
  const b = makeCpu(COUNTING_LOOP);
  a.translateAfter = b.translateAfter = 4;
  a.translateBlocks = false;
  b.translateBlocks = false;
  a.run(500);
  b.run(500);
  a.translateBlocks = true; // a makes blocks, b interprets
  const warm = Cpu.prototype.warmBlocks;
  let asked = 0;
  Cpu.prototype.warmBlocks = function (this: Cpu): void {
    asked++;
    warm.call(this);
  };
  try {
    a.run(5000);
    b.run(5000);
  } finally {
    Cpu.prototype.warmBlocks = warm;
  }
  assert.ok(a.stats.blocksMade > 0 && a.stats.translated > 4000);
  assert.equal(asked, a.stats.blocksMade);
  assert.deepEqual(cpuState(a), cpuState(b));
  assert.equal(a.mem.readU64(0x4040_0000), b.mem.readU64(0x4040_0000));
});
