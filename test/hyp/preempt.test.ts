// Preemption by the hypervisor's slice timer (src/hyp/asm/irq.S): scenarios/preempt.yaml runs a VM that never yields
// (src/hyp/guests/spinner.S) next to the seed's guest kernel and native app. Each of the spinner's slices must end
// with the CNTHP_EL2 IRQ after exactly schedule.slice_insns of its instructions (counting the instructions of all
// its entries in that slice: calls that resume it do not restart the slice), and the schedule must still complete.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildImage } from '../../src/hyp/image.ts';
import { formatReport } from '../../src/hyp/report.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

const FILE = 'scenarios/preempt.yaml';
const scenario = parseScenario(readFileSync(FILE, 'utf8'), FILE);
const img = buildImage(scenario, FILE);
const r = runImage(img);
const SPIN = img.contexts.findIndex((c) => c.name === 'spin');

test('the spinner is preempted after exactly slice_insns of its instructions, slice after slice', () => {
  assert.equal(r.exitCode, 0);
  assert.deepEqual(r.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  const n = scenario.schedule.slice_insns;
  // walk the spinner's exits: a timer IRQ closes a slice; calls (putc) in between resume it
  const slices: number[] = [];
  let ran = 0;
  for (const e of r.episodes.filter((x) => x.from === SPIN)) {
    ran += e.guestInsns ?? 0;
    if (e.irq === true) {
      slices.push(ran);
      ran = 0;
    }
  }
  assert.deepEqual(slices, Array(scenario.schedule.slices).fill(n), 'every slice: exactly slice_insns instructions');
  assert.equal(r.episodes.filter((e) => e.irq === true && e.from !== SPIN).length, 0, 'the others yield first');
  assert.match(r.uart, /\[spin\] slices used up\n\[hyp\] all contexts finished/);
  assert.match(r.uart, /\[vm1\] exit 0x0{16}\n\[app\] exit 0x0{16}\n/);
});

test('the report tells timer-ended slices from yields', () => {
  const text = formatReport(img, r);
  assert.match(text, /#\d+ spin → app {2}\[timer\]/);
  assert.match(text, /-- slices: 6 ended by a yield, 6 by the slice timer \(CNTHP_EL2 IRQ after 20000 of the context's instructions\)/);
});

test('a slice shorter than a guest\'s work preempts yielding guests too, and the schedule still completes', () => {
  const text = readFileSync(FILE, 'utf8').replace('slice_insns: 20000', 'slice_insns: 300').replaceAll('../src/', `${process.cwd()}/src/`);
  const s = parseScenario(text, 'short.yaml');
  const short = runImage(buildImage(s, 'short.yaml'));
  assert.equal(short.exitCode, 0);
  const timerFrom = new Set(short.episodes.filter((e) => e.irq === true).map((e) => e.from));
  assert.ok(timerFrom.has(0) && timerFrom.has(SPIN), `timer slices of ${[...timerFrom].join(', ')}`);
  assert.match(short.uart, /\[hyp\] all contexts finished/);
});
