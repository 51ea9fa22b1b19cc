// The GICv3 model (IHI 0069: interrupt lifecycle, prioritization and preemption, the register maps) against QEMU
// 7.2's hw/intc/arm_gicv3*.c. Expected values are QEMU's source and what qemu-system-aarch64 7.2.22 -M
// virt,virtualization=on,gic-version=3 -cpu cortex-a57 reads back: MMIO reset values with the monitor's `xp`;
// ICC_* reset values, PMR/BPR/CBPR writes, acknowledge/EOI, AP registers, HPPIR, SGIs and access sizes by a
// bare-metal probe at EL2. Covered: Group 0 as FIQ and Group 1 as IRQ, EOImode 1 with DIR, edge and level SPIs,
// GICR_WAKER, GICD_IROUTER routing. Offsets: GICD_CTLR 0x000, TYPER 0x004, IIDR 0x008, IGROUPR 0x080, ISENABLER
// 0x100, ICENABLER 0x180, ISPENDR 0x200, ICPENDR 0x280, ISACTIVER 0x300, ICACTIVER 0x380, IPRIORITYR 0x400, ICFGR
// 0xc00, IGRPMODR 0xd00, IROUTER 0x6000, PIDR2 0xffe8; GICR_CTLR 0x0, IIDR 0x4, TYPER 0x8, WAKER 0x14; SGI_base
// (+0x1_0000): the same offsets for word 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GicV3, ICC_SRE_EL1, SGI_REGISTER_GROUP } from '../../src/devices/gicv3.ts';
import { PhysMemory } from '../../src/memory/phys.ts';

const SGI = 0x1_0000;

function gic() {
  const irqs: boolean[] = [];
  const fiqs: boolean[] = [];
  const g = new GicV3((l) => irqs.push(l), (l) => fiqs.push(l), { virq: () => {}, vfiq: () => {} }, new PhysMemory(0x4000_0000, 0x1_0000));
  const d = (o: number, v?: number): number => (v === undefined ? g.distributor.read(o, 4) : (g.distributor.write(o, 4, v), 0));
  const r = (o: number, v?: number): number => (v === undefined ? g.redistributor.read(o, 4) : (g.redistributor.write(o, 4, v), 0));
  return { g, d, r, irqs, fiqs };
}

type Gic = ReturnType<typeof gic>;

/** Configure INTID `id`: priority, group (GICD_/GICR_IGROUPR), enabled (GICD_/GICR_ISENABLER). */
function configure(t: Gic, id: number, prio: number, group: 0 | 1): void {
  const [dev, base] = id < 32 ? [t.g.redistributor, SGI] : [t.g.distributor, 0];
  dev.write(base + 0x400 + id, 1, prio);
  const w = base + 4 * (id >> 5);
  const bit = 1 << (id & 31);
  dev.write(w + 0x080, 4, group === 1 ? dev.read(w + 0x080, 4) | bit : dev.read(w + 0x080, 4) & ~bit);
  dev.write(w + 0x100, 4, bit);
}

/** Both groups enabled in GICD_CTLR and ICC_IGRPEN<g>, PMR 0xf8 (all 5-bit priorities but the lowest pass). */
function ready(ints: [number, number, 0 | 1][]): Gic {
  const t = gic();
  t.d(0x000, 3);
  t.g.writeIgrpen(0, 1);
  t.g.writeIgrpen(1, 1);
  t.g.writePmr(0xf8);
  for (const [id, prio, group] of ints) configure(t, id, prio, group);
  return t;
}

