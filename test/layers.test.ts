// DESIGN.md §2: data flows one way; a folder of src/ imports only folders listed before it. The rules live in
// .dependency-cruiser.mjs and are checked by dependency-cruiser, over every import form (TypeScript's type-only
// imports and `import('…')` type queries included). A fixture with one wrong import of each form proves they are seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const ROOT = resolve('.');
const config = ((await import(pathToFileURL(join(ROOT, '.dependency-cruiser.mjs')).href)) as { default: IConfiguration }).default;

async function cruised(baseDir: string): Promise<ICruiseResult> {
  const r = await cruise(['src'], { ruleSet: config, validate: true, ...config.options, baseDir, tsConfig: { fileName: join(ROOT, 'tsconfig.json') } });
  return r.output as ICruiseResult;
}
const violations = async (baseDir: string): Promise<string[]> =>
  (await cruised(baseDir)).summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

test('src/ layers import only the layers before them, the assembler nothing of the executor (DESIGN.md §2)', async () => {
  const r = await cruised(ROOT);
  assert.deepEqual(r.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`), []);
  // every source file was read (the check is not vacuous)
  const sources = [...files(resolve('src'))].length;
  assert.ok(r.modules.filter((m) => m.source.startsWith('src/') && m.source.endsWith('.ts')).length === sources, `${sources} files`);
});

test('the layer check sees every import form: a fixture with one wrong import of each is reported line by line', async () => {
  const got = await violations(resolve('test/fixtures/layers'));
  assert.deepEqual(got, [
    'asm-without-executor: src/asm/uses-cpu.ts -> src/cpu/a.ts',
    'layer-mmu: src/mmu/walker.ts -> src/check/n.ts', // import { … } from '…'
    'layer-mmu: src/mmu/walker.ts -> src/cpu/a.ts', // import "…"
    'layer-mmu: src/mmu/walker.ts -> src/cpu/b.ts', // import type { … } from "…"
    'layer-mmu: src/mmu/walker.ts -> src/cpu/c.ts', // export { … } from '…'
    'layer-mmu: src/mmu/walker.ts -> src/hyp/hyp.ts', // typeof import('…')
    'layer-mmu: src/mmu/walker.ts -> src/machine/m.ts', // import('…')
  ]);
});

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

test('core layers use no DOM types', () => {
  for (const file of files(resolve('src'))) {
    if (file.includes('/src/web/')) continue;
    assert.doesNotMatch(readFileSync(file, 'utf8'), /\b(document|window|HTMLElement)\./, file);
  }
});
