import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, BuildError } from '../../src/hyp/image.ts';
import { runImage, type RunReport } from '../../src/hyp/run.ts';
import { parseScenario, type HostingMode } from '../../src/hyp/scenario.ts';
import { VmidAllocator } from '../../src/hyp/vmid.ts';
import { runHypOnQemu } from '../qemu/hyp-image.ts';

const SEED = 'scenarios/seed.yaml';
const ADV = 'scenarios/adversarial.yaml';
const load = (file: string, text = readFileSync(file, 'utf8')) => parseScenario(text, file);
const cache = new Map<string, RunReport>();
function run(file: string, hosting?: HostingMode, text?: string): RunReport {
  const key = `${file}:${hosting}:${text ?? ''}`;
  if (!cache.has(key)) cache.set(key, runImage(buildImage(load(file, text), file, hosting)));
  return cache.get(key)!;
}
const status = (r: RunReport) => r.verdicts.map((v) => v.status);
const vmApp = (r: RunReport) => r.costs.filter((c) => c.kind === 'vm→app' || c.kind === 'app→vm');

test('el1-shim: the seed scenario passes every requirement; VM↔app switches write fewer sysregs than KVM nVHE and issue no TLBI', () => {
  const r = run(SEED);
  assert.equal(r.exitCode, 0);
  assert.deepEqual(status(r), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  assert.match(r.uart, /\[app\] log 0x0000ff8000000000\n/); // the app's code runs at its 48-bit VA
  assert.match(r.uart, /\[vm2\] EL0 task \(guest stage 1\): tick 2\n/);
  assert.equal(r.deniedTotal, 0);
  const sw = vmApp(r);
  assert.equal(sw.length, 2);
  for (const c of sw) {
    assert.ok(c.writes < 33, `${c.kind}: ${c.writes} writes`); // KVM nVHE: ≈37 on entry, ≈33 on exit
    assert.equal(c.tlbis, 0);
  }
  // every context ran with its own VMID, 1..3 (0 is the hypervisor's)
  const vmids = r.observation.perContext.map((p) => [...p.vmids]);
  assert.deepEqual(vmids, [[1], [2], [3]]);
  // each switch into a VM sets HCR_EL2.VM and RW; into the app VM is clear and TGE stays clear
  const intoApp = r.episodes.find((e) => e.from === 1 && e.to === 2)!;
  const hcr = intoApp.writes.find((w) => w.reg === 'HCR_EL2')!.value;
  assert.equal(hcr & ((1n << 27n) | 1n), 0n);
  assert.equal((hcr >> 31n) & 1n, 1n);
  assert.ok(intoApp.barriers.includes('isb')); // ISB before the ERET that depends on the new HCR_EL2
});

test('el1-shim-s2: the app also gets a stage 2 over its own memory; all requirements pass', () => {
  const r = run(SEED, 'el1-shim-s2');
  assert.deepEqual(status(r), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  assert.ok(r.observation.perContext[2]!.stage2);
});

test('tlb: flush issues TLBI VMALLS12E1 for the incoming VMID on every switch', () => {
  const text = readFileSync(SEED, 'utf8').replace('tlb: by-vmid', 'tlb: flush');
  const r = run(SEED, undefined, text);
  assert.deepEqual(status(r), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  for (const e of r.episodes.filter((x) => x.from >= 0 && x.to >= 0 && x.from !== x.to)) {
    assert.deepEqual(e.tlbis, [`VMALLS12E1 (VMID ${e.vmid})`]);
  }
});

test('s2-only: with stage 1 off the app VA is the IPA, so its entry above 2^44 faults (address size, level 0)', () => {
  const r = run(SEED, 's2-only');
  assert.equal(r.verdicts[0]!.status, 'fail');
  const d = r.denied.find((x) => x.context === 'app')!;
  assert.equal(d.far, 0xff80_0000_0000n);
  assert.equal(d.esr >>> 26, 0x20); // instruction abort from a lower EL
  assert.equal(d.esr & 0x3f, 0x00); // address size fault, level 0
});

test('seed-tge: the app runs with VA == PA and can reach every PA, VM memory included', () => {
  const r = run(SEED, 'seed-tge');
  assert.equal(r.verdicts[0]!.status, 'fail');
  assert.equal(r.verdicts[2]!.status, 'fail');
  assert.match(r.verdicts[2]!.evidence, /VA == PA; it can reach every PA, including vm1 memory/);
  const logged = r.observation.perContext[2]!.logs[0]!;
  assert.ok(logged < 1n << 44n && logged >= 0x4000_0000n); // it ran at a physical address
  // the adversarial app's probes of the hypervisor, the page tables and VM memory succeed there: none is denied
  const fars = run(ADV, 'seed-tge').denied.filter((d) => d.context === 'evil-app').map((d) => d.far);
  for (const pa of [0x4008_0000n, 0x4020_0000n, 0x4000_0000n]) assert.ok(!fars.includes(pa), `0x${pa.toString(16)} was denied`);
});

test('seed-literal: the note as written puts the VMID into BADDR, so the VMs fault on their stage-2 walks; the app, entered VA == PA with IMO = 0, keeps the PE', () => {
  // it never ends: the app's EL1 vector (VBAR_EL1 = 0, the empty flash) faults on its own fetch, an exception loop that
  // runImage ends (watchExceptionLoops) long before the default budget
  const r = runImage(buildImage(load(SEED), SEED, 'seed-literal'));
  const vttbr = r.episodes.flatMap((e) => e.writes).filter((w) => w.reg === 'VTTBR_EL2' && w.value !== 0n);
  assert.ok(vttbr.length > 0);
  for (const w of vttbr) assert.equal(w.value >> 48n, 0n); // VMID field empty: MOV #(VMID << 16) lands in BADDR
  assert.ok(vttbr.some((w) => w.value === 1n << 16n));
  // HCR_EL2 = VM alone reads back with RW = 1 (RAO/WI on the AArch64-only EL1): the ERETs are legal, and each VM's
  // first fetch walks stage 2 from BADDR = VMID << 16, inside the empty flash bank at PA 0, which reads as zero (a walk
  // reads tables from devices too, as QEMU): an invalid descriptor, a stage-2 Translation fault at level 0
  assert.deepEqual(r.denied.map((d) => [d.context, d.esr >>> 26, d.esr & 0x3f]), [['vm1', 0x20, 0x04], ['vm2', 0x20, 0x04]]);
  assert.ok(r.episodes.every((e) => !e.illegal));
  // HCR_EL2 = 0 for the app clears IMO: the slice timer's IRQ goes to the app's EL1, where it stays masked
  assert.ok(r.observation.perContext[2]!.entries === 1 && r.episodes.at(-1)!.to === 2);
  assert.equal(r.exitCode, null);
  assert.deepEqual(status(r), ['fail', 'fail', 'fail', 'fail', 'fail', 'pass', 'pass']); // the log is true: two denials, both kept; no register leaked
  assert.equal(r.stop.kind, 'loop');
  assert.ok(r.instructions < 10_000, `${r.instructions} instructions`);
  assert.match(r.verdicts[4]!.evidence, /^an exception loop at EL1 in app: EL1 takes the same exception at its own vector entry 0x0000000000000200, again and again \(EC 0x21, ESR 0x0000000086000010, .*VBAR_EL1 = 0x0000000000000000\), every interrupt that could break the loop masked; only the instruction budget would have ended the run; never finished: app$/);
});

test('adversarial programs: every attempt is denied by stage 2 (VM) or the hypervisor-owned stage 1 (app), and logged', () => {
  const r = run(ADV);
  const vm = r.denied.filter((d) => d.context === 'evil-vm');
  const app = r.denied.filter((d) => d.context === 'evil-app');
  assert.deepEqual(vm.map((d) => d.far), [0x4008_0000n, 0x4020_0000n, 0x4000_0000n, 0x0901_0000n, 0xfff_ffff_f000n, 0x8040_0000n]);
  for (const d of vm) assert.equal(d.esr >>> 26, 0x24); // data abort taken to EL2
  assert.equal(vm[5]!.esr & 0x3c, 0x0c); // the write to its read-only region: permission fault
  assert.deepEqual(app.map((d) => d.far), [0x4008_0000n, 0x4020_0000n, 0x4000_0000n, 0xffff_ffff_f000n, 0xfff_ffff_f000n, 0xff80_0001_0000n]);
  assert.equal(r.verdicts[2]!.status, 'pass');
  assert.equal(r.verdicts[3]!.status, 'pass');
  assert.match(r.uart, /\[evil-vm\] denied: translation fault level 1, read FAR 0x0000000040080000/);
});

test('VMID allocator: 0 is reserved, 255 per generation, then a rollover', () => {
  const a = new VmidAllocator(8);
  const ids = Array.from({ length: 300 }, (_, i) => a.enter(i));
  assert.equal(ids[0]!.vmid, 1);
  assert.equal(ids[254]!.vmid, 255);
  assert.deepEqual([ids[255]!.vmid, ids[255]!.generation, ids[255]!.rollover], [1, 2, true]);
  assert.equal(a.enter(0).vmid, 46); // context 0 re-enters in generation 2
});

test('300 contexts: VMIDs are recycled by generation with TLBI ALLE1, and no stale translation is usable', () => {
  const ctx = Array.from({ length: 300 }, (_, i) =>
    `  - { name: c${i}, kind: vm, ipa_bits: 40, memory: [ { at: 0x1000_0000, size: 64K } ], image: { source: ../src/hyp/guests/yielder.S, entry: 0x1000_0000 } }`,
  ).join('\n');
  const text = `ram: { size: 256M }\ncontexts:\n${ctx}\n`;
  const r = run(SEED, undefined, text);
  assert.equal(r.exitCode, 0);
  // the hypervisor's VMIDs follow the allocator model entry by entry; 3 rounds of 300 entries roll over at
  // entries 256 (c255), 511 (c210 of round 2) and 766 (c165 of round 3), each with a TLBI ALLE1
  const model = new VmidAllocator(8);
  const entries = r.episodes.filter((e) => e.to >= 0 && (e.from !== e.to || e.from < 0));
  const rolled: number[] = [];
  entries.forEach((e, i) => {
    const m = model.enter(e.to);
    assert.equal(e.vmid, m.vmid, `entry ${i} into c${e.to}`);
    if (m.rollover) rolled.push(e.to);
    assert.equal(e.tlbis.includes('ALLE1'), m.rollover);
  });
  assert.deepEqual(rolled, [255, 210, 165]);
  assert.deepEqual(r.observation.vmidProblems, []);
  assert.deepEqual(r.observation.stale, []);
  assert.deepEqual(status(r), ['n/a', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
});

test('invalid scenarios are refused with the file, line and reason', () => {
  const bad = (text: string, re: RegExp) => assert.throws(() => load('bad.yaml', text), re);
  bad('ram: { size: 256M }\ncontexts:\n  - { name: a, kind: vm, ipa_bits: 44, memory: [ { at: 0x0, size: 64K }, { at: 0x8000, size: 64K } ], image: { source: x.S, entry: 0 } }\n', /overlaps memory\[1\]/);
  bad('ram: { size: 256M }\ncontexts:\n  - { name: a, kind: native, va_bits: 44, memory: [ { at: 0xff80_0000_0000, size: 64K } ], image: { source: x.S, entry: 0xff80_0000_0000 } }\n', /beyond the 44-bit VA space/);
  bad('ram: { size: 256M }\ncontexts:\n  - { name: a, kind: vm, ipa_bits: 40, memory: [ { at: 0x100_0000_0000, size: 64K } ], image: { source: x.S, entry: 0x100_0000_0000 } }\n', /beyond the 40-bit IPA space/);
  bad('ram: { size: 256M }\nflavour: x\ncontexts: []\n', /bad\.yaml:2: .*flavour/);
  bad('ram: { size: 1M }\ncontexts:\n  - { name: a, kind: vm, ipa_bits: 40, memory: [ { at: 0x0, size: 64K } ], image: { source: x.S, entry: 0 } }\n', /RAM is only/);
  // the builder's exact check: 64 MiB of contexts do not fit in 64 MiB of RAM next to the hypervisor and tables
  const s = load('tight.yaml', 'ram: { size: 66M }\ncontexts:\n  - { name: a, kind: vm, ipa_bits: 40, memory: [ { at: 0x0, size: 64M } ], image: { source: x.S, entry: 0 } }\n');
  assert.throws(() => buildImage(s, 'tight.yaml'), (e: unknown) => e instanceof BuildError && /too little RAM/.test(e.message));
});

test('the el1-shim image boots on QEMU with the same UART output', async (t) => {
  if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no QEMU');
  const img = buildImage(load(SEED), SEED);
  const elf = join(mkdtempSync(join(tmpdir(), 'twostage-hyp-')), 'seed.elf');
  writeFileSync(elf, img.elf);
  const q = await runHypOnQemu(elf, img); // -icount shift=4: one timer tick per instruction, as twostage
  assert.equal(q.status, 0);
  assert.equal(q.output.toString('latin1'), run(SEED).uart);
});
