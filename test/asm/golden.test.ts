// The assembler and disassembler against GNU binutils: the recorded answers (test/asm/golden/, made by
// scripts/record-binutils.ts) always, and binutils live when it is installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { assemble } from '../../src/asm/assemble.ts';
import { disassemble, plainEnv } from '../../src/asm/disasm.ts';
import { prng, sampleWords } from '../../src/asm/sample.ts';
import { SYNTAX } from '../../src/asm/syntax/index.ts';
import { decodeRow } from '../../src/arch/a64/decode.ts';
import { ROWS } from '../../src/arch/a64/table.ts';

const CORPUS = 'test/asm/corpus.S';
const source = readFileSync(CORPUS, 'utf8');

function has(tool: string): boolean {
  try {
    execFileSync(`aarch64-linux-gnu-${tool}`, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ourCorpus(): { words: number[]; lineOf: Map<number, number> } {
  const r = assemble(CORPUS, source);
  assert.deepEqual(r.diagnostics, []);
  const text = r.sections[0]!;
  const dv = new DataView(text.bytes.buffer, text.bytes.byteOffset, text.bytes.byteLength);
  const words = Array.from({ length: text.bytes.length >> 2 }, (_, i) => dv.getUint32(i * 4, true));
  return { words, lineOf: new Map(r.listing.map((l) => [Number(l.addr - text.addr) >> 2, l.line])) };
}

function compareCorpus(expected: number[], what: string, t: { diagnostic(s: string): void }): void {
  const { words, lineOf } = ourCorpus();
  const lines = source.split('\n');
  const bad: string[] = [];
  for (let i = 0; i < Math.max(words.length, expected.length); i++) {
    if (words[i] !== expected[i]) {
      const ln = lineOf.get(i);
      bad.push(`+0x${(i * 4).toString(16)} line ${ln ?? '?'} '${ln ? lines[ln - 1]!.trim() : ''}': ours ${words[i]?.toString(16)} ${what} ${expected[i]?.toString(16)}`);
    }
  }
  assert.deepEqual(bad, [], bad.slice(0, 20).join('\n'));
  t.diagnostic(`corpus: ${lineOf.size} instructions, ${words.length * 4} bytes identical to ${what}`);
}

test('corpus: covers ≥ 300 instruction lines and every row that has syntax is spelled at least once', () => {
  const { words, lineOf } = ourCorpus();
  assert.ok(lineOf.size >= 300, `${lineOf.size} instruction lines`);
  const seen = new Set([...lineOf.keys()].map((i) => decodeRow(words[i]!)?.id));
  const missing = ROWS.filter((r) => SYNTAX.has(r.id) && !seen.has(r.id)).map((r) => r.id);
  assert.deepEqual(missing, []);
});

test('corpus: assembles to the bytes GNU as + ld made (recorded)', (t) => {
  const hex = readFileSync('test/asm/golden/corpus.hex', 'utf8').split(/\s+/).filter(Boolean);
  const expected = hex.map((h) => Buffer.from(h, 'hex').readUInt32LE(0));
  compareCorpus(expected, 'recorded GNU as', t);
});

test('corpus: assembles to the bytes GNU as + ld make (live)', (t) => {
  if (!has('as') || !has('ld') || !has('objcopy')) return t.skip('skipped: no aarch64 binutils');
  const dir = mkdtempSync(join(tmpdir(), 'twostage-asm-'));
  const run = (tool: string, args: string[]) => execFileSync(`aarch64-linux-gnu-${tool}`, args);
  run('as', ['-o', join(dir, 'c.o'), CORPUS]);
  run('ld', ['-Ttext=0x40080000', '-e', '_start', '-o', join(dir, 'c.elf'), join(dir, 'c.o')]);
  run('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'c.elf'), join(dir, 'c.bin')]);
  const bin = readFileSync(join(dir, 'c.bin'));
  compareCorpus(Array.from({ length: bin.length >> 2 }, (_, i) => bin.readUInt32LE(i * 4)), 'live GNU as', t);
});

test('random words: disassemble to the text objdump printed (recorded)', (t) => {
  const lines = gunzipSync(readFileSync('test/asm/golden/random.txt.gz')).toString().split('\n').filter(Boolean);
  assert.ok(lines.length >= 100_000, `${lines.length} recorded words`);
  const bad: string[] = [];
  lines.forEach((line, i) => {
    const tab = line.indexOf('\t');
    const w = parseInt(line.slice(0, tab), 16);
    const ours = disassemble(w, plainEnv(BigInt(i * 4)));
    if (ours !== line.slice(tab + 1)) bad.push(`${line.slice(0, tab)}: objdump '${line.slice(tab + 1)}', ours '${ours}'`);
  });
  assert.deepEqual(bad.slice(0, 20), []);
  t.diagnostic(`random: ${lines.length} recorded words identical to objdump`);
});

test('random words: disassemble to the text objdump prints (live, fresh sample)', (t) => {
  if (!has('objdump')) return t.skip('skipped: no aarch64 objdump');
  const seed = Date.now() & 0xffff;
  const rand = prng(seed);
  const words: number[] = [];
  for (const row of ROWS) if (SYNTAX.has(row.id)) words.push(...sampleWords(row, 20, rand));
  const dir = mkdtempSync(join(tmpdir(), 'twostage-disasm-'));
  const buf = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => buf.writeUInt32LE(w, i * 4));
  writeFileSync(join(dir, 'w.bin'), buf);
  const out = execFileSync('aarch64-linux-gnu-objdump', ['-D', '-b', 'binary', '-m', 'aarch64', join(dir, 'w.bin')], { maxBuffer: 1 << 26 }).toString();
  const texts = out.split('\n').flatMap((l) => /^\s*[0-9a-f]+:\t[0-9a-f]{8} \t(.*)$/.exec(l)?.slice(1) ?? []);
  assert.equal(texts.length, words.length);
  const bad = words.flatMap((w, i) => {
    const ours = disassemble(w, plainEnv(BigInt(i * 4)));
    return ours === texts[i] ? [] : [`${w.toString(16)}: objdump '${texts[i]}', ours '${ours}'`];
  });
  assert.deepEqual(bad.slice(0, 20), [], `sample seed ${seed}`);
  t.diagnostic(`random (live, seed ${seed}): ${words.length} fresh words identical to objdump`);
});

test('ORR #imm from XZR prints as mov whenever Rd is SP/WSP (MOVZ/MOVN cannot write SP), else only for a value they cannot make', () => {
  // the texts objdump 2.40 printed for these words (a live sample found the first)
  const objdump: readonly [number, string][] = [
    [0xb2670bff, 'mov\tsp, #0xe000000             \t// #234881024'],
    [0x3200c3ff, 'mov\twsp, #0x1010101             \t// #16843009'],
    [0x320003ff, 'mov\twsp, #0x1                   \t// #1'],
    [0xb2670be0, 'orr\tx0, xzr, #0xe000000'],
    [0x320003e0, 'orr\tw0, wzr, #0x1'],
  ];
  for (const [w, text] of objdump) assert.equal(disassemble(w, plainEnv(0n)), text, w.toString(16));
});
