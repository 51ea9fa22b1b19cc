// Random address-translation probes against QEMU (test/qemu/random-at/): random EL1&0 translation registers and
// descriptors, AT S1E*/S12E* on random VAs, PAR_EL1 compared with QEMU's, each difference equal, explained by a
// documented QEMU 7.2 departure, or unexplained (a finding).
//   tsx scripts/atdiff.ts [--seed S] [--programs N] [--configs C]   programs S … S+N−1 (48 configurations × 5 ATs each)
//   tsx scripts/atdiff.ts --record   re-record test/qemu/random-at/recorded/ (RECORDED_SEEDS) from QEMU
//   tsx scripts/atdiff.ts --check    rebuild the recorded programs, run them on QEMU again; fail if anything changed
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { missingTools } from '../test/qemu/toolchain.ts';
import type { AtVerdict } from '../test/qemu/random-at/compare.ts';
import { CONFIGS, RECORDED_DIR, RECORDED_SEEDS, recordedElf, recordedOut, runSeed } from '../test/qemu/random-at/run.ts';

function option(args: readonly string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) {
    console.error(`atdiff: ${name} needs a non-negative integer, not ${args[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return v;
}

async function main(args: readonly string[]): Promise<number> {
  const missing = missingTools();
  if (missing.length > 0) {
    console.error(`atdiff: ${missing.join(', ')} not found (install qemu-system-arm and binutils-aarch64-linux-gnu)`);
    return 2;
  }
  if (args.includes('--record') || args.includes('--check')) {
    const check = args.includes('--check');
    mkdirSync(RECORDED_DIR, { recursive: true });
    let bad = 0;
    for (const seed of RECORDED_SEEDS) {
      const r = await runSeed(seed);
      if (!check) {
        writeFileSync(recordedElf(seed), r.elf);
        writeFileSync(recordedOut(seed), r.qemu);
      } else if (!r.elf.equals(readFileSync(recordedElf(seed))) || r.qemu !== readFileSync(recordedOut(seed), 'latin1')) {
        console.error(`atdiff: seed ${seed}: the rebuilt ELF or QEMU's output differs from the recording`);
        bad++;
      }
    }
    console.log(`atdiff: ${check ? 'checked' : 'recorded'} ${RECORDED_SEEDS.length} programs${bad > 0 ? `, ${bad} differ` : ''}`);
    return bad > 0 ? 1 : 0;
  }
  const first = option(args, '--seed', 1);
  const programs = option(args, '--programs', 20);
  const configs = option(args, '--configs', CONFIGS);
  const total: Record<string, number> = {};
  const findings: string[] = [];
  for (let s = first; s < first + programs; s++) {
    const r = await runSeed(s, configs);
    for (const [k, n] of Object.entries(r.comparison.counts) as [AtVerdict, number][]) total[k] = (total[k] ?? 0) + n;
    for (const u of r.comparison.unexplained) findings.push(`seed ${s}: ${u}`);
  }
  for (const f of findings) console.log(f);
  console.log(`atdiff: seeds ${first}..${first + programs - 1}: ${Object.entries(total).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return findings.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
