// The GICv3 virtual CPU interface (src/devices/gicv3-virt.ts) through a GicV3: a list register's life cycle (inject,
// ICV_IAR, ICV_EOIR, ICV_DIR), HW = 1 deactivation of the physical INTID, ICH_EISR/ELRSR/MISR, EOIcount, underflow and
// the maintenance interrupt on PPI 25, the virtual IRQ/FIQ outputs. Expectations from IHI 0069 "Virtual interrupt
// handling" and QEMU 7.2 hw/intc/arm_gicv3_cpuif.c (hppvi_index, icv_iar_read, icv_eoir_write, icv_dir_write,
// maintenance_interrupt_state).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GicV3 } from '../../src/devices/gicv3.ts';
import { PhysMemory } from '../../src/memory/phys.ts';

const PENDING = 1n << 62n;
const ACTIVE = 1n << 63n;
const GROUP1 = 1n << 60n;
const HW = 1n << 61n;
const EOI = 1n << 41n;
const EN = 1n;
const UIE = 1n << 1n;
const NPIE = 1n << 3n;
const VENG0 = 1n;
const VENG1 = 2n;
const VPMR_FF = 0xffn << 24n;

/** A GICv3 whose virtual outputs are recorded; the physical Group 0/1 enabled so that PPI 25 can be seen pending. */
function gic(): { g: GicV3; out: { virq: boolean; vfiq: boolean } } {
  const out = { virq: false, vfiq: false };
  const g = new GicV3(() => {}, () => {}, { virq: (l) => { out.virq = l; }, vfiq: (l) => { out.vfiq = l; } }, new PhysMemory(0x4000_0000, 0x1_0000));
  return { g, out };
}

const lr = (state: bigint, vintid: number, prio: number, extra = 0n): bigint => state | extra | (BigInt(prio) << 48n) | BigInt(vintid);
/** GICR_ISPENDR0 bit 25: the maintenance interrupt's level (a level-sensitive PPI reads pending while asserted). */
const maintenance = (g: GicV3): boolean => ((g.redistributor.read(0x1_0200, 4) >>> 25) & 1) === 1;

test('inject -> IAR -> EOIR: Pending to Active to Invalid, AP1R0 and the running priority, the virtual IRQ line', () => {
  const { g, out } = gic();
  const v = g.virtual;
  v.writeIch('VMCR', VPMR_FF | VENG1);
  v.writeIch('LR0', lr(PENDING, 40, 0xa0, GROUP1));
  assert.equal(out.virq, false, 'ICH_HCR_EL2.En = 0: nothing signalled');
  v.writeIch('HCR', EN);
  assert.equal(out.virq, true);
  assert.equal(out.vfiq, false);
  assert.equal(v.hppir(1), 40);
  assert.equal(v.hppir(0), 1023, 'HPPIR0: not its group');
  assert.equal(v.acknowledge(0), 1023, 'IAR0: not its group');
  assert.equal(v.acknowledge(1), 40);
  assert.equal(v.readIch('LR0'), lr(ACTIVE, 40, 0xa0, GROUP1));
  assert.equal(v.readApr(1), 1 << (0xa0 >> 3), 'VBPR1 3: the group priority 0xa0 -> AP bit 20');
  assert.equal(v.rpr(), 0xa0);
  assert.equal(out.virq, false);
  assert.equal(v.readIch('ELRSR'), 0b1110n);
  v.endOfInterrupt(1, 40);
  assert.equal(v.readIch('LR0'), lr(0n, 40, 0xa0, GROUP1));
  assert.equal(v.readApr(1), 0);
  assert.equal(v.rpr(), 0xff);
  assert.equal(v.readIch('ELRSR'), 0b1111n);
  assert.equal(v.readIch('EISR'), 0n, 'EOI = 0: no EOI maintenance');
  assert.equal(v.acknowledge(1), 1023);
});

