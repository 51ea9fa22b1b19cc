// The shipped command line: scripts/build.ts bundles it (what `npm ci` runs through `prepare`), bin/twostage.js runs
// the bundle, and the bundle behaves as the TypeScript sources do on commands that touch each part of the tree
// (the CPU, the assembler's tables, the hypervisor's assembly sources found next to their module, package.json).
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { BUNDLE, buildCli, CACHE, DEPS_CACHE, HYP_CACHE, LAUNCHER, prebuiltTables, WARM_UP, WARM_UP_HYP } from '../../scripts/build.ts';
import { DEPS_FILE, DEPS_REQUEST } from '../../src/cli/dist-files.ts';
import { BITMASK_TABLE_U32, BITMASK_VALID } from '../../src/arch/a64/bitmask.ts';
import { parseDiagram } from '../../src/arch/a64/encoding.ts';
import { ROWS } from '../../src/arch/a64/table.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { elfImage } from '../../src/cli/asm.ts';
import { CLI } from '../helpers/cli.ts';
import { haveScript, onTerminal } from '../helpers/terminal.ts';

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
const built = (...args: string[]) => run([join(OUT, LAUNCHER)], args);
const sources = (...args: string[]) => run(CLI, args);

test('bin/twostage.js runs the launcher the build names, both CommonJS', () => {
  assert.match(readFileSync(join(ROOT, 'bin/twostage.js'), 'utf8'), new RegExp(`join\\(__dirname, '\\.\\./dist/${LAUNCHER.replace('.', '\\.')}'\\)`));
  assert.equal((JSON.parse(readFileSync(join(ROOT, 'bin/package.json'), 'utf8')) as { type: string }).type, 'commonjs');
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

test('the bundle and the sources agree: boot (with --stats json), audit (the assembler, the hypervisor sources), run, help (every command)', () => {
  const cases: string[][] = [
    ['boot', 'examples/hello.elf'],
    ['boot', 'bench/loop-mmu-1000.elf', '--stats', 'json'],
    ['audit', 'scenarios/seed.yaml'],
    // the hypervisor's own code run: its 43 logical immediates go through the bundle's DecodeBitMasks table
    ['run', 'scenarios/seed.yaml'],
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

test('the Node modules the bundle loads on demand load: the keyboard reader\'s worker_threads, a gzip\'d Image\'s zlib', async () => {
  const src = join(ROOT, 'test/cli/fixtures/uart-echo.S');
  const assembled = assemble(src, readFileSync(src, 'utf8'));
  assert.deepEqual(assembled.diagnostics, []);
  const dir = mkdtempSync(join(tmpdir(), 'twostage-dist-'));
  try {
    const echo = join(dir, 'echo.elf');
    writeFileSync(echo, elfImage(assembled));
    // on a terminal (script(1)): only there does boot start the reader thread; a pipe is read on the main thread
    assert.ok(haveScript(), 'script(1) (util-linux, Debian bsdutils) runs boot on a terminal');
    const typed = await onTerminal([join(OUT, LAUNCHER), 'boot', echo], 'abc', ROOT);
    assert.equal(typed.status, 0);
    assert.match(typed.out, /bcd$/);
    const piped = spawnSync(process.execPath, [join(OUT, LAUNCHER), 'boot', echo], { cwd: ROOT, input: 'abc', encoding: 'utf8', timeout: 60_000 });
    assert.deepEqual([piped.status, piped.stdout], [0, 'bcd']);
    const gz = join(dir, 'bad.gz');
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]));
    const a = built('boot', '--kernel', gz), b = sources('boot', '--kernel', gz);
    assert.match(a.stderr, /corrupt gzip data/);
    assert.deepEqual([a.status, a.stdout, a.stderr], [b.status, b.stdout, b.stderr]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a launcher without its bundle says the command line is not built', () => {
  const dir = mkdtempSync(join(ROOT, '.dist-test-'));
  try {
    cpSync(join(OUT, LAUNCHER), join(dir, LAUNCHER));
    const r = run([join(dir, LAUNCHER)], WARM_UP);
    assert.equal(r.status, 70);
    assert.match(r.stderr, /^twostage: not built \(no .*cli\.cjs\): run `npm run build`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/twostage.js without dist/ says the command line is not built', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-bin-'));
  try {
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    const r = run([join(dir, 'bin/twostage.js')], WARM_UP);
    assert.equal(r.status, 70);
    assert.equal(r.stderr, 'twostage: not built (no dist/main.cjs): run `npm run build` (npm ci does it)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The modules a run of the bundle initializes when it starts with `first` (an initializer, `init_…`): the modules
 * esbuild left unwrapped (run when the bundle loads) and every initializer (`init_…`, an ES module's) or require
 * (`require_…`, a CommonJS module's) they or `first` call, transitively — not those behind a dynamic import
 * (`Promise.resolve().then(() => (init_x(), …))`), which run only if that code does. Modules are esbuild's `// src/…`
 * markers (and `// …/node_modules/…` for a bundled package, `// deps:yaml` for the launcher's stand-in of a package of
 * deps.cjs); packages are those stand-ins' packages and the `require("…")`s of the modules (any left external).
 */
function initializedWith(text: string, first: string): { modules: Set<string>; packages: Set<string> } {
  const sections = text.split(/^\/\/ (\S+\.(?:ts|js|mjs|cjs)|deps:\w+)$/m);
  const byInit = new Map<string, { file: string; calls: string[]; packages: string[] }>();
  const eager: string[] = [];
  for (let i = 1; i < sections.length; i += 2) {
    const file = sections[i]!;
    const body = sections[i + 1]!.replace(/Promise\.resolve\(\)\.then\(\(\) => \(init_\w+\(\)/g, '');
    const init = /^var ((?:init|require)_\w+) = __(?:esm|commonJS)\(/m.exec(body)?.[1] ?? `(load) ${file}`;
    const calls = [...body.matchAll(/\b((?:init|require)_\w+)\(\)/g)].map((m) => m[1]!).filter((c) => c !== init);
    const stub = /^deps:(\w+)$/.exec(file)?.[1];
    const packages = stub !== undefined ? [stub] : [...body.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!).filter((p) => !p.startsWith('node:'));
    byInit.set(init, { file, calls, packages });
    if (init.startsWith('(load)')) eager.push(init);
  }
  const modules = new Set<string>(), packages = new Set<string>(), seen = new Set<string>();
  const visit = (init: string) => {
    if (seen.has(init)) return;
    seen.add(init);
    const m = byInit.get(init);
    if (m === undefined && init.startsWith('require_')) return; // a require_… no module defines: not esbuild's
    assert.ok(m !== undefined, `no module defines ${init}`);
    modules.add(m.file);
    for (const p of m.packages) packages.add(p);
    m.calls.forEach(visit);
  };
  [...eager, first].forEach(visit);
  return { modules, packages };
}

test('twostage boot initializes neither the assembler, the hypervisor builder, the checker nor YAML/zod (start-up, issue 15)', () => {
  const text = readFileSync(join(OUT, BUNDLE), 'utf8');
  const initOf = (command: string) => {
    const m = new RegExp(`^  ${command}: async [^]*?Promise\\.resolve\\(\\)\\.then\\(\\(\\) => \\((init_\\w+)\\(\\), \\w+_exports\\)\\)`, 'm').exec(text);
    assert.ok(m !== null, `program.ts initializes the ${command} command lazily`);
    return m[1]!;
  };
  const { modules, packages } = initializedWith(text, initOf('boot'));
  assert.ok(modules.has('src/cli/boot.ts') && modules.has('src/cpu/cpu.ts'), [...modules].join(' ')); // the reader works
  assert.deepEqual([...modules].filter((m) => /^src\/(asm\/assemble|hyp\/|check\/)/.test(m)), []);
  assert.deepEqual([...packages].filter((p) => p === 'yaml' || p === 'zod'), []);
  // and it sees them where they are: `check` initializes the checker and the scenario schema
  const check = initializedWith(text, initOf('check'));
  assert.ok([...check.modules].some((m) => m.startsWith('src/check/')) && check.packages.has('zod'), [...check.packages].join(' '));
});

// The code cache (src/cli/launch.ts): made by the build, used by a run, never trusted when it does not fit. Each test
// works on a copy of the build (inside the checkout, as the bundle requires its packages from there).
function copyOfBuild(): string {
  const dir = mkdtempSync(join(ROOT, '.dist-test-'));
  cpSync(OUT, dir, { recursive: true });
  return dir;
}
const bootHello = (dir: string) => run([join(dir, LAUNCHER)], WARM_UP);
const expected = () => sources(...WARM_UP);

/** The cache's first line names the bundle it was made from (size, modification time); V8's data follows. */
function cacheKeyOf(dir: string): string {
  const cache = readFileSync(join(dir, CACHE));
  return cache.subarray(0, cache.indexOf(10) + 1).toString();
}
function bundleKey(dir: string): string {
  const st = statSync(join(dir, BUNDLE));
  return `twostage code cache: ${st.size} ${st.mtimeMs}\n`;
}

test('twostage boot loads none of the Node modules only some runs need: child_process (commander\'s), zlib, worker_threads', () => {
  // a preload that lists, when the process exits, the Node modules it loaded
  const list = 'data:text/javascript,process.on("exit",()=>process.stderr.write("LOADED "+JSON.stringify(process.moduleLoadList)+"\\n"))';
  const r = run(['--import', list, join(OUT, LAUNCHER)], WARM_UP);
  assert.equal(r.status, 0, r.stderr);
  const loaded = JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)![1]!) as string[];
  assert.ok(loaded.includes('NativeModule vm'), 'the list is read'); // the launcher's
  assert.deepEqual(loaded.filter((m) => /^NativeModule (child_process|zlib|worker_threads)$/.test(m)), []);
});

test('the bundle is ASCII, as the launcher reads it fastest (the build escapes what esbuild left in comments)', () => {
  const bytes = readFileSync(join(OUT, BUNDLE));
  assert.ok(isAscii(bytes));
  assert.match(bytes.toString('latin1'), /\\u2014|\\u2248/, 'a comment\'s dash or ≈, escaped');
});

test('the build leaves a code cache of its bundle, and a run uses it (does not make it again)', () => {
  assert.equal(cacheKeyOf(OUT), bundleKey(OUT));
  const before = readFileSync(join(OUT, CACHE));
  const r = bootHello(OUT);
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, expected().stdout, expected().stderr]);
  assert.ok(readFileSync(join(OUT, CACHE)).equals(before), 'the cache was accepted, so not written again');
  // without it, the run compiles the bundle from its source and writes one
  const dir = copyOfBuild();
  try {
    rmSync(join(dir, CACHE));
    assert.equal(bootHello(dir).stdout, expected().stdout);
    assert.equal(cacheKeyOf(dir), bundleKey(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('YAML and zod come from their own bundle and cache: made by the build, used by `run`, made again when missing', () => {
  const deps = (dir: string) => readFileSync(join(dir, DEPS_CACHE));
  const st = statSync(join(OUT, DEPS_FILE));
  assert.equal(deps(OUT).subarray(0, deps(OUT).indexOf(10) + 1).toString(), `twostage code cache: ${st.size} ${st.mtimeMs}\n`);
  const before = deps(OUT);
  const want = sources(...WARM_UP_HYP);
  const r = built(...WARM_UP_HYP);
  assert.deepEqual([r.status, r.stdout, r.stderr], [want.status, want.stdout, want.stderr]);
  assert.ok(deps(OUT).equals(before), 'the packages\' cache was accepted, so not written again');
  assert.ok(readFileSync(join(OUT, BUNDLE), 'latin1').includes(`require(${JSON.stringify(DEPS_REQUEST)})`), 'the bundle asks the launcher');
  const dir = copyOfBuild();
  try {
    rmSync(join(dir, DEPS_CACHE));
    assert.equal(run([join(dir, LAUNCHER)], WARM_UP_HYP).stdout, want.stdout);
    assert.ok(deps(dir).length > 1000, 'written anew');
    rmSync(join(dir, DEPS_CACHE));
    assert.equal(bootHello(dir).stdout, expected().stdout);
    assert.ok(!existsSync(join(dir, DEPS_CACHE)), '`boot` never runs the packages\' bundle');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the commands that build hypervisor images run through a cache of their own: made by the build, used by `audit`, never by `boot`', () => {
  const hyp = (dir: string) => readFileSync(join(dir, HYP_CACHE));
  const keyOf = (b: Buffer) => b.subarray(0, b.indexOf(10) + 1).toString();
  assert.equal(keyOf(hyp(OUT)), bundleKey(OUT));
  const before = hyp(OUT);
  const boot = readFileSync(join(OUT, CACHE));
  assert.ok(before.length > boot.length + 100_000, `it holds the bytecode of the assembler and the image builder too (${before.length} vs ${boot.length} bytes)`);
  const want = sources('audit', 'scenarios/seed.yaml');
  const r = built('audit', 'scenarios/seed.yaml');
  assert.deepEqual([r.status, r.stdout, r.stderr], [want.status, want.stdout, want.stderr]);
  assert.ok(hyp(OUT).equals(before) && readFileSync(join(OUT, CACHE)).equals(boot), 'both accepted, neither written again');
  const dir = copyOfBuild();
  try {
    rmSync(join(dir, HYP_CACHE));
    assert.equal(bootHello(dir).stdout, expected().stdout);
    assert.ok(!existsSync(join(dir, HYP_CACHE)), '`boot` runs through its own cache');
    assert.equal(run([join(dir, LAUNCHER)], ['audit', 'scenarios/seed.yaml']).stdout, want.stdout);
    assert.equal(keyOf(hyp(dir)), bundleKey(dir), 'written anew by `audit`');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an installation without src/hyp/asm or package.json: `run` names the hypervisor source it cannot read, --version says it is unknown (no internal error)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-dist-alone-'));
  try {
    cpSync(OUT, join(dir, 'dist'), { recursive: true });
    const r = run([join(dir, 'dist', LAUNCHER)], ['run', join(ROOT, 'scenarios/seed.yaml')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /src\/hyp\/asm\/hyp\.S: cannot read the hypervisor's source/);
    assert.doesNotMatch(r.stderr, /internal error/);
    // nor a package.json: the version commander prints says so, and `boot` runs
    assert.deepEqual(run([join(dir, 'dist', LAUNCHER)], ['--version']).stdout, 'unknown (no package.json beside dist/)\n');
    assert.equal(run([join(dir, 'dist', LAUNCHER)], ['boot', join(ROOT, 'examples/hello.elf')]).stdout, expected().stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt, truncated or foreign cache never breaks a run: it is not used, the run goes on and writes a good one', () => {
  const dir = copyOfBuild();
  try {
    const want = expected();
    const good = readFileSync(join(dir, CACHE));
    const key = Buffer.from(bundleKey(dir));
    const flipped = Buffer.from(good);
    for (let i = 0; i < 64; i++) flipped[(flipped.length >> 1) + i]! ^= 0x5a; // without V8's checksum this crashes V8
    const cases: [string, Buffer][] = [
      ['V8 data corrupted', Buffer.concat([key, flipped.subarray(key.length)])],
      ['V8 data truncated', good.subarray(0, good.length >> 1)],
      ['not a cache', Buffer.concat([key, Buffer.from('garbage'.repeat(1000))])],
      ['empty', Buffer.alloc(0)],
      ['the cache of another bundle', Buffer.concat([Buffer.from('twostage code cache: 1 2\n'), good.subarray(key.length)])],
    ];
    for (const [what, bytes] of cases) {
      writeFileSync(join(dir, CACHE), bytes);
      const r = bootHello(dir);
      assert.deepEqual([r.status, r.stdout, r.stderr], [0, want.stdout, want.stderr], what);
      assert.equal(cacheKeyOf(dir), bundleKey(dir), what);
      const remade = readFileSync(join(dir, CACHE));
      assert.ok(!remade.equals(bytes), `${what}: written anew`);
      assert.equal(bootHello(dir).stdout, want.stdout, what);
      assert.ok(readFileSync(join(dir, CACHE)).equals(remade), `${what}: the new cache is accepted`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a changed bundle does not run with the cache of the old one (even at the same length), and gets its own', () => {
  const dir = copyOfBuild();
  try {
    const file = join(dir, BUNDLE);
    const text = readFileSync(file, 'utf8');
    // the guest's greeting is data in the ELF; change what the command line itself prints, keeping the length
    const changed = text.replace('"boot an AArch64 ELF', '"BOOT AN AArch64 ELF');
    assert.notEqual(changed, text);
    assert.equal(changed.length, text.length);
    const cache = readFileSync(join(dir, CACHE));
    writeFileSync(file, changed);
    const r = run([join(dir, LAUNCHER)], ['--help']);
    assert.match(r.stdout, /BOOT AN AArch64 ELF/, 'the bundle as it is now runs, not the cached one');
    assert.ok(!readFileSync(join(dir, CACHE)).equals(cache));
    assert.equal(cacheKeyOf(dir), bundleKey(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundle\'s prebuilt tables are what the sources give at run time: the encoding rows, DecodeBitMasks\' table', () => {
  const text = readFileSync(join(OUT, BUNDLE), 'utf8');
  const bundled = (name: string) => {
    const m = new RegExp(`^\\s*${name} = ('(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*");$`, 'm').exec(text);
    assert.ok(m !== null, `the bundle sets ${name}`);
    return JSON.parse(runInNewContext(m[1]!) as string) as unknown;
  };
  const tables = prebuiltTables();
  const rows = bundled('PARSED_ROWS');
  assert.deepEqual(rows, JSON.parse(tables.PARSED_ROWS));
  assert.deepEqual(rows, ROWS.map((r) => ({ diagram: r.diagram, ...parseDiagram(r.id, r.diagram) })));
  const bitmasks = bundled('BITMASKS');
  assert.deepEqual(bitmasks, JSON.parse(tables.BITMASKS));
  const { u32, valid } = bitmasks as { u32: string; valid: string };
  assert.deepEqual([...new Uint32Array(new Uint8Array(Buffer.from(u32, 'base64')).buffer)], [...BITMASK_TABLE_U32]);
  assert.deepEqual([...Buffer.from(valid, 'base64')], [...BITMASK_VALID]);
});
