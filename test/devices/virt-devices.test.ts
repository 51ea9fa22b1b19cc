// PL031, PL061 and the empty PCIe ECAM beyond what the QEMU program virt-devices.S can show (QEMU's RTC follows the
// host clock and its power button is never pressed there): the RTC counts the machine's seconds from RTCLR and a
// match raises its line; the power button (line 3) as a rising-edge interrupt; every ECAM read finds no function.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PciFunction } from '../../src/devices/pci-function.ts';
import { PciTestdev } from '../../src/devices/pci-testdev.ts';
import { PciBus, PcieEcam, PcieWindow } from '../../src/devices/pcie.ts';
import { Pl031 } from '../../src/devices/pl031.ts';
import { Pl061, POWER_BUTTON_LINE } from '../../src/devices/pl061.ts';

test('PL031: RTCDR counts seconds from the last RTCLR; reaching RTCMR raises RTCRIS and, unmasked, the line', () => {
  let t = 0;
  let line = false;
  const rtc = new Pl031(() => t, (l) => (line = l));
  rtc.write(0x08, 4, 1000);
  assert.equal(rtc.read(0x00, 4), 1000);
  t = 2.5;
  assert.equal(rtc.read(0x00, 4), 1002);
  rtc.write(0x04, 4, 1005); // RTCMR
  rtc.write(0x10, 4, 1); // RTCIMSC
  t = 4.9;
  assert.equal(rtc.read(0x14, 4), 0, 'not reached: RTCDR is 1004');
  t = 5;
  assert.equal(rtc.read(0x14, 4), 1);
  assert.equal(line, true);
  rtc.write(0x1c, 4, 1); // RTCICR
  assert.equal(line, false);
  assert.equal(rtc.read(0x18, 4), 0);
});

test('PL061: the power button (line 3, an input) as a rising-edge interrupt, cleared by GPIOIC', () => {
  let line = false;
  const gpio = new Pl061((l) => (line = l));
  gpio.write(0x40c, 4, 1 << POWER_BUTTON_LINE); // GPIOIEV: rising
  gpio.write(0x410, 4, 1 << POWER_BUTTON_LINE); // GPIOIE
  gpio.setInput(POWER_BUTTON_LINE, true);
  assert.equal(line, true);
  assert.equal(gpio.read(0x3fc, 4), 1 << POWER_BUTTON_LINE, 'GPIODATA shows the pressed button');
  assert.equal(gpio.read(0x418, 4), 1 << POWER_BUTTON_LINE);
  gpio.setInput(POWER_BUTTON_LINE, false);
  assert.equal(line, true, 'an edge stays latched');
  gpio.write(0x41c, 4, 1 << POWER_BUTTON_LINE);
  assert.equal(line, false);
});

test('PCIe ECAM: the host bridge at 00:00.0 (1b36:0008), nothing elsewhere without devices: all ones, writes change nothing', () => {
  const ecam = new PcieEcam(new PciBus());
  assert.equal(ecam.read(0, 4), 0x0008_1b36, 'vendor and device of QEMU\'s gpex-root');
  assert.equal(ecam.read(0x08, 4), 0x0600_0000, 'class: host bridge, revision 0');
  assert.equal(ecam.read(0x100, 4), 0xffff_ffff, 'past a conventional function\'s 256 bytes');
  for (const off of [0x8000, 0x1000, 0xf_f000, 0xfff_fffc]) assert.equal(ecam.read(off, 4), 0xffff_ffff);
  ecam.write(0x8000, 4, 0);
  ecam.write(0, 4, 0x1234_5678);
  assert.equal(ecam.read(0, 4), 0x0008_1b36, 'the IDs are read-only');
  assert.equal(ecam.read(0x8000, 2), 0xffff);
  assert.equal(ecam.read(0x8000, 1), 0xff);
});

test('PCI BARs: writing any value reads back its bits above the BAR size (all ones: the size), I/O and memory flags kept', () => {
  fc.assert(fc.property(fc.integer({ min: 4, max: 20 }), fc.boolean(), fc.integer({ min: 0, max: 0xffff_ffff }), (log2, io, v) => {
    const size = 2 ** log2;
    const nop = { read: () => 0, write: () => {} };
    const fn = new PciFunction({ vendor: 1, device: 2, revision: 0, classCode: 0, subsystemVendor: 0, subsystem: 0, interruptPin: 0 }, [{ kind: io ? 'io' : 'mem', size, ...nop }]);
    fn.write(0x10, 4, v);
    assert.equal(fn.read(0x10, 4), (((v & ~(size - 1)) >>> 0) | (io ? 1 : 0)) >>> 0);
    fn.write(0x10, 4, 0xffff_ffff);
    assert.equal(((~(fn.read(0x10, 4) & ~(io ? 0x3 : 0xf)) >>> 0) + 1), size, 'sizing');
    assert.equal(fn.read(0x14, 4), 0, 'an absent BAR is read-only zero');
  }));
});

test('pci-testdev behind the bridge: BARs decode only when Command enables them, and a test counts its matching writes', () => {
  const bus = new PciBus();
  const devfn = bus.plug(new PciTestdev().fn);
  assert.equal(devfn, 8, 'slot 1, after the host bridge');
  const ecam = new PcieEcam(bus);
  const mmio = new PcieWindow('mmio', bus, 'mem', 0x1000_0000);
  const pio = new PcieWindow('pio', bus, 'io', 0);
  const cfg = devfn << 12;
  assert.equal(ecam.read(cfg, 4), 0x0005_1b36);
  assert.equal(ecam.read(cfg + 0x2c, 4), 0x1100_1af4, 'QEMU\'s default subsystem IDs');
  assert.equal(ecam.read(cfg + 0x08, 4), 0x00ff_0000, 'class 0x00, subclass 0xff, as kvm-unit-tests prints it on QEMU');
  ecam.write(cfg + 0x10, 4, 0x1000_0000);
  ecam.write(cfg + 0x14, 4, 0x1000);
  assert.equal(mmio.read(0, 1), 0xff, 'memory decode off: master abort');
  ecam.write(cfg + 0x04, 2, 0x3);
  for (const [w, base, name, offset] of [[mmio, 0, 'mmio', 2048], [pio, 0x1000, 'portio', 128 + 3]] as const) {
    for (let t = 0; t < 3; t++) {
      w.write(base, 1, t);
      const at = offset + t;
      assert.equal(w.read(base + 4, 4), at, 'offset');
      assert.equal(w.read(base + 1, 1), 1, 'width');
      let s = '';
      for (let k = 16; w.read(base + k, 1) !== 0; k++) s += String.fromCharCode(w.read(base + k, 1));
      assert.equal(s, `${name}-${['no-eventfd', 'wildcard-eventfd', 'datamatch-eventfd'][t]}`);
      const data = w.read(base + 8, 1);
      for (let k = 0; k < 16; k++) w.write(base + at, 4, 0x1234_5600 | data); // one byte at `at` carries the data
      w.write(base + at, 1, data ^ 1);
      assert.equal(w.read(base + 12, 4), t === 1 ? 17 : 16, 'writes counted: every one (wildcard) or those with the data');
    }
  }
  ecam.write(cfg + 0x04, 2, 0);
  assert.equal(pio.read(0x1000 + 12, 4), 0xffff_ffff, 'I/O decode off again');
});
