// The isolation campaign (issue 11, "A hostile-guest campaign"): case i of a seed runs a program generated from
// (seed, i) in the hostile context of shape configs[i mod n] — deterministic per (seed, case), so a shard is a range
// of case indices, a finding is reproducible from its line, and a run resumes from the last case its output file
// records. Schedulers (GNU parallel, a Kubernetes Indexed Job, a Slurm array) fan shards out; there is no runner here.
import { caseEnv, CLASSES, runCase, type CaseEnv, type CaseOutcome, type FindingClass, type Problem } from './case.ts';
import { assemble, Generator, Rng, type Item } from './generate.ts';
import { configKey, shapeOf, type Shape, type ShapeConfig } from './shape.ts';

/** Items in a program: from 1 to MAX_ITEMS. */
const MAX_ITEMS = 40;
/** Runs the shrinker may spend on one finding. */
const SHRINK_RUNS = 150;

/** The configuration case `index` runs under. */
export function configOf(configs: readonly ShapeConfig[], index: number): ShapeConfig {
  return configs[index % configs.length]!;
}

/** The program of case `index`: its items and words. */
export function programOf(seed: string, index: number, shape: Shape): Item[] {
  const r = new Rng(`${seed}/${index}/program`);
  return new Generator(shape, r).program(1 + r.int(MAX_ITEMS));
}

export interface CaseResult {
  readonly index: number;
  readonly shape: Shape;
  readonly items: readonly Item[];
  readonly words: readonly number[];
  readonly env: CaseEnv;
  readonly outcome: CaseOutcome;
}

/** Run case `index` of `seed`. */
export function runIndex(seed: string, index: number, configs: readonly ShapeConfig[]): CaseResult {
  const shape = shapeOf(configOf(configs, index));
  const items = programOf(seed, index, shape);
  const words = assemble(items, shape.programVa, shape.el);
  const env = caseEnv(seed, index);
  return { index, shape, items, words, env, outcome: runCase(shape, words, env) };
}

/** The class a shrunk program must still show: the most telling one the case found. */
const PRIORITY: readonly FindingClass[] = [
  'exception', 'el2-escape', 'canary', 'read-leak', 'undeclared-pa', 'register-leak', 'hyp-crash', 'hang', 'blind-verdict', 'unsafe-unflagged', 'forged-output', 'verdict',
];
export const primaryClass = (problems: readonly Problem[]): FindingClass => PRIORITY.find((c) => problems.some((p) => p.class === c))!;

export interface Shrunk {
  readonly items: readonly Item[];
  readonly words: readonly number[];
  readonly outcome: CaseOutcome;
  readonly runs: number;
}

/**
 * The smallest program found (delta debugging over items: drop ever smaller chunks while the case still shows `target`),
 * its items regenerated at their new positions, in at most SHRINK_RUNS runs.
 */
export function shrink(shape: Shape, items: readonly Item[], env: CaseEnv, target: FindingClass, first: CaseOutcome): Shrunk {
  let best = { items, words: assemble(items, shape.programVa, shape.el), outcome: first };
  let runs = 0;
  let n = 2;
  while (best.items.length > 0 && runs < SHRINK_RUNS) {
    const len = best.items.length;
    const size = Math.ceil(len / n);
    let reduced = false;
    for (let at = 0; at < len && runs < SHRINK_RUNS; at += size) {
      const cand = [...best.items.slice(0, at), ...best.items.slice(at + size)];
      const words = assemble(cand, shape.programVa, shape.el);
      const outcome = runCase(shape, words, env);
      runs++;
      if (outcome.problems.some((p) => p.class === target)) {
        best = { items: cand, words, outcome };
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size <= 1) break;
      n = Math.min(len, n * 2);
    }
  }
  return { ...best, runs };
}

const hexWords = (w: readonly number[]): string[] => w.map((x) => x.toString(16).padStart(8, '0'));

/** A finding as its JSON line holds it: enough to reproduce it (--replay) without the campaign that found it. */
export interface FindingRecord {
  readonly type: 'finding';
  readonly seed: string;
  readonly case: number;
  readonly hosting: string;
  readonly tlb: string;
  readonly sync: string;
  readonly kind: string;
  readonly classes: readonly FindingClass[];
  readonly problems: readonly Problem[];
  readonly instructions: number;
  readonly stop: string;
  /** The program as it ran (hex words, from the program's first word at programVa) and its items. */
  readonly program: { readonly va: string; readonly words: readonly string[]; readonly items: readonly string[] };
  /** The shrunk program showing the same primary class. */
  readonly minimal: { readonly class: FindingClass; readonly words: readonly string[]; readonly items: readonly string[]; readonly problems: readonly Problem[]; readonly runs: number };
}

/** The record of a case that found something, shrunk unless `noShrink`. */
export function findingOf(seed: string, r: CaseResult, noShrink = false): FindingRecord {
  const { shape, outcome } = r;
  const target = primaryClass(outcome.problems);
  const s = noShrink ? { items: r.items, words: r.words, outcome, runs: 0 } : shrink(shape, r.items, r.env, target, outcome);
  const c = shape.config;
  return {
    type: 'finding', seed, case: r.index, hosting: c.hosting, tlb: c.tlb, sync: c.sync, kind: c.kind,
    classes: CLASSES.filter((k) => outcome.problems.some((p) => p.class === k)),
    problems: outcome.problems, instructions: outcome.instructions, stop: outcome.stop,
    program: { va: `0x${shape.programVa.toString(16)}`, words: hexWords(r.words), items: r.items.map((i) => i.text) },
    minimal: { class: target, words: hexWords(s.words), items: s.items.map((i) => i.text), problems: s.outcome.problems, runs: s.runs },
  };
}

/** Run a finding's minimal program again (its shape and environment from the record): what it finds now. */
export function replay(f: FindingRecord, which: 'minimal' | 'program' = 'minimal'): CaseOutcome {
  const shape = shapeOf({ hosting: f.hosting as ShapeConfig['hosting'], tlb: f.tlb as ShapeConfig['tlb'], sync: f.sync as ShapeConfig['sync'], kind: f.kind as ShapeConfig['kind'] });
  return runCase(shape, f[which].words.map((w) => parseInt(w, 16)), caseEnv(f.seed, f.case));
}

/** Tallies of a campaign: cases per configuration and per hosting mode, findings per class, and the escapes the
 *  unsafe-by-design modes showed, per hosting mode and class (a campaign that finds none there is blind). */
export class Tally {
  readonly cases = new Map<string, number>();
  readonly byHosting = new Map<string, number>();
  readonly findings = new Map<FindingClass, number>();
  readonly expected = new Map<string, number>();
  instructions = 0;
  count = 0;
  found = 0;
  add(r: CaseResult): void {
    const key = configKey(r.shape.config);
    this.cases.set(key, (this.cases.get(key) ?? 0) + 1);
    this.byHosting.set(r.shape.config.hosting, (this.byHosting.get(r.shape.config.hosting) ?? 0) + 1);
    this.instructions += r.outcome.instructions;
    this.count++;
    if (r.outcome.problems.length > 0) this.found++;
    for (const c of new Set(r.outcome.problems.map((p) => p.class))) this.findings.set(c, (this.findings.get(c) ?? 0) + 1);
    for (const c of r.outcome.expected) {
      const key = `${r.shape.config.hosting}/${c}`;
      this.expected.set(key, (this.expected.get(key) ?? 0) + 1);
    }
  }
}
