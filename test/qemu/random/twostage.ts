// Run a random-instruction program on twostage's virt machine, in process. Given QEMU's records as the reference,
// the harness resumes every word from QEMU's state after the previous word (harness.S REF_PTR), so each word is
// judged from the same input state, not only the first that differs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf, type ElfImage } from '../../../src/elf/read.ts';
import { VirtMachine } from '../../../src/machine/virt.ts';
import { BLOB, type Program, REF, REF_PTR } from './program.ts';

export const RANDOM_DIR = dirname(fileURLToPath(import.meta.url));
export const HARNESS_ELF = join(RANDOM_DIR, 'harness.elf');
/** RAM for the harness on both sides (its reference records lie at 0x4c00_0000, beyond the default 128 MiB). */
export const RANDOM_RAM_MIB = 256;
/** The harness runs about 200 instructions per word. */
const BUDGET_PER_WORD = 1000;

let harness: ElfImage | undefined;
function loadHarness(): ElfImage {
  if (harness !== undefined) return harness;
  const r = readElf(readFileSync(HARNESS_ELF));
  if (!r.ok) throw new Error(`${HARNESS_ELF}: ${r.error}`);
  harness = r.image;
  return harness;
}

export interface TwostageRun {
  /** twostage's records, one per word. */
  readonly records: Uint8Array;
  /** Why the run did not finish with status 0 (empty when it did). */
  readonly problem: string;
}

/** `Machine`: the virt machine class to run on (a source mutant's in fp-mutants.test.ts). */
export function runOnTwostage(p: Program, reference?: Uint8Array, Machine: typeof VirtMachine = VirtMachine): TwostageRun {
  const m = new Machine({ ramBytes: RANDOM_RAM_MIB * 2 ** 20 });
  const err = m.load(loadHarness());
  if (err !== undefined) throw new Error(`harness: ${err}`);
  m.mem.writeBytes(BLOB, p.blob);
  if (reference !== undefined) {
    m.mem.writeBytes(REF, reference);
    const ref = new Uint8Array(8);
    new DataView(ref.buffer).setBigUint64(0, BigInt(REF), true);
    m.mem.writeBytes(REF_PTR, ref);
  }
  const r = m.run(p.words.length * BUDGET_PER_WORD);
  const hex = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);
  return { records: r.stdout, problem: r.exitCode === 0 ? '' : `twostage stopped: ${JSON.stringify(r.stop, hex)}` };
}
