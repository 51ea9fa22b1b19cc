// The virt board's high regions against what qemu-system-aarch64 7.2 -M virt,virtualization=on -cpu cortex-a57
// writes in /pcie with -m 256M, 300G, 1000G and 16776192M (its dumpdtb, RAM from a sparse memory-backend-file).
import assert from 'node:assert/strict';
import test from 'node:test';
import { ecamBuses, highMemmap } from '../../src/machine/virt-memmap.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { GICD_BASE } from '../../src/devices/gic.ts';

const GIB = 2 ** 30;

test('high regions move with the RAM as QEMU 7.2 places them, and drop out past 2^44', () => {
  const cases: [number, number, number, [number, number] | undefined][] = [
    // RAM bytes, ECAM base, ECAM size, 64-bit window
    [256 * 2 ** 20, 0x40_1000_0000, 0x1000_0000, [0x80_0000_0000, 0x80_0000_0000]],
    [300 * GIB, 0x4b_5000_0000, 0x1000_0000, [0x80_0000_0000, 0x80_0000_0000]],
    [1000 * GIB, 0xfa_5000_0000, 0x1000_0000, [0x100_0000_0000, 0x80_0000_0000]],
    [16776192 * 2 ** 20, 0x3f00_0000, 0x0100_0000, undefined],
  ];
  for (const [ram, base, size, win] of cases) {
    const m = highMemmap(ram, 44);
    assert.deepEqual(m.ecam, { base, size }, `ECAM with 0x${ram.toString(16)} bytes of RAM`);
    assert.deepEqual(m.mmioHigh === undefined ? undefined : [m.mmioHigh.base, m.mmioHigh.size], win);
  }
  assert.equal(ecamBuses(highMemmap(16776192 * 2 ** 20, 44).ecam), 16, 'bus-range <0 0x0f> with the low ECAM');
  assert.equal(ecamBuses(highMemmap(GIB, 44).ecam), 256);
});

test('the largest RAM the board holds builds a machine whose ECAM does not overlap it', () => {
  const m = new VirtMachine({ profile: CORTEX_A57, ramBytes: 2 ** 44 - 0x4000_0000 });
  const ecam = m.bus.find((r) => r.name === 'pcie-ecam');
  assert.deepEqual(ecam && [ecam.base, ecam.size], [0x3f00_0000, 0x0100_0000]);
});

test("CBAR_EL1 (the Cortex-A57 profile's PERIPHBASE) names the board's GIC distributor", () => {
  assert.equal(CORTEX_A57.id.cbar, BigInt(GICD_BASE));
});
