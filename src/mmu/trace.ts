// Optional observers of the MMU for `--trace mmu,tlb` and `twostage walk`. Absent (null), each costs one test on a
// slow path: per descriptor read, per slow-path translation, per TLB fill or TLBI — never on a host-cache hit.
import type { TranslateResult } from './result.ts';
import type { Tlb } from './tlb.ts';

/** Every descriptor a table walk reads, in walk order (a stage-1 descriptor's stage-2 sub-walk comes before it). */
export interface WalkTrace {
  /**
   * Stage `stage` read the descriptor (halves lo, hi) at `pa` for lookup `level`: entry `index` of the table at `table`
   * (an IPA for stage 1 under stage 2).
   */
  descriptor(stage: number, level: number, table: number, index: number, pa: number, lo: number, hi: number): void;
}

/** The translations and TLB changes of one PE (Tlb.trace). */
export interface MmuTrace {
  /** A translation that missed the host cache finished (`ok`, or the fault in r). */
  translated(el: number, acc: number, lo: number, hi: number, ok: boolean, r: TranslateResult): void;
  /** Entry `e` was written (a walk's result or a speculative fill). */
  filled(t: Tlb, e: number): void;
  /** TLBI `op` took effect with `vmid` (its completion, under --sync architectural) and removed `removed` entries. */
  invalidated(op: string, vmid: number, removed: number): void;
}