test('reset values as QEMU 7.2 reads them (arm_gicv3_common_reset_hold, gicd_readl, gicr_readl, icc_reset)', () => {
  const { g, d, r } = gic();
  assert.equal(d(0x000), 0x50, 'GICD_CTLR: ARE (4) and DS (6) RAO, groups disabled');
  assert.equal(d(0x004), 0x037a_0007, 'GICD_TYPER: No1N, A3V, IDbits 15, LPIS, ITLinesNumber 7');
  assert.equal(d(0x008), 0x43b, 'GICD_IIDR');
  assert.equal(d(0x010), 0, 'GICD_STATUSR');
  const ids = [0x44, 0, 0, 0, 0x92, 0xb4, 0x3b, 0, 0x0d, 0xf0, 0x05, 0xb1];
  assert.deepEqual(ids.map((_, i) => d(0xffd0 + 4 * i)), ids, 'GICD PIDR4-7, PIDR0-3 (PIDR2.ArchRev = 3), CIDR0-3');
  assert.deepEqual(ids.map((_, i) => r(0xffd0 + 4 * i)), ids.map((v, i) => (i === 4 ? 0x93 : v)), 'GICR: PIDR0 0x93');
  assert.equal(r(SGI + 0xffe8), 0, 'no ID registers in the SGI_base frame');
  assert.equal(r(0x0000), 2, 'GICR_CTLR: CES (QEMU sets it with has-lpi), EnableLPIs 0');
  assert.equal(r(0x0004), 0x43b, 'GICR_IIDR');
  assert.deepEqual([r(0x0008), r(0x000c)], [0x0100_0011, 0], 'GICR_TYPER: CommonLPIAff 1, Last, PLPIS, affinity 0.0.0.0');
  assert.deepEqual([r(0x0070), r(0x0074), r(0x0078), r(0x007c)], [0, 0, 0, 0], 'GICR_PROPBASER, GICR_PENDBASER');
  assert.equal(r(0x0014), 0x6, 'GICR_WAKER: ProcessorSleep and ChildrenAsleep');
  assert.deepEqual([0x080, 0x100, 0x200, 0x300, 0xc04, 0xd00, 0xe00].map((o) => r(SGI + o)), [0, 0, 0, 0, 0, 0, 0], 'Group 0, disabled, level PPIs');
  assert.equal(r(SGI + 0xc00), 0xaaaa_aaaa, 'GICR_ICFGR0: SGIs edge-triggered');
  assert.equal(g.readCtlr(), 0x8c00, 'ICC_CTLR_EL1: A3V, IDbits 1 (24 bits), PRIbits 4 (5 bits)');
  assert.deepEqual([g.readPmr(), g.readBpr0(), g.readBpr1()], [0, 2, 3], 'PMR 0, BPRs at their minimum 7 - 5 and 8 - 5');
  assert.deepEqual([g.readIgrpen(0), g.readIgrpen(1), g.readApr(0), g.readApr(1)], [0, 0, 0, 0]);
  assert.deepEqual([g.rpr(), g.hppir(0), g.hppir(1), g.acknowledge(0), g.acknowledge(1)], [0xff, 1023, 1023, 1023, 1023]);
  assert.equal(ICC_SRE_EL1, 0x7);
  assert.deepEqual([g.irq, g.fiq], [false, false]);
});

test('an SPI: enabled, pending, acknowledged (IAR1), EOId (EOIR1) with PMR masking; Group 1 is the IRQ line', () => {
  const t = ready([[40, 0xa0, 1]]);
  const { g, d } = t;
  g.writePmr(0xa7);
  assert.equal(g.readPmr(), 0xa0, 'ICC_PMR_EL1 keeps 5 bits');
  g.setLevel(40, true);
  assert.equal(d(0x204), 1 << 8, 'GICD_ISPENDR1: the asserted level');
  assert.deepEqual([g.irq, g.hppir(1), g.acknowledge(1)], [false, 40, 1023], 'priority 0xa0 is not above PMR 0xa0; HPPIR ignores PMR');
  g.writePmr(0xa8);
  assert.deepEqual([g.irq, g.fiq], [true, false]);
  assert.equal(g.acknowledge(0), 1023, 'IAR0: the HPPI is Group 1');
  assert.equal(g.acknowledge(1), 40);
  assert.deepEqual([g.irq, g.rpr(), g.readApr(1), d(0x304), d(0x204)], [false, 0xa0, 1 << 20, 1 << 8, 1 << 8], 'active and still pending');
  assert.deepEqual([g.hppir(1), g.acknowledge(1)], [1023, 1023], 'an active interrupt is not pending-and-inactive');
  g.endOfInterrupt(1, 40);
  assert.deepEqual([g.rpr(), g.readApr(1), d(0x304), g.irq], [0xff, 0, 0, true], 'dropped, deactivated, pending again');
  g.setLevel(40, false);
  assert.deepEqual([d(0x204), g.irq], [0, false]);
  assert.deepEqual(t.irqs, [true, false, true, false]);
  assert.deepEqual(t.fiqs, []);
  configure(t, 41, 0xff, 1);
  d(0x204, 1 << 9);
  assert.deepEqual([g.hppir(1), g.acknowledge(1), g.irq], [1023, 1023, false], 'priority 0xff is never signalled');
  d(0x284, 1 << 9);
  d(0x184, 1 << 8); // ICENABLER1
  g.setLevel(40, true);
  assert.deepEqual([g.irq, g.hppir(1), d(0x104)], [false, 1023, 1 << 9], 'disabled (41 is still enabled)');
});

