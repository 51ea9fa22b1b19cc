// One function on the PCIe host bridge's bus 0, as QEMU's hw/pci/pci.c presents a conventional (non-Express) device:
// a type-0 configuration header (PCI Local Bus Specification 3.0 §6.1, "Configuration Space Organization") of 256
// bytes, little-endian, any access width within it; what lies beyond it in the 4 KiB of the function's ECAM space reads
// all ones (QEMU pci_host_config_read_common: an address at or past the config size). Writable, as QEMU's wmask: the
// Command register's I/O, Memory, Bus Master, Parity, SERR and INTx-disable bits, the BARs' address bits (§6.2.5.1:
// the bits below the BAR's size read 0, so writing all ones and reading back gives the size), the Interrupt Line.
// Everything else is read-only. A BAR decodes (pcie.ts PcieWindow sends the host bridge's window accesses to it) only
// while its Command enable is set (§6.2.2: I/O Space, Memory Space).

/** A BAR of the function: a power-of-two region in I/O or 32-bit memory space; its registers one byte at a time. */
export interface PciBar {
  readonly kind: 'io' | 'mem';
  readonly size: number;
  read(offset: number): number;
  write(offset: number, value: number): void;
}

/** What identifies a function (§6.2.1). */
export interface PciIdentity {
  readonly vendor: number;
  readonly device: number;
  readonly revision: number;
  /** Class code: base class << 16 | subclass << 8 | programming interface. */
  readonly classCode: number;
  readonly subsystemVendor: number;
  readonly subsystem: number;
  /** Interrupt Pin (0: none, 1..4 INTA..INTD). */
  readonly interruptPin: number;
}

const CONFIG_SIZE = 256;
const COMMAND = 0x04;
const BAR0 = 0x10;
const INTERRUPT_LINE = 0x3c;
/** Command bits QEMU lets software write: I/O, Memory, Bus Master, Parity Error Response, SERR#, Interrupt Disable. */
const COMMAND_WMASK = 0x0001 | 0x0002 | 0x0004 | 0x0040 | 0x0100 | 0x0400;
export const COMMAND_IO = 0x0001;
export const COMMAND_MEMORY = 0x0002;
/** BAR bit 0: I/O space indicator (§6.2.5.1); a memory BAR's bits 2:1 = 00 (32-bit) and bit 3 = 0 (not prefetchable). */
const BAR_IO = 0x1;

export class PciFunction {
  private readonly config = new Uint8Array(CONFIG_SIZE);
  private readonly wmask = new Uint8Array(CONFIG_SIZE);

  constructor(
    id: PciIdentity,
    readonly bars: readonly (PciBar | undefined)[] = [],
  ) {
    if (bars.length > 6) throw new Error('a type-0 header has six BARs');
    for (const b of bars) if (b !== undefined && (b.size & (b.size - 1)) !== 0) throw new Error(`BAR size ${b.size} is not a power of two`);
    this.put(0x00, 2, id.vendor);
    this.put(0x02, 2, id.device);
    this.put(0x08, 1, id.revision);
    this.put(0x09, 3, id.classCode);
    this.put(0x2c, 2, id.subsystemVendor);
    this.put(0x2e, 2, id.subsystem);
    this.put(0x3d, 1, id.interruptPin);
    this.putMask(COMMAND, 2, COMMAND_WMASK);
    this.putMask(INTERRUPT_LINE, 1, 0xff);
    bars.forEach((b, i) => {
      if (b === undefined) return;
      this.putMask(BAR0 + 4 * i, 4, ~(b.size - 1) & (b.kind === 'io' ? ~BAR_IO : ~0xf));
      this.put(BAR0 + 4 * i, 4, b.kind === 'io' ? BAR_IO : 0);
    });
  }

  /** A configuration read of `size` bytes at `offset` in the function's 4 KiB (little-endian; past 256: all ones). */
  read(offset: number, size: number): number {
    if (offset + size > CONFIG_SIZE) return size >= 4 ? 0xffff_ffff : (1 << (8 * size)) - 1;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.config[offset + i]!;
    return v;
  }

  /** A configuration write: each byte through the writable mask, the rest kept. */
  write(offset: number, size: number, value: number): void {
    if (offset + size > CONFIG_SIZE) return;
    for (let i = 0; i < size; i++) {
      const m = this.wmask[offset + i]!;
      const b = Math.floor(value / 2 ** (8 * i)) & 0xff;
      this.config[offset + i] = (this.config[offset + i]! & ~m) | (b & m);
    }
  }

  /** The BAR and offset in it that decodes `addr` of `kind`'s space, or undefined (disabled or elsewhere). */
  decode(kind: 'io' | 'mem', addr: number): { bar: PciBar; offset: number } | undefined {
    if ((this.read(COMMAND, 2) & (kind === 'io' ? COMMAND_IO : COMMAND_MEMORY)) === 0) return undefined;
    for (let i = 0; i < this.bars.length; i++) {
      const b = this.bars[i];
      if (b === undefined || b.kind !== kind) continue;
      const base = (this.read(BAR0 + 4 * i, 4) & ~(b.size - 1)) >>> 0;
      if (addr >= base && addr < base + b.size) return { bar: b, offset: addr - base };
    }
    return undefined;
  }

  private put(offset: number, size: number, value: number): void {
    for (let i = 0; i < size; i++) this.config[offset + i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  }

  private putMask(offset: number, size: number, value: number): void {
    for (let i = 0; i < size; i++) this.wmask[offset + i] = (value >>> (8 * i)) & 0xff;
  }
}
