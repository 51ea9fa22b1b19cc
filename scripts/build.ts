// Build the shipped command line (`npm run build`, run by `npm ci` through `prepare`) into dist/ (default) or the
// directory given as the first argument, with source maps:
// - cli.cjs: src/cli/entry.ts and everything it imports, bundled by esbuild into one CommonJS file for Node 20. Each
//   command's module is imported by program.ts only when the command line names it; in the bundle its modules are
//   wrapped in initializers that run then, so `twostage boot` initializes neither the assembler nor the hypervisor
//   builder nor YAML/zod (test/cli/dist.test.ts follows the bundle's initializers and fails if it does). commander,
//   which every command loads, is bundled (so the code cache holds it too: −12 ms of `boot`, docs/DESIGN-NOTES.md);
//   YAML and zod, which `boot` never loads, are stand-ins that ask the launcher for deps.cjs (depsFromLauncher).
//   commander's node:child_process (for executable subcommands, which twostage has none of) is loaded on first use.
//   The encoding table's diagrams are parsed, and DecodeBitMasks' table computed, here rather than at each start: the
//   bundle's src/arch/a64/prebuilt.ts holds them (prebuiltTables; table.ts uses a row's entry only for the diagram it
//   was parsed from).
// - main.cjs: the launcher (src/cli/launch.ts, CommonJS as bin/twostage.js is), which bin/twostage.js requires; it
//   runs cli.cjs through a V8 code cache.
// - cli.cjs.cache: that cache, made here by one `boot` of examples/hello.elf through the launcher; cli.cjs.hyp.cache,
//   the cache of the commands that build hypervisor images (dist-files.ts HYP_COMMANDS), made by one `run
//   scenarios/seed.yaml`.
// - deps.cjs: YAML and zod in one CommonJS file, which the launcher runs through its own cache (deps.cjs.cache, made
//   here by that `run` too) when a command first needs them.
// tsx stays for development and tests (test/cli/dist.test.ts builds a copy and compares it with the TypeScript one).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { BITMASK_TABLE_U32, BITMASK_VALID } from '../src/arch/a64/bitmask.ts';
import { ROWS } from '../src/arch/a64/table.ts';
import { BUNDLE_FILE, CACHE_SUFFIX, CJS_WRAPPER_HEAD, DEPS_FILE, DEPS_PACKAGES, DEPS_REQUEST, HYP_CACHE_FILE } from '../src/cli/dist-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LAUNCHER = 'main.cjs'; // what bin/twostage.js requires
export const BUNDLE = BUNDLE_FILE; // what the launcher runs
export const CACHE = BUNDLE + CACHE_SUFFIX;
export const DEPS_CACHE = DEPS_FILE + CACHE_SUFFIX;
export const HYP_CACHE = HYP_CACHE_FILE;
/** The run that makes the code cache at build time: a small ELF through `boot`, the command start-up matters most for. */
export const WARM_UP = ['boot', 'examples/hello.elf'];
/** The run that then makes the hypervisor commands' cache and the packages': a scenario read, checked against its
 *  schema, built (assembled) and run observed. */
export const WARM_UP_HYP = ['run', 'scenarios/seed.yaml'];

/**
 * In a bundle, `import.meta.url` would be the output file's URL; the sources use it to find files next to them
 * (src/hyp/asm/*.S, package.json). Each module's occurrences are rewritten to the URL of its source file, computed at
 * run time relative to the bundle (a CommonJS file: its `__filename`), so the built code reads the same files
 * wherever the checkout is.
 */
