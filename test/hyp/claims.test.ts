// The README's hosting table as executable claims (src/hyp/claims.ts): on scenarios/seed.yaml every mode fails exactly
// the requirements the table says it fails, and `run --hosting all` exits 1 only when a mode fails one it should meet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { checkClaims, EXPECTED_FAILURES } from '../../src/hyp/claims.ts';
import type { Verdict } from '../../src/hyp/run.ts';
import { HOSTING_MODES } from '../../src/hyp/scenario.ts';
import { CLI } from '../helpers/cli.ts';

test('run --hosting all on seed.yaml: every mode fails exactly what the README says it fails, exit 0', () => {
  const r = spawnSync(process.execPath, [...CLI, 'run', 'scenarios/seed.yaml', '--hosting', 'all', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const reports = JSON.parse(r.stdout) as { hosting: (typeof HOSTING_MODES)[number]; verdicts: Verdict[] }[];
  assert.deepEqual(reports.map((x) => x.hosting), [...HOSTING_MODES]);
  for (const rep of reports) {
    const failed = rep.verdicts.filter((v) => v.status === 'fail').map((v) => v.id);
    assert.deepEqual(failed, EXPECTED_FAILURES[rep.hosting], rep.hosting);
  }
});

test('checkClaims: a failure the table does not claim is reported, a claimed failure that passes too, n/a matches either', () => {
  const v = (id: Verdict['id'], status: Verdict['status']): Verdict => ({ id, requirement: id, status, evidence: '' });
  const shim = checkClaims('el1-shim', [v('va48', 'pass'), v('isolation', 'fail')]);
  assert.deepEqual(shim.unexpectedFailures.map((x) => x.id), ['isolation']);
  const tge = checkClaims('seed-tge', [v('va48', 'n/a'), v('isolation', 'pass'), v('stale', 'pass')]);
  assert.deepEqual(tge.unexpectedFailures, []);
  assert.deepEqual(tge.unexpectedPasses.map((x) => x.id), ['isolation']);
});
