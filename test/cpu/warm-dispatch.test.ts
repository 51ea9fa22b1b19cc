// The dispatch warm-up (src/cpu/warm-dispatch.ts): one word for every handler of the interpreter's switch, run once
// per process on a scratch CPU — never on, and never changing, the CPU that is running.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from '../../src/arch/a64/decode.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { HANDLER_OF, HANDLERS } from '../../src/cpu/dispatch.ts';
import { readNzcv } from '../../src/cpu/pstate.ts';
import { dispatchWords, warmDispatch } from '../../src/cpu/warm-dispatch.ts';
import { makeCpu } from '../helpers/cpu.ts';

test('the warm-up has one word for every handler of the switch, each decoding to a different handler', () => {
  const words = dispatchWords();
  const handlers = words.map((w) => HANDLER_OF[decode(w)]!);
  assert.equal(new Set(handlers).size, words.length);
  assert.equal(words.length, HANDLERS.length, `handlers without a word: ${HANDLERS.filter((_, i) => !handlers.includes(i)).map((h) => h.name).join(', ')}`);
});

test('the warm-up runs every word once, on a CPU of its own, once per process; the running CPU ends as without it', () => {
  // x1 counts, x2 accumulates, a store and a load each pass (the words as GNU as 2.40 encodes them)
  const loop = [
    0xd2a80803, // movz x3, #0x4040, lsl #16
    0x91000421, // add x1, x1, #1
    0x8b010042, // add x2, x2, x1
    0xf9000062, // str x2, [x3]
    0xf9400064, // ldr x4, [x3]
    0xf100043f, // cmp x1, #1
    0x17fffffb, // b (the add)
  ];
  const state = (c: Cpu): string[] => [...c.x].map((v) => v.toString(16)).concat(readNzcv(c).toString(16), String(c.icount));
  // b runs in the same two slices without the warm-up between them (the register file's scratch slots depend on
  // where a run stops)
  const a = makeCpu(loop);
  const b = makeCpu(loop);
  a.run(500);
  b.run(500);
  let made = 0;
  warmDispatch(CORTEX_A57, (p, m) => {
    made++;
    return new Cpu(p, m);
  });
  warmDispatch(CORTEX_A57, (p, m) => {
    made++;
    return new Cpu(p, m);
  });
  assert.equal(made, 1, 'one scratch CPU, once per process');
  a.run(500);
  b.run(500);
  assert.deepEqual(state(a), state(b));
  assert.equal(a.mem.readU64(0x4040_0000), b.mem.readU64(0x4040_0000));
  assert.ok(a.x[1]! > 100n, 'the loop ran');
});