test('Group 0 is the FIQ line; group enables in GICD_CTLR and ICC_IGRPEN<g>; QEMU signals only the single HPPI', () => {
  const t = ready([[33, 0x80, 0], [34, 0x90, 1]]);
  const { g, d } = t;
  g.setLevel(33, true);
  assert.deepEqual([g.fiq, g.irq, g.hppir(0), g.hppir(1), g.acknowledge(1)], [true, false, 33, 1023, 1023]);
  d(0x000, 2); // GICD_CTLR.EnableGrp0 = 0
  assert.deepEqual([g.fiq, g.hppir(0)], [false, 1023]);
  d(0x000, 3);
  g.setLevel(34, true);
  g.writeIgrpen(0, 0);
  // HPPI 33 is Group 0, disabled at the CPU interface: nothing is signalled, not even Group 1's 34 (icc_no_enabled_hppi)
  assert.deepEqual([g.fiq, g.irq, g.acknowledge(1), g.hppir(0), g.hppir(1)], [false, false, 1023, 1023, 1023]);
  g.writeIgrpen(0, 1);
  assert.equal(g.acknowledge(0), 33);
  assert.deepEqual([g.fiq, g.irq, g.rpr()], [false, false, 0x80], '34 (0x90) cannot preempt 0x80');
  g.endOfInterrupt(1, 33);
  assert.equal(g.rpr(), 0x80, 'EOIR1 while the highest active priority is Group 0: ignored');
  g.endOfInterrupt(0, 33);
  assert.equal(g.rpr(), 0xff);
  g.setLevel(33, false);
  assert.deepEqual([g.fiq, g.irq, g.acknowledge(1)], [false, true, 34]);
  assert.deepEqual(t.fiqs, [true, false, true, false, true, false, true, false]);
});

test('SGIs through generateSgi: TargetList bit 0 at affinity 0.0.0.0 reaches this PE; IRM = 1 reaches nobody', () => {
  const t = ready([[3, 0x10, 1], [4, 0x20, 0]]);
  const { g, r } = t;
  const sgi = (intid: number, { list = 1n, irm = 0n, aff1 = 0n, aff2 = 0n, aff3 = 0n } = {}): bigint =>
    (aff3 << 48n) | (irm << 40n) | (aff2 << 32n) | (BigInt(intid) << 24n) | (aff1 << 16n) | list;
  g.generateSgi(sgi(3, { irm: 1n }), SGI_REGISTER_GROUP.SGI1R);
  g.generateSgi(sgi(3, { list: 2n }), SGI_REGISTER_GROUP.SGI1R);
  g.generateSgi(sgi(3, { aff1: 1n }), SGI_REGISTER_GROUP.SGI1R);
  g.generateSgi(sgi(3, { aff2: 1n }), SGI_REGISTER_GROUP.SGI1R);
  g.generateSgi(sgi(3, { aff3: 1n }), SGI_REGISTER_GROUP.SGI1R);
  g.generateSgi(sgi(3), SGI_REGISTER_GROUP.SGI0R);
  assert.deepEqual([r(SGI + 0x200), g.irq, g.fiq], [0, false, false], 'other PEs, or a group the SGI is not configured in');
  g.generateSgi(sgi(3, { list: 0xffffn }), SGI_REGISTER_GROUP.SGI1R);
  assert.deepEqual([r(SGI + 0x200), g.irq], [1 << 3, true], 'GICR_ISPENDR0');
  assert.equal(g.acknowledge(1), 3);
  g.endOfInterrupt(1, 3);
  assert.deepEqual([r(SGI + 0x200), g.irq], [0, false], 'edge-triggered: consumed by the acknowledge');
  g.generateSgi(sgi(4), SGI_REGISTER_GROUP.ASGI1R);
  assert.deepEqual([g.fiq, g.hppir(0)], [true, 4], 'ASGI1R from Non-secure with DS = 1: a Group 0 SGI');
  r(SGI + 0x280, 1 << 4); // GICR_ICPENDR0
  assert.equal(g.fiq, false);
  r(SGI + 0x200, 1 << 4); // GICR_ISPENDR0 sets an SGI pending too
  assert.equal(g.acknowledge(0), 4);
});

