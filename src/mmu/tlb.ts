// The two TLBs of DESIGN.md §3.
// 1. The architectural TLB: what a program can observe and what TLBI acts on. Leaf entries tagged by regime, VMID
//    (EL1&0: the VTTBR_EL2.VMID current at fill time, also when HCR_EL2.VM=0 — ARM §D8.16 R QNPQX), ASID or global,
//    block size and kind (stage 1, stage 2, combined). Set-associative with round-robin replacement, struct of typed
//    arrays (no allocation). Faulting translations are never inserted (ARM §D8.16 R XCLRD).
//    Beside them, when `walkChoices` is set (the explorers), walk-cache entries: one valid table descriptor of a walk
//    (stage 1 of either regime, stage 2), keyed by the input range it covers and its level, tagged as leaf entries
//    are (ARM §D8.16: a TLB may hold entries from any level of a walk through valid descriptors; only the faulting
//    entry is never cached, R XCLRD). A walk may then take a level's descriptor from here instead of memory (walk.ts).
// 2. The host cache in front: per (EL, access kind) a direct-mapped table from a 4 KiB VA page to a 4 KiB PA page
//    (and its memory type) whose tag carries a generation number; bumping the generation invalidates every entry at
//    once. Every host-cache entry derives from a leaf entry of the architectural TLB (or from no entry: stage 1 and
//    stage 2 off). Removing a 4 KiB stage-1 or combined entry (TLBI, eviction) drops only the slots of its VA page
//    (hostDropEntry); removing any other entry bumps the generation, as does every change of the registers
//    translation reads (Cpu.registerWritten; docs/DESIGN-NOTES.md "The host cache across context synchronization").
//    An entry covers one 4 KiB VA page, the smallest granule: an access that crosses into the
//    next page must look that page up too (Cpu.translateData).
import type { TlbiScope } from '../arch/sysops.ts';
import { POW2 } from './addr.ts';
import { ACC_EXEC, ACC_WRITE } from './result.ts';
import type { MmuTrace } from './trace.ts';
import { WIDE_ZERO } from '../bits/wide-field.ts';
import { PAGE_SIZE, type RamPage } from '../memory/phys.ts';
import type { Arena } from '../memory/arena.ts';

export const KIND_S1 = 1; // stage 1 of a regime without stage 2: input VA, output PA
export const KIND_S2 = 2; // stage 2 only: input IPA, output PA
export const KIND_S12 = 3; // combined stage 1 + stage 2: input VA, output PA
export const KIND_W1 = 4; // walk cache: a stage-1 table descriptor (either regime), input VA
export const KIND_W2 = 5; // walk cache: a stage-2 table descriptor, input IPA
export const REGIME_EL10 = 0;
export const REGIME_EL2 = 1;

/** Kind masks for lookups and TLBI scopes (bit = 1 << kind). */
export const KM_S1 = 1 << KIND_S1;
export const KM_S2 = 1 << KIND_S2;
export const KM_S12 = 1 << KIND_S12;
export const KM_STAGE1 = KM_S1 | KM_S12; // "stage 1 entries" of ARM §D8.17 (incl. combined S1+S2)
export const KM_ALL = KM_S1 | KM_S2 | KM_S12;
export const KM_W1 = 1 << KIND_W1;
export const KM_W2 = 1 << KIND_W2;
/** The leaf (complete-translation) kinds: what an explorer's eviction choice and the views consider. */
export const KM_LEAF = KM_ALL;

/**
 * The choices of a TLB with a walk cache (Tlb.walkChoices; null: no table descriptor is ever cached — `--sync
 * immediate` and the deterministic `--sync architectural`, docs/DESIGN-NOTES.md). Caching one and using it are
 * both only permitted (ARM §D8.16), so an explorer takes each way.
 */
export interface WalkCacheChoices {
  /** A walk at `level` finds a cached table descriptor (differing from memory, or memory not compared): use it? */
  useCached(level: number): boolean;
  /** A walk read a valid table descriptor at `level` from memory that differs from the one cached for its range: does
   *  it replace it (or is the older one kept)? A descriptor with none cached is always cached: a walk may read
   *  memory instead of any cached one (useCached), so caching it takes no behaviour away. */
  replaceTable(level: number): boolean;
}

