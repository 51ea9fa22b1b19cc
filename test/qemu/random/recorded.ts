// The recorded programs `npm test` re-checks without QEMU: recorded/SEED.qemu.br (QEMU's records, brotli) and
// recorded/SEED.txt (`index word objdump-text` per word), plus known-missing.txt, the classes (objdump mnemonics)
// of the words twostage rejects where QEMU executes them, with their counts, as of the last recording.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRecords } from './compare.ts';
import { generate, type Program } from './program.ts';
import { disassemble, mnemonicOf, runOnQemu } from './reference.ts';
import { HARNESS_ELF, RANDOM_DIR, runOnTwostage } from './twostage.ts';
import { PROGS_DIR } from '../toolchain.ts';

export const RECORDED_SEEDS: readonly number[] = Array.from({ length: 12 }, (_, i) => i + 1);
export const RECORDED_WORDS = 256;
const DIR = join(RANDOM_DIR, 'recorded');
export const KNOWN_MISSING = join(RANDOM_DIR, 'known-missing.txt');

export interface Recorded {
  readonly program: Program;
  readonly qemu: Uint8Array;
  /** objdump's text per word. */
  readonly text: readonly string[];
}

export function readRecorded(seed: number): Recorded {
  const program = generate(seed, RECORDED_WORDS);
  const qemu = new Uint8Array(brotliDecompressSync(readFileSync(join(DIR, `${seed}.qemu.br`))));
  const text = readFileSync(join(DIR, `${seed}.txt`), 'utf8').split('\n').filter((l) => l !== '').map((l) => {
    const [, word, ...rest] = l.split(' ');
    return { word: parseInt(word!, 16), text: rest.join(' ') };
  });
  text.forEach((t, i) => {
    if (t.word !== program.words[i]) throw new Error(`recorded/${seed}.txt word ${i} is ${t.word.toString(16)}, the generator draws ${program.words[i]!.toString(16)}`);
  });
  if (text.length !== program.words.length) throw new Error(`recorded/${seed}.txt has ${text.length} words, not ${program.words.length}`);
  return { program, qemu, text: text.map((t) => t.text) };
}

/** known-missing.txt: `mnemonic count` per line, # comments. */
export function readKnownMissing(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(KNOWN_MISSING)) return out;
  for (const line of readFileSync(KNOWN_MISSING, 'utf8').split('\n')) {
    const t = line.replace(/#.*/, '').trim();
    if (t === '') continue;
    const [name, n] = t.split(/\s+/);
    out.set(name!, Number(n));
  }
  return out;
}

/** Assemble and link harness.S (with the differential suite's link.ld) into `elf`; the tools' complaint, or ''. */
function buildHarness(elf: string, tmp: string): string {
  const obj = join(tmp, 'harness.o');
  const as = spawnSync('aarch64-linux-gnu-as', [join(RANDOM_DIR, 'harness.S'), '-o', obj], { encoding: 'utf8' });
  if (as.status !== 0) return `as: ${as.stderr}`;
  const ld = spawnSync('aarch64-linux-gnu-ld', ['--no-warn-rwx-segments', '--build-id=none', '-T', join(PROGS_DIR, 'link.ld'), obj, '-o', elf], { encoding: 'utf8' });
  return ld.status === 0 ? '' : `ld: ${ld.stderr}`;
}

/** Rebuild harness.elf, run the recorded seeds on QEMU and write recorded/ and known-missing.txt; returns the problems. */
export async function writeRecorded(tmp: string): Promise<string[]> {
  mkdirSync(DIR, { recursive: true });
  const built = buildHarness(HARNESS_ELF, tmp);
  if (built !== '') return [built];
  const problems: string[] = [];
  const missing = new Map<string, number>();
  for (const seed of RECORDED_SEEDS) {
    const p = generate(seed, RECORDED_WORDS);
    const q = await runOnQemu(p, tmp);
    if (q.problem !== '') {
      problems.push(`seed ${seed}: ${q.problem}`);
      continue;
    }
    const text = disassemble(p.words, tmp);
    writeFileSync(join(DIR, `${seed}.qemu.br`), brotliCompressSync(q.records, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }));
    writeFileSync(join(DIR, `${seed}.txt`), [...p.words].map((w, i) => `${i} ${w.toString(16).padStart(8, '0')} ${text[i]}\n`).join(''));
    for (const d of compareRecords(p.words, q.records, runOnTwostage(p, q.records).records)) {
      if (d.verdict === 'missing') missing.set(mnemonicOf(text[d.index]!), (missing.get(mnemonicOf(text[d.index]!)) ?? 0) + 1);
    }
  }
  const lines = [...missing].sort((a, b) => a[0].localeCompare(b[0])).map(([m, n]) => `${m} ${n}\n`);
  writeFileSync(KNOWN_MISSING, [
    '# Words of the recorded programs that QEMU executes and twostage still rejects (UNDEFINED), per objdump mnemonic',
    '# ("undefined": objdump decodes nothing), with their counts. Written by `npm run diff:random -- --record`;',
    '# test/qemu/random/random.test.ts fails on any other difference and reports each line as a todo until it is gone.',
    '',
  ].join('\n') + lines.join(''));
  return problems;
}

/** Rebuild the harness and run the recorded seeds on QEMU again; returns what differs from the committed files. */
export async function checkRecorded(tmp: string): Promise<string[]> {
  const elf = join(tmp, 'harness.elf');
  const built = buildHarness(elf, tmp);
  if (built !== '') return [built];
  const problems: string[] = [];
  if (!readFileSync(elf).equals(readFileSync(HARNESS_ELF))) problems.push('rebuilt harness.elf differs from the committed one');
  for (const seed of RECORDED_SEEDS) {
    const r = readRecorded(seed);
    const q = await runOnQemu(r.program, tmp);
    if (q.problem !== '') problems.push(`seed ${seed}: ${q.problem}`);
    else if (!Buffer.from(q.records).equals(r.qemu)) problems.push(`seed ${seed}: QEMU's records differ from recorded/${seed}.qemu.br`);
  }
  return problems;
}
