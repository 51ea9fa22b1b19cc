// The random-instruction differential against QEMU (test/qemu/random/README.md).
//   tsx scripts/randiff.ts [--seed S] [--words N] [--per W] [--shard K/M] [--fpsimd] [--out FILE]
//       run programs S, S+1, … (W words each, N words in all; with --shard only those whose number ≡ K mod M) on QEMU
//       and on twostage, append one JSON line per program to FILE (resumable: programs already in FILE are skipped)
//       and print the summary of FILE: words run and filtered per class, divergences per class (objdump's mnemonic).
//       --fpsimd draws only FP/SIMD encodings (program.ts WordSpace), with its own default FILE name.
//   tsx scripts/randiff.ts --summary FILE...  only print the summary of results files (e.g. the shards of one campaign)
//   tsx scripts/randiff.ts --record   re-record test/qemu/random/recorded/ (recorded.ts RECORDED) from QEMU
//   tsx scripts/randiff.ts --check    run the recorded programs on QEMU again; fail if its records differ
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTools } from '../test/qemu/toolchain.ts';
import { compareRecords } from '../test/qemu/random/compare.ts';
import { fpCoverage, type FpCoverage, FPSR_FLAG_NAMES } from '../test/qemu/random/fp-coverage.ts';
import { generate } from '../test/qemu/random/program.ts';
import { disassemble, mnemonicOf, runOnQemu } from '../test/qemu/random/reference.ts';
import { checkRecorded, writeRecorded } from '../test/qemu/random/recorded.ts';
import { runOnTwostage } from '../test/qemu/random/twostage.ts';

interface ProgramResult {
  seed: number;
  words: number;
  filtered: Record<string, number>;
  problem: string;
  /** FPCR combinations and FPSR flags raised, from QEMU's records (absent in results files of older runs). */
  fp?: FpCoverage;
  divergences: { index: number; word: string; text: string; verdict: string; fields: string[] }[];
}

function usage(why: string): never {
  console.error(`randiff: ${why}\nusage: tsx scripts/randiff.ts [--seed S] [--words N] [--per W] [--shard K/M] [--fpsimd] [--out FILE] | --record | --check`);
  process.exit(2);
}

function intOption(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) usage(`${name} needs a non-negative integer, not ${args[i + 1] ?? 'nothing'}`);
  return v;
}

