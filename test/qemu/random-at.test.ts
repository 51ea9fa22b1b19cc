// Random address-translation probes (test/qemu/random-at/, scripts/atdiff.ts): the recorded programs' PAR_EL1 values
// and AT Data Aborts on twostage, judged against QEMU's recorded output — every one equal or a documented QEMU 7.2
// departure (test/qemu/DEVIATIONS.md); `npm run test:qemu-live` re-runs QEMU on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareAt } from './random-at/compare.ts';
import { atProgram } from './random-at/program.ts';
import { AT_DIFF, CONFIGS, RECORDED_SEEDS, runOnTwostage } from './random-at/run.ts';
import { recordedElf as elfOf, recordedOut as outOf } from './seeded-diff.ts';

const recordedElf = (seed: number): string => elfOf(AT_DIFF, seed);
const recordedOut = (seed: number): string => outOf(AT_DIFF, seed);

test("random AT probes: every PAR_EL1 equals QEMU's or differs as a documented QEMU departure", () => {
  let equal = 0;
  let probes = 0;
  for (const seed of RECORDED_SEEDS) {
    const p = atProgram(seed, CONFIGS);
    const c = compareAt(p.probes, readFileSync(recordedOut(seed), 'latin1'), runOnTwostage(readFileSync(recordedElf(seed))));
    assert.deepEqual(c.unexplained, [], `seed ${seed}`);
    equal += c.counts.equal;
    probes += p.probes.length;
  }
  // most probes agree exactly: a classifier that explained everything away would fail here
  assert.ok(equal >= 0.8 * probes, `${equal} of ${probes} equal`);
});

test('the comparison reports a PAR_EL1 that differs for no documented reason', () => {
  const p = atProgram(1, CONFIGS);
  const qemu = readFileSync(recordedOut(1), 'latin1');
  // a probe both translate successfully: flipping a PA bit of QEMU's answer is a difference no departure explains
  const key = p.probes.find((x) => new RegExp(`^${x.key}=0x[0-9a-f]*[02468ace]$`, 'm').test(qemu))!.key;
  const broken = qemu.replace(new RegExp(`^${key}=0x([0-9a-f]+)$`, 'm'), (_, v: string) => `${key}=0x${(BigInt(`0x${v}`) ^ 0x1000n).toString(16).padStart(16, '0')}`);
  const c = compareAt(p.probes, broken, qemu);
  assert.equal(c.counts.unexplained, 1);
  assert.match(c.unexplained[0]!, new RegExp(`^${key} `));
});
