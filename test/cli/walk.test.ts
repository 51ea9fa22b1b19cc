// `twostage walk`: the report of a nested walk (every stage-1 level with its full stage-2 sub-walk, the stage 2 of the
// output IPA, decoded fields, PA, permissions) and of a stage-2 fault on the stage-1 walk (ESR/FAR/HPFAR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { SR } from '../../src/arch/sysreg-table.ts';
import { walkCommand, type WalkOptions } from '../../src/cli/walk.ts';
import { explainWalk } from '../../src/cli/walk-report.ts';
import { ACC_READ, ACC_WRITE } from '../../src/mmu/result.ts';
import { makeCpu } from '../helpers/cpu.ts';
import { AF, AP_RW_ALL, MAIR_NORMAL0_DEVICE1, NG, S2_NORMAL_WB, S2AP_RW, Tables, TCR_4K_48 } from '../mmu/tables.ts';

const ST1 = 0x4100_0000; // stage-1 tables (IPA = PA: stage 2 maps them 1:1)
const DATA_IPA = 0x4020_0000;
const DATA_PA = 0x4060_0000;

/** EL1, stage 1 (4K, 48-bit) maps VA 0x1000 → IPA DATA_IPA; stage 2 (4K, 44-bit, VMID 3) maps it → DATA_PA. */
function setup() {
  const c = makeCpu([]);
  const s1 = new Tables(c.mem, 12, 0, 48, ST1);
  const s2 = new Tables(c.mem, 12, 0, 44, 0x4200_0000);
  s1.map(0x1000n, BigInt(DATA_IPA), 3, AF | AP_RW_ALL | NG);
  for (let a = ST1; a < s1.next; a += 0x1000) s2.map(BigInt(a), BigInt(a), 3, AF | S2AP_RW | S2_NORMAL_WB);
  s2.map(BigInt(DATA_IPA), BigInt(DATA_PA), 3, AF | S2AP_RW | S2_NORMAL_WB);
  c.sr[SR.TCR_EL1] = TCR_4K_48;
  c.sr[SR.TTBR0_EL1] = (7n << 48n) | BigInt(s1.root);
  c.sr[SR.MAIR_EL1] = MAIR_NORMAL0_DEVICE1;
  c.sr[SR.SCTLR_EL1] = 1n;
  c.sr[SR.VTCR_EL2] = 20n | (2n << 6n) | (4n << 16n) | (1n << 31n);
  c.sr[SR.VTTBR_EL2] = (3n << 48n) | BigInt(s2.root);
  c.sr[SR.HCR_EL2] = (1n << 31n) | 1n;
  c.el = 1;
  return { c, s1, s2 };
}

test('walk report: 4 stage-1 levels, each descriptor address walked through 4 stage-2 levels, then the output IPA', () => {
  const { c } = setup();
  const lines = explainWalk(c, 0x1234n, ACC_READ, 1);
  const s1Lines = lines.filter((l) => l.startsWith('stage 1 level'));
  assert.deepEqual(s1Lines.map((l) => l.slice(0, 15)), ['stage 1 level 0', 'stage 1 level 1', 'stage 1 level 2', 'stage 1 level 3']);
  // 4 sub-walks of 4 levels for the descriptors + 4 levels for the output IPA
  assert.equal(lines.filter((l) => l.trimStart().startsWith('stage 2 level')).length, 20);
  assert.ok(lines.includes('stage 2 of the output IPA:'));
  // the level-3 descriptor: page at IPA 0x4020_0000 | nG (0x800) | AF (0x400) | AP=01 (0x40) | page (0b11)
  const leaf = lines[lines.indexOf(s1Lines[3]!) + 5]!;
  assert.match(leaf, /0x0000000040200c43 page 0x000040200000 AttrIndx=0 AP=1 \(EL1 RW, EL0 RW\) SH=0 \(Non-shareable\) AF nG$/);
  assert.ok(lines.includes('result: PA 0x000040600234 (IPA 0x000040200234), Normal, outer WB, inner WB (0xff), Non-shareable'), lines.join('\n'));
  // AP=01 makes the page privileged execute-never; EL0 may execute it
  assert.equal(lines.at(-1), 'permissions: EL1 rw-, EL0 rwx');
});

