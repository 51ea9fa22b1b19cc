// What physical memory a translation configuration lets a context reach: the leaves of its stage-2 tables when
// stage 2 is on, else of its stage-1 tables when stage 1 is on, else everything (VA == PA). Read from the
// machine's memory with the registers live at the ERET into the context (ARCH-NOTES §1, §2, §5, §6). Whether what
// is reached is the context's own is decided by backing (BackedSet), not by comparing address numbers.
import { field, regField } from '../arch/reg-fields.ts';
import { backingSpan, sameBackingSpace, sharedWithAny, type Backing, type PhysMemory } from '../memory/phys.ts';
import { granuleBits, layout, type Granule } from './pagetable.ts';

export interface TableReader {
  readU64(pa: number): bigint;
}

export interface Leaf {
  readonly ia: bigint;
  readonly pa: number;
  readonly size: number;
  /** Writable from the context: stage 1 AP[2] = 0 (descriptor bit 7), stage 2 S2AP[1] = 1 (bit 7). */
  readonly writable: boolean;
}

/**
 * Every valid leaf (block or page) under a root, each table once: a table reached again (at the same level) through
 * another descriptor gives the same physical ranges at other input addresses, so its leaves are listed at the first
 * input address only. Tables a context wrote to point at themselves or each other (a hostile guest's, once it can
 * reach them) would otherwise be walked 512^levels times; this way the walk is bounded by the tables that exist.
 */
export function tableLeaves(mem: TableReader, root: number, granule: Granule, startLevel: number, rootEntries: number, stage: 1 | 2): Leaf[] {
  const gb = granuleBits(granule);
  const stride = gb - 3;
  const out: Leaf[] = [];
  const seen = new Set<string>();
  const walk = (table: number, level: number, entries: number, base: bigint): void => {
    const key = `${table}/${level}`;
    if (seen.has(key)) return;
    seen.add(key);
    const shift = gb + (3 - level) * stride;
    for (let i = 0; i < entries; i++) {
      const d = mem.readU64(table + i * 8);
      if ((d & 1n) === 0n) continue;
      const ia = base + (BigInt(i) << BigInt(shift));
      const addr = Number(d & 0xffff_ffff_f000n) - (Number(d & 0xffff_ffff_f000n) % 2 ** gb);
      if (level < 3 && (d & 2n) !== 0n) walk(addr, level + 1, 2 ** stride, ia);
      else if (level === 3 ? (d & 2n) !== 0n : true) out.push({ ia, pa: Number(d & 0xffff_ffff_f000n) - (Number(d & 0xffff_ffff_f000n) % 2 ** shift), size: 2 ** shift, writable: ((d >> 7n) & 1n) === (stage === 2 ? 1n : 0n) });
    }
  };
  walk(root, startLevel, rootEntries, 0n);
  return out;
}

export interface Regime {
  readonly hcr: bigint;
  readonly vttbr: bigint;
  readonly vtcr: bigint;
  readonly ttbr0: bigint;
  readonly tcr: bigint;
  readonly sctlr: bigint;
}

export type Reach = { readonly all: true; readonly why: string } | { readonly all: false; readonly via: string; readonly leaves: readonly Leaf[] };