test('EOImode 1: EOIR drops the priority only, DIR deactivates; ICC_CTLR_EL1 keeps CBPR and EOImode only', () => {
  const t = ready([[27, 0x40, 1]]);
  const { g, r } = t;
  g.writeCtlr(0xffff_ffff);
  assert.equal(g.readCtlr(), 0x8c03);
  g.writeCtlr(2); // EOImode
  g.setLevel(27, true);
  assert.equal(g.acknowledge(1), 27);
  g.endOfInterrupt(1, 27);
  assert.deepEqual([g.rpr(), r(SGI + 0x300), g.irq], [0xff, 1 << 27, false], 'priority dropped, still active, not signalled');
  g.deactivate(27);
  assert.deepEqual([r(SGI + 0x300), g.irq], [0, true], 'DIR: inactive, and the asserted level is pending again');
  g.writeCtlr(0);
  assert.equal(g.acknowledge(1), 27);
  g.deactivate(27);
  assert.equal(r(SGI + 0x300), 1 << 27, 'DIR with EOImode 0 is ignored');
  g.endOfInterrupt(1, 1023);
  assert.equal(g.rpr(), 0x40, 'EOIR of a special INTID is ignored');
  g.endOfInterrupt(1, 27);
  assert.equal(r(SGI + 0x300), 0);
});

test('running priority from ICC_AP<g>R0: written directly, set by acknowledges, cleared lowest bit first', () => {
  const t = ready([[40, 0x48, 1], [41, 0x50, 1], [42, 0x30, 0]]);
  const { g } = t;
  g.writeApr(1, 1 << 10);
  assert.equal(g.rpr(), 0x50, 'AP1R0 bit 10: group priority 10 << 3');
  g.setLevel(41, true);
  assert.deepEqual([g.irq, g.acknowledge(1)], [false, 1023], '0x50 does not preempt a running 0x50');
  g.setLevel(40, true);
  assert.deepEqual([g.irq, g.hppir(1)], [true, 40]);
  assert.equal(g.acknowledge(1), 40);
  assert.deepEqual([g.readApr(1), g.rpr()], [(1 << 10) | (1 << 9), 0x48]);
  g.setLevel(42, true);
  assert.equal(g.acknowledge(0), 42, 'Group 0 at 0x30 preempts');
  assert.deepEqual([g.readApr(0), g.rpr()], [1 << 6, 0x30]);
  g.endOfInterrupt(0, 42);
  g.endOfInterrupt(1, 40);
  assert.deepEqual([g.readApr(0), g.readApr(1), g.rpr()], [0, 1 << 10, 0x50]);
  g.setLevel(42, false);
  g.setLevel(40, false);
  assert.equal(g.irq, false, '41 (0x50) still does not preempt the written 0x50');
  g.writeApr(1, 0);
  assert.deepEqual([g.rpr(), g.irq], [0xff, true], '41 can be signalled now');
  g.acknowledge(1);
  g.writeApr(0, 1 << 5);
  g.writeApr(1, 1 << 5);
  g.endOfInterrupt(1, 41);
  assert.deepEqual([g.readApr(0), g.readApr(1)], [1 << 5, 1 << 5], 'equal AP bits: the highest active group is Group 0');
  g.endOfInterrupt(0, 41);
  assert.deepEqual([g.readApr(0), g.readApr(1), t.d(0x304) & (1 << 9)], [0, 1 << 5, 0], 'EOIR0 dropped Group 0 and deactivated 41');
  g.writeApr(1, 0);
  t.d(0x304, 1 << 9); // GICD_ISACTIVER1: 41 active with no active priority
  g.endOfInterrupt(1, 41);
  g.endOfInterrupt(0, 41);
  assert.equal(t.d(0x304), 1 << 9, 'EOIR0/EOIR1 with no active priority are ignored');
});

