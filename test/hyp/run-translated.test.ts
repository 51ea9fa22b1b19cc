// `twostage run` observes EL2 instruction by instruction and the contexts only at their entries and exits
// (observe.ts sets Cpu.traceExecEls to EL2), so the contexts' code runs translated. The report must be the one the
// interpreter gives: every episode (with its guest instruction count), the UART bytes, the verdicts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CpuStats } from '../../src/cpu/stats.ts';
import { buildImage } from '../../src/hyp/image.ts';
import { runImage, type RunReport } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { TEST_HOT } from '../helpers/translate.ts';

function run(file: string, translate: boolean): { r: RunReport; stats: CpuStats } {
  const img = buildImage(parseScenario(readFileSync(file, 'utf8'), file), file);
  let stats: CpuStats | undefined;
  const r = runImage(img, {
    prepare: (m) => {
      m.cpu.translateBlocks = translate;
      m.cpu.translateAfter = TEST_HOT;
    },
    onStats: (c) => (stats = c.stats),
  });
  return { r, stats: stats! };
}

const comparable = (r: RunReport): unknown => ({ uart: r.uart, episodes: r.episodes, verdicts: r.verdicts, stop: r.stop, instructions: r.instructions, costs: r.costs, denied: r.denied });

for (const file of ['scenarios/seed.yaml', 'scenarios/preempt.yaml']) {
  test(`${file}: the contexts run translated and the report is the interpreter's`, () => {
    const t = run(file, true);
    const i = run(file, false);
    assert.ok(t.stats.translated > 0, 'some context instructions ran in translated blocks');
    assert.equal(i.stats.translated, 0);
    assert.ok(t.r.episodes.some((e) => (e.guestInsns ?? 0) > 0));
    assert.deepEqual(comparable(t.r), comparable(i.r));
  });
}

test('--trace exec sees every EL again, so nothing runs translated', () => {
  const file = 'scenarios/seed.yaml';
  const img = buildImage(parseScenario(readFileSync(file, 'utf8'), file), file);
  let stats: CpuStats | undefined;
  let guestLines = 0;
  runImage(img, {
    trace: ['exec'],
    traceWrite: (line) => {
      if (!line.startsWith('0x0000000040')) guestLines++; // the hypervisor's code sits at 0x4000_0000 on
    },
    prepare: (m) => (m.cpu.translateAfter = TEST_HOT),
    onStats: (c) => (stats = c.stats),
  });
  assert.equal(stats!.translated, 0);
  assert.ok(guestLines > 0, 'the trace shows the contexts\' instructions');
});
