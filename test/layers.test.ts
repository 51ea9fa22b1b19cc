// DESIGN.md §2: data flows one way; a folder of src/ imports only folders listed before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const ORDER = ['bits', 'arch', 'memory', 'devices', 'mmu', 'cpu', 'asm', 'elf', 'machine', 'hyp', 'check', 'cli', 'web'];
const SRC = resolve('src');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0]!;

test('src/ layers import only the layers before them (DESIGN.md §2)', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), m[1]!);
      if (!target.startsWith(SRC)) continue;
      const to = layerOf(target);
      if (to === from) continue;
      if (ORDER.indexOf(to) < 0 || ORDER.indexOf(from) < 0 || ORDER.indexOf(to) > ORDER.indexOf(from)) {
        violations.push(`${relative('.', file)} (${from}) imports ${m[1]} (${to})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('core layers use no DOM types', () => {
  for (const file of files(SRC)) {
    if (layerOf(file) === 'web') continue;
    assert.doesNotMatch(readFileSync(file, 'utf8'), /\b(document|window|HTMLElement)\./, file);
  }
});
