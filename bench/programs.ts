// The benchmark suite's compiled programs (bench/programs/): built at bench time with aarch64-linux-gnu-gcc -O2,
// bare metal at EL2 (crt0.S, link.ld, rt.c), integer only (-mgeneral-regs-only: the CPU model runs no FP/SIMD
// instructions yet), into out/bench/. CoreMark's own sources are never committed: they are read from
// COREMARK_SRC (a checkout of github.com/eembc/coremark, or its git directory) and copied next to the build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('./programs/', import.meta.url));
export const OUT = fileURLToPath(new URL('../out/bench/', import.meta.url));
const CC = 'aarch64-linux-gnu-gcc';
const CFLAGS = [
  '-O2', '-mgeneral-regs-only', '-mstrict-align', '-ffreestanding', '-fno-builtin', '-fno-tree-loop-distribute-patterns',
  '-nostdlib', '-static', '-T', join(HERE, 'link.ld'), '-Wl,--no-warn-rwx-segments', '-Wl,--build-id=none',
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

function compile(name: string, sources: readonly string[], extra: readonly string[] = []): Built {
  mkdirSync(OUT, { recursive: true });
  const elf = join(OUT, `${name}.elf`);
  const r = spawnSync(CC, [...CFLAGS, ...extra, '-o', elf, ...RUNTIME, ...sources], { encoding: 'utf8' });
  if (r.error !== undefined) return { skipped: `${name} skipped: ${CC} not found (Debian: gcc-aarch64-linux-gnu)` };
  if (r.status !== 0) throw new Error(`${name}: ${CC} failed:\n${r.stderr}`);
  return { elf };
}

/** One of our own programs, bench/programs/NAME.c. */
export function buildOwn(name: string): Built {
  return compile(name, [join(HERE, `${name}.c`)]);
}

/** The text of CoreMark's `file` from COREMARK_SRC (a directory or a git directory), or undefined. */
function coremarkFile(src: string, file: string): string | undefined {
  if (existsSync(join(src, file))) return undefined; // a checkout: compiled where it is
  const r = spawnSync('git', [`--git-dir=${src}`, 'show', `HEAD:${file}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`COREMARK_SRC=${src}: neither a CoreMark checkout nor its git directory (no ${file})`);
  return r.stdout;
}

export function buildCoremark(src = process.env['COREMARK_SRC']): Built {
  if (src === undefined || src === '') return { skipped: COREMARK_HOWTO };
  let dir = src;
  if (!existsSync(join(src, 'core_main.c'))) {
    dir = join(OUT, 'coremark-src');
    mkdirSync(dir, { recursive: true });
    for (const f of COREMARK_FILES) writeFileSync(join(dir, f), coremarkFile(src, f)!);
  }
  const sources = [join(HERE, 'coremark', 'core_portme.c'), ...COREMARK_FILES.filter((f) => f.endsWith('.c')).map((f) => join(dir, f))];
  return compile('coremark', sources, [`-DITERATIONS=${COREMARK_ITERATIONS}`, '-DFLAGS_STR="-O2 -mgeneral-regs-only"', '-I', join(HERE, 'coremark'), '-I', dir]);
}