test('a Group 0 LR is signalled as virtual FIQ; VPMR and the running priority gate signalling; priority order among LRs', () => {
  const { g, out } = gic();
  const v = g.virtual;
  v.writeIch('HCR', EN);
  v.writeIch('VMCR', (0x80n << 24n) | VENG0 | VENG1);
  v.writeIch('LR1', lr(PENDING, 33, 0x90));
  assert.equal(out.vfiq, false, 'priority 0x90 not above VPMR 0x80');
  v.writeIch('LR2', lr(PENDING, 34, 0x40));
  v.writeIch('LR3', lr(PENDING, 35, 0x40, GROUP1));
  assert.equal(out.vfiq, true, 'LR2 (Group 0, 0x40) is the highest: the lowest index among equals');
  assert.equal(out.virq, false);
  assert.equal(v.acknowledge(0), 34);
  // running priority 0x40: LR3 at 0x40 cannot preempt
  assert.equal(out.virq, false);
  assert.equal(out.vfiq, false);
  assert.equal(v.acknowledge(1), 1023);
  v.writeIch('LR3', lr(PENDING, 35, 0x20, GROUP1));
  assert.equal(out.virq, true, '0x20 preempts 0x40');
});

test('HW = 1: the guest EOI deactivates the physical INTID; EOImode 1 splits priority drop (EOIR) from deactivation (DIR)', () => {
  const { g } = gic();
  const v = g.virtual;
  // SPI 48 active in the distributor (GICD_ISACTIVER1 bit 16)
  g.distributor.write(0x304, 4, 1 << 16);
  assert.equal(g.distributor.read(0x304, 4), 1 << 16);
  v.writeIch('HCR', EN);
  v.writeIch('VMCR', VPMR_FF | VENG1);
  v.writeIch('LR0', lr(PENDING, 27, 0x80, GROUP1 | HW | (48n << 32n)));
  assert.equal(v.acknowledge(1), 27);
  v.endOfInterrupt(1, 27);
  assert.equal(g.distributor.read(0x304, 4), 0, 'SPI 48 deactivated');
  assert.equal(v.readIch('LR0') >> 62n, 0n);
  assert.equal(v.readIch('EISR'), 0n, 'HW = 1: no EOI maintenance');

  g.distributor.write(0x304, 4, 1 << 16);
  v.writeCtlr(2); // ICV_CTLR_EL1.EOImode -> ICH_VMCR_EL2.VEOIM
  assert.equal((v.readIch('VMCR') >> 9n) & 1n, 1n);
  v.writeIch('LR0', lr(PENDING, 27, 0x80, GROUP1 | HW | (48n << 32n)));
  assert.equal(v.acknowledge(1), 27);
  v.endOfInterrupt(1, 27);
  assert.equal(v.rpr(), 0xff, 'priority dropped');
  assert.equal(v.readIch('LR0') >> 62n, 2n, 'still active');
  assert.equal(g.distributor.read(0x304, 4), 1 << 16);
  v.deactivate(27);
  assert.equal(v.readIch('LR0') >> 62n, 0n);
  assert.equal(g.distributor.read(0x304, 4), 0);
});

test('EOI = 1 with HW = 0: EISR and MISR.EOI raise the maintenance interrupt (PPI 25) until the LR is rewritten; an EOI without an LR counts in EOIcount', () => {
  const { g } = gic();
  const v = g.virtual;
  v.writeIch('HCR', EN);
  v.writeIch('VMCR', VPMR_FF | VENG1);
  v.writeIch('LR1', lr(PENDING, 50, 0x60, GROUP1 | EOI));
  assert.equal(maintenance(g), false);
  assert.equal(v.acknowledge(1), 50);
  v.endOfInterrupt(1, 50);
  assert.equal(v.readIch('EISR'), 0b10n);
  assert.equal(v.readIch('ELRSR'), 0b1101n, 'LR1 Invalid but awaiting its EOI maintenance: not empty');
  assert.equal(v.readIch('MISR'), 1n, 'MISR.EOI');
  assert.equal(maintenance(g), true, 'PPI 25 asserted');
  v.writeIch('LR1', 0n);
  assert.equal(v.readIch('MISR'), 0n);
  assert.equal(maintenance(g), false);
  // an EOI for an INTID in no LR, with something active: priority dropped, EOIcount + 1; MISR.LRENP needs LRENPIE too
  v.writeApr(1, 1 << 4);
  v.endOfInterrupt(1, 99);
  assert.equal(v.readApr(1), 0);
  assert.equal(v.readIch('HCR') >> 27n, 1n);
  assert.equal(v.readIch('MISR'), 0n);
  v.writeIch('HCR', v.readIch('HCR') | (1n << 2n));
  assert.equal(v.readIch('MISR'), 4n, 'LRENP');
  assert.equal(maintenance(g), true);
  // with nothing active the EOI is ignored (EOIcount unchanged)
  v.writeIch('HCR', EN | (1n << 27n));
  v.endOfInterrupt(1, 99);
  assert.equal(v.readIch('HCR') >> 27n, 1n);
});

