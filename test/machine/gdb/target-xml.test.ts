// target.xml as gdb-multiarch reads it: every register at the number and size the g/p packets will use, the
// core and fpu features recognised as AArch64's (gdb then adds its w/s/d pseudo-registers), no warnings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TDESC_REGS, targetXml } from '../../../src/machine/gdb/target-xml.ts';

const GDB = spawnSync('gdb-multiarch', ['--version'], { stdio: 'ignore' }).status === 0;

test('gdb-multiarch loads target.xml: every register at its number and size, AArch64 pseudo-registers added', (t) => {
  if (!GDB) return t.skip('skipped: gdb-multiarch is not installed');
  const file = join(mkdtempSync(join(tmpdir(), 'twostage-tdesc-')), 'target.xml');
  writeFileSync(file, targetXml());
  const r = spawnSync('gdb-multiarch', ['-nx', '-batch', '-ex', 'set architecture aarch64', '-ex', `set tdesc filename ${file}`, '-ex', 'maint print registers'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rows = new Map<string, { nr: number; size: number }>();
  for (const m of r.stdout.matchAll(/^ (\S+)\s+(\d+)\s+\d+\s+\d+\s+(\d+) /gm)) rows.set(m[1]!, { nr: Number(m[2]), size: Number(m[3]) });
  const bad = TDESC_REGS.flatMap((reg, nr) => {
    const row = rows.get(reg.name);
    return row?.nr === nr && row.size === reg.bits / 8 ? [] : [`${reg.name}: want #${nr} ${reg.bits / 8} bytes, gdb ${JSON.stringify(row)}`];
  });
  assert.deepEqual(bad, []);
  for (const pseudo of ['w0', 'w30', 's31', 'd0', 'q15', 'b7', 'h3']) assert.ok(rows.has(pseudo), `gdb added no ${pseudo}: the feature was not recognised`);
  t.diagnostic(`${TDESC_REGS.length} registers at gdb's numbers`);
});
