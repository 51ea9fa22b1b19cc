// The shared flags `--sync immediate|architectural`, `--speculate SEED` and `--errata` (DESIGN.md §3, §4): they
// choose the Cpu's SyncModel (src/cpu/sync.ts). `--speculate`/`--errata` imply `--sync architectural`.
import type { Command } from 'commander';
import { SeededChoices, SyncModel } from '../cpu/sync.ts';

export interface SyncFlags {
  readonly sync?: string;
  readonly speculate?: string;
  readonly errata?: boolean;
}

export function addSyncOptions(cmd: Command): Command {
  return cmd
    .option('--sync <mode>', 'system-register and TLBI synchronization: immediate (as QEMU) | architectural')
    .option('--speculate <seed>', 'architectural, with speculative TLB fills and early completions from a seeded generator')
    .option('--errata', 'architectural, with Cortex-A57 erratum 1319537: speculative EL1&0 walks at EL2');
}

/** The SyncModel the flags ask for (null: immediate), or a message saying what is wrong. */
export function syncModelFrom(f: SyncFlags): SyncModel | null | string {
  const mode = f.sync ?? (f.speculate !== undefined || f.errata === true ? 'architectural' : 'immediate');
  if (mode !== 'immediate' && mode !== 'architectural') return `--sync: expected immediate or architectural, not '${mode}'`;
  if (mode === 'immediate') {
    if (f.speculate !== undefined || f.errata === true) return '--speculate and --errata need --sync architectural';
    return null;
  }
  let choices: SeededChoices | undefined;
  if (f.speculate !== undefined) {
    if (!/^\d+$/.test(f.speculate) || Number(f.speculate) > 0xffff_ffff) return '--speculate: expected a seed from 0 to 4294967295';
    choices = new SeededChoices(Number(f.speculate));
  }
  return new SyncModel({ choices, errata: f.errata === true });
}