/** Entry flags: which stage's memory type is Device (unaligned data accesses then take an Alignment fault). */
export const F_S1_DEVICE = 1;
export const F_S2_DEVICE = 2;

/** What a fill writes: set the fields, then call Tlb.insert(fill). Preallocated, reused. */
export class TlbFill {
  regime = REGIME_EL10;
  vmid = 0;
  asid = 0;
  global = true;
  kind = KIND_S1;
  /** Input address (VA with VA[55] in hi bit 23, or IPA) as halves; aligned down to the block by insert. */
  inLo = WIDE_ZERO;
  inHi = WIDE_ZERO;
  /** Block size, log2 bytes. */
  shift = 12;
  /** Output address of the block base. */
  out = WIDE_ZERO;
  /** Combined entries: the IPA of the input address. */
  ipa = WIDE_ZERO;
  s1perm = 0x3f;
  s2perm = 0x3f;
  s1level = 0;
  s2level = 0;
  attr = 0;
  sh = 0;
  flags = 0;
}

/** The input key: VA[47:shift] plus the VA[55] range select bit above them. A walk-cache entry of level 0 (4 KiB
 *  granule) or 1 (64 KiB) covers 2^39 or 2^42 bytes: its VA[47:shift] lie in `hi` alone. */
export function tlbKey(lo: number, hi: number, shift: number): number {
  const top = (hi & 0xffff) + ((hi >>> 23) & 1) * 0x10000;
  return shift < 32 ? top * POW2[32 - shift]! + (lo >>> shift) : Math.floor(top / POW2[shift - 32]!);
}

export const HC_BITS = 8;
const HC_SIZE = 1 << HC_BITS;
export const HC_MASK = HC_SIZE - 1;
const GEN_MASK = 0xfff; // the generation lives in tag bits [11:0] (VA page bits are [31:12])

/** Expressions for a Tlb's host-cache tag arrays and generation in generated code (hostHitSource). */
export interface HostCacheView {
  readonly hcTag: string;
  readonly hcHi: string;
  readonly gen: string;
}
/** The view through the Tlb `t` itself. */
export const hostCacheView = (t: string): HostCacheView => ({ hcTag: `${t}.hcTag`, hcHi: `${t}.hcHi`, gen: `${t}.gen` });

/**
 * The host-cache hit test (DESIGN.md §3) as source text over expressions for the Tlb's arrays (`view`: the translator's
 * blocks keep them in locals), the slot and the VA's halves (`hi` an int32): slot s holds the VA's 4 KiB page in the
 * current generation. The one source of the test: the translator's generated code embeds it (src/cpu/jit/emit.ts) and
 * the interpreter's hostHit is made from it. What a caller needs besides (alignment, RAM, no code on the page, Normal
 * memory) it tests itself.
 */
export function hostHitSource(view: HostCacheView, s: string, lo: string, hi: string): string {
  return `${view.hcTag}[${s}] === ((${lo} & 0xfffff000) | ${view.gen}) && ${view.hcHi}[${s}] === ${hi}`;
}