/** The physical memory reachable from EL1&0 under `r` (E2H = 0, non-VHE). */
export function reachOf(mem: TableReader, r: Regime): Reach {
  const tge = regField('HCR_EL2', 'TGE', r.hcr) === 1n;
  const dc = regField('HCR_EL2', 'DC', r.hcr) === 1n;
  // HCR_EL2.DC: stage 2 behaves as on; with E2H = 0, TGE does not clear VM (ARCH-NOTES §1b, §1d, §2)
  if (regField('HCR_EL2', 'VM', r.hcr) === 1n || dc) {
    const granule: Granule = regField('VTCR_EL2', 'TG0', r.vtcr) === 1n ? 64 : 4;
    const inputBits = 64 - Number(regField('VTCR_EL2', 'T0SZ', r.vtcr));
    const sl0 = Number(regField('VTCR_EL2', 'SL0', r.vtcr));
    const startLevel = granule === 4 ? 2 - sl0 : 3 - sl0;
    const shift = granuleBits(granule) + (3 - startLevel) * (granuleBits(granule) - 3);
    const root = Number(r.vttbr & field('VTTBR_EL2', 'BADDR').mask64);
    // at most 16 concatenated start tables (AArch64.S2InconsistentSL; an inconsistent VTCR_EL2 faults every access,
    // so listing the 16 tables' leaves over-approximates what is reached, never under)
    const rootEntries = Math.min(2 ** Math.max(0, inputBits - shift), 16 * 2 ** (granuleBits(granule) - 3));
    return { all: false, via: 'stage 2', leaves: tableLeaves(mem, root, granule, startLevel, rootEntries, 2) };
  }
  // TGE or DC: SCTLR_EL1.M behaves as 0 (ARM §D24.2.62)
  if (!tge && regField('SCTLR_EL1', 'M', r.sctlr) === 1n) {
    const granule: Granule = regField('TCR_EL1', 'TG0', r.tcr) === 1n ? 64 : 4;
    const inputBits = 64 - Number(regField('TCR_EL1', 'T0SZ', r.tcr));
    const { startLevel, rootEntries } = layout({ granule, stage: 1, inputBits });
    return { all: false, via: 'stage 1 (hypervisor-owned)', leaves: tableLeaves(mem, Number(r.ttbr0 & field('TTBR0_EL1', 'BADDR').mask64), granule, startLevel, rootEntries, 1) };
  }
  return { all: true, why: tge ? 'HCR_EL2.TGE=1 turns stage 1 off and VM=0 leaves stage 2 off: VA == PA' : 'stage 1 and stage 2 both off: VA == PA' };
}

/** A physical range a context may reach (read-only ones may not be reached writable). */
export interface AllowedPa {
  readonly pa: number;
  readonly size: number;
  readonly readOnly?: boolean;
}

/**
 * The bytes a machine has behind a set of PA ranges — RAM store offsets, each device's offsets, unbacked PAs — as
 * sorted disjoint intervals per space: what the PAs are as the machine routes them, not what their numbers say.
 */
export class BackedSet {
  private readonly spaces: { readonly like: Backing; readonly spans: [number, number][] }[] = [];

  constructor(
    private readonly mem: PhysMemory,
    ranges: readonly AllowedPa[],
  ) {
    for (const piece of ranges.flatMap((r) => mem.backing(r.pa, r.size))) {
      let space = this.spaces.find((x) => sameBackingSpace(x.like, piece));
      if (space === undefined) this.spaces.push((space = { like: piece, spans: [] }));
      space.spans.push(backingSpan(piece));
    }
    for (const space of this.spaces) {
      space.spans.sort((x, y) => x[0] - y[0]);
      const merged: [number, number][] = [];
      for (const [lo, hi] of space.spans) {
        const last = merged.at(-1);
        if (last !== undefined && lo <= last[1]) last[1] = Math.max(last[1], hi);
        else merged.push([lo, hi]);
      }
      space.spans.splice(0, space.spans.length, ...merged);
    }
  }

  /** Whether every byte behind [pa, pa + size) is in the set. */
  covers(pa: number, size: number): boolean {
    return this.mem.backing(pa, size).every((piece) => {
      const [lo, hi] = backingSpan(piece);
      const spans = this.spaces.find((x) => sameBackingSpace(x.like, piece))?.spans ?? [];
      // the last span starting at or before lo must reach hi (spans are disjoint and sorted)
      let i = -1;
      for (let l = 0, h = spans.length - 1; l <= h; ) {
        const m = (l + h) >> 1;
        if (spans[m]![0] <= lo) (i = m), (l = m + 1);
        else h = m - 1;
      }
      return i >= 0 && spans[i]![1] >= hi;
    });
  }
}

/** The first PA of [pa, pa + size) whose bytes `mem` also has behind [other, other + otherSize), if any. */
export function sharedBacking(mem: PhysMemory, pa: number, size: number, other: number, otherSize: number): number | undefined {
  const theirs = mem.backing(other, otherSize);
  return mem.backing(pa, size).map((a) => sharedWithAny(a, theirs)).find((at) => at !== undefined);
}
