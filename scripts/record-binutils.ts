// Records GNU binutils' answers for the assembler/disassembler golden tests (run where binutils is installed:
// `npx tsx scripts/record-binutils.ts`):
//  - test/asm/golden/corpus.hex: for each line of test/asm/corpus.S that is an instruction, the word GNU as
//    makes (assembled and linked at 0x40080000);
//  - test/asm/golden/random.txt.gz: objdump's text for random words of every row that has syntax (seeded).
// `--compare` only prints where our disassembler differs from objdump (development aid), writing nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROWS } from '../src/arch/a64/table.ts';
import { disassemble, plainEnv } from '../src/asm/disasm.ts';
import { prng, sampleWords } from '../src/asm/sample.ts';
import { SYNTAX } from '../src/asm/syntax/index.ts';

export const RANDOM_SEED = 0x7a5c;
export const WORDS_PER_ROW = Number(process.env.WORDS_PER_ROW ?? 600);

const tmp = mkdtempSync(join(tmpdir(), 'twostage-binutils-'));
const tool = (name: string, args: string[]) => execFileSync(`aarch64-linux-gnu-${name}`, args, { maxBuffer: 1 << 28 }).toString();

/** objdump's instruction text for each word (disassembled as a flat binary at address 0). */
export function objdumpWords(words: readonly number[]): string[] {
  const buf = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => buf.writeUInt32LE(w, i * 4));
  const bin = join(tmp, 'words.bin');
  writeFileSync(bin, buf);
  const out = tool('objdump', ['-D', '-b', 'binary', '-m', 'aarch64', bin]);
  const texts: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*[0-9a-f]+:\t[0-9a-f]{8} \t(.*)$/.exec(line);
    if (m) texts.push(m[1]!);
  }
  if (texts.length !== words.length) throw new Error(`objdump printed ${texts.length} lines for ${words.length} words`);
  return texts;
}

/** The random words of the golden file, row by row (same seed → same words). */
export function randomWords(): number[] {
  const rand = prng(RANDOM_SEED);
  const words: number[] = [];
  for (const row of ROWS) if (SYNTAX.has(row.id)) words.push(...sampleWords(row, WORDS_PER_ROW, rand));
  return words;
}

function main(): void {
  const compare = process.argv.includes('--compare');
  const words = randomWords();
  const texts = objdumpWords(words);
  if (compare) {
    let bad = 0;
    const perRow = new Map<string, number>();
    words.forEach((w, i) => {
      const ours = disassemble(w, plainEnv(BigInt(i * 4)));
      if (ours !== texts[i]) {
        const id = ROWS.find((r) => ((w & r.mask) >>> 0) === r.match && SYNTAX.has(r.id))?.id ?? '?';
        perRow.set(id, (perRow.get(id) ?? 0) + 1);
        if (bad++ < Number(process.env.SHOW ?? 40)) console.log(`${w.toString(16).padStart(8, '0')} ${id}\n  objdump: ${texts[i]}\n  ours:    ${ours}`);
      }
    });
    console.log(`${words.length - bad}/${words.length} identical`, [...perRow].map(([k, v]) => `${k}:${v}`).join(' '));
    return;
  }
  const lines = words.map((w, i) => `${w.toString(16).padStart(8, '0')}\t${texts[i]}`);
  writeFileSync('test/asm/golden/random.txt.gz', gzipSync(lines.join('\n') + '\n', { level: 9 }));
  console.log(`random: ${words.length} words recorded`);

  const src = readFileSync('test/asm/corpus.S', 'utf8');
  writeFileSync(join(tmp, 'corpus.S'), src);
  tool('as', ['-o', join(tmp, 'corpus.o'), join(tmp, 'corpus.S')]);
  tool('ld', ['-Ttext=0x40080000', '-e', '_start', '-o', join(tmp, 'corpus.elf'), join(tmp, 'corpus.o')]);
  tool('objcopy', ['-O', 'binary', '-j', '.text', join(tmp, 'corpus.elf'), join(tmp, 'corpus.bin')]);
  const bin = readFileSync(join(tmp, 'corpus.bin'));
  writeFileSync('test/asm/golden/corpus.hex', bin.toString('hex').replace(/(.{8})/g, '$1\n'));
  console.log(`corpus: ${bin.length} bytes recorded`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