export class Tlb {
  readonly ways: number;
  readonly setMask: number;
  // --- architectural entries (index = set * ways + way) ---
  readonly kind: Uint8Array; // 0 = invalid
  readonly regime: Uint8Array;
  readonly vmid: Uint16Array;
  readonly asid: Uint16Array;
  readonly global: Uint8Array;
  readonly shift: Uint8Array;
  readonly key: Float64Array;
  readonly out: Float64Array;
  /** Combined entries: the IPA of the block base (for HPFAR on stage-2 faults found on a hit). */
  readonly ipa: Float64Array;
  readonly s1perm: Uint8Array;
  readonly s2perm: Uint8Array;
  readonly s1level: Uint8Array;
  readonly s2level: Uint8Array;
  readonly attr: Uint8Array;
  readonly sh: Uint8Array;
  readonly flags: Uint8Array;
  /** Walk-cache entries (KIND_W1/W2): the table descriptor as halves (its lookup level in s1level); 0 for leaves. */
  readonly descLo: Uint32Array;
  readonly descHi: Uint32Array;
  private readonly nextWay: Uint8Array;
  /** Bit n set: some entry may have block size 2^n (lookups probe only those sizes). */
  private shifts = 0;
  /** Some walk-cache entry may be valid (cleared by clear()). */
  private walkUsed = false;
  // --- host cache: 9 tables (EL 0..2 × read/write/exec) ---
  // Its tags and generation are in the machine's arena when the CPU has one (src/memory/arena.ts: the bytes a wasm
  // block reads), else in arrays of their own.
  readonly hcTag: Int32Array;
  readonly hcHi: Int32Array;
  /** The generation, in tag bits [11:0] of every entry filled since the last hostFlush (never 0). A field, not only an
   *  arena word: TurboFan keeps a field it has loaded across the typed-array stores of a block (they cannot alias it),
   *  and reloaded an array element at every access (CoreMark -O2 1.02–1.04× slower, 26 pairs). */
  gen = 1;
  /** hcGen[0] = gen, for code compiled to WebAssembly (it reads no JavaScript field); written with it by hostFlush. */
  readonly hcGen: Int32Array;
  readonly hcPa: Float64Array = new Float64Array(9 * HC_SIZE);
  /** The RAM page behind a host-cache entry (undefined for MMIO), and the word index of the VA page's offset 0 in it. */
  readonly hcPage: (RamPage | undefined)[] = new Array<RamPage | undefined>(9 * HC_SIZE).fill(undefined);
  readonly hcWord: Int32Array = new Int32Array(9 * HC_SIZE);
  /**
   * For a TLB whose host cache is in an arena: the wasm address of the VA page's first byte in the arena for an entry
   * a wasm block may use (src/cpu/wasm/emit.ts access), else 0 — an entry that is not RAM, and a write entry of a page
   * that holds decoded code (a store there must drop translated code: Cpu.store). A page that gets decoded code
   * afterwards empties the host cache first (Cpu.refillFetch), so no write entry of it is left.
   */
  readonly hcOff: Int32Array;
  /** The host cache is in an arena (hcOff is filled). */
  readonly inArena: boolean;
  /** 1 when the entry's memory type is Device (DC ZVA faults on Device memory: translateZeroBlock misses on those). */
  readonly hcDevice: Uint8Array = new Uint8Array(9 * HC_SIZE);
  /** False while the CPU must see every data access (a watchpoint may match, src/cpu/debug.ts): data entries are not filled. */
  hostData = true;
  /** --trace mmu,tlb (null: off). */
  trace: MmuTrace | null = null;
  /** Table descriptors are cached, as these choose (null: never, the default). */
  walkChoices: WalkCacheChoices | null = null;
  /** Statistics for views and benchmarks. */
  fills = 0;
  evictions = 0;
  /** Times the host cache was emptied (hostFlush: TLB changes, translation registers written). */
  hostFlushes = 0;
  /** Times one 4 KiB page's slots were dropped instead (hostDropEntry). */
  hostPageDrops = 0;
  /** Bumped by every change to the architectural entries (a checker caches what it derives from them). */
  changes = 0;

