// The GICv2 running priority follows the active priorities (GICC_APRn), not the active state (GICv2 §3.3,
// §4.4.6 GICC_RPR, §4.4.12 GICC_APRn; QEMU 7.2 arm_gic.c gic_activate_irq, gic_drop_prio,
// gic_get_prio_from_apr_bits, gic_complete_irq, gic_update_internal): GICD_ISACTIVER raises nothing, GICC_IAR sets the
// APR bit of the group priority (bit = group priority >> 1), GICC_EOIR drops the lowest set bit whatever ID it names
// and is ignored with no active priority, GICC_APRn/NSAPRn writes move the running priority, preemption compares the
// full priority. The same sequences run on QEMU as test/qemu/progs/gic-rpr.S. Each check runs again against source
// mutants of src/devices/gic.ts (the old running priority from the active state among them): every mutant must fail
// one. Offsets: GICD ISPENDR0 0x200, ISACTIVER0 0x300, ICACTIVER0 0x380; GICC BPR 0x08, IAR 0x0c, EOIR 0x10,
// RPR 0x14, HPPIR 0x18, APR0 0xd0, NSAPR0 0xe0.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GicV2 } from '../../src/devices/gic.ts';
import { type Check, failingChecks } from '../helpers/mutants.ts';

type Ctor = typeof GicV2;
let Impl: Ctor = GicV2;

interface T { g: GicV2; d: (o: number, v?: number) => number; c: (o: number, v?: number) => number }

/** Distributor and CPU interface on, PMR 0xff, each [INTID, priority] enabled (PPIs with no input line). */
function gic(ids: [number, number][]): T {
  const g = new Impl();
  const d = (o: number, v?: number): number => (v === undefined ? g.distributor.read(o, 4) : (g.distributor.write(o, 4, v), 0));
  const c = (o: number, v?: number): number => (v === undefined ? g.cpuInterface.read(o, 4) : (g.cpuInterface.write(o, 4, v), 0));
  d(0x000, 1);
  c(0x00, 1);
  c(0x04, 0xff);
  for (const [id, prio] of ids) {
    g.distributor.write(0x400 + id, 1, prio);
    d(0x100, 1 << id);
  }
  return { g, d, c };
}

/** GICC_RPR, GICC_APR0, GICD_ISACTIVER0 */
const state = ({ c, d }: T): string => [c(0x14), c(0xd0), d(0x300)].map((v) => `0x${v.toString(16)}`).join(' ');

const CHECKS: Check[] = [];
function check(name: string, run: () => void): void {
  CHECKS.push({ name, run });
  test(name, () => {
    Impl = GicV2;
    run();
  });
}

check('GICD_ISACTIVER raises neither GICC_RPR nor an APR bit: the same priority is still signalled and acknowledged', () => {
  const t = gic([[28, 0x30], [31, 0x30]]);
  t.d(0x300, 1 << 28);
  assert.equal(state(t), '0xff 0x0 0x10000000');
  t.d(0x200, 1 << 31);
  assert.equal([t.g.output, t.c(0x18)].join(), [true, 31].join(), 'signalled, HPPIR 31');
  assert.equal(t.c(0x0c), 31);
  assert.equal(state(t), '0x30 0x1000000 0x90000000', 'APR0 bit 0x30 >> 1 = 24');
});

check('nested acknowledges and EOIs in order; an EOIR with no active priority deactivates nothing', () => {
  const t = gic([[24, 0x10], [28, 0x30], [31, 0x30]]);
  t.d(0x300, 1 << 28);
  t.d(0x200, 1 << 31);
  assert.equal(t.c(0x0c), 31);
  t.d(0x200, 1 << 24);
  assert.equal(t.g.output, true, '0x10 preempts the running 0x30');
  assert.equal(t.c(0x0c), 24);
  assert.equal(state(t), '0x10 0x1000100 0x91000000');
  t.c(0x10, 24);
  assert.equal(state(t), '0x30 0x1000000 0x90000000');
  t.c(0x10, 31);
  assert.equal(state(t), '0xff 0x0 0x10000000');
  t.c(0x10, 28);
  assert.equal(state(t), '0xff 0x0 0x10000000', 'QEMU gic_complete_irq: no active priority, the EOIR is ignored');
  t.d(0x380, 1 << 28);
  assert.equal(t.d(0x300), 0);
});

check('EOIs out of order: an EOIR drops the highest active priority, then deactivates the ID written', () => {
  const t = gic([[20, 0x20], [24, 0x10], [28, 0x30], [31, 0x30]]);
  t.d(0x200, 1 << 31);
  assert.equal(t.c(0x0c), 31);
  t.d(0x200, 1 << 24);
  assert.equal(t.c(0x0c), 24);
  t.c(0x10, 31); // out of order: 24's priority drops, 31 is deactivated
  assert.equal(state(t), '0x30 0x1000000 0x1000000');
  t.d(0x200, 1 << 20);
  assert.equal([t.g.output, t.c(0x0c)].join(), [true, 20].join(), '0x20 preempts the running 0x30 while 24 is active');
  assert.equal(state(t), '0x20 0x1010000 0x1100000');
  t.c(0x10, 24);
  assert.equal(state(t), '0x30 0x1000000 0x100000');
  t.c(0x10, 20);
  assert.equal(state(t), '0xff 0x0 0x0');
  // the EOIR of a distributor-activated interrupt while 31 holds the priority: 31's bit drops, 28 is deactivated
  t.d(0x300, 1 << 28);
  t.d(0x200, 1 << 31);
  assert.equal(t.c(0x0c), 31);
  t.c(0x10, 28);
  assert.equal(state(t), '0xff 0x0 0x80000000');
  // GICD_ICACTIVER deactivates without a priority drop
  t.d(0x380, 1 << 31);
  t.d(0x200, 1 << 24);
  assert.equal(t.c(0x0c), 24);
  t.d(0x380, 1 << 24);
  assert.equal(state(t), '0x10 0x100 0x0');
  t.c(0x10, 24);
  assert.equal(state(t), '0xff 0x0 0x0');
});

