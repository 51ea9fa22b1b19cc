// Build, run on QEMU and on twostage, and judge one random AT program (program.ts, compare.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from '../../../src/elf/read.ts';
import { VirtMachine } from '../../../src/machine/virt.ts';
import { buildSource, runQemu } from '../toolchain.ts';
import { type AtComparison, compareAt } from './compare.ts';
import { atProgram } from './program.ts';

export const RECORDED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'recorded');
/** Seeds whose ELF and QEMU output are committed (npm test judges twostage on them without QEMU). */
export const RECORDED_SEEDS = [1, 2, 3, 4];
export const CONFIGS = 48;
/** A program runs about 30 instructions per AT. */
const BUDGET = 2_000_000;

export const recordedElf = (seed: number): string => join(RECORDED_DIR, `at-${seed}.elf`);
export const recordedOut = (seed: number): string => join(RECORDED_DIR, `at-${seed}.out`);

/** twostage's output for an ELF, in process. */
export function runOnTwostage(elf: Uint8Array): string {
  const parsed = readElf(elf);
  if (!parsed.ok) throw new Error(`ELF: ${parsed.error}`);
  const m = new VirtMachine();
  const err = m.load(parsed.image);
  if (err !== undefined) throw new Error(`load: ${err}`);
  const r = m.run(BUDGET);
  if (r.exitCode !== 0) throw new Error(`twostage stopped: ${JSON.stringify(r.stop)} after ${r.instructions} instructions`);
  return Buffer.from(r.stdout).toString('latin1');
}

export interface SeedRun {
  readonly elf: Buffer;
  readonly qemu: string;
  readonly comparison: AtComparison;
}

/** Generate, build, run on both, judge. Throws on a tool failure (assembler, QEMU timeout). */
export async function runSeed(seed: number, configs = CONFIGS): Promise<SeedRun> {
  const p = atProgram(seed, configs);
  const dir = mkdtempSync(join(tmpdir(), 'twostage-atdiff-'));
  try {
    const src = join(dir, `at-${seed}.S`);
    const elfPath = join(dir, `at-${seed}.elf`);
    writeFileSync(src, p.source);
    const err = buildSource(src, elfPath, dir);
    if (err !== null) throw new Error(`seed ${seed}: ${err}`);
    const elf = readFileSync(elfPath);
    const q = await runQemu(elfPath);
    if (q.status !== 0) throw new Error(`seed ${seed}: QEMU ${q.status === null ? 'timed out' : `exited with status ${q.status}`}`);
    const qemu = q.output.toString('latin1');
    return { elf, qemu, comparison: compareAt(p.probes, qemu, runOnTwostage(elf)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