test('walk report of a stage-2 fault on the stage-1 walk: S1PTW, the stage-2 level, ESR_EL2, FAR_EL2, HPFAR_EL2', () => {
  const { c, s1, s2 } = setup();
  const l2 = s1.descAt(0x1000n, 2) & ~0xfff; // the stage-1 level-2 table
  c.mem.writeU64(s2.descAt(BigInt(l2), 3), 0n);
  const lines = explainWalk(c, 0x1234n, ACC_WRITE, 1);
  const at = lines.findIndex((l) => l.startsWith('fault:'));
  assert.equal(lines[at], 'fault: stage-2 Translation fault, level 3 on the stage-1 walk (S1PTW)');
  // EC 0x24 (Data Abort from a lower EL) << 26 | IL | S1PTW (bit 7) | DFSC 0x07; WnR = 0 for a walk's read
  assert.match(lines[at + 1]!, /^ {2}taken to EL2: ESR_EL2 0x92000087 /);
  assert.equal(lines[at + 2], '  FAR_EL2 0x0000000000001234');
  const ipa = s1.descAt(0x1000n, 2);
  assert.equal(lines[at + 3], `  HPFAR_EL2 0x${((ipa >>> 12) << 4).toString(16).padStart(16, '0')} (FIPA: IPA 0x0000${l2.toString(16)})`);
  assert.ok(lines.includes(`stage 2 of the descriptor IPA 0x0000${ipa.toString(16)}:`));
});

const HELLO = fileURLToPath(new URL('../../examples/hello.elf', import.meta.url));

test('twostage walk runs to --until and reports; an address never reached is exit status 1', () => {
  let out = '';
  let err = '';
  assert.equal(walkCommand(HELLO, { until: '0x40080000', va: '0x40080010', access: 'exec' }, (s) => (out += s), (s) => (err += s)), 0);
  assert.match(out, /^exec of VA 0x0000000040080010 at EL2/);
  assert.match(out, /result: PA 0x000040080010/);
  assert.equal(walkCommand(HELLO, { until: '0x1234', va: '0', maxInsns: '50' }, () => {}, (s) => (err += s)), 1);
  assert.equal(walkCommand(HELLO, { until: '0x1234', va: '0', access: 'fetch' }, () => {}, (s) => (err += s)), 2);
});

// --- the scenario form: the regime the hypervisor enters a context with ---

const SEED = 'scenarios/seed.yaml';
const walkIn = (opts: WalkOptions, file?: string) => {
  let out = '';
  let err = '';
  const status = walkCommand(file, { scenario: SEED, ...opts }, (s) => (out += s), (s) => (err += s));
  return { status, out, err };
};

test('scenario walk: the native app at its first entry — EL0, the hypervisor-owned 4-level stage 1, stage 2 off', () => {
  const r = walkIn({ context: 'app', va: '0xff8000008000', access: 'write' });
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^context app \(native app\) under el1-shim, entry 1: PC 0x0000ff8000000000, EL0\n/);
  assert.match(r.out, /VMID 3: stage 1 on .*; stage 2 off/);
  assert.equal(r.out.match(/^stage 1 level [0-3]:/gm)?.length, 4);
  // the app's 1 MiB at VA 0xff80_0000_0000 lies in its own memory: the write is allowed at EL0, never executable at EL1
  assert.match(r.out, /^result: PA 0x0000408\w+, Normal/m);
  assert.match(r.out, /^permissions: EL1 rw-, EL0 rwx$/m);
});

test('scenario walk: a VM at its last entry — its own stage 1 (turned on by its kernel) nested in stage 2 with its VMID', () => {
  const r = walkIn({ context: 'vm1', va: '0x0', entry: 'last' });
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /VMID 1: stage 1 on .*; stage 2 on \(VTCR_EL2/);
  assert.match(r.out, /^ {4}stage 2 level \d: /m, 'each stage-1 descriptor read is walked through stage 2');
});

