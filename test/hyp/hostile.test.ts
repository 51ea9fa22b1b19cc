// Hostile guests (scenarios/hostile.yaml; issue 11 "The hypervisor's call interface and log", "Semihosting is the
// machine's door, not a guest's"): each is contained in its own context, the hypervisor's log holds exactly what
// happened, the verdicts say so, and the other contexts finish. QEMU prints the same bytes for this image
// (test/qemu/hyp-image.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ASM_DIR, buildImage } from '../../src/hyp/image.ts';
import { formatReport } from '../../src/hyp/report.ts';
import { RUN_ENDED, runImage, type RunReport } from '../../src/hyp/run.ts';
import { parseScenario, type HostingMode } from '../../src/hyp/scenario.ts';

const HOSTILE = 'scenarios/hostile.yaml';
const scenario = parseScenario(readFileSync(HOSTILE, 'utf8'), HOSTILE);
const cache = new Map<string, RunReport>();
const run = (hosting: HostingMode = 'el1-shim'): RunReport => {
  if (!cache.has(hosting)) cache.set(hosting, runImage(buildImage(scenario, HOSTILE, hosting)));
  return cache.get(hosting)!;
};
const LOG_TRUE = 5; // verdict index: the hypervisor's log holds exactly the denials that happened
const logs = (r: RunReport, ctx: string) => [...r.uart.matchAll(new RegExp(`^\\[${ctx}\\] log 0x([0-9a-f]+)$`, 'gm'))].map((m) => BigInt('0x' + m[1]));
const deniedOf = (r: RunReport, ctx: string) => r.denied.filter((d) => d.context === ctx);
const ctxIndex = (name: string) => scenario.contexts.findIndex((c) => c.name === name);

