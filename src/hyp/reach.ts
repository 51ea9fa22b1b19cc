// What physical memory a translation configuration lets a context reach: the leaves of its stage-2 tables when
// stage 2 is on, else of its stage-1 tables when stage 1 is on, else everything (VA == PA). Read from the
// machine's memory with the registers live at the ERET into the context (ARCH-NOTES §1, §2, §5, §6). Whether what
// is reached is the context's own is decided by backing (BackedSet), not by comparing address numbers.
import { el10Stage1Off, el10Stage2On } from '../arch/hcr.ts';
import { backingSpan, sameBackingSpace, sharedWithAny, type Backing, type PhysMemory } from '../memory/phys.ts';
import { baddr, eitherEl, mappings, MAX_MAPPINGS, P, stage1Format, stage2Format, TableBoundError, type Mapping, type TableFormat, type TableReader } from './table-map.ts';

export interface Leaf {
  readonly ia: bigint;
  readonly pa: number;
  readonly size: number;
  /** Writable from the context at EL1 or EL0 (stage 1 AP and APTable, or stage 2 S2AP). */
  readonly writable: boolean;
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

const leavesOf = (maps: readonly Mapping[]): Leaf[] => maps.map((m) => ({ ia: m.ia, pa: m.oa, size: m.size, writable: (eitherEl(m.perm) & P.W) !== 0 }));

/**
 * The physical memory reachable from EL1&0 under `r` (E2H = 0, non-VHE), read with the table walk the audit uses
 * (table-map.ts, each table once): a configuration the MMU faults on reaches nothing (stage2Format/stage1Format agree
 * with it); tables too large to enumerate count as reaching every PA.
 */
export function reachOf(mem: TableReader, r: Regime, paBits: number): Reach {
  const hcr = Number(r.hcr & 0xffff_ffffn);
  const s1off = el10Stage1Off(hcr, Number(r.sctlr & 0xffff_ffffn));
  const enumerate = (via: string, f: TableFormat, root: number): Reach => {
    try {
      return { all: false, via, leaves: leavesOf(mappings(mem, f, root, MAX_MAPPINGS, true)) };
    } catch (e) {
      if (!(e instanceof TableBoundError)) throw e;
      return { all: true, why: `${via}: ${e.message}, too many to list: counted as reaching every PA` };
    }
  };
  if (el10Stage2On(hcr) !== null) return enumerate('stage 2', stage2Format(r.vtcr, paBits), baddr(r.vttbr));
  if (s1off === null) return enumerate('stage 1 (hypervisor-owned)', stage1Format(r.tcr), baddr(r.ttbr0));
  return { all: true, why: s1off === 'TGE' ? 'HCR_EL2.TGE=1 turns stage 1 off and VM=0 leaves stage 2 off: VA == PA' : 'stage 1 and stage 2 both off: VA == PA' };
}

/** Regimes a ReachMemo keeps (a hypervisor uses a few per context). */
const MEMO_MAX = 256;

/**
 * reachOf remembered across the runs of one image (the isolation campaign runs each image thousands of times): a
 * regime's reach is reused while every descriptor its walk read holds the value it read then — the walk would read the
 * same descriptors again, in the same order, and find the same leaves.
 */
export class ReachMemo {
  private readonly known = new Map<string, { readonly reach: Reach; readonly pas: readonly number[]; readonly values: readonly bigint[] }>();

  /** reachOf(mem, r, paBits); `key` names the regime's registers (equal keys: equal regimes). */
  reach(mem: TableReader, r: Regime, paBits: number, key: string): Reach {
    const k = `${paBits}/${key}`;
    const e = this.known.get(k);
    if (e !== undefined && e.pas.every((pa, i) => mem.readU64(pa) === e.values[i])) return e.reach;
    const pas: number[] = [];
    const values: bigint[] = [];
    const reach = reachOf({ readU64: (pa) => { const v = mem.readU64(pa); pas.push(pa); values.push(v); return v; } }, r, paBits);
    if (this.known.size >= MEMO_MAX) this.known.clear();
    this.known.set(k, { reach, pas, values });
    return reach;
  }
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
