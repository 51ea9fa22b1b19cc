// isla's system litmus tests (github.com/litmus-tests/litmus-tests-armv8a-system-vmsa) against twostage's reader
// (src/check/isla-reader.ts) and scope (issue 16).
//   npx tsx scripts/litmus-isla.ts [--git-dir DIR] [--commit SHA] [--only NAME] [--run]
// DIR: a clone of the repository (default $TWOSTAGE_ISLA_GIT, else ~/.cache/twostage/isla-litmus.git, cloned bare on
// first use). The tests are read from the pinned commit with `git show`; none of their text is part of this
// repository. Prints, for every test: whether the reader reads it (or the file, line, field and why not), its
// threads, and for a single-thread test what it needs of the machine (exception level, stage 2, handler sections);
// then the counts. The tests with a reference verdict (scripts/isla-verdicts.ts: derived by hand from the Arm ARM;
// the repository holds none — `expect = "sat"` is the question, herd's `exists`, not isla's answer:
// docs/litmus-agreement.md) are run through the explorer and scored; --run runs every single-thread test (seconds).
// Exits non-zero when the reader fails on more tests than it did at the pinned commit when this script was written (a
// regression), or when a scored test disagrees with its reference, reaches a bound or cannot be set up.
import { islaAsLitmus } from '../src/check/isla-litmus.ts';
import { type IslaTest, readIsla } from '../src/check/isla-reader.ts';
import { LitmusError } from '../src/check/litmus-reader.ts';
import { runLitmus } from '../src/check/litmus-run.ts';
import { LitmusSetupError } from '../src/check/litmus-world.ts';
import { ISLA_REFERENCE, type IslaReference } from './isla-verdicts.ts';
import { git, option, testRepository } from './litmus-git.ts';

const PINNED = '04512f1259f70829b99e773ce2bebf43d6e5d7e3';
// tests the reader does not read at PINNED
const KNOWN_UNREAD = 0;

const gitDir = testRepository('TWOSTAGE_ISLA_GIT', 'isla-litmus.git', 'https://github.com/litmus-tests/litmus-tests-armv8a-system-vmsa');
const commit = option('--commit') ?? PINNED;
const only = option('--only');
const run = process.argv.includes('--run');

/** What a single-thread test needs of the machine beyond the herd runner's (P0 at EL1, stage 1, one handler). */
function needs(t: IslaTest): string[] {
  const th = t.threads[0]!;
  const el = th.reset.get('PSTATE.EL');
  const out = [`EL${el?.k === 'num' ? Number(el.value) : 0}`];
  if (t.setup.some((s) => s.k === 'table' && s.stage === 2) || th.reset.has('VTTBR_EL2')) out.push('stage 2');
  if (t.setup.some((s) => s.k === 'option' && s.name === 'default_tables' && s.value === 'false')) out.push('own tables');
  out.push(`${t.sections.length} section(s)`);
  return out;
}

const files = git(gitDir, 'ls-tree', '-r', '--name-only', commit, 'tests')
  .split('\n')
  .filter((f) => f.endsWith('.toml') && (only === undefined || f.endsWith(`/${only}.litmus.toml`)));
const counts = new Map<string, number>();
const scored = new Set<string>();
const disagreements: string[] = [];
const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
for (const file of files) {
  const short = file.slice('tests/'.length);
  try {
    const t = readIsla(git(gitDir, 'show', `${commit}:${file}`), short);
    const pes = t.threads.length;
    count(pes === 1 ? 'single-thread' : 'out of scope: multi-thread');
    if (pes === 1) count(`single-thread: ${needs(t)[0]}${needs(t).includes('stage 2') ? ', stage 2' : ''}`);
    const reference = ISLA_REFERENCE[short.replace(/\.litmus\.toml$/, '')];
    const verdict = pes === 1 && (run || reference !== undefined) ? `\t${runOne(t, short, reference)}` : '';
    console.log(`${short}\t${pes === 1 ? `single-thread\t${needs(t).join(', ')}${verdict}` : `out of scope: ${pes} threads`}`);
  } catch (e) {
    if (!(e instanceof LitmusError)) throw e;
    count(`unread: ${e.field.replace(/\..*/, '')}`);
    count('unread');
    console.log(`${short}\tunread: ${e.message}`);
  }
}
/**
 * twostage's verdict on a single-thread test through the herd runner, or why the runner cannot set it up; counted, and
 * scored against `reference` when the test has one (anything but the same verdict, explored completely, disagrees).
 */
function runOne(t: IslaTest, file: string, ref: IslaReference | undefined): string {
  const reference = ref?.verdict;
  const against = reference === undefined ? '' : `\treference ${reference}`;
  const score = (agree: boolean, ran: boolean) => {
    if (ref === undefined) return '';
    scored.add(file);
    // a known model gap: the explorer ran completely and answers otherwise (it agreeing means the gap closed)
    if (ref.modelGap !== undefined && ran) {
      count(agree ? 'scored: agree, though a model gap is recorded' : 'scored: disagree, known model gap');
      if (agree) disagreements.push(`${file} (agrees: drop its modelGap)`);
      return agree ? ', agree (modelGap recorded: drop it)' : `, DISAGREE — known model gap: ${ref.modelGap}`;
    }
    count(agree ? 'scored: agree' : 'scored: disagree');
    if (!agree) disagreements.push(file);
    return agree ? ', agree' : ', DISAGREE';
  };
  try {
    const { test, options } = islaAsLitmus(t);
    const r = runLitmus(test, options);
    if (!r.complete) {
      count('run: bound reached');
      return `twostage ${r.verdict} (incomplete: ${r.bound})${against}${score(false, false)}`;
    }
    count(`run: twostage ${r.verdict}`);
    return `twostage ${r.verdict}${against}${score(r.verdict === reference, true)}\t${r.runs} runs, ${r.states} states, ${r.outcomes.length} final states`;
  } catch (e) {
    if (!(e instanceof LitmusSetupError)) throw e;
    count(`run: cannot set up (${e.field.replace(/ .*/, '')})`);
    return `cannot set up: ${e.message}${against}${score(false, false)}`;
  }
}

console.log(`\n${files.length} tests at ${commit.slice(0, 12)}:`);
for (const [k, n] of [...counts].sort()) console.log(`  ${String(n).padStart(4)}  ${k}`);
const unread = counts.get('unread') ?? 0;
if (commit === PINNED && only === undefined && unread > KNOWN_UNREAD) {
  console.error(`litmus-isla: ${unread} tests unread, ${KNOWN_UNREAD} at the pinned commit — a reader regression`);
  process.exit(1);
}
const missing = only === undefined ? Object.keys(ISLA_REFERENCE).filter((k) => !scored.has(`${k}.litmus.toml`)) : [];
if (disagreements.length > 0 || missing.length > 0) {
  console.error(`litmus-isla: ${disagreements.length} of ${scored.size} scored tests do not agree with their reference (${disagreements.join(', ')})` +
    (missing.length > 0 ? `; references without a test at ${commit.slice(0, 12)}: ${missing.join(', ')}` : ''));
  process.exit(1);
}
const gaps = counts.get('scored: disagree, known model gap') ?? 0;
console.log(`${scored.size} tests with a reference verdict (scripts/isla-verdicts.ts): ${scored.size - gaps} agree` +
  (gaps > 0 ? `, ${gaps} disagree where a model gap is recorded (DISAGREE above, docs/litmus-agreement.md)` : ''));
