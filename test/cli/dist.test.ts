// The shipped command line: scripts/build.ts bundles it (what `npm ci` runs through `prepare`), bin/twostage.js runs
// the bundle, and the bundle behaves as the TypeScript sources do on commands that touch each part of the tree
// (the CPU, the assembler's tables, the hypervisor's assembly sources found next to their module, package.json).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildCli, ENTRY } from '../../scripts/build.ts';
import { CLI } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// inside the checkout, as dist/ is: the bundle keeps packages external and finds them in node_modules from there
const OUT = mkdtempSync(join(ROOT, '.dist-test-'));

before(async () => {
  await buildCli(OUT);
});
after(() => rmSync(OUT, { recursive: true, force: true }));

function run(argv: readonly string[], args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...argv, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const built = (...args: string[]) => run([join(OUT, `${ENTRY}.js`)], args);
const sources = (...args: string[]) => run(CLI, args);

test('bin/twostage.js runs the bundle the build names', () => {
  assert.match(readFileSync(join(ROOT, 'bin/twostage.js'), 'utf8'), new RegExp(`import\\('\\.\\./dist/${ENTRY}\\.js'\\)`));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.equal(pkg.scripts['prepare'], 'npm run build', 'npm ci builds');
  assert.match(pkg.scripts['build']!, /scripts\/build\.ts/);
});

test('--version reads package.json from the bundle too', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const r = built('--version');
  assert.equal(r.stdout, `${pkg.version}\n`);
  assert.equal(r.status, 0);
});

test('the bundle and the sources agree: boot (with --stats json), audit (the assembler, the hypervisor sources), help (every command)', () => {
  const cases: string[][] = [
    ['boot', 'examples/hello.elf'],
    ['boot', 'bench/loop-mmu-1000.elf', '--stats', 'json'],
    ['audit', 'scenarios/seed.yaml'],
    ['--help'],
  ];
  for (const c of cases) {
    const a = built(...c);
    const b = sources(...c);
    assert.equal(a.status, b.status, c.join(' '));
    assert.equal(a.stdout, b.stdout, c.join(' '));
    if (c.includes('--stats') && c.includes('json')) {
      // the counts agree; the times do not
      const counts = (stderr: string) => {
        const { cpuSeconds: _c, wallSeconds: _w, mipsCpu: _m, mipsWall: _mw, ...rest } = JSON.parse(stderr.trim().split('\n').at(-1)!) as Record<string, unknown>;
        return rest;
      };
      assert.deepEqual(counts(a.stderr), counts(b.stderr));
    } else {
      assert.equal(a.stderr, b.stderr, c.join(' '));
    }
  }
});

/** The modules (`// src/…` markers esbuild writes) and packages a chunk loads, with every chunk it imports statically. */
function loadedBy(file: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>(), packages = new Set<string>(), seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = readFileSync(join(OUT, f), 'utf8');
    for (const m of text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)) modules.add(m[1]!);
    for (const m of text.matchAll(/^import\s[^;]*?"([^"]+)";?$/gm)) {
      if (m[1]!.startsWith('./')) visit(m[1]!.slice(2));
      else if (!m[1]!.startsWith('node:')) packages.add(m[1]!);
    }
  };
  visit(file);
  return { modules, packages };
}

test('twostage boot loads neither the assembler, the hypervisor builder, the checker nor YAML/zod (start-up, issue 15)', () => {
  const main = readFileSync(join(OUT, `${ENTRY}.js`), 'utf8');
  const chunk = /import\("\.\/(boot-[A-Z0-9]+\.js)"\)/.exec(main);
  assert.ok(chunk !== null, 'main.js imports the boot command lazily');
  const { modules, packages } = loadedBy(chunk[1]!);
  assert.ok(modules.has('src/cli/boot.ts') && modules.has('src/cpu/cpu.ts'), [...modules].join(' ')); // the reader works
  assert.deepEqual([...modules].filter((m) => /^src\/(asm\/assemble|hyp\/|check\/)/.test(m)), []);
  assert.deepEqual([...packages].filter((p) => p === 'yaml' || p === 'zod'), []);
});
