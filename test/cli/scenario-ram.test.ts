// A scenario whose RAM the virt board cannot hold: `build`, `run` and `audit` each print one line naming the file,
// the line and the field, and exit 2 (src/machine/virt.ts ramSizeProblem is the one rule).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/cli.ts';

const twostage = (...args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

test('ram.size the board cannot hold: one line, file:line: field, exit 2 — for build, run and audit (one loader)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-ram-'));
  const cases: [string, RegExp][] = [
    ['17T', /ram\.size: 0x110000000000 bytes is more than the virt board holds: .*at most 0xfffc0000000 bytes/],
    ['0', /ram\.size: the RAM size must be more than zero/],
    ['0x1000_1000', /ram\.size: 0x10001000 bytes is not a whole number of the machine's 64 KiB RAM pages/],
  ];
  for (const [size, why] of cases) {
    const file = join(dir, 'ram.yaml');
    writeFileSync(file, `cpu: cortex-a57\nram: { size: ${size} }\ncontexts:\n  - { name: a, kind: vm, ipa_bits: 40, memory: [ { at: 0x0, size: 2M } ], image: { source: a.S, entry: 0 } }\n`);
    const cmds = [['build', file, '-o', join(dir, 'x.elf')], ['run', file], ['audit', file]];
    for (const cmd of size === '17T' ? cmds : cmds.slice(0, 1)) {
      const r = twostage(...cmd);
      assert.equal(r.status, 2, `${cmd[0]} ${size}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0]!.startsWith(`${file}:2: `), lines[0]);
      assert.match(lines[0]!, why);
    }
  }
});
