// `twostage check` step 3: the explorer (src/check/explore.ts) runs a switch from the state where one context ran
// to the ERET into another under every outcome --sync architectural allows, and checks the target's invariants.
// seed.yaml: vm1, vm2 (VMs, stage 2, VMIDs 1 and 2) and the app (el1-shim: stage 1 only, VMID 3, HCR 0x8008_0038).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { explore, loadSwitch, type ExploreResult } from '../../src/check/explore.ts';
import { referenceSwitch } from '../../src/check/reference-switch.ts';
import { buildImage } from '../../src/hyp/image.ts';
import { parseScenario, type Scenario } from '../../src/hyp/scenario.ts';
import { CLI } from '../helpers/cli.ts';

const SEED = 'scenarios/seed.yaml';
const seed = parseScenario(readFileSync(SEED, 'utf8'), SEED);
const flush: Scenario = { ...seed, tlb: 'flush' };
const GOOD = readFileSync('test/check/fixtures/good.S', 'utf8').split('\n');
const GOOD_FLUSH = readFileSync('test/check/fixtures/good-flush.S', 'utf8').split('\n');

const check = (s: Scenario, lines: readonly string[], from = 'vm1', to = 'app'): ExploreResult => {
  const img = buildImage(s, SEED);
  return explore(loadSwitch('t.S', lines.join('\n'), img), img, from, to);
};
const ids = (r: ExploreResult) => r.findings.map((f) => `${f.line}:${f.ruleId}`);
/** The lines without the first one that matches `re`. */
const without = (lines: readonly string[], re: RegExp): string[] => {
  const k = lines.findIndex((l) => re.test(l));
  assert.ok(k >= 0, `no line matches ${re}`);
  return lines.filter((_, i) => i !== k);
};
const stats = (r: ExploreResult): string => `${r.stats.runs} choice sequences, ${r.stats.states} states, ${r.stats.ms.toFixed(0)} ms`;

test('by-vmid: the correct VM → app tail explores with no finding; with distinct VMIDs its ISB, TLBI and DSB are not needed', (t) => {
  const r = check(seed, GOOD);
  t.diagnostic(`good.S vm1 → app: ${stats(r)}`);
  assert.deepEqual(ids(r), []);
  assert.ok(r.stats.complete && r.stats.erets > 0);
  assert.deepEqual(r.vmids, [1, 2, 3]);
  // safe mutants: the app's VMID 3 was never anyone else's, so the TLB holds no entry it could hit that a TLBI
  // would have to remove (ARCH-NOTES §8) — the flush only matters when a VMID is reused (next test)
  for (const re of [/^\s*isb/, /tlbi/, /dsb nsh/]) assert.deepEqual(ids(check(seed, without(GOOD, re))), [], `without ${re}`);
});

test('shifting the VMID by 16 puts it in BADDR: the app runs with VMID 0 (finding on the MSR VTTBR_EL2)', () => {
  const lines = GOOD.map((l) => l.replace('movz x1, #3, lsl #48', 'movz x1, #3, lsl #16'));
  const r = check(seed, lines);
  const f = r.findings.find((x) => x.ruleId === 'vmid-wrong');
  assert.ok(f, ids(r).join(' '));
  assert.equal(f.line, 7); // msr vttbr_el2, x1
  assert.equal(f.message, 'app runs with VTTBR_EL2.VMID = 0, not its own VMID 3');
  assert.ok(f.details[0]!.includes('BADDR = 0x30000'));
  assert.ok(f.counterexample.some((c) => c.includes('MSR VTTBR_EL2 = 0x0000000000030000')));
  assert.match(f.fix, /0x0003000000000000/);
});

test('flush: the correct switch is safe; without its ISB, TLBI or DSB the app can hit vm1\'s stale entry', (t) => {
  const ok = check(flush, GOOD_FLUSH);
  t.diagnostic(`good-flush.S vm1 → app: ${stats(ok)}`);
  assert.deepEqual(ids(ok), []);

  // no ISB: the TLBI executes with vm1's VMID still in context (ARCH-NOTES §9, §10)
  const noIsb = check(flush, without(GOOD_FLUSH, /^\s*isb/));
  assert.deepEqual(ids(noIsb), ['9:tlb-stale']);
  const f = noIsb.findings[0]!;
  assert.equal(f.message, 'app (VMID 3) can hit a TLB entry for PA 0x40400000 (vm1\'s memory)');
  assert.ok(f.counterexample.includes('t.S:9: TLBI VMALLS12E1 selects VMID 1 (vm1\'s), the VMID in context when it executes'), f.counterexample.join('\n'));
  assert.match(f.fix, /ISB/);

  // no TLBI: charged to the ERET
  assert.deepEqual(ids(check(flush, without(GOOD_FLUSH, /tlbi/))), ['12:tlb-stale']);

  // no DSB: the TLBI may still be incomplete at the ERET (the outcome where it does not complete early)
  const noDsb = check(flush, without(GOOD_FLUSH, /dsb nsh/));
  assert.deepEqual(ids(noDsb), ['10:tlb-stale']);
  assert.ok(noDsb.findings[0]!.counterexample.some((c) => /eret\) executes with TLBI VMALLS12E1 \(t\.S:10\) not yet complete/.test(c)));
  assert.match(noDsb.findings[0]!.fix, /DSB NSH/);
});

