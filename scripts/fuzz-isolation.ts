// `npm run fuzz:isolation -- [options]`: the hostile-guest campaign of issue 11 (test/isolation/campaign.ts).
//   --seed S            the campaign's seed (any string; default 1): case i is the same program wherever it runs
//   --cases N           cases in the whole campaign, all shards together (default 1000)
//   --shard K/N         run the K-th of N contiguous slices of the case indices (0 ≤ K < N; default 0/1)
//   --out FILE          write JSON lines to FILE (default stdout); when FILE exists the run resumes after the last
//                       case it records, provided it was started with the same seed, cases, shard and filters
//   --hosting M,M …     only these hosting modes (default all five); likewise --kind vm,vm-s1,vm-el0,app,
//   --tlb by-vmid,flush and --sync immediate,architectural,speculate,errata (test/isolation/shape.ts)
//   --no-shrink         record findings as found, without shrinking them
//   --replay FILE       run the findings recorded in FILE again (their minimal programs) and say what each finds now
// One line per finding ({"type":"finding", …: seed, case, configuration, problems, the program as words and its
// minimal reproduction}), a checkpoint line every CHECKPOINT_CASES cases or CHECKPOINT_MS, a start and a done line
// with the tallies (cases per configuration and hosting mode, findings per class, the escapes seed-tge/seed-literal
// showed as their audit says they can, CPU seconds).
// Exit status: 0 no finding, 1 findings (in the output), 2 bad arguments or an output of another campaign.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { HOSTING_MODES } from '../src/hyp/scenario.ts';
import { findingOf, replay, runIndex, Tally, type FindingRecord } from '../test/isolation/campaign.ts';
import { ALL_CONFIGS, KINDS, SYNCS, TLBS, configKey } from '../test/isolation/shape.ts';

const CHECKPOINT_CASES = 100;
const CHECKPOINT_MS = 30_000;

/** Bad arguments: the message for stderr, exit status 2. */
class Usage extends Error {}
function usage(msg: string): never {
  throw new Usage(msg);
}

/** Where the campaign writes: its lines without --out, and its progress and diagnostics. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** The campaign with command-line arguments `argv`; its exit status. */
export function main(argv: readonly string[], io: Io): number {
  try {
    return campaign(argv, io);
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    io.stderr(`fuzz-isolation: ${e.message}\n`);
    return 2;
  }
}

