// The recorded programs `npm test` re-checks without QEMU: recorded/NAME.qemu.br (QEMU's records, brotli) and
// recorded/NAME.txt (`index word objdump-text` per word), NAME being the seed (words from the whole 32-bit space) or
// fpsimd-SEED (FP/SIMD words only), plus known-missing.txt, the classes (objdump mnemonics)
// of the words twostage rejects where QEMU executes them, with their counts, as of the last recording.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRecords } from './compare.ts';
import { generate, type Program, type WordSpace } from './program.ts';
import { disassemble, mnemonicOf, runOnQemu } from './reference.ts';
import { HARNESS_ELF, RANDOM_DIR, runOnTwostage } from './twostage.ts';
import { PROGS_DIR } from '../toolchain.ts';

/** A recorded program: its seed, the words it draws from and how many. */
export interface RecordedId {
  readonly seed: number;
  readonly space: WordSpace;
  readonly words: number;
}
/** 12 × 256 words from the whole space; 4 × 2048 FP/SIMD words (about 28 % of them decode: the rest is UNDEFINED). */
export const RECORDED: readonly RecordedId[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ seed: i + 1, space: 'all' as const, words: 256 })),
  ...Array.from({ length: 4 }, (_, i) => ({ seed: i + 1, space: 'fpsimd' as const, words: 2048 })),
];
export const recordedName = (id: RecordedId): string => (id.space === 'all' ? `${id.seed}` : `${id.space}-${id.seed}`);
const DIR = join(RANDOM_DIR, 'recorded');
export const KNOWN_MISSING = join(RANDOM_DIR, 'known-missing.txt');

export interface Recorded {
  readonly program: Program;
  readonly qemu: Uint8Array;
  /** objdump's text per word. */
  readonly text: readonly string[];
}

export function readRecorded(id: RecordedId): Recorded {
  const name = recordedName(id);
  const program = generate(id.seed, id.words, id.space);
  const qemu = new Uint8Array(brotliDecompressSync(readFileSync(join(DIR, `${name}.qemu.br`))));
  const text = readFileSync(join(DIR, `${name}.txt`), 'utf8').split('\n').filter((l) => l !== '').map((l) => {
    const [, word, ...rest] = l.split(' ');
    return { word: parseInt(word!, 16), text: rest.join(' ') };
  });
  text.forEach((t, i) => {
    if (t.word !== program.words[i]) throw new Error(`recorded/${name}.txt word ${i} is ${t.word.toString(16)}, the generator draws ${program.words[i]!.toString(16)}`);
  });
  if (text.length !== program.words.length) throw new Error(`recorded/${name}.txt has ${text.length} words, not ${program.words.length}`);
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
  for (const id of RECORDED) {
    const name = recordedName(id);
    const p = generate(id.seed, id.words, id.space);
    const q = await runOnQemu(p, tmp);
    if (q.problem !== '') {
      problems.push(`${name}: ${q.problem}`);
      continue;
    }
    const text = disassemble(p.words, tmp);
    writeFileSync(join(DIR, `${name}.qemu.br`), brotliCompressSync(q.records, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }));
    writeFileSync(join(DIR, `${name}.txt`), [...p.words].map((w, i) => `${i} ${w.toString(16).padStart(8, '0')} ${text[i]}\n`).join(''));
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
  for (const id of RECORDED) {
    const name = recordedName(id);
    const r = readRecorded(id);
    const q = await runOnQemu(r.program, tmp);
    if (q.problem !== '') problems.push(`${name}: ${q.problem}`);
    else if (!Buffer.from(q.records).equals(r.qemu)) problems.push(`${name}: QEMU's records differ from recorded/${name}.qemu.br`);
  }
  return problems;
}
