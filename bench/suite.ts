// The benchmark suite (`npm run bench`): one table, each row a program run by the shipped command line
// (bin/twostage.js, built first by `npm run build`) and by QEMU 7.2 TCG on the same ELF in the same run, both timed
// in CPU seconds (user + system) of the child process, start-up included, best of RUNS alternating runs (the
// machine is shared). Rows: CoreMark (when COREMARK_SRC gives its source: bench/programs.ts), two programs of ours
// (an LZ77 compressor, a pointer chase), the loops of bench/cpu.ts, a hypervisor scenario under `twostage run`
// against its `twostage build` image on QEMU, and Debian's kernel booted with `--kernel` to a busybox /init that
// works and powers off (when `npm run test:linux`'s kernel and busybox are cached: scripts/linux-fetch.sh). MIPS counts twostage's instructions (`--stats json`) per twostage CPU
// second; the ratio is QEMU's CPU seconds over twostage's (the floor of issue 15: ≥ 0.25 on CoreMark). Outputs are
// compared with QEMU's on every row that prints (CoreMark: its CRC lines; its run is far below the 10 s CoreMark
// requires for a score, so it also says "Errors detected" on both machines). Figures only: no timing is asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatsSummary } from '../src/cli/stats.ts';
import { parseScenario } from '../src/hyp/scenario.ts';
import { type Built, buildCoremark, buildOwn, OPT_LEVELS, OUT } from './programs.ts';
import { busyboxInitramfs, userLines } from '../test/linux/initramfs.ts';
import { type Timed, timed as timedIn } from './timed.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TWOSTAGE = [join(ROOT, 'bin/twostage.js')];
const QEMU = 'qemu-system-aarch64';
const QEMU_BOOT = ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic'];
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
/** BENCH_ROWS=linux,lz-O2: only those rows (names as in the table's first column). */
const ONLY = process.env['BENCH_ROWS']?.split(',');
const BUDGET = '2000000000';
const HYP_SCENARIO = 'scenarios/seed.yaml';
const LINUX_DIR = process.env['TWOSTAGE_LINUX_DIR'] ?? join(homedir(), '.cache/twostage/linux');

const timed = (argv: readonly string[]): Timed => timedIn(argv, ROOT);

interface Row {
  readonly name: string;
  readonly what: string;
  /** twostage's command line after `twostage`. */
  readonly twostage: readonly string[];
  /** QEMU's arguments, or why there is no QEMU run. */
  readonly qemu: readonly string[] | string;
  /** The part of the output both must print alike (undefined: not compared). */
  readonly compare?: (stdout: string) => string;
  /** A status other than 0 that counts as success. */
  readonly okStatus?: number;
}

interface Result {
  row: Row;
  twostage?: Timed;
  stats?: StatsSummary;
  qemu?: Timed;
  problems: string[];
}

const coremarkCrcs = (out: string): string => out.split('\n').filter((l) => /crc|ERROR! (list|matrix|state)/.test(l)).join('\n');

function rows(notes: string[]): Row[] {
  const out: Row[] = [];
  const semihosted = (name: string, what: string, built: Built, compare?: (s: string) => string): void => {
    if ('skipped' in built) return void notes.push(built.skipped);
    out.push({ name, what, twostage: ['boot', built.elf], qemu: [...QEMU_BOOT, '-semihosting', '-kernel', built.elf], compare });
  };
  for (const opt of OPT_LEVELS) {
    semihosted(`coremark${opt}`, `CoreMark 2K performance run, 1,000 iterations, gcc ${opt}`, buildCoremark(opt), coremarkCrcs);
    semihosted(`lz${opt}`, `LZ77 compress + decompress, 3 x 256 KiB (bench/programs/lz.c), gcc ${opt}`, buildOwn('lz', opt), (s) => s);
    semihosted(`chase${opt}`, `pointer chase over 8 MiB + tree search (bench/programs/chase.c), gcc ${opt}`, buildOwn('chase', opt), (s) => s);
    semihosted(`fpmath${opt}`, `matrix products, FFT, FP sweep, dot product (bench/programs/fpmath.c), gcc ${opt}`, buildOwn('fpmath', opt), (s) => s);
  }
  for (const [elf, what] of [['bench/loop.elf', 'loop, EL2, MMU off'], ['bench/loop-mmu.elf', 'loop, EL1, stage 1 + stage 2']] as const) {
    out.push({ name: elf.replace('bench/', '').replace('.elf', ''), what, twostage: ['boot', elf], qemu: [...QEMU_BOOT, '-semihosting', '-kernel', elf], compare: (s) => s });
  }
  // the hypervisor: `twostage run` (build, run observed, verdicts) against its image booted on QEMU as test/qemu does
  const image = join(OUT, 'seed-hyp.elf');
  const built = spawnSync(process.execPath, [...TWOSTAGE, 'build', HYP_SCENARIO, '-o', image], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`twostage build ${HYP_SCENARIO}: ${built.stderr}`);
  const scenario = parseScenario(readFileSync(join(ROOT, HYP_SCENARIO), 'utf8'), HYP_SCENARIO);
  out.push({
    name: 'hyp-seed',
    what: `twostage run ${HYP_SCENARIO} (el1-shim: build, run observed, verdicts) vs its image on QEMU (UART compared by test/qemu/hyp-image.test.ts)`,
    twostage: ['run', HYP_SCENARIO, '--hosting', 'el1-shim'],
    qemu: [...QEMU_BOOT, '-m', `${scenario.ram.size >> 10n}K`, '-icount', 'shift=4', '-no-reboot', '-kernel', image],
  });
  // Debian's kernel to power-off (issue 14's floor: within 10x QEMU's CPU time), as `npm run test:linux` boots it
  const kernel = join(LINUX_DIR, 'Image');
  const busybox = join(LINUX_DIR, 'busybox');
  if (!existsSync(kernel) || !existsSync(busybox)) {
    notes.push(`linux skipped: no ${kernel} or ${busybox} (scripts/linux-fetch.sh fetches them, as .ci/run does)`);
    return out;
  }
  const initrd = join(OUT, 'busybox-initramfs.gz');
  writeFileSync(initrd, busyboxInitramfs(readFileSync(busybox)));
  out.push({
    name: 'linux',
    what: `Debian's kernel (${kernel}), 512 MiB, to test/linux's busybox /init (sha256sum, awk, gzip), powered off; what /init printed compared`,
    twostage: ['boot', '--ram', '512', '--kernel', kernel, '--initrd', initrd, '--append', 'console=ttyAMA0'],
    qemu: [...QEMU_BOOT, '-m', '512M', '-kernel', kernel, '-initrd', initrd, '-append', 'console=ttyAMA0'],
    compare: (stdout) => userLines(stdout).join('\n'),
  });
  return out;
}