  constructor(sets = 256, ways = 4, arena?: Arena) {
    if ((sets & (sets - 1)) !== 0 || ways > 255) throw new Error('TLB sets must be a power of two');
    const hostArray = (n: number): Int32Array => (arena === undefined ? new Int32Array(n) : new Int32Array(arena.buffer, arena.take(4 * n), n));
    this.hcTag = hostArray(9 * HC_SIZE);
    this.hcHi = hostArray(9 * HC_SIZE);
    this.hcGen = hostArray(1);
    this.hcGen[0] = 1;
    this.hcOff = hostArray(9 * HC_SIZE);
    this.inArena = arena !== undefined;
    this.ways = ways;
    this.setMask = sets - 1;
    // the leaf entries' sets, then as many for the walk cache (a table descriptor never evicts a leaf entry)
    const n = 2 * sets * ways;
    this.kind = new Uint8Array(n);
    this.regime = new Uint8Array(n);
    this.vmid = new Uint16Array(n);
    this.asid = new Uint16Array(n);
    this.global = new Uint8Array(n);
    this.shift = new Uint8Array(n);
    this.key = new Float64Array(n);
    this.out = new Float64Array(n);
    this.ipa = new Float64Array(n);
    this.s1perm = new Uint8Array(n);
    this.s2perm = new Uint8Array(n);
    this.s1level = new Uint8Array(n);
    this.s2level = new Uint8Array(n);
    this.attr = new Uint8Array(n);
    this.sh = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.descLo = new Uint32Array(n);
    this.descHi = new Uint32Array(n);
    this.nextWay = new Uint8Array(2 * sets);
  }

  get capacity(): number {
    return this.kind.length;
  }

  /** The set of a walk-cache entry: in the second half of the arrays. */
  private walkSetOf(lo: number, hi: number, shift: number): number {
    return this.setMask + 1 + this.setOf(lo, hi, shift);
  }

  /** The set of input (lo, hi) for block size 2^shift: a function of tlbKey's bits (VA[47:shift]), so that a TLBI by
   *  address finds an entry in the sets of its own address (invalidate). */
  private setOf(lo: number, hi: number, shift: number): number {
    // the input bits above the block (a level-0/1 walk-cache entry: above bit 32, in `hi` alone)
    const top = hi & 0xffff;
    const k = shift < 32 ? (lo >>> shift) | (top << (32 - shift)) : top >>> (shift - 32);
    return (k ^ (k >>> 9) ^ shift) & this.setMask;
  }

  /**
   * Find a leaf entry for input (lo, hi) of `regime`, tagged `vmid` (ignored for EL2) and matching `asid` unless global,
   * of a kind in `kindMask`. Returns the entry index or -1.
   */
  lookup(regime: number, vmid: number, asid: number, kindMask: number, lo: number, hi: number): number {
    const W = this.ways;
    for (let m = this.shifts; m !== 0; m &= m - 1) {
      const shift = 31 - Math.clz32(m & -m);
      const key = tlbKey(lo, hi, shift);
      const base = this.setOf(lo, hi, shift) * W;
      for (let e = base; e < base + W; e++) {
        const k = this.kind[e]!;
        if (k === 0 || (kindMask & (1 << k)) === 0 || this.key[e] !== key || this.shift[e] !== shift) continue;
        if (this.regime[e] !== regime) continue;
        if (regime === REGIME_EL10 && this.vmid[e] !== vmid) continue;
        if (this.global[e] === 0 && this.asid[e] !== asid) continue;
        return e;
      }
    }
    return -1;
  }

