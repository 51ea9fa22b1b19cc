// The hostile-guest campaign (issue 11): a bounded slice of `npm run fuzz:isolation` finds nothing and gets its
// programs run; every kind of finding is caught when the hypervisor (or what the campaign is told) is broken on
// purpose, and is shrunk to the instruction that shows it; a finding's line replays; shards and resume behave as the
// schedulers that fan the campaign out need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SR, SYSREGS } from '../../src/arch/sysreg-table.ts';
import { SWITCHED } from '../../src/hyp/context-state.ts';
import { contextSource } from '../../src/hyp/context-table.ts';
import { ASM_DIR, type BuiltImage } from '../../src/hyp/image.ts';
import { caseEnv, runCase, type FindingClass } from './case.ts';
import { findingOf, replay, runIndex, shrink, type CaseResult } from './campaign.ts';
import * as E from './encode.ts';
import { assemble, type Item } from './generate.ts';
import { main } from '../../scripts/fuzz-isolation.ts';
import { ALL_CONFIGS, buildShape, configKey, shapeOf, type Mutant, type Shape, type ShapeConfig } from './shape.ts';

/** The slice: every hosting mode with a VM (stage 1 off, and its own), an app, by-VMID and immediate; a VM at EL0 and
 *  each other TLB and sync policy at least once. */
const EXTRA = new Set(['el1-shim/by-vmid/immediate/vm-el0', 's2-only/flush/architectural/vm-el0', 'el1-shim/flush/architectural/vm-s1', 'el1-shim-s2/by-vmid/speculate/vm', 's2-only/flush/errata/app']);
const SLICE = ALL_CONFIGS.filter((c) => (c.tlb === 'by-vmid' && c.sync === 'immediate' && c.kind !== 'vm-el0') || EXTRA.has(configKey(c)));
const SLICE_CASES = 30;

test(`a slice of the campaign: ${SLICE_CASES} hostile programs over ${SLICE.length} shapes find nothing, and run`, () => {
  const found: string[] = [];
  const reached = new Map<string, number[]>();
  for (let i = 0; i < SLICE_CASES; i++) {
    const r = runIndex('npm-test', i, SLICE);
    for (const p of r.outcome.problems) found.push(`case ${i} (${r.shape.key}): ${p.class}: ${p.detail}`);
    const kind = r.shape.config.hosting === 'seed-literal' ? 'seed-literal' : r.shape.config.kind;
    reached.set(kind, [...(reached.get(kind) ?? []), r.outcome.executed / r.words.length]);
  }
  assert.deepEqual(found, []);
  // the programs are not stopped at their first words: a VM steps over its own faults, an app is stopped at its first
  // exception that is not a call or a data abort (seed-literal's contexts never get to run theirs)
  const mean = (l: number[]): number => l.reduce((a, b) => a + b, 0) / l.length;
  assert.ok(mean(reached.get('vm')!) > 0.6, `vm: ${reached.get('vm')}`);
  assert.ok(mean(reached.get('vm-s1')!) > 0.6, `vm-s1: ${reached.get('vm-s1')}`);
  assert.ok(mean(reached.get('vm-el0')!) > 0.6, `vm-el0: ${reached.get('vm-el0')}`);
  assert.ok(mean(reached.get('app')!) > 0.2, `app: ${reached.get('app')}`);
});

test('the campaign\'s first false finding stays fixed: the hostile\'s own random bytes never hold a canary\'s upper word (stop21 case 16223)', () => {
  // the case's own fill drew keyHi at PA 0x404184c0 before the fix; its program only exits
  const index = 16223;
  const r = runIndex('stop21', index, ALL_CONFIGS);
  assert.equal(configKey(r.shape.config), 'el1-shim-s2/flush/errata/app');
  assert.deepEqual(r.outcome.problems, []);
});

test('a case is the same program and the same run wherever and whenever it runs', () => {
  for (const i of [3, 7]) {
    const a = runIndex('det', i, SLICE);
    const b = runIndex('det', i, SLICE);
    assert.deepEqual(a.words, b.words);
    assert.equal(a.outcome.instructions, b.outcome.instructions);
    assert.equal(a.outcome.uart, b.outcome.uart);
  }
  assert.notDeepEqual(runIndex('det', 0, SLICE).words, runIndex('other', 0, SLICE).words);
});

