// Build, run on QEMU and on twostage, and judge one random AT program (program.ts, compare.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputOf } from '../compare.ts';
import { buildAndRunQemu, type SeededDiff, type SeedRun } from '../seeded-diff.ts';
import { type AtComparison, compareAt } from './compare.ts';
import { atProgram } from './program.ts';

export const RECORDED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'recorded');
/** Seeds whose ELF and QEMU output are committed (npm test judges twostage on them without QEMU). */
export const RECORDED_SEEDS = [1, 2, 3, 4];
export const CONFIGS = 48;
/** A program runs about 30 instructions per AT. */
const BUDGET = 2_000_000;

/** twostage's output for an ELF, in process. */
export const runOnTwostage = (elf: Uint8Array): string => outputOf(elf, BUDGET);

/** Generate, build, run on both, judge. Throws on a tool failure (assembler, QEMU timeout). */
export async function runSeed(seed: number, configs = CONFIGS): Promise<SeedRun & { readonly comparison: AtComparison }> {
  const p = atProgram(seed, configs);
  const { elf, qemu } = await buildAndRunQemu(`at-${seed}`, p.source);
  return { elf, qemu, comparison: compareAt(p.probes, qemu, runOnTwostage(elf)) };
}

export const AT_DIFF: SeededDiff = { tool: 'atdiff', recordedDir: RECORDED_DIR, recordedSeeds: RECORDED_SEEDS, prefix: 'at', size: ['--configs', CONFIGS], runSeed };