  /** Insert a leaf entry (replacing round-robin within its set). Returns its index. */
  insert(f: TlbFill): number {
    const shift = f.shift;
    const key = tlbKey(f.inLo, f.inHi, shift);
    const set = this.setOf(f.inLo, f.inHi, shift);
    const W = this.ways;
    let e = -1;
    // the same translation (tags, address and output) is refilled in place; a different output under the same tags is
    // a second entry, as in hardware, where a stale entry survives the fill beside it and a lookup may use either (ARM
    // §D8.16 TLB conflict: multiple matching entries give a TLB conflict abort or one of them, CONSTRAINED UNPREDICTABLE)
    const vmid = f.regime === REGIME_EL10 ? f.vmid : 0;
    const asid = f.global ? 0 : f.asid;
    for (let i = set * W; i < set * W + W; i++) {
      if (this.kind[i] === f.kind && this.key[i] === key && this.shift[i] === shift && this.regime[i] === f.regime &&
        this.vmid[i] === vmid && this.asid[i] === asid && (this.global[i] === 1) === f.global &&
        this.out[i] === f.out - (f.out % POW2[shift]!) && this.s1perm[i] === f.s1perm && this.s2perm[i] === f.s2perm &&
        this.attr[i] === f.attr) e = i;
    }
    if (e < 0) {
      const w = this.nextWay[set]!;
      this.nextWay[set] = w + 1 === W ? 0 : w + 1;
      e = set * W + w;
      if (this.kind[e] !== 0) {
        // the host cache may hold translations derived from the evicted entry
        this.evictions++;
        this.hostDropEntry(e);
      }
    }
    this.kind[e] = f.kind;
    this.regime[e] = f.regime;
    this.vmid[e] = vmid;
    this.asid[e] = asid;
    this.global[e] = f.global ? 1 : 0;
    this.shift[e] = shift;
    this.key[e] = key;
    this.out[e] = f.out - (f.out % POW2[shift]!);
    this.ipa[e] = f.ipa - (f.ipa % POW2[shift]!);
    this.s1perm[e] = f.s1perm;
    this.s2perm[e] = f.s2perm;
    this.s1level[e] = f.s1level;
    this.s2level[e] = f.s2level;
    this.attr[e] = f.attr;
    this.sh[e] = f.sh;
    this.flags[e] = f.flags;
    this.descLo[e] = 0;
    this.descHi[e] = 0;
    this.shifts |= 1 << shift;
    this.fills++;
    this.changes++;
    if (this.trace !== null) this.trace.filled(this, e);
    return e;
  }

  /** Output address of entry `e` for input low word `lo`: block base plus the offset within the block. */
  outputOf(e: number, lo: number): number {
    // blocks are at most 1 GiB (shift ≤ 30), so the offset is in the low word
    return this.out[e]! + ((lo & ((1 << this.shift[e]!) - 1)) >>> 0);
  }

  /**
   * Invalidate the entries in `scope` (a TLBI row's columns, src/arch/sysops.ts) tagged `vmid` (-1: any VMID), with
   * `asid` (-1: any; else non-global entries with that ASID, plus global entries when scope.global), and — when the
   * scope is by address — whose block (a walk-cache entry: the range its table descriptor covers) contains the input
   * address (lo, hi). Returns how many were removed.
   */
  invalidate(scope: TlbiScope, vmid: number, asid: number, lo: number, hi: number): number {
    const regime = scope.regime === 'EL2' ? REGIME_EL2 : REGIME_EL10;
    // the last-level forms (VALE1, VAALE1, VALE2, IPAS2LE1 …) need only remove entries from the last level of a walk,
    // so they leave the walk cache; every other form removes the table descriptors of its scope too (ARM C5.5 TLBI
    // VAE1 / VALE1: "all levels" / "last level"; D8.17.1 breaking a table entry needs the all-levels form)
    const walk = scope.lastLevel ? 0 : scope.stage === 'stage1' ? KM_W1 : scope.stage === 'stage2' ? KM_W2 : KM_W1 | KM_W2;
    const kindMask = (scope.stage === 'stage1' ? KM_STAGE1 : scope.stage === 'stage2' ? KM_S2 : KM_ALL) | walk;
    const byAddr = scope.address !== 'none';
    let n = 0;
    if (byAddr && !this.walkUsed) {
      // by address: an entry of block size 2^shift can only be in the set of the address for that size (setOf)
      const W = this.ways;
      for (let m = this.shifts; m !== 0; m &= m - 1) {
        const base = this.setOf(lo, hi, 31 - Math.clz32(m & -m)) * W;
        for (let e = base; e < base + W; e++) if (this.removeIfInScope(e, n, scope, regime, kindMask, vmid, asid, lo, hi)) n++;
      }
    } else {
      // the walk cache's half only once a table descriptor was cached (never under --sync immediate)
      const end = this.walkUsed ? this.kind.length : this.kind.length >>> 1;
      for (let e = 0; e < end; e++) if (this.removeIfInScope(e, n, scope, regime, kindMask, vmid, asid, lo, hi)) n++;
    }
    if (n > 0) this.changes++;
    return n;
  }