const EL1SHIM_APP: ShapeConfig = { hosting: 'el1-shim', tlb: 'by-vmid', sync: 'immediate', kind: 'app' };
const EL1SHIM_VM: ShapeConfig = { hosting: 'el1-shim', tlb: 'by-vmid', sync: 'immediate', kind: 'vm' };
const item = (text: string, words: number[]): Item => ({ text, encode: () => words });
/** Items that do nothing of interest, around the one that matters (for the shrinker). */
const junk = (n: number): Item[] => Array.from({ length: n }, (_, i) => item(`junk ${i}`, E.mov64(20 + (i % 5), BigInt(i) * 0x1234_5678n)));
const enc = (name: string): E.SysEnc => SYSREGS[SR[name as keyof typeof SR]]!.enc as E.SysEnc;

function run(shape: Shape, items: readonly Item[], seed = 'mutant') {
  const env = caseEnv(seed, 0);
  const words = assemble(items, shape.programVa, shape.el);
  return { env, words, outcome: runCase(shape, words, env) };
}
const classes = (o: { problems: readonly { class: FindingClass }[] }): FindingClass[] => [...new Set(o.problems.map((p) => p.class))].sort();

const forgetsTpidrro: Mutant = { asm: new Map([['context.S', contextSource(SWITCHED.filter((s) => s.reg !== 'TPIDRRO_EL0'))]]) };

test('a register the switch forgets (TPIDRRO_EL0): the app holds, then reads, the canary VM\'s value — read-leak and register-leak', () => {
  const shape = buildShape(EL1SHIM_APP, forgetsTpidrro);
  const items = [...junk(6), item('mrs x5, tpidrro_el0', [E.mrs(enc('TPIDRRO_EL0'), 5)]), ...junk(5)];
  const { env, outcome } = run(shape, items);
  assert.deepEqual(classes(outcome), ['read-leak', 'register-leak']);
  assert.ok(outcome.problems.some((p) => /with TPIDRRO_EL0 = 0x[0-9a-f]+, a canary \(canary-vm memory\)/.test(p.detail)), 'the register it can read');
  assert.ok(outcome.problems.some((p) => /with X5 = 0x[0-9a-f]+, a canary \(canary-vm memory\)/.test(p.detail)), 'the value it read');
  assert.match(outcome.problems.find((p) => p.class === 'register-leak')!.detail, /hostile found TPIDRRO_EL0 = 0x[0-9a-f]+ \(its own: 0x0+\), written by canary-vm/);
  // the register holds the value before the program does anything: the shrunk program is empty
  assert.deepEqual(shrink(shape, items, env, 'read-leak', outcome).items, []);
  // the shape as built: the same program finds nothing
  assert.deepEqual(run(shapeOf(EL1SHIM_APP), items).outcome.problems, []);
});

/** A stage-2 leaf of the hostile VM's second region pointed at the canary VM's canaries (a page-table bug). */
const leakyStage2: Mutant = {
  edit: (img: BuiltImage) => {
    const [hostile, canary] = ['hostile', 'canary-vm'].map((n) => img.contexts.find((c) => c.name === n)!);
    const seg = img.image.segments.find((s) => Number(s.paddr) === img.layout.poolBase)!;
    const dv = new DataView(seg.data.buffer, seg.data.byteOffset, seg.data.byteLength);
    const target = BigInt(hostile!.regions[1]!.pa);
    for (let o = 0; o < seg.data.length; o += 8) {
      const d = dv.getBigUint64(o, true);
      if ((d & 3n) === 3n && (d & 0xffff_ffff_f000n) === target) {
        dv.setBigUint64(o, (d & ~0xffff_ffff_f000n) | BigInt(canary!.regions[0]!.pa + 0x1000), true);
        return;
      }
    }
    throw new Error('no leaf for the hostile VM\'s second region');
  },
};