test('ICC_BPR0/BPR1: minimums 2 and 3, the group priority that preempts, CBPR', () => {
  const t = ready([[40, 0xa0, 1], [41, 0x90, 1], [42, 0x70, 1]]);
  const { g } = t;
  g.writeBpr0(0);
  g.writeBpr1(1);
  assert.deepEqual([g.readBpr0(), g.readBpr1()], [2, 3], 'writes below the minimum set the minimum');
  g.writeBpr0(8);
  g.writeBpr1(9);
  assert.deepEqual([g.readBpr0(), g.readBpr1()], [0, 1], 'clamped, then bits [2:0] kept: 8 reads 0, 9 reads 1 (QEMU 7.2)');
  g.writeBpr0(2);
  g.writeBpr1(6); // Group 1 group priority: bits [7:6]
  g.setLevel(40, true);
  assert.equal(g.acknowledge(1), 40);
  assert.deepEqual([g.readApr(1), g.rpr()], [1 << 16, 0x80], 'active at group priority 0xa0 & 0xc0');
  g.setLevel(41, true);
  assert.deepEqual([g.irq, g.acknowledge(1)], [false, 1023], '0x90 is in the same group priority 0x80');
  g.setLevel(42, true);
  assert.deepEqual([g.irq, g.acknowledge(1)], [true, 42], '0x70 is group priority 0x40');
  g.endOfInterrupt(1, 42);
  g.setLevel(42, false);
  g.writeBpr1(3);
  assert.deepEqual([g.irq, g.acknowledge(1), g.rpr()], [false, 1023, 0x80], 'the running priority stays as AP1R0 has it; 0x90 is lower');
  g.endOfInterrupt(1, 40);
  assert.deepEqual([g.irq, g.acknowledge(1), g.readApr(1)], [true, 41, 1 << 18], '41 active at group priority 0x90 (bits [7:3])');
});

test('preemption compares group priorities: a higher priority in the same group priority does not preempt', () => {
  const t = ready([[40, 0x48, 1], [41, 0x40, 1]]);
  const { g } = t;
  g.setLevel(40, true);
  assert.equal(g.acknowledge(1), 40);
  g.writeBpr1(6); // group priority bits [7:6]: 0x40 and 0x48 are both 0x40
  g.setLevel(41, true);
  assert.deepEqual([g.rpr(), g.irq, g.acknowledge(1)], [0x48, false, 1023]);
  g.writeBpr1(3);
  assert.deepEqual([g.irq, g.acknowledge(1)], [true, 41]);
});

test('CBPR: BPR1 reads BPR0 + 1 and ignores writes; Group 1 preemption uses BPR0', () => {
  const t = ready([[40, 0xa0, 1], [41, 0x90, 1]]);
  const { g } = t;
  g.writeBpr0(7);
  g.writeCtlr(1); // CBPR
  assert.equal(g.readBpr1(), 7, 'BPR0 + 1 saturates at 7');
  g.writeBpr0(5);
  g.writeBpr1(3);
  assert.equal(g.readBpr1(), 6, 'the write is ignored');
  g.setLevel(40, true);
  assert.equal(g.acknowledge(1), 40);
  assert.equal(g.rpr(), 0x80, 'Group 1 grouped by BPR0 = 5: bits [7:6]');
  g.setLevel(41, true);
  assert.equal(g.irq, false);
  g.writeCtlr(0);
  assert.equal(g.readBpr1(), 3, 'BPR1 kept its own value');
});

