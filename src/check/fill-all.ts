// The TLB a checker must assume: while a regime is in context the PE may cache any non-faulting translation its
// registers allow (ARM §D8.16 R SQBCS; ARCH-NOTES §8, §10). fillAll caches every one of them — each path of valid
// descriptors the speculative walker of src/mmu/speculate.ts can follow — and TlbSnapshot keeps such a TLB to
// restore before each explored run.
import { KM_LEAF, REGIME_EL10, type Tlb, TlbFill, tlbKey } from '../mmu/tlb.ts';
import { speculativeFill } from '../mmu/speculate.ts';
import type { TranslationContext } from '../mmu/translate.ts';
import { ChoiceTree } from './choice-tree.ts';

/** Cache every non-faulting translation of the regime of `el` (1: EL1&0 with the registers of `ctx`). */
export function fillAll(ctx: TranslationContext, el: number, limit = 1 << 16): number {
  const t = new ChoiceTree();
  const picker = { pick: (n: number) => t.choose(n) };
  let filled = 0;
  do if (speculativeFill(ctx, el, picker)) filled++;
  while (t.runs < limit && t.advance());
  return filled;
}

/** Does `t` hold the entry `f` (the same tags, input block and output)? */
export function holds(t: Tlb, f: TlbFill): boolean {
  const key = tlbKey(f.inLo, f.inHi, f.shift);
  for (let e = 0; e < t.capacity; e++) {
    if (t.kind[e] === f.kind && t.regime[e] === f.regime && t.vmid[e] === f.vmid && t.shift[e] === f.shift && t.key[e] === key && t.out[e] === f.out) return true;
  }
  return false;
}

/** The valid entries of a TLB, re-inserted in index order by restore(). */
export class TlbSnapshot {
  private readonly fills: TlbFill[] = [];

  constructor(t: Tlb) {
    for (let e = 0; e < t.capacity; e++) {
      if (t.kind[e] === 0) continue;
      // the switch checker runs without a walk cache (Tlb.walkChoices null, docs/DESIGN-NOTES.md "The walk cache")
      if ((KM_LEAF & (1 << t.kind[e]!)) === 0) throw new Error('TlbSnapshot: a walk-cache entry (table descriptor) in the TLB; only leaf entries are snapshotted');
      const f = new TlbFill();
      const shift = t.shift[e]!;
      // invert tlbKey: VA[47:shift] and the VA[55] range bit above them
      const span = 2 ** (32 - shift);
      const key = t.key[e]!;
      const hiPart = Math.floor(key / span);
      f.inLo = ((key % span) * 2 ** shift) >>> 0;
      f.inHi = ((hiPart & 0xffff) | (((hiPart >>> 16) & 1) << 23)) >>> 0;
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

  get entries(): readonly TlbFill[] {
    return this.fills;
  }

  get size(): number {
    return this.fills.length;
  }

  restore(t: Tlb): void {
    t.clear();
    this.insertInto(t);
  }

  insertInto(t: Tlb): void {
    for (const f of this.fills) t.insert(f);
  }
}
