import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { audit } from '../../src/check/audit.ts';
import { formatAudit } from '../../src/check/audit-report.ts';
import { eitherEl, permText } from '../../src/hyp/table-map.ts';
import { buildImage } from '../../src/hyp/image.ts';
import { parseScenario, type HostingMode } from '../../src/hyp/scenario.ts';
import { CLI } from '../helpers/cli.ts';

const SEED = 'scenarios/seed.yaml';
const seed = parseScenario(readFileSync(SEED, 'utf8'), SEED);
const run = (hosting: HostingMode, s = seed) => audit(buildImage(s, SEED, hosting));
const row = (a: ReturnType<typeof audit>, ctx: string) => {
  const i = a.contexts.findIndex((c) => c.name === ctx);
  return Object.fromEntries(a.columns.map((c, j) => [c, permText(eitherEl(a.matrix[i]![j]!))]));
};

// seed.yaml's layout: hypervisor 0x4008_0000, page-table pool 0x4020_0000 (2 MiB), then vm1 at 0x4040_0000,
// vm2 at 0x4060_0000 and the app at 0x4080_0000 (2 MiB aligned, src/hyp/layout.ts)
for (const hosting of ['el1-shim', 'el1-shim-s2', 's2-only'] as const) {
  test(`audit ${hosting}: every context stays in its own memory (+ the shim, read-only)`, () => {
    const a = run(hosting);
    assert.deepEqual(a.violations, []);
    for (const vm of ['vm1', 'vm2']) {
      const r = row(a, vm);
      assert.equal(r[vm], 'rwx');
      for (const [col, p] of Object.entries(r)) if (col !== vm) assert.equal(p, '---', `${vm} → ${col}`);
    }
    const app = row(a, 'app');
    // s2-only: the app's region is above 2^44, which stage 2 (VA == IPA) cannot map, so it reaches nothing
    assert.equal(app.app, hosting === 's2-only' ? '---' : 'rwx');
    assert.equal(app['EL1 shim'], hosting === 's2-only' ? '---' : 'r-x'); // AP=10: EL1 read-only, PXN=0
    for (const col of ['hypervisor', 'page tables', 'vm1', 'vm2', 'free RAM', 'no memory', 'pl011', 'GICv2 distributor', 'GICv2 CPU interface']) assert.equal(app[col], '---', col);
    assert.deepEqual(a.aliases, []);
  });
}

for (const hosting of ['seed-tge', 'seed-literal'] as const) {
  test(`audit ${hosting}: the app reaches all of RAM (TGE=1, VM=0: VA == PA), with a concrete chain`, () => {
    const a = run(hosting);
    const app = row(a, 'app');
    for (const col of a.columns) assert.equal(app[col], 'rwx', col);
    const flagged = a.violations.map((v) => `${v.context}:${v.region}`).sort();
    assert.deepEqual(flagged, ['app:EL1 shim', 'app:hypervisor', 'app:page tables', 'app:vm1', 'app:vm2']);
    const text = formatAudit(a);
    assert.match(text, /VA 0x40400000 → IPA 0x40400000 → PA 0x40400000/); // vm1's first byte, VA == IPA == PA
    assert.match(text, /stage 1: off \(HCR_EL2\.TGE=1/);
    assert.match(text, /stage 2: off \(HCR_EL2\.VM=0, DC=0\)/);
    assert.match(text, /HCR_EL2 0x0000000088080038/); // RW|TGE|TSC|AMO|IMO|FMO (0x8000_0000|0x0800_0000|0x8_0000|0x38)
  });
}

test('audit chains name the descriptors: el1-shim-s2 composes the app\'s stage 1 with its stage 2', () => {
  const a = run('el1-shim-s2');
  const app = a.contexts.find((c) => c.name === 'app')!;
  const first = app.ranges.find((r) => r.pa === 0x4080_0000)!;
  assert.equal(first.va, 0xff80_0000_0000n);
  assert.equal(first.s1!.length, 4); // 48-bit VA, 4K: L0..L3 (1 MiB region: pages)
  assert.equal(first.s1![3]!.kind, 'page');
  assert.equal(first.s2!.at(-1)!.kind, 'page');
});

test('a protection grant allows exactly what it says', () => {
  const text = readFileSync(SEED, 'utf8') + 'protection:\n  - { context: app, may_access: vm1, access: r }\n';
  const a = run('seed-tge', parseScenario(text, SEED));
  const v = a.violations.find((x) => x.region === 'vm1')!;
  assert.equal(permText(eitherEl(v.perm)), '-wx'); // read granted; write and execute still forbidden
});

test('twostage audit: exit 0 clean, 1 on a violation, 2 on bad input', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [...CLI, 'audit', ...args], { encoding: 'utf8' });
  assert.equal(cli(SEED).status, 0);
  const bad = cli(SEED, '--hosting', 'seed-tge', '--format', 'json');
  assert.equal(bad.status, 1);
  assert.equal((JSON.parse(bad.stdout) as { violations: unknown[] }).violations.length, 5);
  assert.equal(cli(SEED, '--hosting', 'nope').status, 2);
  assert.equal(cli('no-such.yaml').status, 2);
});
