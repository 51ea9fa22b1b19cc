// The dispatch warm-up (src/cpu/warm-dispatch.ts): one word for every handler of the interpreter's switch, run once
// per process on a scratch CPU — never on, and never changing, the CPU that is running.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from '../../src/arch/a64/decode.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { HANDLER_OF, HANDLERS } from '../../src/cpu/dispatch.ts';
import { dispatchWords, warmDispatch } from '../../src/cpu/warm-dispatch.ts';
import { COUNTING_LOOP, cpuState, makeCpu } from '../helpers/cpu.ts';

test('the warm-up has one word for every handler of the switch, each decoding to a different handler', () => {
  const words = dispatchWords();
  const handlers = words.map((w) => HANDLER_OF[decode(w)]!);
  assert.equal(new Set(handlers).size, words.length);
  assert.equal(words.length, HANDLERS.length, `handlers without a word: ${HANDLERS.filter((_, i) => !handlers.includes(i)).map((h) => h.name).join(', ')}`);
});

test('the warm-up runs every word once, on a CPU of its own, once per process; the running CPU ends as without it', () => {
  // b runs in the same two slices without the warm-up between them (the register file's scratch slots depend on
  // where a run stops)
  const a = makeCpu(COUNTING_LOOP);
  const b = makeCpu(COUNTING_LOOP);
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
  assert.deepEqual(cpuState(a), cpuState(b));
  assert.equal(a.mem.readU64(0x4040_0000), b.mem.readU64(0x4040_0000));
  assert.ok(a.x[1]! > 100n, 'the loop ran');
});