test('edge-triggered and level-sensitive SPIs; GICD_ICFGR for SPIs, GICR_ICFGR1 for PPIs', () => {
  const t = ready([[40, 0x10, 1], [41, 0x20, 1], [20, 0x30, 1]]);
  const { g, d, r } = t;
  d(0xc08, 2 << 16); // GICD_ICFGR2 field 8: SPI 40 edge-triggered
  assert.equal(d(0xc08), 2 << 16);
  g.setLevel(40, true);
  g.setLevel(40, false);
  assert.equal(d(0x204), 1 << 8, 'the rising edge stays latched');
  assert.equal(g.acknowledge(1), 40);
  assert.equal(d(0x204), 0, 'and the acknowledge consumes it');
  g.endOfInterrupt(1, 40);
  g.setLevel(40, true);
  assert.equal(g.acknowledge(1), 40);
  assert.deepEqual([d(0x204), d(0x304)], [0, 1 << 8], 'edge-triggered: the line held high does not keep it pending');
  g.endOfInterrupt(1, 40);
  assert.deepEqual([d(0x204), d(0x304), g.irq], [0, 0, false]);
  g.setLevel(41, true); // level-sensitive
  d(0x284, 1 << 9); // GICD_ICPENDR1: the asserted input keeps it pending
  assert.equal(d(0x204), 1 << 9);
  g.setLevel(41, false);
  assert.equal(d(0x204), 0);
  d(0x204, 1 << 9); // GICD_ISPENDR1 latches a level-sensitive SPI until acknowledged or cleared
  assert.equal(g.acknowledge(1), 41);
  g.endOfInterrupt(1, 41);
  assert.equal(d(0x204), 0);
  d(0xc00, 0xffff_ffff);
  d(0xc04, 0xffff_ffff);
  assert.deepEqual([d(0xc00), d(0xc04)], [0, 0], 'the SGI/PPI ICFGR words are RAZ/WI in the distributor');
  r(SGI + 0xc00, 0);
  assert.equal(r(SGI + 0xc00), 0xaaaa_aaaa, 'GICR_ICFGR0 is read-only');
  r(SGI + 0xc04, 2 << 8); // GICR_ICFGR1 field 4: PPI 20 edge-triggered
  assert.equal(r(SGI + 0xc04), 2 << 8);
  g.setLevel(20, true);
  g.setLevel(20, false);
  assert.deepEqual([r(SGI + 0x200), g.acknowledge(1)], [1 << 20, 20]);
  assert.throws(() => g.setLevel(3, true), /no interrupt input 3/);
  assert.throws(() => g.setLevel(288, true), RangeError);
});

test('GICR_WAKER: ProcessorSleep is writable and ChildrenAsleep follows it', () => {
  const { r } = gic();
  r(0x14, 0);
  assert.equal(r(0x14), 0, 'awake');
  r(0x14, 4);
  assert.equal(r(0x14), 0, 'ChildrenAsleep is read-only');
  r(0x14, 2);
  assert.equal(r(0x14), 6);
});

test('GICD_IROUTER<n>: 64-bit or 32-bit halves, SPIs only; an SPI routed to another affinity is not signalled', () => {
  const t = ready([[50, 0x10, 1]]);
  const { g, d } = t;
  const out = new Uint32Array(2);
  const route = 0x6000 + 8 * 50;
  g.distributor.writeDoubleword(route, 0x8000_0100, 0x12);
  g.distributor.readDoubleword(route, out);
  assert.deepEqual([...out], [0x8000_0100, 0x12]);
  assert.deepEqual([d(route), d(route + 4)], [0x8000_0100, 0x12], 'the 32-bit halves');
  g.setLevel(50, true);
  assert.deepEqual([g.irq, g.hppir(1), d(0x204)], [false, 1023, 1 << 18], 'pending, but routed to 18.0.1.0');
  d(route + 4, 0);
  d(route, 0x100);
  assert.equal(g.irq, false, 'Aff1 = 1: still another PE');
  d(route, 0x8000_0000);
  assert.equal(g.irq, true, 'affinity 0.0.0.0; IRM is not honoured (GICD_TYPER.No1N = 1, QEMU)');
  g.distributor.writeDoubleword(0x6000 + 8 * 20, 1, 1);
  g.distributor.readDoubleword(0x6000 + 8 * 20, out);
  assert.deepEqual([...out, d(0x6000 + 8 * 20)], [0, 0, 0], 'IROUTER of a PPI: RAZ/WI');
  g.distributor.readDoubleword(0x0004, out);
  assert.deepEqual([...out], [0, 0], 'a 64-bit read of GICD_TYPER is RAZ');
});

