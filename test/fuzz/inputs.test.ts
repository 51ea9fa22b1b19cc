// The input fuzz slice of `npm test`: the first 200 cases of a fixed seed (test/fuzz/inputs.ts), every command line
// run in a worker with a CPU-time and memory limit. A finding is an internal error, a crash, a hang, unbounded
// memory, an undocumented exit status, or an exit 2 whose first line names neither the file nor the flag. The long
// campaign is `npm run fuzz:inputs` (scripts/fuzz-inputs.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliRunner } from './harness.ts';
import { type Finding, loadCorpus, runCampaign } from './inputs.ts';

const SEED = 20261204;
const CASES = 200;

test(`input fuzz: ${CASES} cases of seed ${SEED} end in a documented status with a diagnostic, within limits`, async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'twostage-fuzz-'));
  const runner = new CliRunner({ cpuMs: 10_000, wallMs: 120_000, rssMb: 2048 });
  const findings: Finding[] = [];
  const kinds = new Map<string, number>();
  const statuses = new Set<number>();
  try {
    const r = await runCampaign({
      seed: SEED, from: 0, count: CASES, shard: 1, shards: 1, corpus: loadCorpus(join(scratch, 'corpus')), dir: join(scratch, 'case'),
      run: (argv) => runner.run(argv),
      onFinding: (f) => findings.push(f),
      onCase: (_i, fc, o) => {
        const kind = fc.what.slice(0, fc.what.indexOf(':'));
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (o.kind === 'exit') statuses.add(o.status);
      },
    });
    assert.equal(r.cases, CASES);
  } finally {
    await runner.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  assert.deepEqual(findings.map((f) => JSON.stringify(f)), []);
  // every kind of input was tried, and both accepted and refused inputs occurred
  for (const kind of ['scenario', 'asm', 'elf', 'linux', 'flags']) assert.ok((kinds.get(kind) ?? 0) >= 10, `${kind}: ${kinds.get(kind) ?? 0} cases`);
  assert.ok(statuses.has(0) && statuses.has(2), `statuses seen: ${[...statuses].join(', ')}`);
});