test('scenario walk: seed-literal enters the app with HCR_EL2 = 0 (RW reads 1: EL1 is AArch64-only) — no stage 1, no stage 2, so its 48-bit VA faults', () => {
  const r = walkIn({ context: 'app', va: '0xff8000008000', hosting: 'seed-literal' });
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /entry 1: PC 0x0000000040800000, EL0\n/); // entered at its PA (VA == PA)
  assert.match(r.out, /regime EL1&0, HCR_EL2 -, VMID 0: stage 1 off; stage 2 off\n/);
  assert.match(r.out, /fault: stage-1 Address size fault, level 0\n/);
});

test('scenario walk: bad requests get one line and exit 2; an entry that never happens exits 1', () => {
  const unknown = walkIn({ context: 'nope', va: '0' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.err, /no context 'nope' in scenarios\/seed.yaml \(it has vm1, vm2, app\)/);
  assert.equal(walkIn({ context: 'app', va: '0', entry: '0' }).status, 2);
  assert.equal(walkIn({ context: 'app', va: '0', hosting: 'vhe' }).status, 2);
  assert.equal(walkIn({ context: 'app', va: '0' }, 'examples/hello.elf').status, 2, 'FILE and --scenario together');
  assert.equal(walkCommand(undefined, { scenario: SEED, va: '0' }, () => {}, () => {}), 2, '--scenario without --context');
  const never = walkIn({ context: 'vm2', va: '0', entry: '100000' });
  assert.equal(never.status, 1);
  assert.match(never.err, /entered vm2 \d+ time\(s\) under el1-shim; no entry 100000/);
});

test('--tlb lists the valid TLB entries at the stop, tagged: each VM under its own VMID', () => {
  const r = walkIn({ context: 'vm2', va: '0x40000000', entry: '3', tlb: true });
  assert.equal(r.status, 0, r.err);
  const lines = r.out.split('\n');
  const head = lines.findIndex((l) => /^TLB: \d+ valid entr(y|ies) of \d+$/.test(l));
  assert.ok(head > 0, r.out);
  const entries = lines.slice(head + 1).filter((l) => l !== '');
  assert.equal(entries.length, Number(/^TLB: (\d+)/.exec(lines[head]!)![1]));
  assert.ok(entries.some((l) => /^ {2}EL1&0 VMID 2 .* -> PA 0x0000406/.test(l)), 'vm2 runs at PA 0x4060_0000: its stage 2 is cached under VMID 2');
  assert.ok(entries.every((l) => !/VMID 2 .* -> PA 0x0000404/.test(l)), "no VMID-2 entry points into vm1's memory");
});

test('--format json: the same walk as data — levels with their stage-2 sub-walks, result, permissions, the stop, the TLB', () => {
  const text = walkIn({ context: 'vm1', va: '0x10000', entry: 'last', tlb: true });
  const json = walkIn({ context: 'vm1', va: '0x10000', entry: 'last', tlb: true, format: 'json' });
  assert.equal(json.status, 0, json.err);
  const j = JSON.parse(json.out) as {
    stop: string;
    walk: { levels: { read: { stage: number; level: number; decoded: string }; stage2: { stage: number }[] }[]; result?: { pa: string }; fault?: string[]; permissions: string };
    tlb: string[];
  };
  assert.equal(j.stop, text.out.split('\n')[0]);
  assert.ok(j.walk.levels.length > 0);
  for (const l of j.walk.levels) {
    assert.equal(l.read.stage, 1);
    assert.ok(l.stage2.length > 0 && l.stage2.every((r) => r.stage === 2), 'each stage-1 descriptor IPA walked through stage 2');
    assert.ok(text.out.includes(l.read.decoded), 'the text shows the same decoded descriptor');
  }
  assert.ok(text.out.includes(j.walk.permissions));
  if (j.walk.result !== undefined) assert.ok(text.out.includes(`result: PA ${j.walk.result.pa}`));
  else assert.ok(j.walk.fault!.every((l) => text.out.includes(l)));
  assert.equal(j.tlb.length, Number(/TLB: (\d+) valid/.exec(text.out)![1]));
  assert.equal(walkIn({ context: 'vm1', va: '0', format: 'yaml' }).status, 2);
});
