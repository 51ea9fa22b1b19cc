// The command line shared by the seeded differentials against QEMU (scripts/atdiff.ts, scripts/sysregdiff.ts): run
// seeds S … S+N−1 and print every unexplained difference with the totals per verdict, or re-record / re-check the
// programs whose ELF and QEMU output are committed (npm test judges twostage on them without QEMU).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSource, missingTools, runQemu } from './toolchain.ts';

export interface SeedRun {
  readonly elf: Buffer;
  readonly qemu: string;
  readonly comparison: { readonly counts: Readonly<Record<string, number>>; readonly unexplained: readonly string[] };
}

export interface SeededDiff {
  /** The command's name in messages. */
  readonly tool: string;
  readonly recordedDir: string;
  readonly recordedSeeds: readonly number[];
  /** Recorded files are `${prefix}-${seed}.elf` and `.out`. */
  readonly prefix: string;
  /** A size option (name, default) passed to runSeed, e.g. ['--configs', 48]. */
  readonly size?: readonly [string, number];
  runSeed(seed: number, size?: number): Promise<SeedRun>;
  /** QEMU's output with what differs from run to run (values that are time) masked, for --check; default: as is. */
  readonly stable?: (qemu: string) => string;
}

/** Assemble and link a generated program (`name`.S, with progs/ on the include path) and run it on QEMU: its ELF and
 *  output. Throws on a tool failure (assembler, QEMU's exit status or timeout). */
export async function buildAndRunQemu(name: string, source: string, extra: readonly string[] = []): Promise<{ elf: Buffer; qemu: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-seeded-'));
  try {
    const src = join(dir, `${name}.S`);
    const elfPath = join(dir, `${name}.elf`);
    writeFileSync(src, source);
    const err = buildSource(src, elfPath, dir);
    if (err !== null) throw new Error(`${name}: ${err}`);
    const q = await runQemu(elfPath, extra);
    if (q.status !== 0) throw new Error(`${name}: QEMU ${q.status === null ? 'timed out' : `exited with status ${q.status}`}`);
    return { elf: readFileSync(elfPath), qemu: q.output.toString('latin1') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const recordedElf = (d: SeededDiff, seed: number): string => join(d.recordedDir, `${d.prefix}-${seed}.elf`);
export const recordedOut = (d: SeededDiff, seed: number): string => join(d.recordedDir, `${d.prefix}-${seed}.out`);

function option(d: SeededDiff, args: readonly string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) {
    console.error(`${d.tool}: ${name} needs a non-negative integer, not ${args[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return v;
}

export async function seededDiffMain(d: SeededDiff, args: readonly string[]): Promise<number> {
  const missing = missingTools();
  if (missing.length > 0) {
    console.error(`${d.tool}: ${missing.join(', ')} not found (install qemu-system-arm and binutils-aarch64-linux-gnu)`);
    return 2;
  }
  if (args.includes('--record') || args.includes('--check')) {
    const check = args.includes('--check');
    const stable = d.stable ?? ((out: string): string => out);
    mkdirSync(d.recordedDir, { recursive: true });
    let bad = 0;
    for (const seed of d.recordedSeeds) {
      const r = await d.runSeed(seed);
      if (!check) {
        writeFileSync(recordedElf(d, seed), r.elf);
        writeFileSync(recordedOut(d, seed), r.qemu);
      } else if (!r.elf.equals(readFileSync(recordedElf(d, seed))) || stable(r.qemu) !== stable(readFileSync(recordedOut(d, seed), 'latin1'))) {
        console.error(`${d.tool}: seed ${seed}: the rebuilt ELF or QEMU's output differs from the recording`);
        bad++;
      }
    }
    console.log(`${d.tool}: ${check ? 'checked' : 'recorded'} ${d.recordedSeeds.length} programs${bad > 0 ? `, ${bad} differ` : ''}`);
    return bad > 0 ? 1 : 0;
  }
  const first = option(d, args, '--seed', 1);
  const programs = option(d, args, '--programs', 20);
  const size = d.size === undefined ? undefined : option(d, args, d.size[0], d.size[1]);
  const total: Record<string, number> = {};
  const findings: string[] = [];
  for (let s = first; s < first + programs; s++) {
    const r = await d.runSeed(s, size);
    for (const [k, n] of Object.entries(r.comparison.counts)) total[k] = (total[k] ?? 0) + n;
    for (const u of r.comparison.unexplained) findings.push(`seed ${s}: ${u}`);
  }
  for (const f of findings) console.log(f);
  console.log(`${d.tool}: seeds ${first}..${first + programs - 1}: ${Object.entries(total).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return findings.length > 0 ? 1 : 0;
}
