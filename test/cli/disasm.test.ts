// `twostage disasm` against GNU objdump 2.40: random programs (several code sections, local/global/weak/function/
// object symbols, literal pools, data and zero runs inside code, unaligned data chunks) assembled by GNU as,
// linked by GNU ld, listed by both tools and compared line for line; flat binaries against `objdump -D -b binary`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { prng, sampleWords } from '../../src/asm/sample.ts';
import { SYNTAX } from '../../src/asm/syntax/index.ts';
import { ROWS as OPS } from '../../src/arch/a64/table.ts';
import { runDisasm } from '../../src/cli/disasm.ts';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const BINUTILS = ['as', 'ld', 'objdump'].every((t) => has(`aarch64-linux-gnu-${t}`));
const dir = mkdtempSync(join(tmpdir(), 'twostage-disasm-'));

/** stdout of `twostage disasm` run in-process. */
function ours(file: string): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const w = process.stdout.write, e = process.stderr.write;
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof w;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof e;
  try {
    const status = runDisasm(file, {});
    return { status, out, err };
  } finally {
    process.stdout.write = w;
    process.stderr.write = e;
  }
}

/** A random assembly program: `_start` in .text, then items drawn at random in several code sections. */
function program(rand: () => number, pool: number[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[rand() % xs.length]!;
  const sections = ['.text', '.text.more', '.boot', '.vectors'].slice(0, 2 + (rand() % 3));
  const labels: string[] = [];
  const aligned: string[] = []; // branch targets must be word aligned
  const lines: string[] = [];
  let n = 0;
  let mis = 0; // bytes past a 4-byte boundary: code starts only after explicit data bytes realign it
  const align = (): void => {
    if (mis !== 0) lines.push(`\t.byte ${Array(4 - mis).fill(0).join(', ')}`);
    mis = 0;
  };
  const label = (): void => {
    const name = `${pick(['l', 'g', 'f', 'o', 'w', 'gcc2_compiled.', 'x.o'])}${n++}`;
    const kind = name[0];
    if (kind === 'g' || kind === 'f') lines.push(`\t.globl ${name}`);
    if (kind === 'w') lines.push(`\t.weak ${name}`);
    // a function symbol starts code (get_sym_code_type): aligned, so its words are instructions we spell
    if (kind === 'f') {
      align();
      lines.push(`\t.type ${name}, %function`);
    }
    if (kind === 'o') lines.push(`\t.type ${name}, %object`, `\t.size ${name}, ${rand() % 24}`);
    if (kind !== 'f' && rand() % 4 === 0) {
      const to = pick(labels);
      lines.push(`\t.set ${name}, ${to}`);
      if (aligned.includes(to)) aligned.push(name);
    } else {
      lines.push(`${name}:`);
      if (mis === 0) aligned.push(name);
    }
    labels.push(name);
    // objdump shows the bytes after a function symbol as code: one of our instructions, not data
    if (kind === 'f') lines.push(`\t.inst 0x${pick(pool).toString(16)}`);
  };
  const code = (): string[] => [
    `\t.inst 0x${pick(pool).toString(16)}`,
    `\t${pick(['b', 'bl'])} ${pick(aligned)}`,
    `\tcbnz x${rand() % 31}, ${pick(aligned)}`,
    `\tadr x1, ${pick(labels)}`,
    `\tldr x${rand() % 31}, =0x${(rand() * 0x100000 + rand()).toString(16)}`,
    `\tldr w2, =${pick(labels)}`,
    '\t.ltorg',
  ];
  const data = (): [string, number] => {
    const bytes = Array.from({ length: 1 + (rand() % 5) }, () => rand() & 0xff);
    const text = 'hi there'.slice(0, rand() % 9);
    const zeros = 1 + (rand() % 20);
    return pick<[string, number]>([
      [`\t.word 0x${rand().toString(16)}`, 4],
      [`\t.hword ${rand() & 0xffff}`, 2],
      [`\t.byte ${bytes.join(', ')}`, bytes.length],
      [`\t.ascii "${text}"`, text.length],
      [`\t.quad 0x${rand().toString(16)}${rand().toString(16)}`, 8],
      [`\t.zero ${zeros}`, zeros],
    ]);
  };
  for (const sec of sections) {
    lines.push(`\t.section ${sec}, "ax"`, '\t.balign 4');
    mis = 0;
    if (sec === '.text') lines.push('\t.globl _start', '_start:');
    labels.push(sec === '.text' ? '_start' : `${sec.slice(1).replace('.', '_')}_start`);
    aligned.push(labels[labels.length - 1]!);
    if (sec !== '.text') lines.push(`${labels[labels.length - 1]}:`);
    for (let i = 0, items = 20 + (rand() % 40); i < items; i++) {
      const r = rand() % 10;
      if (r < 2) label();
      else if (r < 7) {
        align();
        lines.push(pick(code()));
      } else {
        const [line, size] = data();
        lines.push(line);
        mis = (mis + size) & 3;
      }
    }
    align(); // the literal pool GNU as flushes at the section's end starts with code-mapped padding
  }
  lines.push('\t.section .rodata', 'msg: .asciz "x"', '\t.data', 'counter: .quad 0');
  return lines.join('\n') + '\n';
}

test('random ld-linked programs: every line equals objdump -d', (t) => {
  if (!BINUTILS) return t.skip('skipped: aarch64-linux-gnu-as/ld/objdump are not installed');
  const seed = Date.now() & 0xffff;
  const rand = prng(seed);
  const pool: number[] = [];
  for (const row of OPS) if (SYNTAX.has(row.id)) pool.push(...sampleWords(row, 2, rand));
  let lines = 0;
  for (let p = 0; p < 12; p++) {
    const src = program(rand, pool);
    const base = join(dir, `p${p}`);
    writeFileSync(`${base}.S`, src);
    execFileSync('aarch64-linux-gnu-as', ['-o', `${base}.o`, `${base}.S`]);
    execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-e', '_start', '-o', `${base}.elf`, `${base}.o`]);
    const want = execFileSync('aarch64-linux-gnu-objdump', ['-d', `${base}.elf`], { cwd: dir, maxBuffer: 1 << 24 }).toString();
    const got = ours(`${base}.elf`);
    assert.equal(got.status, 0, got.err);
    const w = want.replaceAll(`${base}.elf`, `p${p}.elf`).split('\n');
    const g = got.out.split('\n');
    const first = w.findIndex((l, i) => l !== g[i]);
    assert.equal(first === -1 && w.length === g.length, true, `seed ${seed} program ${p} (${base}.S) line ${first + 1}: objdump '${w[first]}', ours '${g[first]}'`);
    lines += w.length;
  }
  t.diagnostic(`seed ${seed}: 12 programs, ${lines} lines identical to objdump -d`);
});

test('flat binaries (random words with zero runs): equal to objdump -D -b binary -m aarch64', (t) => {
  if (!BINUTILS) return t.skip('skipped: aarch64-linux-gnu-objdump is not installed');
  const rand = prng(Date.now() & 0xffff);
  const pool: number[] = [];
  for (const row of OPS) if (SYNTAX.has(row.id)) pool.push(...sampleWords(row, 1, rand));
  const words: number[] = [];
  while (words.length < 2000) {
    if (rand() % 8 === 0) words.push(...Array(rand() % 6).fill(0));
    else words.push(pool[rand() % pool.length]!);
  }
  const file = join(dir, 'flat.bin');
  writeFileSync(file, new Uint8Array(new Uint32Array(words).buffer).subarray(0, words.length * 4 - (rand() % 3)));
  const want = execFileSync('aarch64-linux-gnu-objdump', ['-D', '-b', 'binary', '-m', 'aarch64', file], { maxBuffer: 1 << 24 }).toString();
  const got = ours(file);
  assert.equal(got.status, 0, got.err);
  assert.equal(got.out, want);
});

test('an ELF whose section table points outside the file: one diagnostic naming the section, exit status 2', () => {
  const elf = join(dir, 'bad');
  const bytes = new Uint8Array(readFileSync('examples/hello.elf'));
  const dv = new DataView(bytes.buffer);
  const shoff = Number(dv.getBigUint64(40, true));
  dv.setBigUint64(shoff + 1 * 64 + 32, 1n << 40n, true); // section 1's sh_size: far past the end of the file
  writeFileSync(elf, bytes);
  const r = ours(elf);
  assert.equal(r.status, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /^twostage disasm: .*bad: section 1: bytes 0x[0-9a-f]+\.\.0x[0-9a-f]+ are outside the file \(\d+ bytes\)\n$/);
});
