// The first long translating run of a process warms the run loop (Cpu.run, WARM_BLOCKS_AT = 2,000 instructions): V8
// compiles the loop after a few thousand instructions with the feedback it has then, long before any block exists. The
// run pauses at that budget boundary, warms up on scratch CPUs, and goes on: it retires the same instructions and
// ends in the same state as a run that never paused. Its own file: the warm-up happens once per process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cpu } from '../../src/cpu/cpu.ts';
import { blocksWarmed } from '../../src/cpu/warm-blocks.ts';
import { COUNTING_LOOP, cpuState, makeCpu } from '../helpers/cpu.ts';

/** Run `c` for `budget` counting the warm-ups it asks for (the scratch CPUs ask too, at each block they make). */
function runCounting(c: Cpu, budget: number): number {
  const warm = Cpu.prototype.warmBlocks;
  let asked = 0;
  Cpu.prototype.warmBlocks = function (this: Cpu): void {
    if (this === c) asked++;
    warm.call(this);
  };
  try {
    c.run(budget);
  } finally {
    Cpu.prototype.warmBlocks = warm;
  }
  return asked;
}

test('a run of at most 2,000 instructions, or one that interprets only, does not warm the loop', () => {
  const short = makeCpu(COUNTING_LOOP);
  assert.equal(runCounting(short, 2000), 0);
  const interpreting = makeCpu(COUNTING_LOOP);
  interpreting.translateBlocks = false;
  assert.equal(runCounting(interpreting, 5000), 0);
  assert.equal(blocksWarmed(), false);
});

test('the first longer translating run warms the loop once, mid-run, and ends as a run that never paused', () => {
  const a = makeCpu(COUNTING_LOOP);
  const b = makeCpu(COUNTING_LOOP);
  b.translateBlocks = false;
  assert.equal(runCounting(a, 5000), 1);
  assert.equal(a.stats.blocksMade, 0, 'no word got hot (833 passes): the run\'s length alone asked for the warm-up');
  b.run(5000);
  assert.equal(blocksWarmed(), true);
  assert.equal(a.icount, 5000);
  assert.deepEqual(cpuState(a), cpuState(b));
  assert.equal(a.mem.readU64(0x4040_0000), b.mem.readU64(0x4040_0000));
  assert.equal(runCounting(makeCpu(COUNTING_LOOP), 5000), 0, 'once per process');
});
