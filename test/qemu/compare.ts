// Run one committed differential program on twostage's virt machine and compare its output with the recorded
// QEMU output (expected/NAME.out) — or, where QEMU departs from the Arm ARM, with the architecture's output
// (expected/NAME.arch.out, see DEVIATIONS.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readElf } from '../../src/elf/read.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { ELF_DIR, EXPECTED_DIR, gicVersionOf } from './toolchain.ts';

/** Every program is tiny; a run that needs more than this is looping. */
const BUDGET = 2_000_000;

export interface Comparison {
  readonly name: string;
  /** Which expectation was used: 'qemu' (NAME.out) or 'arch' (NAME.arch.out, a documented QEMU deviation). */
  readonly reference: 'qemu' | 'arch';
  readonly ok: boolean;
  /** Line-level differences (expected vs got), empty when ok. */
  readonly diffs: readonly string[];
}

/** Programs with a recorded expectation, sorted. */
export function recordedPrograms(): string[] {
  return readdirSync(EXPECTED_DIR)
    .filter((f) => f.endsWith('.out') && !f.endsWith('.arch.out'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export interface ElfRun {
  readonly stdout: Buffer;
  /** The program's exit status; null when it stopped otherwise. */
  readonly exitCode: number | null;
  /** How the run stopped: `status N`, or the machine's stop record. */
  readonly stop: string;
  readonly instructions: number;
}

/** Run an ELF on a fresh virt machine (with the GIC given) for at most `budget` instructions; a string says why it
 *  did not load. */
export function runElf(elf: Uint8Array, budget = BUDGET, gicVersion: 2 | 3 = 2): ElfRun | string {
  const parsed = readElf(elf);
  if (!parsed.ok) return `ELF: ${parsed.error}`;
  const m = new VirtMachine({ gicVersion });
  const err = m.load(parsed.image);
  if (err !== undefined) return `load: ${err}`;
  const r = m.run(budget);
  const stop = r.stop.kind === 'exit' ? `status ${r.stop.code}` : JSON.stringify(r.stop);
  return { stdout: Buffer.from(r.stdout), exitCode: r.exitCode, stop, instructions: r.instructions };
}

/** An ELF's output on twostage, which must exit with status 0 (else this throws, saying how it stopped). */
export function outputOf(elf: Uint8Array, budget = BUDGET): string {
  const r = runElf(elf, budget);
  if (typeof r === 'string') throw new Error(r);
  if (r.exitCode !== 0) throw new Error(`twostage stopped: ${r.stop} after ${r.instructions} instructions`);
  return r.stdout.toString('latin1');
}

export function compareProgram(name: string): Comparison {
  const archFile = join(EXPECTED_DIR, `${name}.arch.out`);
  const reference = existsSync(archFile) ? 'arch' : 'qemu';
  const expected = readFileSync(reference === 'arch' ? archFile : join(EXPECTED_DIR, `${name}.out`));
  const r = runElf(readFileSync(join(ELF_DIR, `${name}.elf`)), BUDGET, gicVersionOf(name));
  if (typeof r === 'string') return { name, reference, ok: false, diffs: [r] };
  const diffs = r.stdout.equals(expected) ? [] : lineDiffs(expected.toString('latin1'), r.stdout.toString('latin1'));
  if (r.exitCode !== 0) diffs.push(`exit: expected status 0, got ${r.stop} after ${r.instructions} instructions`);
  return { name, reference, ok: diffs.length === 0, diffs };
}

/** Lines that differ, position by position, plus missing or extra lines. */
function lineDiffs(expected: string, got: string): string[] {
  const e = expected.split('\n');
  const g = got.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, g.length); i++) {
    if (e[i] === g[i]) continue;
    if (i >= g.length) out.push(`line ${i + 1}: expected ${e[i]}, got nothing (output ends)`);
    else if (i >= e.length) out.push(`line ${i + 1}: unexpected ${g[i]}`);
    else out.push(`line ${i + 1}: expected ${e[i]}, got ${g[i]}`);
  }
  return out;
}
