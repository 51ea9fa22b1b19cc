// The translation-table entries as the PE's table walker sees them (issue 16: "a later access translated early"), for
// the litmus runner. The PE's own loads see its stores at once, but its walks need not:
// - a store to a table entry reaches the walker only once a DSB covering stores has completed it: until then any walk
//   — the translation of a later access, a speculative fill — may read the entry's older value (ARCH-NOTES §10: page-
//   table stores are seen by the walker only after a DSB; ARM §D8.17 I WZCBG); when it starts reading the new one is
//   a choice, made before every instruction, after which it does not go back (coherence of the walker's reads);
// - after that DSB, the accesses of later instructions may still have been translated before it, with the older
//   value, until a context synchronization event (ISB, exception entry or return) follows (ARM §D8.17 I WZCBG: the
//   ISB for what the PE has already translated; ARM §D24.1.2.2): a choice for each load or store until then. Such
//   an early translation is not cached past its own access (a fill after the DSB reads the new value).
// The older value is put in memory for the walks of a step and the newer one back before the access moves a byte
// (the CPU's external data-access hook, Cpu.debug.external), so the access itself and every load see program order.
import { barrierOrdersStores } from '../arch/a64/barrier.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { debugRefresh } from '../cpu/debug.ts';
import type { PhysMemory } from '../memory/phys.ts';
import type { ChoiceTree } from './choice-tree.ts';
import type { Event } from './program.ts';
import type { StateHash } from './state-hash.ts';

/** A store to a table entry the walker may not have seen: where, the value the walker may still read, and whether a
 *  DSB covering stores has completed it (then only accesses translated early read `old`). */
interface TableStore {
  readonly pa: number;
  old: bigint;
  fenced: boolean;
}

const PAGE = 0x1000;

export class WalkerView {
  private stores: TableStore[] = [];
  /** Entries holding their older value in memory during this step, with the newer value to put back. */
  private readonly swapped: { pa: number; now: bigint }[] = [];
  /** This step's access is translated early (before the DSB that completed a store): no speculative fill now. */
  early = false;
  /** The TLB's slots before an early step: what it caches is dropped after it. */
  private tlbKinds: Uint8Array | null = null;
  private tlbKeys: Float64Array | null = null;

  /** `tablePages`: the 4 KiB pages of translation tables (identity-mapped: a store's VA is its PA). */
  constructor(
    private readonly mem: PhysMemory,
    private readonly tablePages: readonly number[],
    private readonly tree: ChoiceTree,
  ) {}

  /** Install the data-access hook on `c` (once per CPU). */
  attach(c: Cpu): void {
    c.debug.external = (va, size, write) => this.access(Number(va), size, write);
    debugRefresh(c);
  }

  /** A new run: every store seen by the walker. */
  reset(): void {
    this.stores = [];
    this.swapped.length = 0;
    this.early = false;
  }

  /** Before an instruction (`ldst`: it loads or stores): the choices, and the older values in memory for its walks. */
  before(c: Cpu, ldst: boolean): void {
    this.early = false;
    if (this.stores.length === 0) return;
    // a store the walker has not seen yet: does it see it from now on?
    this.stores = this.stores.filter((s) => s.fenced || this.tree.choose(2) === 0);
    const completed = this.stores.filter((s) => s.fenced);
    // a load or store after the completing DSB, before the next context synchronization: translated before the DSB?
    this.early = ldst && completed.length > 0 && this.tree.choose(2) === 1;
    for (const s of this.stores) {
      if (s.fenced && !this.early) continue;
      this.swapped.push({ pa: s.pa, now: this.mem.readU64(s.pa) });
      this.mem.writeU64(s.pa, s.old);
    }
    if (this.early) {
      this.tlbKinds = Uint8Array.from(c.tlb.kind);
      this.tlbKeys = Float64Array.from(c.tlb.key);
    }
  }

  /** The CPU's data access of `size` bytes at `va`, translated, before any byte moves: newer values back in memory,
   *  and a store to a table entry recorded with the value the walker may still read. */
  private access(va: number, size: number, write: boolean): boolean {
    this.restore();
    if (!write) return false;
    for (let a = va - (va % 8); a < va + size; a += 8) {
      if (!this.tablePages.includes(a - (a % PAGE))) continue;
      const s = this.stores.find((x) => x.pa === a);
      if (s === undefined) this.stores.push({ pa: a, old: this.mem.readU64(a), fenced: false });
      else if (s.fenced) {
        // a second store after the first was completed: the walker has the first's value
        s.old = this.mem.readU64(a);
        s.fenced = false;
      }
    }
    return false;
  }

  private restore(): void {
    for (const w of this.swapped) this.mem.writeU64(w.pa, w.now);
    this.swapped.length = 0;
  }

  /** After the instruction: its event (a DSB covering stores completes every store; `cse`: a context synchronization
   *  event happened — the completed stores reach every later translation). */
  after(c: Cpu, event: Event | undefined, cse: boolean): void {
    this.restore();
    if (this.early) {
      // the early translation served its access only: entries it cached are dropped
      const t = c.tlb;
      const kinds = this.tlbKinds!;
      const keys = this.tlbKeys!;
      for (let e = 0; e < t.capacity; e++) if (t.kind[e] !== 0 && (kinds[e] === 0 || t.key[e] !== keys[e])) t.evict(e);
    }
    if (event?.k === 'dsb' && barrierOrdersStores(event.crm)) for (const s of this.stores) s.fenced = true;
    if (cse) this.stores = this.stores.filter((s) => !s.fenced);
  }

  /** Into the state fingerprint: the stores the walker may not see. */
  hash(h: StateHash): void {
    for (const s of this.stores) {
      h.num(s.pa);
      h.num(Number(s.old & 0xffff_ffffn));
      h.num(Number(s.old >> 32n));
      h.word(s.fenced ? 1 : 0);
    }
  }
}