test('flush: TLBI VMALLE1 leaves vm1\'s stage-2-only entry under the reused VMID (ARCH-NOTES §9)', () => {
  const r = check(flush, GOOD);
  assert.deepEqual(ids(r), ['9:tlb-stale']); // tlbi vmalle1
  assert.match(r.findings[0]!.fix, /VMALLS12E1/);
  assert.ok(r.findings[0]!.details[0]!.startsWith('stage 2 entry'));
});

test('the design note\'s snippet (b) from vm1 to the app: the VMID lands in BADDR and HCR_EL2 keeps VM=1', () => {
  const r = check(seed, readFileSync('examples/seed/b-vmid.S', 'utf8').split('\n'));
  // line 7: the ERET check appends; the app's stage 2 (still on) walks from BADDR = 0x50000, no table of the hypervisor's
  assert.deepEqual(ids(r), ['7:hcr-wrong', '6:vmid-wrong', '6:walk-outside']);
  assert.match(r.findings[2]!.message, /^app's stage-2 walks read their root table at PA 0x50000 /);
  assert.deepEqual(r.findings[0]!.details, ['VM=1: EL1&0 stage 2 on']);
});

const PAIRS = [['vm1', 'vm2'], ['vm2', 'vm1'], ['vm1', 'app'], ['app', 'vm1'], ['app', 'vm2']] as const;

for (const tlb of ['by-vmid', 'flush'] as const) {
  test(`the reference hypervisor's switch path (tlb: ${tlb}) is proven safe for VM↔VM, VM↔app`, (t) => {
    const img = buildImage({ ...seed, tlb }, SEED);
    const ref = referenceSwitch(img);
    for (const [a, b] of PAIRS) {
      const r = explore(ref.program, img, a, b, { entry: ref.entry });
      t.diagnostic(`reference ${tlb} ${a} → ${b}: ${stats(r)}`);
      assert.deepEqual(ids(r), [], `${a} → ${b}`);
      assert.ok(r.stats.complete && r.stats.erets > 0);
    }
  });
}

test('--errata: without the 1319537 workaround the app → vm1 switch leaks the app\'s stage 1 under vm1\'s VMID; with it, safe', (t) => {
  const plain = buildImage({ ...seed, errata: [] }, SEED);
  const ref = referenceSwitch(plain);
  const bad = explore(ref.program, plain, 'app', 'vm1', { entry: ref.entry, errata: true });
  t.diagnostic(`reference without workaround, app → vm1, --errata: ${stats(bad)}`);
  const f = bad.findings.find((x) => x.ruleId === 'tlb-stale');
  assert.ok(f, ids(bad).join(' '));
  assert.match(f.message, /^vm1 \(VMID 1\) can hit a TLB entry for PA 0x408[0-9a-f]{5} \(app's memory\)$/);
  // the app's stage 1 (TTBR0_EL1 old: in context or not yet new) under vm1's VMID
  assert.ok(f.counterexample.some((c) => c.includes('erratum 1319537') && c.includes('VTTBR_EL2 new') && !c.includes('TTBR0_EL1 new')), f.counterexample.join('\n'));
  // the same switch without the erratum is safe (EL1&0 is out of context at EL2)
  assert.deepEqual(ids(explore(ref.program, plain, 'app', 'vm1', { entry: ref.entry })), []);

  const fixed = buildImage({ ...seed, errata: [1319537] }, SEED);
  const ref2 = referenceSwitch(fixed);
  for (const [a, b] of PAIRS) {
    const r = explore(ref2.program, fixed, a, b, { entry: ref2.entry, errata: true });
    t.diagnostic(`reference with errata: [1319537], ${a} → ${b}, --errata: ${stats(r)}`);
    assert.deepEqual(ids(r), [], `${a} → ${b}`);
  }
});

/** src/hyp/asm/switch.S with one edit, for buildImage's source override. */
const switchS = (edit: (lines: string[]) => void): Map<string, string> => {
  const lines = readFileSync('src/hyp/asm/switch.S', 'utf8').split('\n');
  edit(lines);
  return new Map([['switch.S', lines.join('\n')]]);
};
const errataSeed: Scenario = { ...seed, errata: [1319537] };

// The harness's rollover (switch-harness.ts): generation 2 is used up with A holding VMID 255; the target's entry starts
// generation 3 with TLBI ALLE1 and gives it VMID 1, so 255 is free from then on and handed out later with no TLBI.
test('--errata, VMID rollover: the TLBI ALLE1 before at_walks_off lets a speculative walk re-cache vm1\'s translation under the freed VMID 255; at_walks_off first is proven safe', (t) => {
  // the order before the fix: bl vmid_check (the rollover's TLBI ALLE1; DSB ISH), then at_walks_off
  const old = buildImage(errataSeed, SEED, undefined, switchS((l) => {
    const w = l.findIndex((x) => /^\s*at_walks_off\b/.test(x));
    assert.match(l[w + 1]!, /^\s*bl vmid_check\b/);
    [l[w], l[w + 1]] = [l[w + 1]!, l[w]!];
  }));
  const ref = referenceSwitch(old);
  const r = explore(ref.program, old, 'vm1', 'vm2', { entry: ref.entry, errata: true, rollover: true });
  t.diagnostic(`old order, vm1 → vm2, rollover, --errata: ${stats(r)}`);
  const f = r.findings.find((x) => x.ruleId === 'tlb-latent');
  assert.ok(f, ids(r).join(' '));
  assert.equal(f.message, 'VMID 255 is free in vm2\'s VMID generation, yet tags a TLB entry for PA 0x40400000 (vm1\'s memory): the allocator hands VMID 255 out later without a TLBI, and its next holder can hit the entry');
  assert.match(f.source, /^\s*tlbi alle1\b/);
  // the counterexample: the DSB completes the TLBI, then a walk with vm1's registers (still in context) refills
  const done = f.counterexample.findIndex((x) => x.includes('DSB ISH completes TLBI ALLE1'));
  const refill = f.counterexample.findIndex((x) => x.includes('(erratum 1319537) with the registers in context may cache a translation to PA 0x40400000 tagged VMID 255'));
  assert.ok(done >= 0 && refill > done, f.counterexample.join('\n'));
  assert.match(f.fix, /EPD0\/EPD1/);
  // without the erratum the same order is safe: at EL2 the EL1&0 regime is out of context (ARM §D8.1.5 R NRJPP)
  assert.deepEqual(ids(explore(ref.program, old, 'vm1', 'vm2', { entry: ref.entry, rollover: true })), []);

  const fixed = buildImage(errataSeed, SEED);
  const ref2 = referenceSwitch(fixed);
  for (const [a, b] of [...PAIRS, ['vm2', 'app']] as const) {
    const r2 = explore(ref2.program, fixed, a, b, { entry: ref2.entry, errata: true, rollover: true });
    t.diagnostic(`reference with errata: [1319537], ${a} → ${b}, rollover, --errata: ${stats(r2)}`);
    assert.deepEqual(ids(r2), [], `${a} → ${b}`);
    assert.ok(r2.stats.complete && r2.stats.erets > 0);
  }
});

test('--errata, VMID rollover without TLBI ALLE1: vm2\'s own fill of IPA 0x4000_0000 under VMID 1 leaves vm1\'s stale entry beside it, and vm2 can hit that one', () => {
  const img = buildImage(errataSeed, SEED, undefined, switchS((l) => {
    const k = l.findIndex((x) => /^\s*tlbi alle1\b/.test(x));
    l[k] = '';
  }));
  const ref = referenceSwitch(img);
  const r = explore(ref.program, img, 'vm1', 'vm2', { entry: ref.entry, errata: true, rollover: true });
  // vm1 and vm2 both map IPA 0x4000_0000 (2 MiB) by stage 2: to PA 0x4040_0000 and 0x4060_0000 (seed.yaml's order)
  assert.equal(r.findings.find((x) => x.ruleId === 'tlb-stale')?.message, 'vm2 (VMID 1) can hit a TLB entry for PA 0x40400000 (vm1\'s memory)');
});

test('twostage check --reference / SWITCH.S --from --to: exit 0 when proven safe, 1 with a finding; prints the state counts', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [...CLI, 'check', ...args], { encoding: 'utf8' });
  const ok = cli('--reference', '--scenario', SEED, '--from', 'app', '--to', 'vm1');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^explored app -> vm1: \d+ choice sequence\(s\), \d+ state\(s\)/m);
  const good = cli('test/check/fixtures/good.S', '--scenario', SEED, '--from', 'vm1', '--to', 'app');
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const b = cli('examples/seed/b-vmid.S', '--scenario', SEED, '--from', 'vm1', '--to', 'app', '--format', 'json');
  assert.equal(b.status, 1);
  assert.deepEqual((JSON.parse(b.stdout) as { ruleId: string }[]).map((f) => f.ruleId), ['vttbr-vmid-shift', 'hcr-wrong', 'vmid-wrong', 'walk-outside']);
  assert.match(b.stderr, /^explored vm1 -> app/);
  assert.equal(cli('--reference', '--from', 'vm1').status, 2);
  const rollover = cli('--reference', '--scenario', SEED, '--from', 'vm1', '--to', 'vm2', '--start', 'rollover');
  assert.equal(rollover.status, 0, rollover.stdout + rollover.stderr);
  assert.equal(cli('--reference', '--scenario', SEED, '--from', 'vm1', '--to', 'vm2', '--start', 'generation-3').status, 2);
});