function sourceUrls(outdir: string): Plugin {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const rel = relative(outdir, args.path).split('\\').join('/');
        const url = `new URL(${JSON.stringify(rel)}, require("node:url").pathToFileURL(__filename)).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** A typed array's bytes in base64 (bitmask.ts reads them back into the same typed array). */
export function bytesBase64(a: Uint8Array | Uint32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/**
 * The tables of src/arch/a64/prebuilt.ts, each as JSON, from the sources as they compute them at run time (this
 * process runs them under tsx, where prebuilt.ts gives none): the rows' parsed diagrams, DecodeBitMasks' table.
 */
export function prebuiltTables(): { PARSED_ROWS: string; BITMASKS: string } {
  return {
    PARSED_ROWS: JSON.stringify(ROWS.map(({ diagram, mask, match, sbo, fields }) => ({ diagram, mask, match, sbo, fields }))),
    BITMASKS: JSON.stringify({ u32: bytesBase64(BITMASK_TABLE_U32), valid: bytesBase64(BITMASK_VALID) }),
  };
}

/** The bundle's src/arch/a64/prebuilt.ts: each table set to its prebuiltTables() JSON. */
function prebuilt(): Plugin {
  const file = resolve(ROOT, 'src/arch/a64/prebuilt.ts');
  return {
    name: 'prebuilt-tables',
    setup(b) {
      b.onLoad({ filter: /prebuilt\.ts$/ }, (args) => {
        if (args.path !== file) return undefined;
        const tables = Object.entries(prebuiltTables()).map(([name, json]) => `export const ${name}: string | undefined = ${JSON.stringify(json)};\n`);
        return { contents: tables.join(''), loader: 'ts' };
      });
    },
  };
}

/**
 * esbuild writes strings and identifiers in ASCII (its default charset) but keeps the comments it carries as they were
 * written (some with '≈', '—', '§'): escape those characters too (\uXXXX, each UTF-16 unit: the same character
 * anywhere else it could be), so the launcher decodes the bundle as one byte a character.
 */
async function asciiOnly(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * commander requires node:child_process when it loads, for running executable subcommands (twostage has none);
 * loading it (with node:net and node:dgram behind it) took ≈ 3 ms of every start. In the bundle, commander gets a
 * stand-in that requires it on the first property read.
 */
function lazyChildProcess(): Plugin {
  return {
    name: 'commander-lazy-child-process',
    setup(b) {
      b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
        contents: 'let m;\nmodule.exports = new Proxy({}, { get: (_, key) => (m ??= require("node:child_process"))[key] });\n',
        loader: 'js',
      }));
    },
  };
}

/**
 * YAML and zod, which only the commands that read a scenario load: in the command line's bundle each is a stand-in
 * that asks the launcher for the packages' bundle (DEPS_REQUEST), which the launcher runs through a code cache of its
 * own at the first request. Through Node's loader they took ≈ 0.1 s of every such run: resolving and compiling zod's
 * and YAML's ≈ 100 files at each start (Node 20 caches no CommonJS compilation); in the command line's bundle they
 * added ≈ 24 ms to every `boot` (a larger bundle and cache).
 */
function depsFromLauncher(): Plugin {
  const packages = new RegExp(`^(${DEPS_PACKAGES.join('|')})$`);
  const subpaths = new RegExp(`^(${DEPS_PACKAGES.join('|')})/`);
  return {
    name: 'deps-from-launcher',
    setup(b) {
      b.onResolve({ filter: packages }, (args) => ({ path: args.path, namespace: 'deps' }));
      // deps.cjs exports each package's root only: a subpath would be bundled into cli.cjs without a word
      b.onResolve({ filter: subpaths }, (args) => ({ errors: [{ text: `${args.path}: import ${DEPS_PACKAGES.join(' and ')} from their roots (deps.cjs holds those)` }] }));
      b.onResolve({ filter: /.*/, namespace: 'deps' }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'deps' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(DEPS_REQUEST)})[${JSON.stringify(args.path)}];\n`,
        loader: 'js',
      }));
    },
  };
}

export async function buildCli(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  // commander bundled, YAML and zod in a bundle of their own: see above
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
  // the CommonJS wrapper the launcher's vm.Script needs, in the file: V8 then gets the file's text as one flat string
  // (a wrapper the launcher added made a cons string, which V8 flattened — copied, 1.7 MB — to look the script up in
  // its compilation cache: ≈ 4 % of a CoreMark run's page faults)
  const wrapped: BuildOptions = { format: 'cjs', banner: { js: CJS_WRAPPER_HEAD }, footer: { js: '})' } };
  await build({
    ...common,
    entryPoints: [resolve(ROOT, 'src/cli/entry.ts')],
    outfile: join(outdir, BUNDLE),
    ...wrapped,
    plugins: [prebuilt(), lazyChildProcess(), depsFromLauncher(), sourceUrls(outdir)],
  });
  await asciiOnly(join(outdir, BUNDLE));
  await build({
    ...common,
    ...wrapped,
    stdin: { contents: `module.exports = { ${DEPS_PACKAGES.map((p) => `${JSON.stringify(p)}: require(${JSON.stringify(p)})`).join(', ')} };`, resolveDir: ROOT, loader: 'js' },
    outfile: join(outdir, DEPS_FILE),
  });
  await asciiOnly(join(outdir, DEPS_FILE));
  await build({ ...common, entryPoints: [resolve(ROOT, 'src/cli/launch.ts')], outfile: join(outdir, LAUNCHER), format: 'cjs' });
  for (const [args, caches] of [[WARM_UP, [CACHE]], [WARM_UP_HYP, [HYP_CACHE, DEPS_CACHE]]] as const) {
    const r = spawnSync(process.execPath, [join(outdir, LAUNCHER), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const missing = caches.filter((c) => !existsSync(join(outdir, c)));
    if (r.status !== 0 || missing.length > 0) {
      throw new Error(`build: \`twostage ${args.join(' ')}\` through ${outdir} did not run or left no ${missing.join(', ')} (status ${r.status}): ${r.error?.message ?? r.stderr}`);
    }
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli(resolve(process.argv[2] ?? resolve(ROOT, 'dist')));
}
