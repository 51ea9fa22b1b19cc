// Issue 16's corpus (test/check/corpus/*.S): switches as other hypervisor developers write them — table-driven,
// reordered, with subroutines, jump tables, literal pools, static VMIDs, over-invalidating, TGE tricks — correct ones
// and subtly wrong ones, none of them a mutant of the reference switch. Each file says in its header what `check`
// must report: `// check: ARGS` (a context pair and options), then `// expect:` (line:rule:level of every finding, or
// none), `// cleared:` (quick-rule warnings the exploration proves harmless), `// status:` (default: 1 with an
// error, else 0); `// static:` is what the quick rules say without a pair (corpus.ts reads them). Every check must
// finish within 5 s of CPU.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableOffsets } from '../../src/check/audit.ts';
import { checkSwitch } from '../../src/check/check.ts';
import { readAssembly } from '../../src/asm/user-file.ts';
import { loadSwitch } from '../../src/check/explore.ts';
import { RULES, type RuleId } from '../../src/check/findings.ts';
import { lintPaths } from '../../src/check/lint.ts';
import { loadProgram } from '../../src/check/program.ts';
import { corpus, image } from './corpus.ts';

const CPU_LIMIT_MS = 5000;

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const files = corpus();

test('the corpus: at least 30 switches, correct ones and wrong ones, every finding kind among the expectations', () => {
  assert.ok(files.length >= 30, `${files.length} corpus files`);
  const clean = files.filter((f) => f.checks.every((c) => c.status === 0));
  const wrong = files.filter((f) => f.checks.some((c) => c.status !== 0));
  assert.ok(clean.length >= 10 && wrong.length >= 10, `${clean.length} correct, ${wrong.length} wrong`);
  const kinds = new Set(files.flatMap((f) => f.checks.flatMap((c) => c.expect.map((e) => e.split(':')[1] as RuleId))));
  assert.deepEqual(RULES.map((r) => r.id).filter((id) => !kinds.has(id)), []);
});

test('the corpus\'s context-table offsets are the hypervisor\'s (src/hyp/context-table.ts generates them)', () => {
  const off = tableOffsets();
  for (const f of files) {
    for (const m of f.text.matchAll(/\.equ (C_\w+), (0x[0-9a-f]+)/g)) {
      if (off.has(m[1]!)) assert.equal(Number(m[2]), off.get(m[1]!), `${f.file}: ${m[1]}`);
    }
  }
});

for (const f of files) {
  test(`corpus ${f.file}`, (t) => {
    for (const c of f.checks) {
      const what = `${c.args.join(' ')}`;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const img = image(c.scenario);
      const program = loadSwitch(f.file, f.text, img);
      assert.deepEqual(program.diagnostics, [], what);
      const r = checkSwitch({ program, img, from: c.from, to: c.to, explore: c.options });
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      t.diagnostic(`${f.file} ${what}: ${r.findings.length} finding(s), status ${r.status}, ${(performance.now() - t0).toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU${r.stats === undefined ? '' : `, ${r.stats.runs} runs, ${r.stats.states} states`}`);
      assert.deepEqual(sorted(r.findings.map((x) => `${x.line}:${x.ruleId}:${x.level}`)), sorted(c.expect), what);
      assert.deepEqual(sorted(r.cleared.map((x) => `${x.line}:${x.ruleId}`)), sorted(c.cleared), `${what}: cleared`);
      assert.equal(r.status, c.status, `${what}: status`);
      // a mistake is shown, not only named: every error carries the events that lead to it
      for (const x of r.findings) if (x.level === 'error') assert.ok(x.counterexample.length > 0, `${what}: ${x.line}:${x.ruleId} has no counterexample`);
      assert.ok(cpuMs < CPU_LIMIT_MS, `${what}: ${cpuMs.toFixed(0)} ms of CPU`);
    }
    const s = lintPaths(loadProgram(f.file, f.text, { read: readAssembly }));
    assert.deepEqual(sorted(s.findings.map((x) => `${x.line}:${x.ruleId}:${x.level}`)), sorted(f.static), 'static');
  });
}

// The design note's snippets as written (examples/seed/a–e, from /work/shared/reference/design-note.txt): each
// mistake is caught, with a context pair, by the rule that names it, as an error with a counterexample.
const NOTE: readonly { file: string; from: string; to: string; rule: RuleId; mistake: string }[] = [
  { file: 'a-tge', from: 'vm1', to: 'app', rule: 'hcr-clobber', mistake: 'MOV x0, #(1 << 27); MSR HCR_EL2: TGE alone clears FMO/IMO/AMO and TSC' },
  { file: 'b-vmid', from: 'vm1', to: 'app', rule: 'vttbr-vmid-shift', mistake: 'MOV x0, #(UNIQUE_VMID << 16): the VMID lands in BADDR' },
  { file: 'c-hcr-zero', from: 'vm1', to: 'app', rule: 'hcr-clobber', mistake: 'MOV x0, #0; MSR HCR_EL2 to "disable S2" clears every control' },
  { file: 'd-hcr-vm', from: 'app', to: 'vm1', rule: 'hcr-clobber', mistake: 'MOV x0, #1; MSR HCR_EL2 to "re-enable S2" sets VM alone' },
  { file: 'e-tlbi', from: 'vm1', to: 'vm2', rule: 'tlb-stale', mistake: 'TLBI VMALLE1 leaves the stage-2 entries of a reused VMID' },
];
for (const n of NOTE) {
  test(`the design note's mistake is caught: ${n.mistake}`, () => {
    const file = `examples/seed/${n.file}.S`;
    const img = image('test/check/corpus/flush.yaml');
    const program = loadSwitch(file, readFileSync(file, 'utf8'), img);
    const r = checkSwitch({ program, img, from: n.from, to: n.to, explore: {} });
    assert.equal(r.status, 1);
    const f = r.findings.find((x) => x.ruleId === n.rule);
    assert.ok(f !== undefined && f.level === 'error' && f.counterexample.length > 0, `${n.rule} in ${r.findings.map((x) => `${x.line}:${x.ruleId}:${x.level}`).join(' ')}`);
  });
}