test('a switch that takes an exception at EL2 never reaches its ERET: finding on the last instruction it ran', () => {
  const r = check(seed, ['    movz x1, #3, lsl #48', '    msr vttbr_el2, x1', '    udf #0', '    eret']);
  assert.deepEqual(ids(r), ['3:no-eret']);
  // what the PE does: the UDF takes an exception to EL2, which continues at the vector, not at the ERET
  assert.equal(r.findings[0]!.message, 't.S:3 (udf #0) takes an exception to EL2: the PE continues at VBAR_EL2 + 0x200 = 0x200, not at the switch\'s ERET');
  assert.match(r.findings[0]!.details[0]!, /^ESR_EL2 = 0x0000000002000000: EC 0x00 \(UNDEFINED instruction\), ELR_EL2 = 0x[0-9a-f]+/);
});

/** A corpus switch (test/check/corpus/) explored for one pair. */
const corpusCheck = (name: string, from: string, to: string, s: Scenario = seed): ExploreResult => {
  const file = `test/check/corpus/${name}`;
  const img = buildImage(s, SEED);
  return explore(loadSwitch(file, readFileSync(file, 'utf8'), img), img, from, to);
};

test('the ERET findings say what the PE does: an illegal return (which check fails, IL set, stays at EL2, EC 0x0E next), or the mode a legal one enters', () => {
  const illegal = corpusCheck('spsr-el1h.S', 'vm1', 'app', { ...seed, hosting: 's2-only' }).findings.find((f) => f.ruleId === 'eret-illegal');
  assert.ok(illegal);
  assert.equal(illegal.message, 'the ERET into app is an illegal exception return: SPSR_EL2.M names EL1h, and HCR_EL2.TGE = 1 makes every return to EL1 illegal');
  assert.deepEqual(illegal.details.slice(0, 3), [
    'PSTATE.IL becomes 1; PSTATE.EL, nRW and SP stay as they were: the PE stays at EL2 (EL2h, SP_EL2) (ARM J1.3 IllegalExceptionReturn)',
    'PC = ELR_EL2 = 0x0000ff8000000000; N, Z, C, V and D, A, I, F are restored from SPSR_EL2 = 0x00000000000003c5',
    'the instruction at 0x0000ff8000000000 — the target\'s code, now at EL2 — takes an Illegal Execution state exception (ESR_EL2.EC = 0x0E) to VBAR_EL2 + 0x200 before it executes (ARM J1.1 AArch64.CheckIllegalState)',
  ]);
  // the same switch where the app runs with TGE = 0 (el1-shim): the ERET is legal and enters EL1h
  const legal = corpusCheck('spsr-el1h.S', 'vm1', 'app').findings;
  assert.deepEqual(legal.map((f) => f.ruleId), ['eret-wrong-mode']);
  assert.equal(legal[0]!.message, 'the ERET is legal and enters EL1h at 0x0000ff8000000000, not app\'s EL0t');
  assert.match(legal[0]!.details[1]!, /^app's code runs at EL1, privileged: it can write the EL1 system registers/);
});

test('an AT before the ISB may allocate the TLB entry of its walk with a half-loaded regime (ARM §D8.2.13 R RNPZWX, §D8.16 R SQBCS)', () => {
  const r = corpusCheck('at-before-isb.S', 'app', 'vm1');
  const f = r.findings.find((x) => x.ruleId === 'tlb-stale');
  assert.ok(f, ids(r).join(' '));
  assert.match(f.source, /^\s*at s1e1r, x3/);
  const visible = f.counterexample.findIndex((c) => /the pending write to VTTBR_EL2 becomes visible early/.test(c));
  const at = f.counterexample.findIndex((c) => /AT S1E1R 0x0000ff8000000000 walks the EL1&0 regime with the registers in context \(VMID 1, vm1's\) and allocates the TLB entry of its walk/.test(c));
  assert.ok(visible >= 0 && at > visible, f.counterexample.join('\n'));
  assert.match(f.fix, /ISB after the last MSR it depends on/);
  // with the ISB before the AT (at-after-isb.S), whatever it caches is the target's own
  assert.deepEqual(ids(corpusCheck('at-after-isb.S', 'app', 'vm1')), []);
});