const args = process.argv.slice(2);
const missing = [...missingTools(), ...(existsSync('/usr/bin/aarch64-linux-gnu-objdump') ? [] : ['aarch64-linux-gnu-objdump'])];
if (missing.length > 0) {
  console.log(`randiff: skipped: ${missing.join(', ')} not found`);
  process.exit(args.includes('--check') ? 0 : 1);
}
if (args.includes('--summary')) {
  summarise(args.filter((a) => !a.startsWith('--')));
  process.exit(0);
}
const tmp = mkdtempSync(join(tmpdir(), 'twostage-randiff-'));
if (args.includes('--record') || args.includes('--check')) {
  const problems = args.includes('--record') ? await writeRecorded(tmp) : await checkRecorded(tmp);
  rmSync(tmp, { recursive: true, force: true });
  for (const p of problems) console.log(p);
  console.log(`randiff: ${args.includes('--record') ? 'recorded' : 'checked'}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

const seed = intOption(args, "--seed", 1_000_000);
const per = intOption(args, '--per', 1000);
const total = intOption(args, '--words', 100_000);
const shardArg = args[args.indexOf('--shard') + 1];
const [shard, shards] = args.includes('--shard') ? (shardArg ?? '').split('/').map(Number) : [0, 1];
if (!Number.isInteger(shard) || !Number.isInteger(shards) || shards! < 1 || shard! < 0 || shard! >= shards!) {
  usage(`--shard needs K/M with 0 <= K < M, not ${shardArg}`);
}
const space = args.includes('--fpsimd') ? 'fpsimd' : 'all';
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : `randiff-${space === 'all' ? '' : `${space}-`}${seed}-${total}-${shard}of${shards}.jsonl`;
const done = new Set<number>();
if (existsSync(out)) for (const l of readFileSync(out, 'utf8').split('\n')) if (l !== '') done.add((JSON.parse(l) as ProgramResult).seed);

const programs = Math.ceil(total / per);
const started = Date.now();
let ran = 0;
for (let j = 0; j < programs; j++) {
  const s = seed + j;
  if (j % shards! !== shard || done.has(s)) continue;
  const p = generate(s, Math.min(per, total - j * per), space);
  const q = await runOnQemu(p, tmp);
  const t = q.problem === '' ? runOnTwostage(p, q.records) : { records: new Uint8Array(0), problem: '' };
  const divs = q.problem === '' ? compareRecords(p.words, q.records, t.records) : [];
  const text = divs.length > 0 ? disassemble(p.words, tmp) : [];
  const r: ProgramResult = {
    seed: s,
    words: p.words.length,
    filtered: Object.fromEntries(p.filtered),
    problem: [q.problem, t.problem].filter((x) => x !== '').join('; '),
    fp: fpCoverage(p, q.records),
    divergences: divs.map((d) => ({
      index: d.index, word: d.word.toString(16).padStart(8, '0'), text: text[d.index]!, verdict: d.verdict, fields: [...d.fields],
    })),
  };
  appendFileSync(out, JSON.stringify(r) + '\n');
  ran++;
  if (ran % 20 === 0) console.log(`randiff: ${ran} programs in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${s})`);
}
rmSync(tmp, { recursive: true, force: true });
summarise([out]);

/** The summary of results files: what ran, what was filtered, and the divergences per verdict and class. */
function summarise(files: string[]): void {
  const results = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ProgramResult));
  const file = files.join(' + ');
  const words = results.reduce((n, r) => n + r.words, 0);
  const filtered = new Map<string, number>();
  for (const r of results) for (const [c, n] of Object.entries(r.filtered)) filtered.set(c, (filtered.get(c) ?? 0) + n);
  const nFiltered = [...filtered.values()].reduce((a, b) => a + b, 0);
  const drawn = words + nFiltered;
  const pct = (n: number): string => `${((100 * n) / drawn).toFixed(3)} %`;
  console.log(`\n${file}: ${results.length} programs, ${drawn} words drawn, ${words} run, ${nFiltered} filtered (${pct(nFiltered)})`);
  for (const [c, n] of [...filtered].sort((a, b) => b[1] - a[1])) console.log(`  filtered  ${String(n).padStart(8)}  ${pct(n).padStart(9)}  ${c}`);
  for (const r of results.filter((x) => x.problem !== '')) console.log(`  seed ${r.seed}: ${r.problem}`);
  const classes = new Map<string, { n: number; example: ProgramResult['divergences'][number]; seed: number }>();
  let decodedMissing = 0;
  for (const r of results) {
    for (const d of r.divergences) {
      const key = `${d.verdict} ${mnemonicOf(d.text)}`;
      const c = classes.get(key);
      if (c === undefined) classes.set(key, { n: 1, example: d, seed: r.seed });
      else c.n++;
      if (d.verdict === 'missing' && mnemonicOf(d.text) !== 'undefined') decodedMissing++;
    }
  }
  const nDiv = [...classes.values()].reduce((a, c) => a + c.n, 0);
  const fpcr = new Map<string, number>();
  const raised = new Map<string, number>();
  for (const r of results) {
    for (const [k, n] of Object.entries(r.fp?.fpcr ?? {})) fpcr.set(k, (fpcr.get(k) ?? 0) + n);
    for (const [k, n] of Object.entries(r.fp?.raised ?? {})) raised.set(k, (raised.get(k) ?? 0) + n);
  }
  const counts = [...fpcr.values()];
  console.log(`  FPCR (AHP, DN, FZ, RMode): ${fpcr.size} of 32 combinations, ${Math.min(...counts)}–${Math.max(...counts)} words each`);
  console.log(`  FPSR flags raised (words): ${[...FPSR_FLAG_NAMES.values()].map((f) => `${f} ${raised.get(f) ?? 0}`).join(', ')}`);
  console.log(`  ${words - nDiv} words agree with QEMU, ${nDiv} differ`);
  console.log(`  #13: ${decodedMissing} words objdump decodes and QEMU (cortex-a57) executes that twostage rejects`);
  for (const [k, c] of [...classes].sort((a, b) => b[1].n - a[1].n)) {
    console.log(`  ${k.padEnd(24)} ${String(c.n).padStart(6)}   e.g. seed ${c.seed} word ${c.example.index}: ${c.example.word} ${c.example.text}: ${c.example.fields.slice(0, 2).join('; ')}`);
  }
}
