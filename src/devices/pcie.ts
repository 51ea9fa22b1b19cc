// The PCIe host bridge of QEMU's virt board (QEMU hw/pci-host/gpex.c; PCI Express Base Specification "Enhanced
// Configuration Access Mechanism"): an ECAM window (where: src/machine/virt-memmap.ts) over bus 0, whose functions
// (pci-function.ts) answer their 4 KiB of configuration space at devfn << 12 — QEMU's own host-bridge function
// (1b36:0008, class 0x060000) at 00:00.0 and the devices the machine was given (`--device`, QEMU's `-device`) after
// it, one slot each, as QEMU places them — and where nothing answers, reads are all ones (Vendor ID 0xFFFF) and writes
// are ignored; and the windows (I/O port space, 32-bit and 64-bit MMIO) where a function's enabled BAR decodes.
import type { Device } from '../memory/phys.ts';
import { PciFunction } from './pci-function.ts';

/** The all-ones answer of an access nothing claims, by size (8-byte reads come as two 4-byte ones: splitsDoublewords). */
const allOnes = (size: number): number => (size >= 4 ? 0xffff_ffff : size === 2 ? 0xffff : 0xff);

/** QEMU's gpex-root: the host bridge as a function of its own bus (class 0x06 bridge, 0x00 host). */
const hostBridge = (): PciFunction =>
  new PciFunction({ vendor: 0x1b36, device: 0x0008, revision: 0, classCode: 0x060000, subsystemVendor: 0x1af4, subsystem: 0x1100, interruptPin: 0 });

/** Bus 0 of the host bridge: function 0 of slot n at devfn n << 3. */
export class PciBus {
  readonly functions = new Map<number, PciFunction>([[0, hostBridge()]]);

  /** Plug `fn` into the next free slot (as QEMU's -device without addr=); returns its devfn. */
  plug(fn: PciFunction): number {
    let devfn = 0;
    while (this.functions.has(devfn)) devfn += 8;
    if (devfn >= 256) throw new Error('PCI bus 0 is full (32 slots)');
    this.functions.set(devfn, fn);
    return devfn;
  }

  /** The function and BAR offset that decode `addr` of `kind`'s space (an enabled BAR), or undefined. */
  decode(kind: 'io' | 'mem', addr: number): ReturnType<PciFunction['decode']> {
    for (const fn of this.functions.values()) {
      const d = fn.decode(kind, addr);
      if (d !== undefined) return d;
    }
    return undefined;
  }
}

export class PcieEcam implements Device {
  readonly name = 'pcie-ecam';
  // QEMU's config accesses are at most 4 bytes wide: an 8-byte read is two, all ones in both halves
  readonly splitsDoublewords = true;
  constructor(private readonly bus: PciBus) {}

  read(offset: number, size: number): number {
    const fn = offset < 1 << 20 ? this.bus.functions.get(offset >>> 12) : undefined; // bus 0 only
    return fn === undefined ? allOnes(size) : fn.read(offset & 0xfff, size);
  }

  write(offset: number, size: number, value: number): void {
    if (offset < 1 << 20) this.bus.functions.get(offset >>> 12)?.write(offset & 0xfff, size, value);
  }
}

/**
 * One of the host bridge's windows (I/O port space, 32-bit or 64-bit MMIO): an access a function's enabled BAR
 * decodes goes to it a byte at a time (the only BARs modelled, pci-testdev's, have one-byte registers: QEMU splits
 * wider accesses, lowest address first); one nothing claims is the PCI master abort a PC shows — reads all ones,
 * writes ignored — rather than an External abort (gpex "allow-unmapped-accesses", on since machine type 5.2;
 * test/qemu/random-at, DEVIATIONS). `pciBase` is the bus address of the window's first byte.
 */
export class PcieWindow implements Device {
  readonly splitsDoublewords = true;
  constructor(
    readonly name: string,
    private readonly bus: PciBus,
    private readonly kind: 'io' | 'mem',
    private readonly pciBase: number,
  ) {}

  read(offset: number, size: number): number {
    const d = this.bus.decode(this.kind, this.pciBase + offset);
    if (d === undefined) return allOnes(size);
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + d.bar.read(d.offset + i);
    return v >>> 0;
  }

  write(offset: number, size: number, value: number): void {
    const d = this.bus.decode(this.kind, this.pciBase + offset);
    if (d === undefined) return;
    for (let i = 0; i < size; i++) d.bar.write(d.offset + i, Math.floor(value / 2 ** (8 * i)) & 0xff);
  }
}
