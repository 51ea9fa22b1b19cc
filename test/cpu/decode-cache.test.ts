// The decode cache's heat (src/cpu/decode-cache.ts): an entry point is translated at its translateAfter-th interpreter
// entry, as many entries as before heat moved into the decode cache; a page's drop makes its words warm up again
// while they stay decoded; a write to a word makes it decode and warm up again. The default threshold ramps up with
// the blocks made (jit/block.ts translationThreshold).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { heatOf, OP_MASK } from '../../src/cpu/decode-cache.ts';
import { HOT, HOT_FIRST, HOT_STEP, translationThreshold } from '../../src/cpu/jit/block.ts';
import { forgetCode, PhysMemory } from '../../src/memory/phys.ts';

const CODE = 0x4008_0000;

/** A CPU at a three-instruction loop (`loop:` at CODE + 8) that counts x1 up and x2 down, translating after `after`. */
function loopCpu(after: number): Cpu {
  const r = assemble('heat.S', `
    movz x2, #0xffff
    mov x1, xzr
loop:
    add x1, x1, #1
    subs x2, x2, #1
    b.ne loop
1:  b 1b
`, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics, []);
  const mem = new PhysMemory(0x4000_0000, 16 * 1024 * 1024);
  mem.writeBytes(CODE, r.sections[0]!.bytes);
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(BigInt(CODE));
  c.translateAfter = after;
  return c;
}

const HEAD = ((CODE & 0xffff) >>> 2) + 2; // the loop's first word in its RAM page
const entry = (c: Cpu): number => c.mem.page(CODE)!.ops![HEAD]!;
const headBlock = (c: Cpu): number => (c.fetchBlocks.lens[HEAD] ?? 0);

for (const after of [1, 2, 5, 40]) {
  test(`translateAfter ${after}: the loop's head is translated at its ${after}-th entry, not before`, () => {
    const c = loopCpu(after);
    c.run(2 + 3 * (after - 1)); // the two set-up instructions, then after - 1 passes interpreted
    assert.equal(headBlock(c), 0, 'no block before');
    assert.equal(heatOf(entry(c)), after - 1, 'the head was entered after - 1 times');
    c.run(1);
    assert.equal(headBlock(c), 3, `a block at entry ${after}`);
  });
}

test('a dropped page warms up again, its words still decoded; a written word decodes and warms up again', () => {
  const c = loopCpu(5);
  c.run(2 + 3 * 10);
  assert.equal(c.stats.blocksMade, 1);
  const ops = c.mem.page(CODE)!.ops!;
  const head = HEAD;
  const decoded = ops[head]! & OP_MASK;
  assert.notEqual(decoded, 0);
  // the page's blocks dropped (as a store over a word a block covers does), every word's heat with them
  c.mem.page(CODE)!.jit!.drop();
  assert.ok(ops.every((e) => heatOf(e) === 0), 'no heat left on the page');
  assert.equal(ops[head + 1]! & OP_MASK, ops[head + 1]!, 'the SUBS is still decoded');
  c.run(3 * 3);
  assert.equal(heatOf(ops[head]!), 3, 'warming up from zero');
  assert.equal(c.stats.blocksMade, 1, 'no block yet');
  c.run(3 * 2);
  assert.equal(c.stats.blocksMade, 2, 'translated again at the fifth entry');
  // a store over the loop's SUBS (a word the new block covers): neither decoded nor warm
  assert.equal(forgetCode(c.mem.page(CODE)!, head + 1, head + 1), true, 'the block covering it is dropped');
  assert.equal(ops[head + 1], 0);
});

/**
 * `count` loops one after another, each `passes` passes of a three-instruction body with its own entry word: each loop's
 * head becomes a block only if `passes` reaches the translation threshold when the loop runs.
 */
function loopsCpu(count: number, passes: number): Cpu {
  const loops = Array.from({ length: count }, (_, k) => `
    movz x2, #${passes}
l${k}:
    add x1, x1, #1
    subs x2, x2, #1
    b.ne l${k}`).join('');
  const r = assemble('ramp.S', `${loops}\n1:  b 1b\n`, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics, []);
  const mem = new PhysMemory(0x4000_0000, 16 * 1024 * 1024);
  mem.writeBytes(CODE, r.sections[0]!.bytes);
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(BigInt(CODE));
  return c;
}

test('the default threshold starts at HOT_FIRST and rises by HOT_STEP per block made, up to translateAfter', () => {
  assert.equal(translationThreshold(HOT, 0), HOT_FIRST);
  assert.equal(translationThreshold(HOT, 10), HOT_FIRST + 10 * HOT_STEP);
  assert.equal(translationThreshold(HOT, 1_000_000), HOT);
  assert.equal(translationThreshold(16, 0), 16, 'a lower cap (the tests\' translateAfter) holds from the start');
  // loops of 2,000 passes in one run: translated while HOT_FIRST + HOT_STEP × made ≤ 2,000
  const passes = 2000;
  const translatable = Math.floor((passes - HOT_FIRST) / HOT_STEP) + 1;
  const c = loopsCpu(translatable + 20, passes);
  assert.equal(c.translateAfter, HOT);
  c.run((translatable + 20) * (3 * passes + 1));
  assert.equal(c.stats.blocksMade, translatable, `the first ${translatable} loops are translated, the rest stay interpreted`);
});
