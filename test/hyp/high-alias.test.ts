// Issue 11 through the hypervisor (scenarios/high-alias.yaml): 8 GiB of RAM and a VM whose memory lies 4 GiB above
// the hypervisor and its page tables reads where their bytes would be and writes an EL2 payload over the hypervisor's
// vectors' alias. It must find only its own memory, every verdict and the audit must say so (QEMU -m 8G prints the
// same bytes: test/qemu/hyp-image.test.ts) — and on a machine with issue 11's 32-bit RAM index put back, `run`'s
// isolation verdict and `audit` must both fail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { audit } from '../../src/check/audit.ts';
import { formatAudit } from '../../src/check/audit-report.ts';
import { buildImage, machineFor } from '../../src/hyp/image.ts';
import { observe } from '../../src/hyp/observe.ts';
import { BackedSet, sharedBacking } from '../../src/hyp/reach.ts';
import { gicView, runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { RAM_BASE } from '../../src/machine/virt.ts';
import { Aliased32Memory, GIB4 } from '../helpers/high-pa.ts';

const FILE = 'scenarios/high-alias.yaml';
const img = buildImage(parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE);
const high = img.contexts.find((c) => c.name === 'high')!;
const RAM = 8 * 2 ** 30;

test('the layout puts high at PA 0x1_4000_0000, 4 GiB above the hypervisor and its page tables', () => {
  const own = high.regions[0]!;
  assert.equal(own.pa, RAM_BASE + GIB4);
  const l = img.layout;
  assert.ok(own.pa <= l.hypBase + GIB4 && l.poolBase + l.poolSize + GIB4 <= own.pa + own.size, 'hypervisor and tables + 4 GiB lie in high');
});

test('run: high finds zeros where the hypervisor and its tables would alias, stays at EL1, its writes stay in its memory', () => {
  const r = runImage(img);
  assert.equal(r.exitCode, 0);
  const lines = r.uart.split('\n').filter((l) => l.startsWith('[high]'));
  assert.deepEqual(lines, [
    '[high] log 0x0000000000000000', // the word at IPA 0x4008_0000 (PA 0x1_4008_0000): not the hypervisor's first instruction
    '[high] log 0x0000000000000000', // the word at IPA 0x4020_0000: not a stage-2 descriptor
    '[high] log 0x0000000000000004', // CurrentEL after the HVC that would have run the payload: EL1
    '[high] log 0x000000000000600d',
    '[high] exit 0x0000000000000000',
  ]);
  assert.doesNotMatch(r.uart, /EL2 taken/);
  assert.deepEqual(r.verdicts.map((v) => v.status), ['n/a', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  assert.equal(r.deniedTotal, 0);
});

test('after the run the hypervisor\'s vectors are the image\'s bytes, and the sled is in high\'s own memory', () => {
  const m = machineFor(img);
  assert.equal(m.load(img.image), undefined);
  const vectors = Number(img.symbols.get('el2_vectors')!);
  const before = m.mem.readBytes(vectors, 0x800);
  assert.equal(m.run(20_000_000).exitCode, 0);
  assert.deepEqual(m.mem.readBytes(vectors, 0x800), before);
  assert.equal(m.mem.readU32(vectors + GIB4 + 0x400), 0xd503201f); // NOP, at PA 0x1_4008_0000 + … (high's IPA alias)
  assert.notEqual(m.mem.readU32(vectors + 0x400), 0xd503201f);
});

test('audit: high reaches only its own memory on the machine; on one with the 32-bit RAM index it is flagged', () => {
  const good = audit(img);
  assert.deepEqual(good.violations, []);
  assert.deepEqual(good.aliases, []);
  const bad = audit(img, new Aliased32Memory(RAM_BASE, RAM));
  assert.deepEqual(bad.violations.map((v) => `${v.context}:${v.region}`).sort(), ['high:EL1 shim', 'high:hypervisor', 'high:page tables']);
  const v = bad.violations.find((x) => x.region === 'hypervisor')!;
  assert.equal(v.pa, img.layout.hypBase + GIB4); // the concrete chain names high's own PA, whose bytes are the hypervisor's
  assert.ok(bad.aliases.some((x) => x.pa === RAM_BASE && x.otherPa === RAM_BASE + GIB4), JSON.stringify(bad.aliases));
  assert.match(formatAudit(bad), /MACHINE ALIAS: PA 0x40000000 and PA 0x140000000 \(\+0x100000000\) are the same bytes \(RAM store offset 0x0\)/);
});

test('run\'s isolation check compares backing: on the 32-bit RAM index, high\'s memory is the hypervisor\'s and the tables\'', () => {
  const aliased = new Aliased32Memory(RAM_BASE, RAM);
  const own = high.regions[0]!;
  assert.equal(sharedBacking(aliased, own.pa, own.size, img.layout.hypBase, img.layout.hypLimit - img.layout.hypBase), img.layout.hypBase + GIB4);
  assert.equal(sharedBacking(machineFor(img).mem, own.pa, own.size, img.layout.hypBase, img.layout.hypLimit - img.layout.hypBase), undefined);
  // a leaf of the hypervisor's PA is inside high's allowed ranges by backing on the aliasing memory, and not on the real one
  assert.equal(new BackedSet(aliased, high.allowed).covers(img.layout.hypBase, 0x1000), true);
  assert.equal(new BackedSet(machineFor(img).mem, high.allowed).covers(img.layout.hypBase, 0x1000), false);
  const m = machineFor(img);
  const obs = observe(m.cpu, img, aliased, gicView(m));
  assert.deepEqual(obs.isolation.map((f) => f.message), [
    `high: its memory at PA 0x${(img.layout.hypBase + GIB4).toString(16)} is, on this machine, the same RAM as the hypervisor`,
    `high: its memory at PA 0x${(img.layout.poolBase + GIB4).toString(16)} is, on this machine, the same RAM as the page tables`,
  ]);
  assert.deepEqual(observe(m.cpu, img, m.mem, gicView(m)).isolation, []);
});