test('access sizes: bytes for IPRIORITYR, words elsewhere, RAZ/WI otherwise; SGI/PPI words RAZ/WI in the distributor', () => {
  const t = ready([]);
  const { g, d, r } = t;
  g.distributor.write(0x400 + 45, 1, 0xa8);
  assert.deepEqual([g.distributor.read(0x400 + 45, 1), d(0x42c)], [0xa8, 0xa8 << 8], 'GICD_IPRIORITYR byte and word');
  g.distributor.write(0x400 + 5, 1, 0xa8);
  d(0x404, 0xffff_ffff);
  assert.deepEqual([g.distributor.read(0x405, 1), d(0x404)], [0, 0], 'the SGI/PPI priority bytes are RAZ/WI in the distributor');
  d(0x51c, 0x0403_0201); // INTIDs 284-287: the last word
  assert.equal(d(0x51c), 0x0403_0201);
  d(0x520, 0x0403_0201);
  assert.equal(d(0x520), 0, 'beyond INTID 287');
  assert.deepEqual([g.distributor.read(0x000, 1), g.distributor.read(0x004, 2)], [0, 0], 'byte and halfword reads of CTLR/TYPER: RAZ');
  d(0x000, 0);
  g.distributor.write(0x000, 1, 3);
  g.distributor.write(0x000, 2, 3);
  g.distributor.writeDoubleword(0x000, 3, 0);
  assert.equal(d(0x000), 0x50, 'byte, halfword and doubleword writes of GICD_CTLR are ignored');
  d(0x100, 0xffff_ffff); // GICD_ISENABLER0: SGIs/PPIs live in the redistributor
  d(0x080, 0xffff_ffff);
  assert.deepEqual([d(0x100), d(0x080), r(SGI + 0x100), r(SGI + 0x080)], [0, 0, 0, 0]);
  d(0x104, 0xffff_ffff);
  assert.equal(d(0x104), 0xffff_ffff, 'GICD_ISENABLER1: SPIs 32-63');
  d(0x120, 0x8000_0001);
  d(0x124, 1);
  assert.deepEqual([d(0x120), d(0x124)], [0x8000_0001, 0], 'ISENABLER8: INTIDs 256-287; ISENABLER9: beyond INTID 287');
  d(0xd04, 0xffff_ffff);
  d(0xe08, 0xffff_ffff);
  d(0x804, 0xffff_ffff);
  assert.deepEqual([d(0xd04), d(0xe08), d(0x804), d(0xf00)], [0, 0, 0, 0], 'IGRPMODR, NSACR (DS = 1), ITARGETSR, SGIR (ARE)');
  g.redistributor.write(SGI + 0x400 + 7, 1, 0x60);
  assert.deepEqual([g.redistributor.read(SGI + 0x407, 1), r(SGI + 0x404)], [0x60, 0x60 << 24], 'GICR_IPRIORITYR byte and word');
  assert.equal(g.redistributor.read(SGI + 0x404, 2), 0, 'halfword: RAZ');
  g.redistributor.write(0x14, 2, 0);
  g.redistributor.write(0x14, 1, 0);
  assert.equal(r(0x14), 6, 'GICR_WAKER ignores byte and halfword writes');
  const out = new Uint32Array(2);
  g.redistributor.readDoubleword(0x0008, out);
  assert.deepEqual([...out], [0x0100_0011, 0], 'GICR_TYPER as a doubleword');
  g.redistributor.readDoubleword(0x0010, out);
  assert.deepEqual([...out], [0, 0], '64-bit reads elsewhere: RAZ');
  r(SGI + 0xd00, 0xffff_ffff);
  r(SGI + 0xe00, 0xffff_ffff);
  assert.deepEqual([r(SGI + 0xd00), r(SGI + 0xe00)], [0, 0]);
  r(0x70, 0xffff_ffff); // GICR_PROPBASER: 32-bit halves, every bit kept
  g.redistributor.writeDoubleword(0x78, 0x1234_5678, 0x9abc_def0); // GICR_PENDBASER whole
  g.redistributor.readDoubleword(0x70, out);
  assert.deepEqual([...out, r(0x78), r(0x7c)], [0xffff_ffff, 0, 0x1234_5678, 0x9abc_def0]);
  g.redistributor.writeDoubleword(0x08, 0, 0);
  assert.equal(r(0x08), 0x0100_0011, 'GICR_TYPER is read-only');
});

test('reset() returns every register and both outputs to their reset values', () => {
  const t = ready([[40, 0x10, 0]]);
  const { g, d, r } = t;
  g.setLevel(40, true);
  g.writeCtlr(3);
  r(0x14, 0);
  assert.equal(g.fiq, true);
  g.reset();
  assert.deepEqual([g.fiq, d(0x000), d(0x104), d(0x428), r(0x14), g.readCtlr(), g.readPmr(), g.readIgrpen(0)], [false, 0x50, 0, 0, 6, 0x8c00, 0, 0]);
  assert.deepEqual(t.fiqs, [true, false]);
});
