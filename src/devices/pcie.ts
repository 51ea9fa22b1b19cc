// The PCIe host bridge of QEMU's virt board with nothing behind it (QEMU hw/pci-host/gpex.c; PCI Express Base
// Specification "Enhanced Configuration Access Mechanism"): an ECAM window (where: src/machine/virt-memmap.ts)
// where every configuration read finds no function, so it reads all ones (Vendor ID 0xFFFF), and writes are ignored.
// QEMU also shows its own host-bridge function (1b36:0008) at 00:00.0; this model has none, so the bus is empty.
import type { Device } from '../memory/phys.ts';

export class PcieEcam implements Device {
  readonly name = 'pcie-ecam';

  read(_offset: number, size: number): number {
    return size >= 4 ? 0xffff_ffff : size === 2 ? 0xffff : 0xff; // no function answers
  }

  write(): void {}
}
