// Physical memory layout of an image: the hypervisor (code, data, stack, log), a page-table pool that no
// context maps, then each context's memory regions. Everything lives in the virt board's RAM.
import type { Scenario } from './scenario.ts';

export const HYP_BASE = 0x4008_0000; // QEMU places no DTB below an image that starts here (src/machine/virt.ts)
export const HYP_LIMIT = 0x4020_0000;
const MIB2 = 0x20_0000;

export interface PlacedRegion {
  /** IPA (VM) or VA (native app) of the region, as the scenario gives it. */
  readonly at: bigint;
  readonly pa: number;
  readonly size: number;
  readonly perms: 'rwx' | 'rw' | 'rx' | 'r';
}

export interface MemoryLayout {
  readonly hypBase: number;
  readonly hypLimit: number;
  readonly poolBase: number;
  readonly poolSize: number;
  /** Per context (scenario order), its regions with their physical addresses. */
  readonly regions: readonly (readonly PlacedRegion[])[];
  readonly end: number;
}

const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** Page-table bytes to reserve per context: a stage-2 and a stage-1 set with a few leaf tables each. */
function tableBudget(granule: '4K' | '64K'): number {
  return granule === '4K' ? 0x1_0000 : 0x10_0000;
}

/**
 * The alignment a region of `size` gets, so that blocks can map it: the largest block it holds (4K granule: 1 GiB
 * at level 1; 64K: 512 MiB at level 2; ARM §D8.3.1), else 2 MiB, else the granule.
 */
function blockAlign(size: number, granule: number): number {
  const big = granule === 0x1000 ? 0x4000_0000 : 0x2000_0000;
  return size >= big ? big : size >= MIB2 ? MIB2 : granule;
}

/**
 * Lay the scenario out in RAM, with at least `tableBytes` for the page-table pool; returns a reason when it does not
 * fit. Each region's PA is congruent to its IPA/VA modulo its block alignment, so how the tables map it — and how many
 * tables that takes — does not depend on where the pool ends.
 */
export function layoutMemory(s: Scenario, tableBytes = 0): MemoryLayout | string {
  const ramBase = Number(s.ram.base);
  const ramEnd = ramBase + Number(s.ram.size);
  const granule = s.granule === '4K' ? 0x1000 : 0x1_0000;
  const poolBase = HYP_LIMIT;
  const poolSize = alignUp(Math.max(tableBytes, s.contexts.length * tableBudget(s.granule) + 0x10_0000), MIB2);
  let cursor = poolBase + poolSize;
  const regions = s.contexts.map((c) =>
    c.memory.map((r) => {
      const size = Number(r.size);
      const align = blockAlign(size, granule);
      const phase = Number(r.at % BigInt(align));
      const pa = alignUp(cursor - phase, align) + phase;
      cursor = pa + size;
      return { at: r.at, pa, size, perms: r.perms };
    }),
  );
  if (ramBase > HYP_BASE || cursor > ramEnd) {
    return `too little RAM: the hypervisor, 0x${poolSize.toString(16)} bytes of page tables and the contexts need RAM up to 0x${cursor.toString(16)}; RAM is 0x${ramBase.toString(16)}..0x${ramEnd.toString(16)}`;
  }
  return { hypBase: HYP_BASE, hypLimit: HYP_LIMIT, poolBase, poolSize, regions, end: cursor };
}