test('a stage 2 that maps another VM\'s page: canary read and overwritten, audit and verdict fail — and the campaign says so', () => {
  const shape = buildShape(EL1SHIM_VM, leakyStage2);
  const high = shape.view[1]!.at; // its second region, whose first page now leads into the canary VM's canaries
  const load = item('ldr x5, [high + 8]', [...E.mov64(9, high + 8n), E.ldst(3, 1, 0, 0, 9, 5)]);
  const items = [...junk(4), load, ...junk(3), item('str x9, [high + 16]', [...E.mov64(9, high + 16n), E.ldst(3, 0, 0, 0, 9, 9)])];
  const { env, outcome } = run(shape, items);
  assert.deepEqual(classes(outcome), ['canary', 'read-leak', 'verdict']);
  assert.ok(outcome.problems.some((p) => p.class === 'verdict' && /^audit: hostile reaches canary-vm/.test(p.detail)));
  assert.ok(outcome.problems.some((p) => p.class === 'verdict' && /no context reached memory outside its own: hostile: stage 2 maps IA 0xffffff0000/.test(p.detail)));
  assert.match(outcome.problems.find((p) => p.class === 'canary')!.detail, /canary at PA 0x[0-9a-f]+ \(canary-vm memory\)/);
  assert.match(outcome.problems.find((p) => p.class === 'read-leak')!.detail, /with X5 = 0x[0-9a-f]+, a canary \(canary-vm memory\)/);
  // shrunk to the one load that reads it
  assert.deepEqual(shrink(shape, items, env, 'read-leak', outcome).items.map((i) => i.text), [load.text]);
});

test('an access the audit does not declare is undeclared-pa, and verdicts that all passed then are blind-verdict', () => {
  const built = shapeOf(EL1SHIM_VM);
  const shape: Shape = { ...built, audit: { ...built.audit, contexts: built.audit.contexts.map((c, i) => (i === built.hostile ? { ...c, ranges: [] } : c)) } };
  const { outcome } = run(shape, [item('nop', [E.NOP])]);
  assert.deepEqual(classes(outcome), ['blind-verdict', 'undeclared-pa']);
  assert.match(outcome.problems[0]!.detail, /^hostile at EL1: fetch of VA 0x80000000 reached PA 0x[0-9a-f]+ \(hostile memory\), which the audit does not give it$/);
});

test('a hypervisor that panics on a trap is hyp-crash; a run past its budget is a hang; a harness error is an exception', () => {
  const lazy = readFileSync(join(ASM_DIR, 'lazy.S'), 'utf8');
  assert.match(lazy, /^fp_trap:\n/m);
  const panics = buildShape(EL1SHIM_VM, { asm: new Map([['lazy.S', lazy.replace(/^fp_trap:\n/m, 'fp_trap:\n    b el2_unexpected\n')]]) });
  // CPACR_EL1.FPEN = 3 first: the VM's own EL1 does not trap FP, so CPTR_EL2.TFP takes it to EL2
  const fp = item('cpacr_el1.fpen = 3; ld1 {v0.16b}, [x9]', [...E.mov64(9, 3n << 20n), E.msr(enc('CPACR_EL1'), 9), E.ISB, ...E.mov64(9, 0x8000_8000n), E.ld1(true, 9)]);
  assert.deepEqual(classes(run(panics, [fp]).outcome), ['hyp-crash']);
  assert.deepEqual(classes(run(shapeOf(EL1SHIM_VM), [fp]).outcome), []);
  const tight: Shape = { ...shapeOf(EL1SHIM_VM), budget: 3000 };
  assert.deepEqual(classes(run(tight, [item('b .', [E.b(0)])]).outcome), ['hang']);
  const shape = shapeOf(EL1SHIM_VM);
  const tooLong = runCase(shape, new Array<number>(shape.programWords + 1).fill(E.NOP), caseEnv('x', 0));
  assert.deepEqual(classes(tooLong), ['exception']);
});

test('seed-tge: the app writes a VM\'s memory, as the audit and the verdict say it can — no finding; an audit that did not say so is one', () => {
  const shape = shapeOf({ hosting: 'seed-tge', tlb: 'by-vmid', sync: 'immediate', kind: 'app' });
  const canaryPa = BigInt(shape.img.contexts.find((c) => c.name === 'canary-vm')!.regions[0]!.pa) + 0x1000n;
  const items = [item('str x9, [canary-vm + 0x1000]', [...E.mov64(9, canaryPa), E.ldst(3, 0, 0, 0, 9, 9)])];
  assert.deepEqual(run(shape, items).outcome.problems, []);
  const blind: Shape = { ...shape, audit: { ...shape.audit, violations: [] } };
  const o = run(blind, items).outcome;
  assert.deepEqual(classes(o), ['canary', 'unsafe-unflagged']);
});