test('every context finishes or is stopped alone; the run ends with SYSTEM_OFF; the isolation verdicts and the log pass', () => {
  const r = run();
  assert.deepEqual(r.stop, { kind: 'exit', code: 0 });
  assert.deepEqual(r.verdicts.map((v) => v.status), ['fail', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  // verdict 1 is honest about the hostile app: it never exited (the hypervisor stopped it)
  assert.match(r.verdicts[0]!.evidence, /^exit-app ran at 0xff8000000\w+ but exited with no exit/);
  assert.match(r.verdicts[4]!.evidence, /^all 6 contexts finished \(stopped by the hypervisor: exit-vm, exit-app\)/);
  for (const name of ['vm1', 'forger', 'flood', 'app']) assert.match(r.uart, new RegExp(`^\\[${name}\\] exit 0x0000000000000000$`, 'm'));
});

test('a VM forging the shim\'s HVC #1/#2 (and any other immediate) gets an unknown call (X0 = -1); nothing is logged for it', () => {
  const r = run();
  assert.deepEqual(logs(r, 'forger'), [0xffff_ffff_ffff_ffffn, 0xffff_ffff_ffff_ffffn, 0xffff_ffff_ffff_ffffn]);
  assert.deepEqual(deniedOf(r, 'forger'), []);
  assert.equal(r.deniedPerContext[ctxIndex('forger')]!.seen, 0);
  assert.doesNotMatch(r.uart, /\[forger\] denied|log 0x0000000000001111/);
});

test('the log check catches a hypervisor that authenticates calls by their immediate (the forged denials appear)', () => {
  // the dispatch before issue 11: HVC #1 / #2 from anyone are the shim's, so the forger's ESR_EL1/FAR_EL1 are logged
  const hvc = readFileSync(join(ASM_DIR, 'hvc.S'), 'utf8').replace(
    '    cmp x0, #HVC_CALL\n    b.ne unknown_call\n',
    '    cmp x0, #HVC_SHIM_FWD\n    b.eq shim_forward\n    cmp x0, #HVC_SHIM_FAULT\n    b.eq shim_fault\n',
  );
  assert.notEqual(hvc, readFileSync(join(ASM_DIR, 'hvc.S'), 'utf8'));
  const r = runImage(buildImage(scenario, HOSTILE, undefined, new Map([['hvc.S', hvc]])));
  const forged = deniedOf(r, 'forger');
  assert.ok(forged.length > 0);
  assert.deepEqual([forged[0]!.esr, forged[0]!.far], [0x9200_0004, 0x4008_0000n]); // what the forger wrote, not what happened
  assert.equal(r.verdicts[LOG_TRUE]!.status, 'fail');
  assert.match(r.verdicts[LOG_TRUE]!.evidence, /^forger: 0 denial\(s\) happened, the log counted \d+; forger: record 1 \(ESR 0x92000004 FAR 0x40080000\) is not the denial that happened/);
});

test('a VM flooding the log: its first 16 records are kept and the rest counted; every other context keeps all of its own, and the report says how many were dropped', () => {
  const r = run();
  const flood = r.deniedPerContext[ctxIndex('flood')]!;
  assert.deepEqual(flood, { context: 'flood', seen: 100, kept: 16 });
  assert.deepEqual(logs(r, 'flood'), [100n]); // every load was stepped over: the flooder ran to its end
  for (const d of deniedOf(r, 'flood')) assert.deepEqual([d.esr >>> 26, d.far], [0x24, 0x7000_0000n]);
  // the contexts that were denied after the flood still have their records
  assert.deepEqual(deniedOf(r, 'exit-vm').map((d) => d.esr), [0x5e00_0000]);
  assert.deepEqual(deniedOf(r, 'exit-app').map((d) => d.esr), [0x0200_0000]);
  assert.equal(r.deniedTotal, 102);
  assert.match(formatReport(buildImage(scenario, HOSTILE), r, { timeline: false }), /^-- denied accesses in the hypervisor's log: 102 \(each context's first 16 kept; not kept: flood 84 of 100\)$/m);
  assert.match(r.verdicts[LOG_TRUE]!.evidence, /^102 denial\(s\), each logged as it happened; beyond each context's first 16 counted, not kept: flood 84$/);
});

test('a VM executing HLT #0xF000 (SYS_WRITE0, SYS_EXIT) takes UNDEFINED at its own EL1; its PSCI SYSTEM_OFF is trapped, denied (no stale FAR) and it is stopped', () => {
  const r = run();
  assert.deepEqual(logs(r, 'exit-vm'), [0x0200_0000n, 0x0200_0000n, 0x5711n]); // EC 0x00, IL: twice; then it ran on
  assert.doesNotMatch(r.uart, /^\[hyp\] all contexts finished; denied accesses: 0x0000000000000000$/m); // its fake line
  assert.doesNotMatch(r.uart, /log 0x0000000000000bad/);
  assert.deepEqual(deniedOf(r, 'exit-vm').map((d) => [d.esr >>> 26, d.far, d.hpfar]), [[0x17, 0n, 0n]]); // SMC trapped by TSC
});

test('a native app executing HLT #0xF000 (SYS_EXIT) at EL0 takes UNDEFINED; its shim forwards it, and the hypervisor denies it and stops the app', () => {
  const r = run();
  assert.deepEqual(logs(r, 'exit-app'), [1n]);
  const d = deniedOf(r, 'exit-app');
  assert.deepEqual(d.map((x) => [x.esr, x.far]), [[0x0200_0000, 0n]]);
  const ep = r.episodes.find((e) => e.from === ctxIndex('exit-app') && e.denied !== undefined)!;
  assert.equal(ep.denied!.by, 'shim');
});

test('hostile guests under el1-shim-s2: contained the same way; the run ends and the log is true', () => {
  const r = run('el1-shim-s2');
  assert.deepEqual(r.verdicts.map((v) => v.status), ['fail', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  assert.deepEqual(deniedOf(r, 'exit-app').map((x) => [x.esr, x.far]), [[0x0200_0000, 0n]]);
  assert.deepEqual(deniedOf(r, 'forger'), []);
});

test('under s2-only (TGE = 1) the app\'s HLT #0xF000 is UNDEFINED straight to EL2 (EC 0x00), denied and stopped; the run ends and the log is true', () => {
  // s2-only runs an app at VA == IPA, so the hostile app moves below 2^44
  const [head, tail] = readFileSync(HOSTILE, 'utf8').split('  - name: exit-app');
  const text = head + '  - name: exit-app' + tail!.replaceAll('0x0000_ff80_0000_0000', '0x0000_0000_1000_0000');
  const r = runImage(buildImage(parseScenario(text, HOSTILE), HOSTILE, 's2-only'));
  assert.equal(r.verdicts.find((v) => v.requirement === RUN_ENDED)!.status, 'pass');
  assert.equal(r.verdicts[LOG_TRUE]!.status, 'pass');
  assert.equal(r.verdicts[2]!.status, 'pass');
  assert.deepEqual(logs(r, 'exit-app'), [1n]);
  const ep = r.episodes.find((e) => e.from === ctxIndex('exit-app') && e.denied !== undefined)!;
  assert.deepEqual([ep.denied!.by, ep.denied!.esr], ['el2', 0x0200_0000]);
});

test('a VM that returns to AArch32 EL0 takes the illegal return (EC 0x0E) at its own EL1 and exits; nothing else notices', () => {
  const text = readFileSync('scenarios/seed.yaml', 'utf8').replace(
    'schedule:',
    '  - name: a32\n    kind: vm\n    ipa_bits: 44\n    memory:\n      - { at: 0x4000_0000, size: 2M }\n    image: { source: ../src/hyp/guests/hostile-aarch32.S, entry: 0x4000_0000 }\nschedule:',
  );
  const r = runImage(buildImage(parseScenario(text, 'scenarios/seed.yaml'), 'scenarios/seed.yaml'));
  const [esr, elr] = logs(r, 'a32');
  assert.equal(esr, 0x3a00_0000n); // EC 0x0E, IL: PSTATE.IL after the illegal ERET
  assert.ok(elr! >= 0x4000_0000n && elr! < 0x4000_1000n); // at a32_code, which never ran
  assert.match(r.uart, /^\[a32\] exit 0x0000000000000000$/m);
  assert.deepEqual(r.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  assert.equal(r.deniedTotal, 0);
});
