// Where the virt board puts its high regions, which move with the RAM size (QEMU 7.2 hw/arm/virt.c virt_set_memmap
// and virt_set_high_memmap, machine type 7.2: highmem on, highmem_compact on, no hot-pluggable memory). Above the
// RAM, rounded up to 1 GiB and never below 256 GiB (LEGACY_RAMLIMIT_BYTES above RAM's base), come in order the GICv3
// second redistributor frame (64 MiB; reserved even with a GICv2), the 256 MiB PCIe ECAM and the 512 GiB 64-bit PCIe
// MMIO window, each aligned to its own size. One that does not end by 2^PARange is left out (and, compact, takes no
// room): without the high ECAM the host bridge uses the low one at 0x3f00_0000 (16 MiB: buses 0–15), without the high
// window /pcie has no 64-bit MMIO range. Checked against qemu-system-aarch64 7.2 -cpu cortex-a57 dumpdtb with 256 MiB
// (ECAM 0x40_1000_0000), 300 GiB (0x4b_5000_0000), 1000 GiB (0xfa_5000_0000, window at 2^40) and 16776192 MiB
// (low ECAM, no window): test/machine/virt-memmap.test.ts.

/** The RAM's base (virt.c base_memmap[VIRT_MEM]). */
export const RAM_BASE = 0x4000_0000;

export interface Region {
  readonly base: number;
  readonly size: number;
}

export interface HighMemmap {
  /** The PCIe ECAM the host bridge uses. */
  readonly ecam: Region;
  /** The 64-bit PCIe MMIO window, when it fits below 2^PARange. */
  readonly mmioHigh: Region | undefined;
}

const GIB = 2 ** 30;
/** virt.c LEGACY_RAMLIMIT_BYTES: the high regions never start below RAM_BASE + 255 GiB. */
const LEGACY_RAM_LIMIT = 255 * GIB;
/** QEMU's PCIe windows (virt.c base_memmap VIRT_PCIE_PIO, VIRT_PCIE_MMIO): I/O port space and 32-bit MMIO. */
export const PCIE_PIO: Region = { base: 0x3eff_0000, size: 0x1_0000 };
export const PCIE_MMIO: Region = { base: 0x1000_0000, size: 0x2eff_0000 };
/** virt.c base_memmap[VIRT_PCIE_ECAM]: the low ECAM. */
const LOW_ECAM: Region = { base: 0x3f00_0000, size: 0x0100_0000 };
/** virt.c extended_memmap, in order. */
const HIGH_REDIST2_SIZE = 64 * 2 ** 20;
const HIGH_ECAM_SIZE = 256 * 2 ** 20;
const HIGH_MMIO_SIZE = 512 * GIB;

const roundUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** The high regions for `ramBytes` of RAM at RAM_BASE on a CPU with `paBits` of physical address. */
export function highMemmap(ramBytes: number, paBits: number): HighMemmap {
  const top = 2 ** paBits;
  let base = Math.max(roundUp(RAM_BASE + ramBytes, GIB), RAM_BASE + LEGACY_RAM_LIMIT);
  const place = (size: number): Region | undefined => {
    const at = roundUp(base, size);
    if (at + size > top) return undefined; // virt_set_high_memmap: fits = region_base + size <= BIT_ULL(pa_bits)
    base = at + size;
    return { base: at, size };
  };
  place(HIGH_REDIST2_SIZE);
  const ecam = place(HIGH_ECAM_SIZE) ?? LOW_ECAM;
  return { ecam, mmioHigh: place(HIGH_MMIO_SIZE) };
}

/** PCIe buses an ECAM window holds: 1 MiB of configuration space each (virt.c create_pcie nr_pcie_buses). */
export function ecamBuses(ecam: Region): number {
  return ecam.size / 2 ** 20;
}