check('GICC_APRn and NSAPRn are read/write and set the running priority; an EOIR drops only a Group 0 bit', () => {
  const t = gic([[21, 0x28], [24, 0x10]]);
  assert.equal([0xd0, 0xd4, 0xd8, 0xdc, 0xe0, 0xe4, 0xe8, 0xec].map((o) => t.c(o)).join(), '0,0,0,0,0,0,0,0', 'reset');
  t.c(0xd0, 1 << 16);
  assert.equal(state(t), '0x20 0x10000 0x0');
  t.d(0x200, (1 << 21) | (1 << 24));
  assert.equal(t.c(0x0c), 24, '0x10 preempts 0x20');
  t.c(0x10, 24);
  assert.equal([t.c(0x0c), t.c(0x14)].join(), [1023, 0x20].join(), '0x28 does not');
  t.c(0xd0, 0);
  t.c(0xe0, 1 << 4);
  assert.equal([t.c(0xe0), t.c(0x14)].join(), [0x10, 0x08].join());
  t.c(0x10, 21);
  assert.equal([t.c(0xe0), t.c(0x14)].join(), [0x10, 0x08].join(), 'gic_drop_prio(group 0) leaves NSAPR0');
  t.c(0xe0, 0);
  t.c(0xdc, 1 << 31); // APR3 bit 31: preemption level 127, priority 0xfe
  assert.equal([t.c(0xdc), t.c(0x14)].join(), [0x8000_0000, 0xfe].join());
});

check('the APR bit is the group priority under GICC_BPR; preemption compares the full priority after a BPR change', () => {
  const t = gic([[20, 0x20], [21, 0x28], [31, 0x30]]);
  t.c(0x08, 3);
  t.d(0x200, 1 << 21);
  assert.equal(t.c(0x0c), 21);
  assert.equal(state(t), '0x20 0x10000 0x200000', '0x28 with bits [7:4]: 0x20');
  t.c(0x10, 21);
  t.c(0x08, 0);
  t.d(0x200, 1 << 21);
  assert.equal(t.c(0x0c), 21);
  t.c(0x08, 7); // every group priority is 0 now
  t.d(0x200, 1 << 31);
  assert.equal([t.c(0x18), t.g.output, t.c(0x0c)].join(), [31, false, 1023].join(), '0x30 is not higher than the running 0x28');
  t.d(0x200, 1 << 20);
  assert.equal(t.c(0x0c), 20);
  assert.equal(state(t), '0x0 0x100001 0x300000', 'group priority 0: APR0 bit 0');
  t.c(0x10, 20);
  assert.equal(state(t), '0x28 0x100000 0x200000');
});

/** Source mutants of src/devices/gic.ts (it imports only a type): each must fail a check above. */
const MUTANTS: readonly { name: string; from: string; to: string }[] = [
  {
    name: 'the running priority from the active state (the old running())',
    from: '  private running(): number {\n',
    to: '  private running(): number {\n    { let r = IDLE; for (let id = 0; id < GIC_IRQS; id++) if (this.active[id] === 1) r = Math.min(r, this.group(this.priority[id]!)); if (r !== -1) return r; }\n',
  },
  { name: 'an EOIR with no active priority still deactivates', from: 'if (id >= GIC_IRQS || this.running() === IDLE) return;', to: 'if (id >= GIC_IRQS) return;' },
  { name: 'preemption compares group priorities', from: 'this.priority[id]! < this.running();', to: 'this.group(this.priority[id]!) < this.running();' },
  { name: 'the APR bit of the full priority', from: 'const level = this.group(this.priority[id]!) >>> 1;', to: 'const level = this.priority[id]! >>> 1;' },
  { name: 'GICC_APRn read as zero', from: 'return this.apr[(off - 0xd0) >>> 2]!;', to: 'return 0;' },
  { name: 'the EOIR drops nothing', from: 'if (i >= 0) this.apr[i] =', to: 'if (i < 0) this.apr[i] =' },
];

test('every GIC running-priority mutant fails a check', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-gic-mutants-'));
  const source = readFileSync(fileURLToPath(new URL('../../src/devices/gic.ts', import.meta.url)), 'utf8');
  try {
    for (const [k, m] of MUTANTS.entries()) {
      assert.equal(source.split(m.from).length, 2, `mutant: '${m.from}' must occur exactly once in src/devices/gic.ts`);
      const root = join(dir, String(k));
      mkdirSync(join(root, 'devices'), { recursive: true });
      mkdirSync(join(root, 'memory'), { recursive: true });
      copyFileSync(fileURLToPath(new URL('../../src/memory/phys.ts', import.meta.url)), join(root, 'memory', 'phys.ts'));
      writeFileSync(join(root, 'devices', 'gic.ts'), source.replace(m.from, m.to));
      Impl = ((await import(pathToFileURL(join(root, 'devices', 'gic.ts')).href)) as { GicV2: Ctor }).GicV2;
      const failed = failingChecks(CHECKS);
      assert.ok(failed.length > 0, `mutant survives: ${m.name}`);
    }
  } finally {
    Impl = GicV2;
    rmSync(dir, { recursive: true, force: true });
  }
});
