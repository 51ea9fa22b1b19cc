// The switch's stores to the hypervisor's translation tables (the image's table pool), for the explorer (issue 16):
// such a store reaches the table walker only once a DSB covering stores has completed it (ARCH-NOTES §10: page-table
// stores are seen by the walker only after a DSB; ARM §D8.17 I WZCBG). One that changed an entry and is still not
// complete at the ERET leaves the target's translations free to use the entry's older value, whatever the ERET (a
// context synchronization event) orders. The stores are seen through the CPU's external data-access hook
// (Cpu.debug.external), before their bytes move (the harness puts the tables back before every run).
import { barrierOrdersStores } from '../arch/a64/barrier.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { debugRefresh } from '../cpu/debug.ts';
import { ACC_READ, TranslateResult } from '../mmu/result.ts';
import { translate } from '../mmu/translate.ts';
import type { Event, Insn } from './program.ts';
import type { StateHash } from './state-hash.ts';

/** A store to a table word not yet completed for the walker: the instruction, the word's PA and its value before. */
export interface TableStore {
  readonly insn: Insn;
  readonly pa: number;
  readonly old: bigint;
}

export class TableStores {
  private pending: TableStore[] = [];
  /** The table words this run wrote. */
  private readonly written = new Set<number>();
  private readonly r = new TranslateResult();

  constructor(
    private readonly c: Cpu,
    private readonly pool: { readonly pa: number; readonly size: number },
    /** The instruction executing. */
    private readonly current: () => Insn,
  ) {
    c.debug.external = (va, size, write) => {
      if (write) this.store(va, size);
      return false;
    };
    debugRefresh(c);
  }

  /** Take the hook off the CPU. */
  detach(): void {
    this.c.debug.external = null;
    debugRefresh(this.c);
  }

  /** A new run: no store pending. */
  begin(): void {
    this.pending = [];
    this.written.clear();
  }

  private store(va: bigint, size: number): void {
    const pa = this.physical(va);
    for (let a = pa - (pa % 8); a < pa + size; a += 8) {
      if (a < this.pool.pa || a >= this.pool.pa + this.pool.size) continue;
      this.written.add(a);
      if (!this.pending.some((s) => s.pa === a)) this.pending.push({ insn: this.current(), pa: a, old: this.c.mem.readU64(a) });
    }
  }

  /** The PA of a data access just translated (the TLB holds its translation; EL2 with its MMU off: VA = PA). */
  private physical(va: bigint): number {
    const c = this.c;
    // SCTLR_EL2.M = 0: the EL2 regime's stage 1 is off, PA = VA (ARM §D8.2.11)
    if (c.el === 2 && (c.sr32[SR.SCTLR_EL2 * 2]! & 1) === 0) return Number(va);
    const lo = Number(va & 0xffff_ffffn) >>> 0;
    const hi = Number(va >> 32n) >>> 0;
    return translate(c, lo, hi, ACC_READ, 1, c.el, this.r) ? this.r.pa : -1;
  }

  /** After an instruction: a DSB covering stores completes every pending store (ARCH-NOTES §10). */
  after(e: Event): void {
    if (e.k === 'dsb' && barrierOrdersStores(e.crm)) this.pending = [];
  }

  /** The pending stores that changed their entry. */
  incomplete(): TableStore[] {
    return this.pending.filter((s) => this.c.mem.readU64(s.pa) !== s.old);
  }

  /** Into the state fingerprint: the pending stores and the table words this run wrote. */
  hash(h: StateHash): void {
    for (const s of this.pending) h.num(s.pa);
    for (const pa of this.written) {
      const now = this.c.mem.readU64(pa);
      h.num(pa);
      h.num(Number(now & 0xffff_ffffn));
      h.num(Number(now >> 32n));
    }
  }
}