function campaign(argv: readonly string[], io: Io): number {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        seed: { type: 'string', default: '1' },
        cases: { type: 'string', default: '1000' },
        shard: { type: 'string', default: '0/1' },
        out: { type: 'string' },
        hosting: { type: 'string' },
        kind: { type: 'string' },
        tlb: { type: 'string' },
        sync: { type: 'string' },
        'no-shrink': { type: 'boolean', default: false },
        replay: { type: 'string' },
      },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }

  if (args.replay !== undefined) {
    let status = 0;
    for (const line of readFileSync(args.replay, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      const f = JSON.parse(line) as FindingRecord;
      if (f.type !== 'finding') continue;
      const now = replay(f);
      const found = [...new Set(now.problems.map((p) => p.class))];
      if (found.length > 0) status = 1;
      io.stdout(`case ${f.case} (${f.hosting}/${f.tlb}/${f.sync}/${f.kind}): ${f.minimal.words.length} words, found then: ${f.minimal.class}; now: ${found.join(', ') || 'nothing'}\n`);
      for (const p of now.problems) io.stdout(`  ${p.class}: ${p.detail}\n`);
    }
    return status;
  }

  /** A comma-separated list of allowed values, or all of them. */
  function list<T extends string>(value: string | undefined, all: readonly T[], what: string): readonly T[] {
    if (value === undefined) return all;
    const l = value.split(',').map((s) => s.trim());
    for (const v of l) if (!all.includes(v as T)) usage(`--${what}: '${v}' is not one of ${all.join(', ')}`);
    return l as T[];
  }

  const seed = args.seed!;
  const cases = Number(args.cases);
  if (!Number.isSafeInteger(cases) || cases < 1) usage(`--cases: '${args.cases}' is not a positive integer`);
  const sm = /^(\d+)\/(\d+)$/.exec(args.shard!);
  if (sm === null || Number(sm[1]) >= Number(sm[2])) usage(`--shard: '${args.shard}' is not K/N with 0 ≤ K < N`);
  const [k, n] = [Number(sm[1]), Number(sm[2])];
  const hostings = list(args.hosting, HOSTING_MODES, 'hosting');
  const kinds = list(args.kind, KINDS, 'kind');
  const tlbs = list(args.tlb, TLBS, 'tlb');
  const syncs = list(args.sync, SYNCS, 'sync');
  const configs = ALL_CONFIGS.filter((c) => hostings.includes(c.hosting) && kinds.includes(c.kind) && tlbs.includes(c.tlb) && syncs.includes(c.sync));
  if (configs.length === 0) usage('the filters leave no configuration');
  // shard K of N: the contiguous case indices [first, end)
  const first = Math.floor((cases * k) / n);
  const end = Math.floor((cases * (k + 1)) / n);
  const start = { type: 'start', seed, cases, shard: `${k}/${n}`, first, end, configs: configs.map(configKey) };

  const out = args.out;
  let next = first;
  let earlier = 0;
  if (out !== undefined && existsSync(out)) {
    // resume: the same campaign, from the last case the file records
    const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const head = lines.find((l) => l.type === 'start');
    if (head !== undefined && JSON.stringify({ ...head, type: 'start' }) !== JSON.stringify(start)) usage(`${out} holds another campaign (${JSON.stringify(head)}); use another --out`);
    for (const l of lines) {
      if (l.type === 'checkpoint' || l.type === 'done') next = Math.max(next, l.next as number);
      if (l.type === 'finding') {
        next = Math.max(next, (l.case as number) + 1);
        earlier++;
      }
    }
    if (head === undefined) appendFileSync(out, JSON.stringify(start) + '\n');
    else io.stderr(`fuzz-isolation: resuming ${out} at case ${next} of [${first}, ${end}) (${earlier} finding(s) recorded)\n`);
  }
  const write = (o: unknown): void => {
    const line = JSON.stringify(o) + '\n';
    if (out === undefined) io.stdout(line);
    else appendFileSync(out, line);
  };
  if (out === undefined || !existsSync(out)) write(start);

  const tally = new Tally();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let lastCheckpoint = t0;
  const figures = () => {
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const wallS = (performance.now() - t0) / 1000;
    return {
      next, cases: tally.count, found: tally.found, wallSeconds: Math.round(wallS), cpuSeconds: Math.round(cpuS),
      casesPerCpuSecond: Math.round((tally.count / cpuS) * 10) / 10, casesPerSecond: Math.round((tally.count / wallS) * 10) / 10,
      instructions: tally.instructions,
      byHosting: Object.fromEntries(tally.byHosting), byConfig: Object.fromEntries(tally.cases), findings: Object.fromEntries(tally.findings),
      expectedEscapes: Object.fromEntries(tally.expected),
    };
  };
  for (; next < end; ) {
    const r = runIndex(seed, next, configs);
    tally.add(r);
    if (r.outcome.problems.length > 0) {
      const f = findingOf(seed, r, args['no-shrink']);
      write(f);
      io.stderr(`fuzz-isolation: case ${r.index} (${configKey(r.shape.config)}): ${f.classes.join(', ')} — minimal ${f.minimal.words.length} words\n`);
    }
    next++;
    const now = performance.now();
    if (tally.count % CHECKPOINT_CASES === 0 || now - lastCheckpoint > CHECKPOINT_MS) {
      write({ type: 'checkpoint', ...figures() });
      lastCheckpoint = now;
    }
  }
  const done = figures();
  write({ type: 'done', ...done });
  io.stderr(
    `fuzz-isolation: cases [${first}, ${end}) of seed ${seed}: ${done.cases} run here (${done.casesPerCpuSecond} per CPU-second, ${done.casesPerSecond} per second), ` +
      `${done.found + earlier} with findings${tally.findings.size > 0 ? ` (${[...tally.findings].map(([c, x]) => `${c} ${x}`).join(', ')})` : ''}` +
      `${tally.expected.size > 0 ? `; escapes the unsafe modes are expected to show: ${[...tally.expected].map(([c, x]) => `${c} ${x}`).join(', ')}` : ''}\n`,
  );
  return done.found + earlier > 0 ? 1 : 0;
}

// run as a script (not when a test imports main)
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}
