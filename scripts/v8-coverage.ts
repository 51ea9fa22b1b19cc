// ARMv8.0 coverage against objdump 2.40 (issue 13): words drawn uniformly from the whole 32-bit space, disassembled by
// objdump, classified by test/asm/v8-coverage.ts; every ARMv8.0 word must execute on twostage (not UNDEFINED) and
// every word of a later extension must be UNDEFINED (the profile advertises none).
//   tsx scripts/v8-coverage.ts [--seed S] [--words N]   a campaign with live objdump (default 10^6 words); exit 1 on a failure
//   tsx scripts/v8-coverage.ts --record                  re-record test/asm/golden/uniform.txt.gz (GOLDEN_SEED, GOLDEN_WORDS)
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { prng } from '../src/asm/sample.ts';
import { checkWords, GOLDEN_SEED, GOLDEN_WORDS, uniformWords } from '../test/asm/v8-coverage.ts';
import { objdumpWords } from './record-binutils.ts';

const BATCH = 100_000;

function intOption(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`v8-coverage: ${name} needs a positive integer, not ${args[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return v;
}

/** objdump's text per word, '' where it does not decode the word (.inst). */
const texts = (words: readonly number[]): string[] => objdumpWords(words).map((t) => (t.startsWith('.inst') ? '' : t));

const args = process.argv.slice(2);
if (args.includes('--record')) {
  const words = uniformWords(GOLDEN_SEED, GOLDEN_WORDS);
  writeFileSync('test/asm/golden/uniform.txt.gz', gzipSync(texts(words).join('\n') + '\n', { level: 9 }));
  console.log(`v8-coverage: ${words.length} words recorded (seed 0x${GOLDEN_SEED.toString(16)})`);
  process.exit(0);
}

const seed = intOption(args, '--seed', 0x13_0000);
const total = intOption(args, '--words', 1_000_000);
const rand = prng(seed);
const sum = new Map<string, number>();
const failures: string[] = [];
const started = Date.now();
for (let done = 0; done < total; done += BATCH) {
  const words = Array.from({ length: Math.min(BATCH, total - done) }, () => rand());
  const r = checkWords(words, texts(words));
  for (const [k, n] of r.counts) sum.set(k, (sum.get(k) ?? 0) + n);
  failures.push(...r.failures);
  console.log(`v8-coverage: ${done + words.length} words in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures.length} failure(s)`);
}
console.log(`\nseed 0x${seed.toString(16)}, ${total} uniform words:`);
for (const [k, n] of [...sum].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(9)}  ${k}`);
console.log(`  ARMv8.0 words objdump decodes that twostage does not execute: ${failures.filter((f) => f.includes('v8.0')).length}`);
for (const f of failures.slice(0, 50)) console.log(`  ${f}`);
process.exit(failures.length === 0 ? 0 : 1);
