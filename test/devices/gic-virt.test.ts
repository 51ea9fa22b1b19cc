// The GICv2 virtual interface beyond what gic-virt.S shows on QEMU: the maintenance line (GICH_HCR.En && MISR != 0)
// for an EOI-requesting LR and for underflow, and a hardware LR (HW = 1) whose guest EOI deactivates the physical
// interrupt in the distributor (KVM's forwarded timer, ARCH-NOTES §17d).
// Also the group priority an acknowledge marks in GICH_APR and the full-priority signalling (QEMU gic_activate_irq,
// gic_update_internal), as gic-rpr.S shows on QEMU.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GicVirtInterface } from '../../src/devices/gic-virt.ts';

function iface() {
  const log = { virq: false, maint: false, deactivated: [] as number[] };
  const v = new GicVirtInterface({
    virq: (l) => (log.virq = l),
    maintenance: (l) => (log.maint = l),
    deactivatePhysical: (id) => log.deactivated.push(id),
  });
  v.reset();
  return { v, log };
}

const PENDING = 1 << 28;
const EOI = 1 << 19;
const HW = 1 << 31;

test('an LR with EOI = 1 completed by the guest: EISR, MISR.EOI and the maintenance line; ELRSR frees it once cleared', () => {
  const { v, log } = iface();
  v.control.write(0x008, 4, (0x1f << 27) | 1); // VMCR: PMR, EnableGrp0
  v.control.write(0x100, 4, PENDING | EOI | (4 << 23) | 40);
  v.control.write(0x000, 4, 1); // En
  assert.equal(log.virq, true, 'the virtual IRQ is signalled');
  assert.equal(v.cpu.read(0x0c, 4), 40);
  assert.equal(log.virq, false, 'active: no longer signalled');
  v.cpu.write(0x10, 4, 40);
  assert.equal(v.control.read(0x020, 4), 1, 'EISR0');
  assert.equal(v.control.read(0x030, 4), 0xe, 'ELRSR0: LR0 still waits to report its EOI');
  assert.equal(v.control.read(0x010, 4) & 1, 1, 'MISR.EOI');
  assert.equal(log.maint, true);
  v.control.write(0x100, 4, 0);
  assert.equal(log.maint, false);
  v.control.write(0x000, 4, 1 | 2); // En | UIE: no valid LR is an underflow
  assert.equal(v.control.read(0x010, 4), 2);
  assert.equal(log.maint, true);
});

test('a hardware LR: the guest\'s EOI deactivates the physical interrupt named by PhysicalID', () => {
  const { v, log } = iface();
  v.control.write(0x008, 4, (0x1f << 27) | 1);
  v.control.write(0x100, 4, HW | PENDING | (27 << 10) | (2 << 23) | 27);
  v.control.write(0x000, 4, 1);
  assert.equal(v.cpu.read(0x0c, 4), 27);
  v.cpu.write(0x10, 4, 27);
  assert.deepEqual(log.deactivated, [27]);
  assert.equal(v.control.read(0x030, 4), 0xf, 'ELRSR0: all free');
});

test('GICV_IAR marks the LR\'s group priority under GICV_BPR in GICH_APR; signalling compares the full priority (as gic-rpr.S on QEMU)', () => {
  const { v, log } = iface();
  v.control.write(0x000, 4, 1); // En
  v.cpu.write(0x00, 4, 1); // GICV_CTLR.EnableGrp0
  v.cpu.write(0x04, 4, 0xf8);
  v.cpu.write(0x08, 4, 4); // GICV_BPR 4: group priority bits [7:5]
  v.control.write(0x100, 4, PENDING | ((0x58 >> 3) << 23) | 40);
  assert.equal(v.cpu.read(0x0c, 4), 40);
  assert.equal([v.cpu.read(0x14, 4), v.control.read(0x0f0, 4), v.cpu.read(0xd0, 4)].join(), [0x40, 1 << 8, 1 << 8].join(), 'RPR 0x40, APR bit 0x40 >> 3');
  v.control.write(0x104, 4, PENDING | ((0x48 >> 3) << 23) | 41);
  v.cpu.write(0x08, 4, 7); // every group priority is 0 now
  assert.equal([log.virq, v.cpu.read(0x18, 4), v.cpu.read(0x0c, 4)].join(), [false, 41, 1023].join(), '0x48 is not higher than the running 0x40');
  v.control.write(0x104, 4, PENDING | ((0x38 >> 3) << 23) | 41);
  assert.equal(log.virq, true, '0x38 is');
  assert.equal(v.cpu.read(0x0c, 4), 41);
  assert.equal([v.cpu.read(0x14, 4), v.control.read(0x0f0, 4)].join(), [0, (1 << 8) | 1].join(), 'group priority 0 under BPR 7: APR bit 0');
  v.cpu.write(0x10, 4, 41);
  assert.equal([v.cpu.read(0x14, 4), v.control.read(0x0f0, 4)].join(), [0x40, 1 << 8].join());
});
