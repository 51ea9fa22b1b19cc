// herdtools7's catalogue/aarch64-VMSA against twostage's litmus reader and scope (issue 16), and with --run its
// single-PE tests through the litmus runner (src/check/litmus-run.ts) against the catalogue's verdicts.
//   npx tsx scripts/litmus-catalogue.ts [--git-dir DIR] [--commit SHA] [--run] [--only NAME]
// DIR: a clone of github.com/herd/herdtools7 (default $TWOSTAGE_HERD_GIT, else ~/.cache/twostage/herdtools7.git,
// cloned bare on first use). The catalogue is read from the pinned commit with `git show`; none of its text is part
// of this repository. Prints, for every test: whether the reader reads it, its scope (single-PE selected, multi-PE,
// not applicable: feature), and the catalogue's verdict from tests/kinds.txt; with --run, twostage's verdict beside
// it (agree / DISAGREE, or why the runner cannot set the test up); then the counts. Exits non-zero when the reader
// fails on a test it read at the pinned commit when this script was written, or when fewer single-PE tests agree
// with the catalogue than did then (a regression).
import { LitmusError, readLitmus } from '../src/check/litmus-reader.ts';
import { runLitmus } from '../src/check/litmus-run.ts';
import { litmusScope } from '../src/check/litmus-scope.ts';
import { LitmusSetupError } from '../src/check/litmus-world.ts';
import { git, option, testRepository } from './litmus-git.ts';

const PINNED = '5feffe4e8f98d93b60144a3cda322eba92dd9723';
const TESTS = 'catalogue/aarch64-VMSA/tests';
// tests the reader does not read at PINNED: 10 of 938 (TTD(x) table descriptors, `label:` values, `<>`, arrays)
const KNOWN_UNREAD = 10;
// single-PE tests whose verdict twostage's model agrees with at PINNED (docs/litmus-agreement.md explains the rest)
const KNOWN_AGREE = 113;

const gitDir = testRepository('TWOSTAGE_HERD_GIT', 'herdtools7.git', 'https://github.com/herd/herdtools7');
const commit = option('--commit') ?? PINNED;
const run = process.argv.includes('--run');
const only = option('--only');

const verdicts = new Map<string, string>();
for (const line of git(gitDir, 'show', `${commit}:${TESTS}/kinds.txt`).split('\n')) {
  const [name, kind] = line.trim().split(/\s+/);
  if (name !== undefined && kind !== undefined) verdicts.set(name, kind);
}

const files = git(gitDir, 'ls-tree', '-r', '--name-only', commit, TESTS)
  .split('\n')
  .filter((f) => f.endsWith('.litmus') && (only === undefined || f.endsWith(`/${only}.litmus`)));
const counts = new Map<string, number>();
const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
for (const file of files) {
  const short = file.slice(TESTS.length + 1);
  let row: string;
  try {
    const test = readLitmus(git(gitDir, 'show', `${commit}:${file}`), short);
    const scope = litmusScope(test);
    const verdict = verdicts.get(test.name) ?? 'no verdict';
    const where =
      scope.kind === 'selected' ? 'single-PE' : scope.kind === 'multi-pe' ? `out of scope: ${scope.pes} PEs` : `not applicable: ${scope.feature}`;
    count(where.startsWith('out of scope') ? 'out of scope: multi-PE' : where);
    if (scope.kind === 'selected') count(`single-PE, catalogue ${verdict}`);
    row = `${short}\t${where}\t${verdict}`;
    if (run && scope.kind === 'selected') row += `\t${runOne(test, verdict)}`;
  } catch (e) {
    if (!(e instanceof LitmusError)) throw e;
    count('unread');
    row = `${short}\tunread: ${e.field}: ${e.why}`;
  }
  console.log(row);
}
/** twostage's verdict on a selected test beside the catalogue's, counted. */
function runOne(test: ReturnType<typeof readLitmus>, verdict: string): string {
  const t0 = performance.now();
  try {
    const r = runLitmus(test);
    const ms = Math.round(performance.now() - t0);
    if (!r.complete) {
      count('run: bound reached');
      return `twostage ${r.verdict} (incomplete: ${r.bound})`;
    }
    const agree = r.verdict === verdict;
    count(agree ? 'run: agree' : `run: DISAGREE (catalogue ${verdict}, twostage ${r.verdict})`);
    return `twostage ${r.verdict}\t${agree ? 'agree' : 'DISAGREE'}\t${r.runs} runs, ${r.states} states, ${r.outcomes.length} final states, ${ms} ms`;
  } catch (e) {
    if (!(e instanceof LitmusSetupError)) throw e;
    count(`run: cannot set up (${e.field})`);
    return `cannot set up: ${e.message}`;
  }
}

console.log(`\n${files.length} tests at ${commit.slice(0, 12)}:`);
for (const [k, n] of [...counts].sort()) console.log(`  ${String(n).padStart(4)}  ${k}`);
const unread = counts.get('unread') ?? 0;
if (commit === PINNED && unread > KNOWN_UNREAD) {
  console.error(`litmus-catalogue: ${unread} tests unread, ${KNOWN_UNREAD} at the pinned commit — a reader regression`);
  process.exit(1);
}
const agreed = counts.get('run: agree') ?? 0;
if (run && only === undefined && commit === PINNED && agreed < KNOWN_AGREE) {
  console.error(`litmus-catalogue: ${agreed} single-PE tests agree with the catalogue, ${KNOWN_AGREE} at the pinned commit — a model or runner regression`);
  process.exit(1);
}