test('seed-tge: a hostile VM that spends the run on denied accesses before the flagged app runs is no finding (campaign stop23, case 77400)', () => {
  // the minimal program of that case: VBAR_EL1 at an unmapped address, an UNDEFINED word — a loop of stage-2 read
  // faults, each denied and logged, that takes the unsafe mode's whole budget before the app is entered
  const words = ['d2880169', 'f2bfffe9', 'f2c01fe9', 'd518c009', 'd5033fdf', '00000000', 'd2810009', 'f2b00009', 'd518c009', 'd5033fdf', 'd2800040', 'd2800001', 'd4000002', '14000000'].map((w) => parseInt(w, 16));
  const shape = shapeOf({ hosting: 'seed-tge', tlb: 'flush', sync: 'speculate', kind: 'vm' });
  const o = runCase(shape, words, caseEnv('stop23', 77400));
  assert.equal(o.stop, 'budget');
  assert.deepEqual(o.problems, []);
  // the same shape with an audit that flags nothing is still a finding
  const blind = runCase({ ...shape, audit: { ...shape.audit, violations: [] } }, words, caseEnv('stop23', 77400));
  assert.deepEqual(blind.problems.map((q) => q.class), ['unsafe-unflagged']);
});

test('a hostile VM that ends up at PC 0x…1 on page 0 is preempted and contained (campaign stop23, case 165925: a hang)', () => {
  // the minimal program of that case: its exception vectors send it to PC 0x67d, which matched the CPU's invalid fetch
  // tag: the stale page's words ran unchecked at EL1, the slow path (and with it the slice timer's IRQ) never came
  const words = ['a02da77b', 'd2951d7a', 'f2ac629a', 'f2c00ffa', '485f7f4d', '480c7f4d', 'd29a014a', 'f2b0000a', 'd2930393', 'f2b37b73', 'f2dfb393', 'f2f96713', 'a9406153', 'd2800020', 'd2800141', 'd4000002', 'd29ffe2d', 'f2bfffed', 'f2c01fed', 'd50b7a2d', 'd29c01a8', 'f2bfffe8', 'f2c01fe8', 'b8800113', 'd28001e0', 'f2c02000', 'd50c78e0', 'd2800014', 'd5180354', 'd2860145', 'f2a3cb85', 'f2c03925', 'd29861eb', 'f2b401cb', 'f2de9ecb', 'f2f3ac2b', '88dffcab', 'd29fff78', 'f2bfffd8', 'f2c01ff8', 'f980031e', 'd28e276c', 'f2a0b58c', 'f2d9390c', 'f2fa386c', 'd51575ec', 'b63fba7b', 'd2800040', 'd2800001', 'd4000002', '14000000'].map((w) => parseInt(w, 16));
  const o = runCase(shapeOf({ hosting: 'el1-shim', tlb: 'by-vmid', sync: 'architectural', kind: 'vm-s1' }), words, caseEnv('stop23', 165925));
  assert.deepEqual(o.problems, []);
  assert.equal(o.stop, 'exit 0');
});

test('a finding\'s JSON line holds its program and minimal reproduction, and replays', () => {
  const shape = buildShape(EL1SHIM_VM, leakyStage2);
  const high = shape.view[1]!.at;
  const items = [...junk(3), item('ldr x7, [high]', [...E.mov64(9, high), E.ldst(3, 1, 0, 0, 9, 7)])];
  const env = caseEnv('json', 4);
  const words = assemble(items, shape.programVa, shape.el);
  const r: CaseResult = { index: 4, shape, items, words, env, outcome: runCase(shape, words, env) };
  const f = JSON.parse(JSON.stringify(findingOf('json', r))) as ReturnType<typeof findingOf>;
  assert.equal(f.case, 4);
  assert.deepEqual([f.hosting, f.tlb, f.sync, f.kind], ['el1-shim', 'by-vmid', 'immediate', 'vm']);
  assert.deepEqual(f.classes, ['read-leak', 'verdict']);
  assert.equal(f.minimal.class, 'read-leak');
  assert.deepEqual(f.minimal.items, ['ldr x7, [high]']);
  assert.deepEqual(f.program.words, words.map((w) => w.toString(16).padStart(8, '0')));
  // replayed on the shape as built (the mutant is gone, as after a fix): nothing is found
  assert.deepEqual(replay(f).problems, []);
});

