// The TLB a checker must assume: while a regime is in context the PE may cache any non-faulting translation its
// registers allow (ARM §D8.16 R SQBCS; ARCH-NOTES §8, §10). fillAll caches every one of them — each path of valid
// descriptors the speculative walker of src/mmu/speculate.ts can follow — and, in the walk cache, every table
// descriptor on those paths (ARM §D8.16: a TLB may hold entries from any level of a walk through valid descriptors;
// only the faulting entry is never cached, R XCLRD). TlbSnapshot keeps such a TLB, leaf and walk-cache entries, to
// restore before each explored run.
import { KM_LEAF, REGIME_EL10, type Tlb, TlbFill, tlbKey, type WalkCacheChoices } from '../mmu/tlb.ts';
import { speculativeFill } from '../mmu/speculate.ts';
import type { TranslationContext } from '../mmu/translate.ts';
import { ChoiceTree } from './choice-tree.ts';

/** The walk cache of a fill: every level is read from memory (a walk may always ignore a cached descriptor) and each
 *  valid table descriptor read is cached; one already cached for the same range and tags stays (both are permitted). */
const FILL_WALKS: WalkCacheChoices = { useCached: () => false, replaceTable: () => false };

/** Cache every non-faulting translation of the regime of `el` (1: EL1&0 with the registers of `ctx`), and every table
 *  descriptor of the walks that reach them. */
export function fillAll(ctx: TranslationContext, el: number, limit = 1 << 16): number {
  const t = new ChoiceTree();
  const picker = { pick: (n: number) => t.choose(n) };
  let filled = 0;
  cachingTables(ctx.tlb, () => {
    do if (speculativeFill(ctx, el, picker)) filled++;
    while (t.runs < limit && t.advance());
  });
  return filled;
}

/** Run `fill` with `tlb` caching the table descriptors its walks read (FILL_WALKS), then without again. */
export function cachingTables<T>(tlb: Tlb, fill: () => T): T {
  const was = tlb.walkChoices;
  tlb.walkChoices = FILL_WALKS;
  try {
    return fill();
  } finally {
    tlb.walkChoices = was;
  }
}

/** A walk-cache entry (Tlb.insertTable's arguments): a table descriptor read at `level` of a walk, covering 2^shift bytes of input. */
export interface TableEntry {
  readonly kind: number;
  readonly regime: number;
  readonly vmid: number;
  readonly asid: number;
  readonly level: number;
  readonly shift: number;
  readonly inLo: number;
  readonly inHi: number;
  readonly descLo: number;
  readonly descHi: number;
}

/** The input address (VA with VA[55] in hi bit 23, or IPA) of entry `e`'s block: tlbKey inverted (VA[47:shift] and the
 *  VA[55] range bit above them). */
export function inputOf(t: Tlb, e: number): { lo: number; hi: number } {
  const shift = t.shift[e]!;
  const key = t.key[e]!;
  const span = 2 ** (32 - shift);
  const hiPart = shift < 32 ? Math.floor(key / span) : key * 2 ** (shift - 32);
  const lo = shift < 32 ? ((key % span) * 2 ** shift) >>> 0 : 0;
  return { lo, hi: ((hiPart & 0xffff) | (((hiPart >>> 16) & 1) << 23)) >>> 0 };
}

/** Does `t` hold the entry `f` (the same tags, input block and output)? */
export function holds(t: Tlb, f: TlbFill): boolean {
  const key = tlbKey(f.inLo, f.inHi, f.shift);
  for (let e = 0; e < t.capacity; e++) {
    if (t.kind[e] === f.kind && t.regime[e] === f.regime && t.vmid[e] === f.vmid && t.shift[e] === f.shift && t.key[e] === key && t.out[e] === f.out) return true;
  }
  return false;
}

/** The valid entries of a TLB — leaf and walk-cache — re-inserted in index order by restore(). */
export class TlbSnapshot {
  private readonly fills: TlbFill[] = [];
  private readonly walkFills: TableEntry[] = [];

  constructor(t: Tlb) {
    for (let e = 0; e < t.capacity; e++) {
      if (t.kind[e] === 0) continue;
      const { lo, hi } = inputOf(t, e);
      const shift = t.shift[e]!;
      if ((KM_LEAF & (1 << t.kind[e]!)) === 0) {
        this.walkFills.push({ kind: t.kind[e]!, regime: t.regime[e]!, vmid: t.vmid[e]!, asid: t.asid[e]!, level: t.s1level[e]!, shift, inLo: lo, inHi: hi, descLo: t.descLo[e]!, descHi: t.descHi[e]! });
        continue;
      }
      const f = new TlbFill();
      f.inLo = lo;
      f.inHi = hi;
      f.regime = t.regime[e]!;
      f.vmid = t.vmid[e]!;
      f.asid = t.asid[e]!;
      f.global = t.global[e] === 1;
      f.kind = t.kind[e]!;
      f.shift = shift;
      f.out = t.out[e]!;
      f.ipa = t.ipa[e]!;
      f.s1perm = t.s1perm[e]!;
      f.s2perm = t.s2perm[e]!;
      f.s1level = t.s1level[e]!;
      f.s2level = t.s2level[e]!;
      f.attr = t.attr[e]!;
      f.sh = t.sh[e]!;
      f.flags = t.flags[e]!;
      this.fills.push(f);
    }
  }

  /** Is there an EL1&0 entry tagged `vmid` whose block contains PA `pa`? */
  has(vmid: number, pa: number): boolean {
    return this.fills.some((f) => f.regime === REGIME_EL10 && f.vmid === vmid && pa >= f.out && pa < f.out + 2 ** f.shift);
  }

  /** The leaf entries. */
  get entries(): readonly TlbFill[] {
    return this.fills;
  }

  /** The walk-cache entries (table descriptors). */
  get tables(): readonly TableEntry[] {
    return this.walkFills;
  }

  get size(): number {
    return this.fills.length + this.walkFills.length;
  }

  restore(t: Tlb): void {
    t.clear();
    this.insertInto(t);
  }

  insertInto(t: Tlb): void {
    for (const f of this.fills) t.insert(f);
    for (const w of this.walkFills) t.insertTable(w.kind, w.regime, w.vmid, w.asid, w.level, w.shift, w.inLo, w.inHi, w.descLo, w.descHi);
  }
}
