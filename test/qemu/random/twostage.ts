// Run a random-instruction program on twostage's virt machine, in process, and compare its records with QEMU's.
// The harness reloads the state from each record before the next word (harness.S `dumped`), so where a record
// differs the run continues from QEMU's record: every word is judged on the same input state, not only the first
// that differs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf, type ElfImage } from '../../../src/elf/read.ts';
import { VirtMachine } from '../../../src/machine/virt.ts';
import { PC } from '../../../src/cpu/state.ts';
import { BLOB, OUT, type Program, R_ESR, REC } from './program.ts';

export const RANDOM_DIR = dirname(fileURLToPath(import.meta.url));
export const HARNESS_ELF = join(RANDOM_DIR, 'harness.elf');
/** The harness runs about 200 instructions per word. */
const BUDGET_PER_WORD = 1000;

let harness: { image: ElfImage; dumped: bigint } | undefined;
function loadHarness(): { image: ElfImage; dumped: bigint } {
  if (harness !== undefined) return harness;
  const r = readElf(readFileSync(HARNESS_ELF));
  if (!r.ok) throw new Error(`${HARNESS_ELF}: ${r.error}`);
  const sym = r.image.symbols.find((s) => s.name === 'dumped');
  if (sym === undefined) throw new Error(`${HARNESS_ELF}: no symbol \`dumped\``);
  harness = { image: r.image, dumped: sym.value };
  return harness;
}

export interface TwostageRun {
  /** twostage's records, one per word, each taken from QEMU's state after the previous word. */
  readonly records: Uint8Array;
  /** Why the run did not finish with status 0 (empty when it did). */
  readonly problem: string;
}

function machineFor(p: Program): VirtMachine {
  const m = new VirtMachine();
  const err = m.load(loadHarness().image);
  if (err !== undefined) throw new Error(`harness: ${err}`);
  m.mem.writeBytes(BLOB, p.blob);
  return m;
}

/**
 * Run `p`. Without `reference` (or when twostage agrees with it throughout) the run is one fast pass; otherwise it is
 * stepped and, after each record that differs, the reference record replaces twostage's before the harness reloads it.
 */
export function runOnTwostage(p: Program, reference?: Uint8Array): TwostageRun {
  const budget = p.words.length * BUDGET_PER_WORD;
  const fast = machineFor(p);
  const r = fast.run(budget);
  const problem = r.exitCode === 0 ? '' : `twostage stopped: ${JSON.stringify(r.stop, (_, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))}`;
  if (reference === undefined || (problem === '' && Buffer.from(r.stdout).equals(reference))) return { records: r.stdout, problem };
  // stepped: at `dumped`, x0 holds the record just written; keep twostage's, put the reference's in its place
  const m = machineFor(p);
  const dumped = loadHarness().dumped;
  const cpu = m.cpu;
  const own = new Map<number, Uint8Array>();
  let stop = '';
  for (let n = 0; n < budget; n++) {
    if (cpu.x[PC] === dumped) {
      const at = Number(cpu.x[0]!);
      const index = (at - OUT) / REC;
      const ref = reference.subarray(index * REC, (index + 1) * REC);
      if (ref.length === REC) {
        own.set(index, m.mem.readBytes(at, REC));
        m.mem.writeBytes(at, ref);
      }
    }
    const s = m.step();
    if (s.kind === 'exit') {
      if (s.code !== 0) stop = `twostage exited with status ${s.code}`;
      break;
    }
    if (s.kind !== 'budget') {
      stop = `twostage stopped: ${s.kind}`;
      break;
    }
  }
  const records = m.stdout.bytes().slice();
  for (const [i, rec] of own) if ((i + 1) * REC <= records.length) records.set(rec, i * REC);
  return { records, problem: stop };
}

/** Word i's state from a record buffer. */
export function record(buf: Uint8Array, i: number): DataView | undefined {
  if ((i + 1) * REC > buf.length) return undefined;
  return new DataView(buf.buffer, buf.byteOffset + i * REC, REC);
}

export const esrOf = (r: DataView): bigint => r.getBigUint64(R_ESR * 8, true);
