// The input fuzz campaign: `npm run fuzz:inputs -- [--seed S] [--cases N] [--from I] [--shard K/N] [--out FILE]
// [--state FILE] [--cpu-ms MS] [--rss MB]`. Runs cases [I, I+N) of seed S that fall to shard K of N
// (test/fuzz/inputs.ts), each command line in a worker with a CPU time and memory limit, and writes one JSON line per
// finding (to FILE, appended, or stdout). With --state FILE it records the next case to run every 25 cases and
// starts from there when run again, so an interrupted shard resumes. Shards are independent processes: fan them
// out with any scheduler (GNU parallel, a Kubernetes Indexed Job, a Slurm array); this script runs only its own.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliRunner } from '../test/fuzz/harness.ts';
import { loadCorpus, runCampaign } from '../test/fuzz/inputs.ts';

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : dflt;
}

function wholeOption(name: string, dflt: number): number {
  const text = option(name, String(dflt));
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 0) {
    process.stderr.write(`fuzz-inputs: --${name}: expected a whole number, not '${text}'\n`);
    process.exit(2);
  }
  return v;
}

const seed = wholeOption('seed', 1);
const count = wholeOption('cases', 1000);
const shardText = option('shard', '1/1');
const shardMatch = /^(\d+)\/(\d+)$/.exec(shardText);
if (!shardMatch || Number(shardMatch[1]) < 1 || Number(shardMatch[1]) > Number(shardMatch[2])) {
  process.stderr.write(`fuzz-inputs: --shard: expected K/N with 1 <= K <= N, not '${shardText}'\n`);
  process.exit(2);
}
const [shard, shards] = [Number(shardMatch[1]), Number(shardMatch[2])];
const out = option('out', '');
const state = option('state', '');
const cpuMs = wholeOption('cpu-ms', 10_000);
const limits = { cpuMs, wallMs: Math.max(60_000, 6 * cpuMs), rssMb: wholeOption('rss', 2048) };

let from = wholeOption('from', 0);
const end = from + count;
if (state !== '' && existsSync(state)) {
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { seed: number; shard: string; next: number };
  if (saved.seed === seed && saved.shard === shardText) from = Math.max(from, saved.next);
}

const scratch = mkdtempSync(join(tmpdir(), 'twostage-fuzz-'));
const runner = new CliRunner(limits);
const started = Date.now();
let done = 0;
let findings = 0;
const slowest = { ms: 0, what: '' };
const write = (line: string): void => (out === '' ? void process.stdout.write(line + '\n') : appendFileSync(out, line + '\n'));
try {
  const r = await runCampaign({
    seed, from, count: end - from, shard, shards, corpus: loadCorpus(join(scratch, 'corpus')), dir: join(scratch, 'case'),
    run: (argv) => runner.run(argv),
    onFinding: (f) => {
      findings++;
      write(JSON.stringify(f));
    },
    onCase: (i, fc, o) => {
      done++;
      if (o.ms > slowest.ms) Object.assign(slowest, { ms: Math.round(o.ms), what: `${i}: ${fc.what}` });
      if (state !== '' && done % 25 === 0) writeFileSync(state, JSON.stringify({ seed, shard: shardText, next: i + 1 }));
      if (done % 500 === 0) process.stderr.write(`fuzz-inputs: ${done} cases, ${findings} findings, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    },
  });
  if (state !== '') writeFileSync(state, JSON.stringify({ seed, shard: shardText, next: end }));
  process.stderr.write(JSON.stringify({ seed, shard: shardText, from, to: end, cases: r.cases, findings: r.findings, seconds: Math.round((Date.now() - started) / 1000), slowest }) + '\n');
  process.exitCode = r.findings > 0 ? 1 : 0;
} finally {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
}