test('fuzz:isolation: shards partition the cases, a second run resumes, another campaign\'s file is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-fuzz-'));
  // in this process (the script's main): the shapes built for the tests above are reused
  const cli = (...args: string[]) => {
    let stderr = '';
    const status = main(['--hosting', 'el1-shim', '--kind', 'vm', '--tlb', 'by-vmid', '--sync', 'immediate', '--seed', 'cli', '--cases', '5', ...args], { stdout: () => {}, stderr: (t) => (stderr += t) });
    return { status, stderr };
  };
  const lines = (f: string): Record<string, unknown>[] => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  try {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    assert.equal(cli('--shard', '0/2', '--out', a).status, 0);
    assert.equal(cli('--shard', '1/2', '--out', b).status, 0);
    const done = (f: string) => lines(f).find((l) => l.type === 'done')!;
    assert.deepEqual([lines(a)[0]!.first, lines(a)[0]!.end, lines(b)[0]!.first, lines(b)[0]!.end], [0, 2, 2, 5]);
    assert.equal((done(a).cases as number) + (done(b).cases as number), 5);
    const again = cli('--shard', '0/2', '--out', a);
    assert.equal(again.status, 0);
    assert.match(again.stderr, /resuming .*a\.jsonl at case 2 of \[0, 2\)/);
    assert.equal(lines(a).filter((l) => l.type === 'done').at(-1)!.cases, 0, 'nothing left to run');
    const other = cli('--shard', '1/2', '--out', a);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /holds another campaign/);
    assert.equal(cli('--shard', '2/2').status, 2);
    assert.match(cli('--sync', 'fast').stderr, /^fuzz-isolation: --sync: 'fast' is not one of immediate, architectural, speculate, errata\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // and as npm runs it: a script whose exit status is the campaign's
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/fuzz-isolation.ts', '--shard', '3/2'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--shard: '3\/2' is not K\/N/);
});

test('a line a context leaves open is ended before anyone else writes, and a newline ends it whatever else the write holds: the next characters get a prefix of their own (print.S line_owner)', () => {
  // found by the campaign: "ab", then the hypervisor's denial line, then "c\n" came out as "[hostile] ab[hostile] denied …"
  // and a line "c" with no prefix, which a context could fill with any other's words
  for (const config of [EL1SHIM_VM, EL1SHIM_APP]) {
    const shape = shapeOf(config);
    const putc = shape.img.symbols.get('CALL_PUTC')!;
    const call = shape.el === 1 ? E.hvc(0) : E.svc(0);
    const print = (text: string): Item => item(`print ${text}`, [...text].flatMap((ch) => [...E.mov64(0, putc), E.movz(1, ch.charCodeAt(0), 0), call]));
    const denied = item('ldr x5, [0x40000000]', [...E.mov64(9, 0x4000_0000n), E.ldst(3, 1, 0, 0, 9, 5)]);
    // the UART sends bits [7:0] of the write: X1 = 0x8001000a is a newline, and what follows starts a line of its own
    const wide = item('putc 0x8001000a', [...E.mov64(0, putc), ...E.mov64(1, 0x8001000an), call]);
    const { outcome } = run(shape, [print('ab'), denied, print('c\n'), print('[canary-vm] exit 0x0'), print('d'), wide, print('log 0x0\n')]);
    assert.deepEqual(outcome.problems, [], config.kind);
    const lines = outcome.uart.split('\n').filter((l) => l.startsWith('[hostile]')).map((l) => l.replace(/ denied: .*/, ' denied: …'));
    assert.deepEqual(lines.slice(0, 6), ['[hostile] ab', '[hostile] denied: …', '[hostile] c', '[hostile] [canary-vm] exit 0x0d', '[hostile] log 0x0', '[hostile] exit 0x0000000000000000'], config.kind);
  }
});
