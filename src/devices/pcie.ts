// The PCIe host bridge of QEMU's virt board with nothing behind it (QEMU hw/pci-host/gpex.c; PCI Express Base
// Specification "Enhanced Configuration Access Mechanism"): an ECAM window (where: src/machine/virt-memmap.ts)
// where every configuration read finds no function, so it reads all ones (Vendor ID 0xFFFF), and writes are ignored.
// QEMU also shows its own host-bridge function (1b36:0008) at 00:00.0; this model has none, so the bus is empty.
import type { Device } from '../memory/phys.ts';

/** The all-ones answer of an access nothing claims, by size (8-byte reads come as two 4-byte ones: splitsDoublewords). */
const allOnes = (size: number): number => (size >= 4 ? 0xffff_ffff : size === 2 ? 0xffff : 0xff);

export class PcieEcam implements Device {
  readonly name = 'pcie-ecam';
  // QEMU's config accesses are at most 4 bytes wide: an 8-byte read is two, all ones in both halves
  readonly splitsDoublewords = true;

  read(_offset: number, size: number): number {
    return allOnes(size); // no function answers
  }

  write(): void {}
}

/**
 * One of the host bridge's windows (I/O port space, 32-bit or 64-bit MMIO) with no BAR mapped in it: QEMU's gpex
 * answers an access nothing claims as the PCI master abort a PC shows — reads all ones, writes ignored — rather than
 * with an External abort (gpex "allow-unmapped-accesses", on since machine type 5.2; test/qemu/random-at, DEVIATIONS).
 */
export class PcieWindow implements Device {
  readonly splitsDoublewords = true;
  constructor(readonly name: string) {}

  read(_offset: number, size: number): number {
    return allOnes(size);
  }

  write(): void {}
}
