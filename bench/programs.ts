// The benchmark suite's compiled programs (bench/programs/): built with aarch64-linux-gnu-gcc at -O2 or -O3 for the
// Cortex-A57 with the auto-vectoriser on (FP and Advanced SIMD code: -mcpu=cortex-a57 -ftree-vectorize), bare metal
// at EL2 (crt0.S, link.ld, rt.c), into out/bench/. -mstrict-align: with the MMU off every data access is Device
// memory, where an unaligned access faults (ARCH-NOTES §2). CoreMark's own sources are never committed: they are
// read from COREMARK_SRC (a checkout of github.com/eembc/coremark, or its git directory) and copied next to the build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('./programs/', import.meta.url));
export const OUT = fileURLToPath(new URL('../out/bench/', import.meta.url));
const CC = 'aarch64-linux-gnu-gcc';
const CFLAGS = [
  '-mcpu=cortex-a57', '-ftree-vectorize', '-fno-math-errno', '-mstrict-align', '-ffreestanding', '-fno-builtin', '-fno-tree-loop-distribute-patterns',
  '-nostdlib', '-static', '-T', join(HERE, 'link.ld'), '-Wl,--no-warn-rwx-segments', '-Wl,--build-id=none', '-Wl,-z,max-page-size=4096',
];
const RUNTIME = [join(HERE, 'crt0.S'), join(HERE, 'rt.c')];

/** CoreMark's files the port compiles (its barebones/ port is replaced by ours, bench/programs/coremark/). */
const COREMARK_FILES = ['core_list_join.c', 'core_main.c', 'core_matrix.c', 'core_state.c', 'core_util.c', 'coremark.h'];
/** Iterations of the 2K performance run: about 309 M instructions. */
export const COREMARK_ITERATIONS = 1000;
export const COREMARK_HOWTO =
  'CoreMark skipped: its source is not here. Get it with `git clone https://github.com/eembc/coremark` and run ' +
  '`COREMARK_SRC=/path/to/coremark npm run bench` (a checkout or its git directory; nothing of it is committed)';

export type Built = { readonly elf: string } | { readonly skipped: string };
/** The optimisation levels the programs are built at. */
export const OPT_LEVELS = ['-O2', '-O3'] as const;
export type Opt = (typeof OPT_LEVELS)[number];

/** Compile into `dir`/`name`.elf. */
function compile(name: string, sources: readonly string[], opt: Opt, extra: readonly string[] = [], dir = OUT): Built {
  mkdirSync(dir, { recursive: true });
  const elf = join(dir, `${name}.elf`);
  const r = spawnSync(CC, [opt, ...CFLAGS, ...extra, '-o', elf, ...RUNTIME, ...sources], { encoding: 'utf8' });
  if (r.error !== undefined) return { skipped: `${name} skipped: ${CC} not found (Debian: gcc-aarch64-linux-gnu)` };
  if (r.status !== 0) throw new Error(`${name}: ${CC} failed:\n${r.stderr}`);
  return { elf };
}

/** One of our own programs, bench/programs/NAME.c, as `out`.elf in `dir` (default: NAME-O2 in out/bench/);
 *  `defines` (-DNAME=VALUE) resize it. */
export function buildOwn(name: string, opt: Opt = '-O2', o: { defines?: readonly string[]; out?: string; dir?: string } = {}): Built {
  return compile(o.out ?? `${name}${opt}`, [join(HERE, `${name}.c`)], opt, o.defines ?? [], o.dir);
}

/** The text of CoreMark's `file` from COREMARK_SRC (a directory or a git directory), or undefined. */
function coremarkFile(src: string, file: string): string | undefined {
  if (existsSync(join(src, file))) return undefined; // a checkout: compiled where it is
  const r = spawnSync('git', [`--git-dir=${src}`, 'show', `HEAD:${file}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`COREMARK_SRC=${src}: neither a CoreMark checkout nor its git directory (no ${file})`);
  return r.stdout;
}

export function buildCoremark(opt: Opt = '-O2', src = process.env['COREMARK_SRC']): Built {
  if (src === undefined || src === '') return { skipped: COREMARK_HOWTO };
  let dir = src;
  if (!existsSync(join(src, 'core_main.c'))) {
    dir = join(OUT, 'coremark-src');
    mkdirSync(dir, { recursive: true });
    for (const f of COREMARK_FILES) writeFileSync(join(dir, f), coremarkFile(src, f)!);
  }
  const sources = [join(HERE, 'coremark', 'core_portme.c'), ...COREMARK_FILES.filter((f) => f.endsWith('.c')).map((f) => join(dir, f))];
  return compile(`coremark${opt}`, sources, opt, [`-DITERATIONS=${COREMARK_ITERATIONS}`, `-DFLAGS_STR="${opt} -mcpu=cortex-a57"`, '-I', join(HERE, 'coremark'), '-I', dir]);
}
