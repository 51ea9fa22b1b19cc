// Cpu.traceExecWhen: the trace hook sees the instructions of the fetch pages the predicate picks as they are entered,
// all of them; the other pages run untraced (translated once hot), and the run ends as a fully traced one does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { TEST_HOT } from '../helpers/translate.ts';

const CODE = 0x4008_0000;
// page A loops hot, then calls page B, which counts in x2 and returns; 40 times
const SOURCE = `
    movz x3, #40
outer:
    movz x0, #50
loop:
    add x1, x1, #1
    subs x0, x0, #1
    b.ne loop
    bl page_b
    subs x3, x3, #1
    b.ne outer
done:
    b done
    .balign 4096
page_b:
    add x2, x2, #1
    add x4, x4, x2
    ret
`;

function run(when: ((c: Cpu) => boolean) | null): { cpu: Cpu; seen: Set<bigint>; traced: number } {
  const r = assemble('trace-when.S', SOURCE, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics, []);
  const mem = new PhysMemory(0x4000_0000, 0x20_0000);
  mem.writeBytes(CODE, r.sections[0]!.bytes);
  const cpu = new Cpu(CORTEX_A57, mem);
  cpu.reset(BigInt(CODE));
  cpu.translateAfter = TEST_HOT;
  const seen = new Set<bigint>();
  let traced = 0;
  cpu.traceExec = (_c, pc) => {
    seen.add(pc);
    traced++;
  };
  cpu.traceExecWhen = when;
  cpu.run(10_000);
  return { cpu, seen, traced };
}

test('only the pages traceExecWhen picks are traced, every instruction of them; the rest runs translated; the state is the same', () => {
  const pageB = BigInt(CODE + 0x1000);
  const some = run((c) => c.x[PC]! >= pageB && c.x[PC]! < pageB + 0x1000n);
  const all = run(null);
  assert.deepEqual([...some.seen].sort(), [pageB, pageB + 4n, pageB + 8n]);
  assert.equal(some.traced, 3 * 40, 'each of the 40 calls: its three instructions');
  assert.ok(some.cpu.stats.translated > 0, 'page A ran translated');
  assert.equal(all.cpu.stats.translated, 0, 'traced code is interpreted');
  assert.ok(all.seen.has(BigInt(CODE)) && all.seen.has(pageB));
  for (const k of [0, 1, 2, 3, 4, PC]) assert.equal(some.cpu.x[k], all.cpu.x[k], `X${k === PC ? 'PC' : k}`);
  assert.equal(some.cpu.x[2], 40n);
  assert.equal(some.cpu.retired(), all.cpu.retired());
});