  /** invalidate's test of entry `e`; removes it when in scope (`removed`: how many this TLBI removed before it). */
  private removeIfInScope(
    e: number, removed: number, scope: TlbiScope, regime: number, kindMask: number, vmid: number, asid: number, lo: number, hi: number,
  ): boolean {
    const k = this.kind[e]!;
    if (k === 0 || (kindMask & (1 << k)) === 0 || this.regime[e] !== regime) return false;
    if (vmid >= 0 && this.vmid[e] !== vmid) return false;
    if (asid >= 0 && (this.global[e] === 1 ? !scope.global : this.asid[e] !== asid)) return false;
    if (scope.address !== 'none' && this.key[e] !== tlbKey(lo, hi, this.shift[e]!)) return false;
    // the host cache may hold translations derived from it (one removed entry: its page's slots; several: all)
    if (removed === 0) this.hostDropEntry(e);
    else if (removed === 1) this.hostFlush();
    this.kind[e] = 0;
    return true;
  }

  /**
   * The walk-cache entry of `kind` (KIND_W1/W2) for the table descriptor at `level` whose range (2^shift bytes)
   * holds input (lo, hi), tagged `regime`, `vmid` (EL1&0) and `asid` (non-global entries), or -1.
   */
  lookupTable(kind: number, regime: number, vmid: number, asid: number, level: number, shift: number, lo: number, hi: number): number {
    const key = tlbKey(lo, hi, shift);
    const base = this.walkSetOf(lo, hi, shift) * this.ways;
    for (let e = base; e < base + this.ways; e++) {
      if (this.kind[e] !== kind || this.key[e] !== key || this.shift[e] !== shift || this.s1level[e] !== level) continue;
      if (this.regime[e] !== regime || (regime === REGIME_EL10 && this.vmid[e] !== vmid)) continue;
      if (this.global[e] === 0 && this.asid[e] !== asid) continue;
      return e;
    }
    return -1;
  }

  /**
   * Cache table descriptor (dl, dh) read at `level` by a walk of input (lo, hi), covering 2^shift bytes: in place of
   * the entry lookupTable finds for the same tags, else round-robin in its set. Stage-1 table descriptors of the
   * EL1&0 regime are tagged with the walk's ASID: an entry from a non-leaf level is treated as non-global (ARM §D8.16
   * R CHVGJ; ARCH-NOTES §8; the Cortex-A57 TRM §5.6: walk-cache entries are associated with an ASID and a VMID).
   */
  insertTable(kind: number, regime: number, vmid: number, asid: number, level: number, shift: number, lo: number, hi: number, dl: number, dh: number): number {
    const nonGlobal = kind === KIND_W1 && regime === REGIME_EL10;
    const tagAsid = nonGlobal ? asid : 0;
    let e = this.lookupTable(kind, regime, vmid, tagAsid, level, shift, lo, hi);
    if (e < 0) {
      const set = this.walkSetOf(lo, hi, shift);
      const w = this.nextWay[set]!;
      this.nextWay[set] = w + 1 === this.ways ? 0 : w + 1;
      e = set * this.ways + w;
      if (this.kind[e] !== 0) {
        this.evictions++;
        this.hostDropEntry(e);
      }
    }
    this.kind[e] = kind;
    this.regime[e] = regime;
    this.vmid[e] = regime === REGIME_EL10 ? vmid : 0;
    this.asid[e] = tagAsid;
    this.global[e] = nonGlobal ? 0 : 1;
    this.shift[e] = shift;
    this.key[e] = tlbKey(lo, hi, shift);
    this.s1level[e] = level;
    this.descLo[e] = dl;
    this.descHi[e] = dh;
    this.out[e] = 0;
    this.walkUsed = true;
    this.fills++;
    this.changes++;
    return e;
  }

  /** Drop entry `e` (a checker choosing an eviction: an implementation may drop any entry at any time, ARM §D8.16). */
  evict(e: number): void {
    if (this.kind[e] === 0) return;
    this.hostDropEntry(e);
    this.kind[e] = 0;
    this.changes++;
  }

