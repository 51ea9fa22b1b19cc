// The GICv2 virtual interface beyond what gic-virt.S shows on QEMU: the maintenance line (GICH_HCR.En && MISR != 0)
// for an EOI-requesting LR and for underflow, and a hardware LR (HW = 1) whose guest EOI deactivates the physical
// interrupt in the distributor (KVM's forwarded timer, ARCH-NOTES §17d).
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