function statsOf(stderr: string): StatsSummary | undefined {
  const line = stderr.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  return line === undefined ? undefined : (JSON.parse(line) as StatsSummary);
}

function measure(all: readonly Row[], haveQemu: boolean): Result[] {
  const results: Result[] = all.map((row) => ({ row, problems: [] }));
  for (let run = 0; run < RUNS; run++) {
    for (const r of results) {
      const t = timed([process.execPath, ...TWOSTAGE, ...r.row.twostage, '--stats', 'json', '--max-insns', BUDGET]);
      if (t.status !== (r.row.okStatus ?? 0)) r.problems.push(`twostage exit ${t.status}: ${t.stderr.trim().split('\n').slice(-3).join(' / ')}`);
      if (r.twostage === undefined || t.cpuSeconds < r.twostage.cpuSeconds) {
        r.twostage = t;
        r.stats = statsOf(t.stderr);
      }
      if (!haveQemu || typeof r.row.qemu === 'string') continue;
      const q = timed([QEMU, ...r.row.qemu]);
      if (q.status !== 0) r.problems.push(`qemu exit ${q.status}`);
      if (r.qemu === undefined || q.cpuSeconds < r.qemu.cpuSeconds) r.qemu = q;
    }
  }
  for (const r of results) {
    const cmp = r.row.compare;
    if (cmp !== undefined && r.twostage !== undefined && r.qemu !== undefined && cmp(r.twostage.stdout) !== cmp(r.qemu.stdout)) {
      r.problems.push(`output differs from QEMU's: twostage ${JSON.stringify(cmp(r.twostage.stdout))}, qemu ${JSON.stringify(cmp(r.qemu.stdout))}`);
    }
  }
  return results;
}

const fixed = (v: number, d: number): string => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${fixed((100 * part) / whole, 1)} %`);

function table(results: readonly Result[]): string {
  const head = ['row', 'instructions', 'twostage CPU s', 'MIPS', 'QEMU CPU s', 'twostage/QEMU', 'translated', 'block', 'host cache', 'output'];
  const body = results.map(({ row, twostage, stats, qemu, problems }) => {
    const cpu = twostage?.cpuSeconds ?? NaN;
    const insns = stats?.instructions ?? NaN;
    return [
      row.name,
      stats === undefined ? '?' : insns.toLocaleString('en-US'),
      fixed(cpu, 2),
      stats === undefined ? '?' : fixed(insns / cpu / 1e6, insns / cpu < 1e6 ? 3 : 1),
      qemu === undefined ? '-' : fixed(qemu.cpuSeconds, 2),
      qemu === undefined ? '-' : `${fixed(qemu.cpuSeconds / cpu, 3)}x`,
      stats === undefined ? '?' : pct(stats.translated, stats.instructions),
      stats === undefined ? '?' : fixed(stats.averageBlock, 1),
      stats === undefined ? '?' : pct(stats.hostHits, stats.hostHits + stats.hostMisses),
      problems.length > 0 ? 'PROBLEM' : row.compare === undefined || qemu === undefined ? 'not compared' : 'same as QEMU',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const notes: string[] = [];
const haveQemu = spawnSync(QEMU, ['--version']).status === 0;
if (!haveQemu) notes.push(`${QEMU} not installed: twostage only, no ratios`);
const results = measure(rows(notes).filter((r) => ONLY === undefined || ONLY.includes(r.name)), haveQemu);
console.log(`CPU seconds of each child process, start-up included, best of ${RUNS}; MIPS = twostage's instructions per twostage CPU second;`);
console.log('twostage/QEMU = QEMU CPU s / twostage CPU s (1 = as fast as QEMU); block = instructions per translated block run;');
console.log('chaining: a wasm block goes on to the next wasm block without the run loop, and a block that branches to its own start runs\nits passes in place (--stats counts both).\n');
console.log(table(results));
console.log('');
for (const r of results) console.log(`${r.row.name}: ${r.row.what}`);
for (const r of results) for (const p of new Set(r.problems)) console.log(`${r.row.name}: ${p}`);
for (const n of new Set(notes)) console.log(`\n${n}`);
