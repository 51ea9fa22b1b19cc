// Build, run on QEMU and on twostage, and judge one system-register sweep (program.ts, compare.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputOf } from '../compare.ts';
import { buildAndRunQemu, type SeededDiff, type SeedRun } from '../seeded-diff.ts';
import { compareSweep, maskTime, type SweepComparison } from './compare.ts';
import { sweepProgram } from './program.ts';

export const RECORDED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'recorded');
/** Seeds whose ELF and QEMU output are committed (npm test judges twostage on them without QEMU). */
export const RECORDED_SEEDS = [1, 2, 3];
/** A sweep runs about 160 instructions per word and EL: 32,768 words at three ELs. */
export const BUDGET = 30_000_000;

export const sweepOnTwostage = (elf: Uint8Array): string => outputOf(elf, BUDGET);

export async function runSeed(seed: number): Promise<SeedRun & { readonly comparison: SweepComparison }> {
  const p = sweepProgram(seed);
  const { elf, qemu } = await buildAndRunQemu(`sysreg-${seed}`, p.source);
  return { elf, qemu, comparison: compareSweep(p.config, qemu, sweepOnTwostage(elf)) };
}

export const SYSREG_DIFF: SeededDiff = { tool: 'sysregdiff', recordedDir: RECORDED_DIR, recordedSeeds: RECORDED_SEEDS, prefix: 'sysreg', runSeed, stable: maskTime };