  /** Empty the architectural TLB (reset). */
  clear(): void {
    this.changes++;
    this.kind.fill(0);
    this.shifts = 0;
    this.walkUsed = false;
    this.hostFlush();
  }

  /** Number of valid entries (views, tests). */
  count(): number {
    let n = 0;
    for (let e = 0; e < this.kind.length; e++) if (this.kind[e] !== 0) n++;
    return n;
  }

  // --- host cache ---

  /** Host-cache slot for (EL, access kind, VA). */
  static hostSlot(el: number, acc: number, lo: number): number {
    return ((el * 3 + acc) << HC_BITS) | ((lo >>> 12) & HC_MASK);
  }

  /** Slot s of the host cache holds the 4 KiB VA page of (lo, hi) in the current generation (hostHitSource). */
  static readonly hit = new Function('t', 's', 'lo', 'hi', `return ${hostHitSource(hostCacheView('t'), 's', 'lo', 'hi')};`) as (
    t: Tlb, s: number, lo: number, hi: number,
  ) => boolean;

  /**
   * The slot of the host cache that serves an aligned `size`-byte access (a power of two: every byte in one 4 KiB
   * page) at VA (lo, hi) for (el, acc) from RAM, or -1: not cached, misaligned, or not RAM (Device, MMIO). The
   * caller reads the RAM page (hcPage) and its word (hcWord + page offset / 4) from the slot.
   */
  static hostLookup(t: Tlb, el: number, acc: number, lo: number, hi: number, size: number): number {
    const s = Tlb.hostSlot(el, acc, lo);
    return Tlb.hit(t, s, lo, hi) && (lo & (size - 1)) === 0 && t.hcPage[s] !== undefined ? s : -1;
  }

  /** Remember VA page → PA page (and whether it is Device memory) for (el, acc): valid until the next hostFlush. */
  hostFill(el: number, acc: number, lo: number, hi: number, pa: number, page: RamPage | undefined, device: boolean): void {
    if (!this.hostData && acc !== ACC_EXEC) return;
    const s = Tlb.hostSlot(el, acc, lo);
    this.hcTag[s] = (lo & 0xfffff000) | this.gen;
    this.hcHi[s] = hi | 0;
    const base = pa - (lo & 0xfff);
    this.hcPa[s] = base;
    // a 4 KiB VA page maps inside one 64 KiB RAM page, so a hit can read the host array directly
    this.hcPage[s] = page;
    this.hcWord[s] = (base & (PAGE_SIZE - 1)) >>> 2;
    this.hcDevice[s] = device ? 1 : 0;
    if (this.inArena) this.hcOff[s] = page === undefined || (acc === ACC_WRITE && page.ops !== undefined) ? 0 : page.u8.byteOffset + (base & (PAGE_SIZE - 1));
  }

  /**
   * Entry `e` (still valid) is being removed: drop what the host cache may have derived from it. A 4 KiB stage-1 or
   * combined entry serves only its own VA page, whose slot index is the same in every (EL, access) table, so those
   * nine slots go (a tag of 0 never matches: the generation is never 0); any other entry — a block, a stage-2 entry
   * (its input is an IPA, which any VA page may map to), a walk-cache entry — empties the whole host cache.
   */
  private hostDropEntry(e: number): void {
    const k = this.kind[e]!;
    if (this.shift[e] !== 12 || (k !== KIND_S1 && k !== KIND_S12)) {
      this.hostFlush();
      return;
    }
    // key = VA[47:12] (+ VA[55] above), so its low HC_BITS bits are the VA's slot index, VA[19:12] (hostSlot)
    const idx = this.key[e]! % HC_SIZE;
    for (let t = 0; t < 9; t++) this.hcTag[(t << HC_BITS) | idx] = 0;
    this.hostPageDrops++;
  }

  /** Invalidate the whole host cache (O(1) except every 4095th call). */
  hostFlush(): void {
    this.hostFlushes++;
    this.gen = (this.gen + 1) & GEN_MASK;
    if (this.gen === 0) {
      this.hcTag.fill(0);
      this.gen = 1;
    }
    this.hcGen[0] = this.gen;
  }
}
