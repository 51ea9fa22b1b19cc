// Every kind of finding through `twostage check` in every format (issue 16: a tlb-latent finding once crashed the
// text and JSON reporters and gave SARIF ruleIndex -1). For each rule, a corpus check that reports it
// (corpus.test.ts) runs through the command's own option parsing and reporters — in process, for speed — and the
// output must name the rule: text `level[rule]`, JSON ruleId with the rule's text, SARIF a result whose ruleIndex
// points at that rule in tool.driver.rules. The exit status is the corpus's. One real process run reproduces the
// issue's crash command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { RULES, ruleInfo, type RuleId } from '../../src/check/findings.ts';
import { registerCheck } from '../../src/cli/check.ts';
import { corpus, type CorpusCheck } from './corpus.ts';

/** Run `twostage check ARGS` in process: its stdout and exit status. */
function cli(args: readonly string[]): { stdout: string; status: number } {
  const program = new Command().exitOverride();
  registerCheck(program, '0.0.0-test');
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const before = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    program.parse(['node', 'twostage', 'check', ...args]);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { stdout: out.join(''), status };
}

interface Sarif {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string }[] }[];
}

const checks = corpus().flatMap((f) => f.checks);

test('every finding kind, through the command, in text, JSON and SARIF', (t) => {
  // one corpus check per kind (checks reporting several kinds cover them all at once)
  const plan = new Map<CorpusCheck, RuleId[]>();
  for (const r of RULES) {
    const c = checks.find((x) => x.expect.some((e) => e.split(':')[1] === r.id));
    assert.ok(c !== undefined, `no corpus check reports ${r.id}`);
    plan.set(c, [...(plan.get(c) ?? []), r.id]);
  }
  for (const [c, kinds] of plan) {
    const args = [c.file, ...c.args, ...(c.args.includes('--scenario') ? [] : ['--scenario', c.scenario])];
    const text = cli(args);
    assert.equal(text.status, c.status, `${args.join(' ')}: status`);
    const json = cli([...args, '--format', 'json']);
    assert.equal(json.status, c.status);
    const found = JSON.parse(json.stdout) as { ruleId: RuleId; rule: string; level: string }[];
    const sarif = cli([...args, '--format', 'sarif']);
    assert.equal(sarif.status, c.status);
    const run = (JSON.parse(sarif.stdout) as Sarif).runs[0]!;
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), RULES.map((r) => r.id));
    for (const res of run.results) {
      assert.ok(res.ruleIndex >= 0 && res.ruleIndex < run.tool.driver.rules.length, `ruleIndex ${res.ruleIndex}`);
      assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, res.ruleId);
    }
    for (const k of kinds) {
      const level = c.expect.find((e) => e.split(':')[1] === k)!.split(':')[2]!;
      assert.match(text.stdout, new RegExp(`: ${level}\\[${k}\\]: `), `${args.join(' ')}: text ${k}`);
      assert.ok(found.some((f) => f.ruleId === k && f.rule === ruleInfo(k).rule && f.level === level), `${args.join(' ')}: JSON ${k}`);
      assert.ok(run.results.some((r) => r.ruleId === k && r.level === level), `${args.join(' ')}: SARIF ${k}`);
    }
    t.diagnostic(`${args.join(' ')}: ${kinds.join(', ')} (exit ${c.status})`);
  }
});

test('a bound names itself and the option that raises it, and exits 3; raised, the same check proves the switch', () => {
  const low = cli(['test/check/corpus/long-delay.S', '--from', 'vm1', '--to', 'vm2']);
  assert.equal(low.status, 3);
  assert.match(low.stdout, /NOT a proof: stopped at a run reached no ERET within 10000 instructions \(at long-delay\.S:\d+\) \(raise with --max-steps\)/);
  assert.match(low.stdout, /warning\[not-proven\]: no proof: the exploration of vm1 -> vm2 stopped at/);
  assert.match(low.stdout, /fix: raise the bound \(e\.g\. --max-steps 40000\)/);
  const raised = cli(['test/check/corpus/long-delay.S', '--from', 'vm1', '--to', 'vm2', '--max-steps', '100000']);
  assert.equal(raised.status, 0, raised.stdout);
  for (const bad of [['--max-steps', '0'], ['--max-runs', 'many'], ['--tlb-entries', '1000']]) {
    assert.equal(cli(['test/check/corpus/long-delay.S', '--from', 'vm1', '--to', 'vm2', ...bad]).status, 2, bad.join(' '));
  }
});

test('the issue\'s crash: check --reference --from app --to vm2 --errata --start rollover, as a process, in JSON', () => {
  const r = spawnSync(process.execPath, ['bin/twostage.js', 'check', '--reference', '--scenario', 'scenarios/seed.yaml', '--from', 'app', '--to', 'vm2', '--errata', '--start', 'rollover', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr); // seed.yaml has no erratum workaround: --errata finds its leaks
  const found = JSON.parse(r.stdout) as { ruleId: RuleId; rule: string }[];
  const latent = found.find((f) => f.ruleId === 'tlb-latent');
  assert.ok(latent !== undefined, r.stdout);
  assert.equal(latent.rule, ruleInfo('tlb-latent').rule);
  assert.doesNotMatch(r.stderr, /internal error/);
});
