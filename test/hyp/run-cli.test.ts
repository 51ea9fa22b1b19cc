// `twostage run` on the command line: --json structure, --sync/--speculate/--errata, --trace, and the progress line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressLine } from '../../src/cli/progress.ts';
import { CLI } from '../helpers/cli.ts';

const run = (...args: string[]) => spawnSync(process.execPath, [...CLI, 'run', ...args], { encoding: 'utf8' });

test('--json: one report per mode with switches, costs and verdicts under the expected keys', () => {
  const r = run('scenarios/seed.yaml', '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, ''); // not a TTY: no progress line
  const reports = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(reports.length, 1);
  const rep = reports[0]!;
  for (const k of ['hosting', 'tlb', 'sync', 'errata', 'exitCode', 'stop', 'instructions', 'uart', 'episodes', 'denied', 'deniedTotal', 'deniedPerContext', 'costs', 'verdicts', 'notes']) {
    assert.ok(k in rep, `missing key ${k}`);
  }
  assert.equal(rep.observation, undefined);
  assert.equal(rep.sync, 'immediate');
  const eps = rep.episodes as { from: number; to: number; writes: { reg: string; value: string }[]; barriers: string[]; tlbis: string[]; insns: number }[];
  const sw = eps.find((e) => e.from === 1 && e.to === 2)!; // vm2 → app
  assert.match(sw.writes.find((w) => w.reg === 'VTTBR_EL2')!.value, /^0x3[0-9a-f]{12}$/); // VMID 3 in bits 55:48, as a hex string
  assert.ok(sw.barriers.includes('isb'));
  const costs = rep.costs as { kind: string; count: number; writes: number; barriers: number; tlbis: number; insns: number }[];
  assert.deepEqual(costs.map((c) => c.kind).sort(), ['app→vm', 'vm→app', 'vm→vm']);
  for (const c of costs) for (const k of ['count', 'writes', 'barriers', 'tlbis', 'insns'] as const) assert.equal(typeof c[k], 'number');
  const verdicts = rep.verdicts as { requirement: string; status: string; evidence: string }[];
  assert.deepEqual(verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  assert.match(verdicts[2]!.requirement, /memory outside its own/);
});

test('--sync architectural --speculate --errata on an errata: [1319537] scenario: passes; bad sync flags are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-run-'));
  const file = join(dir, 'seed-errata.yaml');
  writeFileSync(file, readFileSync('scenarios/seed.yaml', 'utf8').replaceAll('../src/', `${process.cwd()}/src/`) + 'errata: [1319537]\n');
  const r = run(file, '--json', '--sync', 'architectural', '--speculate', '5', '--errata');
  assert.equal(r.status, 0, r.stderr);
  const rep = (JSON.parse(r.stdout) as { sync: string; errata: number[]; verdicts: { status: string }[] }[])[0]!;
  assert.equal(rep.sync, 'architectural+speculate+errata');
  assert.deepEqual(rep.errata, [1319537]);
  assert.deepEqual(rep.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  const bad = run('scenarios/seed.yaml', '--sync', 'immediate', '--errata');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--errata need --sync architectural/);
});

test('--trace sysreg,int prints MSR and exception lines on stderr next to the report; unknown kinds are refused', () => {
  const r = run('scenarios/seed.yaml', '--no-timeline', '--trace', 'sysreg,int');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\[PASS\] no stale translation/);
  assert.match(r.stderr, /^msr VBAR_EL2 <- 0x0000000040080800$/m); // boot: adr x0, el2_vectors (0x40080000 + 0x800)
  assert.match(r.stderr, /^msr VTTBR_EL2 <- 0x0003/m); // the app's VMID 3
  const bad = run('scenarios/seed.yaml', '--trace', 'exec,foo');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown trace kind 'foo'/);
});

test('progress: quiet when not a TTY and for the first 0.5 s; then at most one redraw per 0.5 s; cleared at the end', () => {
  const out: string[] = [];
  let t = 0;
  const quiet = progressLine({ isTTY: false, write: (s) => out.push(s) }, () => t);
  t = 10_000;
  quiet.update('x');
  assert.equal(out.length, 0);
  t = 0;
  const p = progressLine({ isTTY: true, write: (s) => out.push(s) }, () => t);
  t = 400;
  p.update('0.4M'); // a short run: nothing
  assert.equal(out.length, 0);
  t = 600;
  p.update('1.0M');
  t = 900;
  p.update('1.5M'); // within 0.5 s of the last redraw
  t = 1100;
  p.update('2.0M');
  p.clear();
  assert.deepEqual(out, ['\r| 1.0M', '\r/ 2.0M', '\r      \r']);
});