test('VGrp<g>E/D follow VENG<g> (IHI 0069; QEMU 7.2 tests VENG1 for VGrp0D, DEVIATIONS.md D25)', () => {
  const { g } = gic();
  const v = g.virtual;
  v.writeIch('HCR', 0xf0n); // VGrp0EIE, VGrp0DIE, VGrp1EIE, VGrp1DIE
  v.writeIch('VMCR', VENG1);
  assert.equal(v.readIch('MISR'), 0x60n, 'VGrp0D (VENG0 = 0), VGrp1E');
  v.writeIch('VMCR', VENG0);
  assert.equal(v.readIch('MISR'), 0x90n, 'VGrp0E, VGrp1D');
});

test('underflow (UIE, fewer than 2 valid LRs) and no-pending (NPIE) maintenance; ICH_HCR_EL2.En = 0 keeps PPI 25 low', () => {
  const { g } = gic();
  const v = g.virtual;
  v.writeIch('HCR', UIE | NPIE);
  assert.equal(v.readIch('MISR'), 0b1010n, 'U and NP, with En = 0 too');
  assert.equal(maintenance(g), false);
  v.writeIch('HCR', EN | UIE | NPIE);
  assert.equal(maintenance(g), true);
  v.writeIch('LR0', lr(PENDING, 40, 0x80, GROUP1));
  assert.equal(v.readIch('MISR'), 0b10n, 'a pending LR: NP clear; one valid LR: U still set');
  v.writeIch('LR1', lr(ACTIVE, 41, 0x80, GROUP1));
  assert.equal(v.readIch('MISR'), 0n);
  assert.equal(maintenance(g), false);
});

test('an LR holding INTID 1020-1023 goes Pending -> Invalid on IAR and returns it; reset clears the LRs, HCR and restores VMCR', () => {
  const { g } = gic();
  const v = g.virtual;
  v.writeIch('HCR', EN);
  v.writeIch('VMCR', VPMR_FF | VENG1);
  v.writeIch('LR0', lr(PENDING, 1021, 0x80, GROUP1));
  assert.equal(v.acknowledge(1), 1021);
  assert.equal(v.readIch('LR0') >> 62n, 0n);
  assert.equal(v.readApr(1), 0);
  g.reset();
  assert.deepEqual([v.readIch('LR0'), v.readIch('HCR'), v.readIch('VMCR')], [0n, 0n, 0x004c_0008n]);
});

test('an LR holding an LPI\'s vINTID (8192 and up) is acknowledged and EOId like any other; ICV_DIR ignores LPIs (QEMU 7.2, VirtualWriteDIR)', () => {
  const { g, out } = gic();
  const v = g.virtual;
  v.writeIch('HCR', EN);
  v.writeIch('VMCR', VPMR_FF | VENG1);
  v.writeIch('LR1', lr(PENDING, 8200, 0x60, GROUP1));
  assert.deepEqual([out.virq, v.hppir(1), v.acknowledge(1)], [true, 8200, 8200]);
  assert.deepEqual([v.readIch('LR1'), v.rpr()], [lr(ACTIVE, 8200, 0x60, GROUP1), 0x60]);
  v.endOfInterrupt(1, 8200);
  assert.deepEqual([v.readIch('LR1'), v.rpr()], [lr(0n, 8200, 0x60, GROUP1), 0xff], 'priority dropped and deactivated');
  v.writeCtlr(2); // ICV_CTLR_EL1.EOImode: split priority drop and deactivation
  v.writeIch('LR1', lr(PENDING, 8200, 0x60, GROUP1));
  v.acknowledge(1);
  v.endOfInterrupt(1, 8200);
  v.deactivate(8200);
  assert.deepEqual([v.readIch('LR1'), v.rpr(), v.readIch('HCR') >> 27n], [lr(ACTIVE, 8200, 0x60, GROUP1), 0xff, 0n], 'DIR of an LPI: ignored, no EOIcount');
});
