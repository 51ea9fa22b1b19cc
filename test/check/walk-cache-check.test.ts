// The switch checker models the walk cache (issue 16 part 5; ARM §D8.16): a switch that leaves a cached table
// descriptor live — a last-level TLBI after a table change, or under a reused VMID — is caught, and the checker with
// its walk-cache part disabled (source mutants, each built into a copy of src/) passes the same switches: the corpus
// verdicts of table-recycle-last-level.S and ipas2le1-reused-vmid.S depend on that part and nothing else, while the
// correct table-recycle-all-levels.S passes either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as checkModule from '../../src/check/check.ts';
import * as exploreModule from '../../src/check/explore.ts';
import * as imageModule from '../../src/hyp/image.ts';
import * as scenarioModule from '../../src/hyp/scenario.ts';
import { corpus } from './corpus.ts';

interface Impl {
  readonly check: typeof checkModule;
  readonly explore: typeof exploreModule;
  readonly image: typeof imageModule;
  readonly scenario: typeof scenarioModule;
}
const REAL: Impl = { check: checkModule, explore: exploreModule, image: imageModule, scenario: scenarioModule };

const WRONG = ['test/check/corpus/table-recycle-last-level.S', 'test/check/corpus/ipas2le1-reused-vmid.S'];
const RIGHT = 'test/check/corpus/table-recycle-all-levels.S';
const files = corpus().filter((f) => WRONG.includes(f.file) || f.file === RIGHT);

/** The explorer's TLB findings (line:rule message) for every check of corpus file `file` with `impl`'s modules. */
function verdicts(impl: Impl, file: string): string[] {
  const f = files.find((x) => x.file === file)!;
  return f.checks.flatMap((c) => {
    const img = impl.image.buildImage(impl.scenario.parseScenario(readFileSync(c.scenario, 'utf8'), c.scenario), c.scenario);
    const program = impl.explore.loadSwitch(f.file, f.text, img);
    const r = impl.check.checkSwitch({ program, img, from: c.from, to: c.to, explore: c.options });
    return r.findings.filter((x) => x.ruleId === 'tlb-stale' || x.ruleId === 'tlb-latent').map((x) => `${x.line}:${x.ruleId} ${x.message}`);
  });
}

test('the walk-cache corpus switches: the wrong ones caught by a walk-cache entry, the right one clean', () => {
  assert.equal(files.length, 3);
  // each charged to its last-level TLBI, naming the cached table descriptor: its stage, level and the table it points at
  const want = [
    /^23:tlb-latent vm1 \(VMID 1\) can hit a walk-cache entry \(a stage-2 table descriptor of level 0, pointing at the table at PA 0x40201000\) through which its walks reach PA 0x40600000 \(vm2's memory\)/,
    /^18:tlb-stale vm2 \(VMID 2\) can hit a walk-cache entry \(a stage-2 table descriptor of level [01], pointing at the table at PA 0x4020[12]000\) through which its walks reach PA 0x40400000 \(vm1's memory\)/,
  ];
  for (const [k, file] of WRONG.entries()) {
    const v = verdicts(REAL, file);
    assert.equal(v.length, 1, `${file}: ${v.join(', ')}`);
    assert.match(v[0]!, want[k]!);
  }
  assert.deepEqual(verdicts(REAL, RIGHT), []);
});

const MUTANTS: readonly { name: string; file: string; from: string; to: string }[] = [
  { name: 'a fill caches no table descriptor', file: 'check/fill-all.ts', from: 'tlb.walkChoices = FILL_WALKS;', to: 'tlb.walkChoices = null;' },
  { name: 'the snapshot restores no walk-cache entry', file: 'check/fill-all.ts', from: 'for (const w of this.walkFills) t.insertTable(', to: 'for (const w of [] as TableEntry[]) t.insertTable(' },
  { name: 'the invariants skip walk-cache entries', file: 'check/switch-invariants.ts', from: 'const w = walks.outside(e, h);', to: 'const w = undefined as { pa: number; table: number } | undefined;' },
];

test('with its walk-cache part disabled the checker passes the wrong switches (the verdicts above can fail)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-wccheck-mutants-'));
  // the copies import the project's packages (zod, yaml …) from here
  symlinkSync(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(dir, 'node_modules'));
  try {
    for (const [k, m] of MUTANTS.entries()) {
      const root = join(dir, String(k));
      cpSync(fileURLToPath(new URL('../../src', import.meta.url)), root, { recursive: true });
      const path = join(root, m.file);
      const text = readFileSync(path, 'utf8');
      assert.equal(text.split(m.from).length, 2, `mutant: '${m.from}' must occur exactly once in src/${m.file}`);
      writeFileSync(path, text.replace(m.from, m.to));
      const load = async <T>(f: string): Promise<T> => (await import(pathToFileURL(join(root, f)).href)) as T;
      const impl: Impl = { check: await load('check/check.ts'), explore: await load('check/explore.ts'), image: await load('hyp/image.ts'), scenario: await load('hyp/scenario.ts') };
      for (const file of WRONG) assert.deepEqual(verdicts(impl, file), [], `${m.name}: ${file}`);
      assert.deepEqual(verdicts(impl, RIGHT), [], `${m.name}: ${RIGHT}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
