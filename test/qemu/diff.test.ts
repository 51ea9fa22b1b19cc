// The differential suite: every committed program (test/qemu/elf/NAME.elf) runs on twostage and its output must
// equal QEMU's recorded output byte for byte (expected/NAME.out), or the architecture's where QEMU departs from
// the Arm ARM (expected/NAME.arch.out, listed in DEVIATIONS.md). Programs named in pending.txt wait for a
// feature that has not landed yet: they run and report, as `todo`, without failing the suite.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareProgram, recordedPrograms } from './compare.ts';
import { ELF_DIR, listPrograms, QEMU_DIR } from './toolchain.ts';

/** pending.txt: `NAME  why` per line, # comments. */
function pending(): Map<string, string> {
  const file = join(QEMU_DIR, 'pending.txt');
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const t = line.replace(/#.*/, '').trim();
    if (t === '') continue;
    const [name, ...why] = t.split(/\s+/);
    out.set(name!, why.join(' '));
  }
  return out;
}

test('every program source has a committed ELF and a recorded QEMU output', () => {
  const recorded = new Set(recordedPrograms());
  for (const name of listPrograms()) {
    assert.ok(existsSync(join(ELF_DIR, `${name}.elf`)), `${name}: missing elf/${name}.elf (run npm run qemu:record)`);
    assert.ok(recorded.has(name), `${name}: missing expected/${name}.out (run npm run qemu:record)`);
  }
  assert.ok(recorded.size >= 60, `only ${recorded.size} programs`);
});

test('every program with an .arch.out is listed in DEVIATIONS.md with its rule', () => {
  const doc = readFileSync(join(QEMU_DIR, 'DEVIATIONS.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => /^\| [ADM]\d+ \|/.test(l));
  for (const name of recordedPrograms().filter((n) => existsSync(join(QEMU_DIR, 'expected', `${n}.arch.out`)))) {
    assert.ok(rows.some((r) => r.includes(`\`${name}\``)), `${name} has an .arch.out but no row in DEVIATIONS.md`);
  }
});

const waiting = pending();
for (const name of recordedPrograms()) {
  const why = waiting.get(name);
  test(`qemu diff: ${name}`, why === undefined ? {} : { todo: `pending: ${why}` }, () => {
    const c = compareProgram(name);
    const shown = c.diffs.slice(0, 12).join('\n  ');
    const more = c.diffs.length > 12 ? `\n  … ${c.diffs.length - 12} more` : '';
    assert.ok(c.ok, `${name} differs from ${c.reference === 'arch' ? 'the Arm ARM (.arch.out)' : 'QEMU'}:\n  ${shown}${more}`);
  });
}
