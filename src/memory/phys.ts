// Sparse physical memory: RAM in lazily allocated 64 KiB pages (each its own buffer, or views of the machine's arena:
// arena.ts), plus an MMIO bus for devices.
// Physical addresses are JS numbers below 2^48 (exact). Multi-byte values are little-endian.
// Which RAM page a PA names is one function, ramPageIndex(), in float arithmetic that is exact for every PA:
// never `>>>`, `>>` or `| 0` on a whole PA, which keep only its low 32 bits (issue 11: RAM above 4 GiB aliased
// the RAM 4 GiB below it). `pa & PAGE_MASK` is exact: it needs only the low 16 bits.

import { WIDE_ZERO } from '../bits/wide-field.ts';
import type { Arena } from './arena.ts';

export const PAGE_SHIFT = 16;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_SIZE - 1;
/** PAs are below 2^48: the walker hands descriptor addresses over as halves with bits [47:32] in the high one. */
export const PA_LIMIT = 2 ** 48;
/** The first 2^18 RAM pages (16 GiB) are found in one flat array, one load, as the walker needs. */
const FLAT_PAGES = 2 ** 18;
/** Pages beyond them are kept in leaves of 2^12 (256 MiB of RAM), each allocated on first touch, so that up to
 *  2^28 pages (16 TiB, the most a 44-bit PA leaves room for) cost a directory of 2^16 entries, not 2^28. */
const LEAF_BITS = 12;
const LEAF_MASK = (1 << LEAF_BITS) - 1;
/** backing() evaluates ramPageIndex at least at every multiple of this (where a 32-bit index would wrap). */
const BACKING_CHECK_SPAN = 2 ** 32;

/** A memory-mapped device: offsets are relative to its base; size is 1, 2, 4 or 8 bytes. */
export interface Device {
  readonly name: string;
  /** Returns the value read (for 8-byte reads only the low 32 bits are used; devices here are 32-bit). */
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
  /**
   * True for a device QEMU gives the default MemoryRegionOps.impl.max_access_size of 4 and that this model relies on
   * it: an 8-byte access reaches it as two 4-byte accesses, the lower address first (QEMU access_with_adjusted_size).
   */
  readonly splitsDoublewords?: boolean;
  /**
   * A device with 64-bit registers (QEMU impl.max_access_size = 8: the GICv3) answers an aligned 8-byte access whole:
   * the low word into out[0], the high word into out[1]. Without these, an 8-byte access reaches read/write.
   */
  readDoubleword?(offset: number, out: Uint32Array): void;
  writeDoubleword?(offset: number, lo: number, hi: number): void;
}

interface Mapping {
  readonly base: number;
  readonly size: number;
  readonly device: Device;
}

/** One RAM page: one buffer, three views. */
export interface RamPage {
  /** The PA of its first byte (set when a memory takes the page: pages are reused across memories). */
  pa: number;
  readonly u8: Uint8Array;
  readonly u32: Uint32Array;
  readonly dv: DataView;
  /** The CPU's decode cache for the words of this page (src/cpu/decode-cache.ts; 0 = not decoded), allocated on
   *  first execution. */
  ops: Int32Array | undefined;
  /** The CPU's translated blocks in this page (src/cpu/jit), opaque here: `covered` marks the words they hold. */
  jit: TranslatedCode | undefined;
}

/** What memory knows of translated code: which words it was made from, and how to drop it all. */
export interface TranslatedCode {
  readonly covered: Uint8Array;
  drop(): void;
}

/**
 * Words `first`..`last` of page `p` were written: forget each one's decoded op and, when a translated block holds any
 * of them, every translated block of the page (self-modifying code). True when blocks were dropped, so a CPU running
 * one must leave it. Every word is forgotten, whatever an earlier one found (a store may span three words).
 */
export function forgetCode(p: RamPage, first: number, last: number): boolean {
  const ops = p.ops;
  if (ops === undefined) return false;
  const jit = p.jit;
  let held = false;
  for (let wi = first; wi <= last; wi++) {
    ops[wi] = 0;
    if (jit !== undefined && jit.covered[wi] !== 0) held = true;
  }
  if (held && jit !== undefined) jit.drop();
  return held;
}

/** What one piece of the physical address space is, as the machine routes an access to it (audit compares these). */
export type Backing =
  /** RAM: the bytes at `offset` in the RAM store, ramPageIndex(pa) · PAGE_SIZE + the offset in the page. */
  | { readonly kind: 'ram'; readonly pa: number; readonly size: number; readonly offset: number }
  | { readonly kind: 'device'; readonly pa: number; readonly size: number; readonly device: Device; readonly offset: number }
  /** Neither RAM nor a device: an access takes a synchronous external abort. */
  | { readonly kind: 'none'; readonly pa: number; readonly size: number };

/** A piece's bytes as an interval of its own space: RAM store offsets, the device's offsets, or (nothing behind
 *  them) the PAs themselves. */
export function backingSpan(b: Backing): [number, number] {
  const lo = b.kind === 'none' ? b.pa : b.offset;
  return [lo, lo + b.size];
}

/** Both pieces name bytes of the same space: both RAM, the same device, or both nothing. */
export function sameBackingSpace(a: Backing, b: Backing): boolean {
  return a.kind === b.kind && (a.kind !== 'device' || a.device === (b as Extract<Backing, { kind: 'device' }>).device);
}

/** The first PA of `a` whose bytes are also `b`'s, if any. */
export function sharedFrom(a: Backing, b: Backing): number | undefined {
  if (!sameBackingSpace(a, b)) return undefined;
  const [alo, ahi] = backingSpan(a);
  const [blo, bhi] = backingSpan(b);
  const lo = Math.max(alo, blo);
  return lo < Math.min(ahi, bhi) ? a.pa + (lo - alo) : undefined;
}

/** The first PA of `a` whose bytes are also those of one of `bs`, if any. */
export function sharedWithAny(a: Backing, bs: readonly Backing[]): number | undefined {
  let first: number | undefined;
  for (const b of bs) {
    const at = sharedFrom(a, b);
    if (at !== undefined && (first === undefined || at < first)) first = at;
  }
  return first;
}

/** Pages a memory gave back (PhysMemory.release), reused by newPage: a case-per-machine campaign allocated and
 *  collected megabytes a case. At most SPARE_MAX kept. */
const spare: RamPage[] = [];
const SPARE_MAX = 512;

/** A page as first touched: zero (unless `zero` is false: its every byte is about to be written), no decoded words,
 *  no translated code — a reused one made so. */
function newPage(pa: number, zero = true): RamPage {
  const reused = spare.pop();
  if (reused !== undefined) {
    if (zero) reused.u8.fill(0);
    reused.pa = pa;
    reused.ops = undefined;
    reused.jit = undefined;
    return reused;
  }
  return pageOver(new ArrayBuffer(PAGE_SIZE), 0, pa);
}

/** The RAM page at byte `off` of `buf`, whose first PA is `pa`: one shape for every page (V8 keeps one hidden class). */
function pageOver(buf: ArrayBuffer, off: number, pa: number): RamPage {
  // pa starts as a double (-0 then the PA): a small first value would make V8 type the field as a small integer and
  // deprecate the pages' hidden class at the first PA of 2^30 or more (src/bits/wide-field.ts)
  const page: RamPage = {
    pa: WIDE_ZERO,
    u8: new Uint8Array(buf, off, PAGE_SIZE),
    u32: new Uint32Array(buf, off, PAGE_SIZE >>> 2),
    dv: new DataView(buf, off, PAGE_SIZE),
    ops: undefined,
    jit: undefined,
  };
  page.pa = pa;
  return page;
}

export class PhysMemory {
  /** RAM page i: flat[i] below FLAT_PAGES, else leaves[(i − FLAT_PAGES) >>> LEAF_BITS][i & LEAF_MASK]; filled on first touch. */
  private readonly flat: (RamPage | undefined)[];
  private readonly leaves: ((RamPage | undefined)[] | undefined)[];
  private readonly devices: Mapping[] = [];
  readonly ramEnd: number;
  /** Number of 64 KiB pages of RAM. */
  readonly pageCount: number;
  /** ramBase / PAGE_SIZE: the number of the first RAM page. */
  private readonly firstPage: number;

  /**
   * `arena`: RAM is its RAM area (arena.ts), page i at arena.ramOffset + i · PAGE_SIZE, so that the bytes are also
   * WebAssembly's; without one, each page is an ArrayBuffer of its own (and RAM may exceed a wasm memory's 4 GiB).
   */
  constructor(
    readonly ramBase: number,
    readonly ramSize: number,
    readonly arena?: Arena,
  ) {
    if (!Number.isSafeInteger(ramBase) || !Number.isSafeInteger(ramSize) || ramBase < 0 || ramSize <= 0 || ramBase + ramSize > PA_LIMIT) {
      throw new Error(`RAM 0x${ramBase.toString(16)} + 0x${ramSize.toString(16)} is not a non-empty range below 2^48`);
    }
    if (ramBase % PAGE_SIZE !== 0 || ramSize % PAGE_SIZE !== 0) throw new Error('RAM base and size must be 64 KiB aligned');
    if (arena !== undefined && arena.ramBytes !== ramSize) throw new Error(`RAM of 0x${ramSize.toString(16)} bytes in an arena made for 0x${arena.ramBytes.toString(16)}`);
    this.ramEnd = ramBase + ramSize;
    this.firstPage = ramBase / PAGE_SIZE;
    this.pageCount = ramSize / PAGE_SIZE;
    this.flat = new Array<RamPage | undefined>(Math.min(this.pageCount, FLAT_PAGES)).fill(undefined);
    this.leaves = new Array<(RamPage | undefined)[] | undefined>(Math.ceil(Math.max(0, this.pageCount - FLAT_PAGES) / (LEAF_MASK + 1))).fill(undefined);
  }

  /**
   * Give every RAM page back for reuse by memories made later (at most SPARE_MAX kept; an arena's pages stay its own,
   * zeroed): this memory then holds no page (it reads zero, as new). Only for the owner of a machine that is done with it: whatever still holds a page of it
   * (the CPU's fetch and host caches, translated code) must never be used again.
   */
  release(): void {
    const arena = this.arena;
    const give = (l: (RamPage | undefined)[]): void => {
      for (let i = 0; i < l.length; i++) {
        const p = l[i];
        if (p === undefined) continue;
        l[i] = undefined;
        if (arena !== undefined) p.u8.fill(0); // the arena's bytes stay this memory's: zero, as never touched
        else if (spare.length < SPARE_MAX) spare.push(p);
      }
    };
    give(this.flat);
    for (const leaf of this.leaves) if (leaf !== undefined) give(leaf);
  }

  /** Map a device at [base, base + size); it may overlap neither RAM nor another device (one PA, one backing). */
  mapDevice(base: number, size: number, device: Device): void {
    const clash = [{ base: this.ramBase, size: this.ramSize, device: { name: 'RAM' } }, ...this.devices].find((m) => base < m.base + m.size && m.base < base + size);
    if (clash !== undefined) throw new Error(`${device.name} at 0x${base.toString(16)} (+0x${size.toString(16)}) overlaps ${clash.device.name} at 0x${clash.base.toString(16)}`);
    this.devices.push({ base, size, device });
  }

  isRam(pa: number, size = 1): boolean {
    return pa >= this.ramBase && pa + size <= this.ramEnd;
  }

  /**
   * The number of the RAM page that holds RAM address `pa` (ramBase ≤ pa < ramEnd): the one definition of which
   * RAM bytes a PA names. page() and backing() use it; pageOfHalves() computes the same in integer arithmetic.
   */
  ramPageIndex(pa: number): number {
    return Math.floor((pa - this.ramBase) / PAGE_SIZE);
  }

  /** The RAM page holding `pa` (allocated on first touch), or undefined outside RAM. */
  page(pa: number): RamPage | undefined {
    if (!(pa >= this.ramBase && pa < this.ramEnd)) return undefined;
    const i = this.ramPageIndex(pa);
    return (i < FLAT_PAGES ? this.flat[i] : undefined) ?? this.pageAt(i);
  }

  /** RAM page number `i` (0 ≤ i < pageCount), allocated on first touch (zeroed unless `zero` is false). */
  private pageAt(i: number, zero = true): RamPage {
    if (i < FLAT_PAGES) return this.flat[i] ?? (this.flat[i] = this.newPage(i, zero));
    const l = (i - FLAT_PAGES) >>> LEAF_BITS;
    const leaf = this.leaves[l] ?? (this.leaves[l] = new Array<RamPage | undefined>(LEAF_MASK + 1).fill(undefined));
    return leaf[i & LEAF_MASK] ?? (leaf[i & LEAF_MASK] = this.newPage(i, zero));
  }

  /** RAM page number `i` as first touched: its bytes in the arena (zero until written: arena.ts, release), or a page of
   *  its own (newPage). */
  private newPage(i: number, zero: boolean): RamPage {
    const pa = this.ramBase + i * PAGE_SIZE;
    const arena = this.arena;
    return arena === undefined ? newPage(pa, zero) : pageOver(arena.buffer, arena.ramOffset + i * PAGE_SIZE, pa);
  }

  /**
   * page(), for a caller that writes every byte of the page before anything reads it: one allocated now may come from
   * a released memory with its old bytes (page() zeroes them), which the caller's writes replace. Nothing else differs.
   */
  pageToOverwrite(pa: number): RamPage | undefined {
    if (!(pa >= this.ramBase && pa < this.ramEnd)) return undefined;
    return this.pageAt(this.ramPageIndex(pa), false);
  }

  /**
   * page() for a PA below 2^48 given as halves (hi = bits [47:32]) in integer arithmetic only: the table walker's
   * descriptor reads (src/mmu/walk.ts), where float address arithmetic would dominate. The same page as
   * ramPageIndex() names (test/memory/high-pa.test.ts compares them).
   */
  pageOfHalves(lo: number, hi: number): RamPage | undefined {
    // the 64 KiB page number (< 2^32) minus the first RAM page, as unsigned: below-RAM addresses wrap to huge values
    // (exact: the true difference lies in (−2^32, 2^32) because RAM ends at or below 2^48)
    const i = (((hi << 16) | (lo >>> PAGE_SHIFT)) - this.firstPage) >>> 0;
    if (i >= this.pageCount) return undefined;
    return (i < FLAT_PAGES ? this.flat[i] : undefined) ?? this.pageAt(i);
  }

  /**
   * The doubleword at `pa` outside RAM as a translation table walk reads it (QEMU arm_ldq_ptw: page tables may lie in
   * MMIO): an 8-byte read of the device mapped there, which a splitsDoublewords device answers as two 4-byte reads,
   * lower first, one with readDoubleword whole (any other gives 32 bits, as Cpu.readDevice) — into out[0] (low word)
   * and out[1]. False when nothing is mapped at `pa` (a Synchronous External abort on the walk).
   */
  readDeviceDoubleword(pa: number, out: Uint32Array): boolean {
    const m = this.deviceAt(pa);
    if (m === undefined) return false;
    const off = pa - m.base;
    if (m.device.readDoubleword !== undefined) {
      m.device.readDoubleword(off, out);
      return true;
    }
    const split = m.device.splitsDoublewords === true;
    out[0] = m.device.read(off, split ? 4 : 8) >>> 0;
    out[1] = split ? m.device.read(off + 4, 4) >>> 0 : 0;
    return true;
  }

  /** The device mapped at `pa`, with the offset in `deviceOffset`; undefined when none. */
  deviceAt(pa: number): Mapping | undefined {
    for (const m of this.devices) if (pa >= m.base && pa < m.base + m.size) return m;
    return undefined;
  }

  /**
   * [pa, pa + size) as the pieces the machine routes it to — RAM by its offset in the RAM store (ramPageIndex, the
   * function page() uses), a device by its mapping, or nothing — with adjacent pieces of contiguous backing merged.
   * The page index is evaluated at every boundary of RAM and devices, at every multiple of 4 GiB and at both ends of
   * each piece (a piece whose ends disagree is split), so a RAM store that is not contiguous — one indexed in 32 bits,
   * say — shows as pieces whose offsets repeat. Not a hot path (audit).
   */
  backing(pa: number, size: number): Backing[] {
    const end = pa + size;
    // the common case — wholly in RAM, no 4 GiB multiple and no device inside — is one piece, found without the cut
    // list (the audit and the observer ask this for every leaf and region pair)
    if (pa >= this.ramBase && end <= this.ramEnd && size > 0 && Math.floor(pa / BACKING_CHECK_SPAN) === Math.floor((end - 1) / BACKING_CHECK_SPAN) &&
      !this.devices.some((m) => m.base < end && m.base + m.size > pa)) {
      const out: Backing[] = [];
      this.backingPiece(pa, end, out);
      return out;
    }
    const cuts = new Set<number>([pa, end]);
    for (const b of [this.ramBase, this.ramEnd, ...this.devices.flatMap((m) => [m.base, m.base + m.size])]) if (b > pa && b < end) cuts.add(b);
    const ramLo = Math.max(pa, this.ramBase);
    const ramHi = Math.min(end, this.ramEnd);
    for (let c = Math.ceil(ramLo / BACKING_CHECK_SPAN) * BACKING_CHECK_SPAN; c < ramHi; c += BACKING_CHECK_SPAN) if (c > pa) cuts.add(c);
    const points = [...cuts].sort((a, b) => a - b);
    const out: Backing[] = [];
    for (let k = 0; k + 1 < points.length; k++) this.backingPiece(points[k]!, points[k + 1]!, out);
    return out;
  }

  /** Append the backing of [lo, hi), which lies wholly in RAM, in one device, or in neither. */
  private backingPiece(lo: number, hi: number, out: Backing[]): void {
    if (this.isRam(lo)) {
      const offset = this.ramOffset(lo);
      // its two ends must lie as far apart in the store as in the PA space, else split it at a page boundary (a
      // piece inside one page always passes: its bytes are that page's)
      if (this.ramOffset(hi - 1) - offset !== hi - 1 - lo) {
        let mid = Math.floor((lo + hi) / 2 / PAGE_SIZE) * PAGE_SIZE;
        if (mid <= lo) mid = (Math.floor(lo / PAGE_SIZE) + 1) * PAGE_SIZE;
        this.backingPiece(lo, mid, out);
        this.backingPiece(mid, hi, out);
        return;
      }
      const prev = out.at(-1);
      if (prev?.kind === 'ram' && prev.pa + prev.size === lo && prev.offset + prev.size === offset) out[out.length - 1] = { ...prev, size: prev.size + hi - lo };
      else out.push({ kind: 'ram', pa: lo, size: hi - lo, offset });
      return;
    }
    const m = this.deviceAt(lo);
    const prev = out.at(-1);
    if (m !== undefined) out.push({ kind: 'device', pa: lo, size: hi - lo, device: m.device, offset: lo - m.base });
    else if (prev?.kind === 'none' && prev.pa + prev.size === lo) out[out.length - 1] = { ...prev, size: prev.size + hi - lo };
    else out.push({ kind: 'none', pa: lo, size: hi - lo });
  }

  /** The byte offset of RAM address `pa` in the RAM store. */
  private ramOffset(pa: number): number {
    return this.ramPageIndex(pa) * PAGE_SIZE + (pa & PAGE_MASK);
  }

  // --- byte-granular helpers for loaders, devices and tools (not the CPU's hot path) ---

  readU8(pa: number): number {
    const p = this.page(pa);
    return p === undefined ? 0 : p.u8[pa & PAGE_MASK]!;
  }

  writeU8(pa: number, v: number): void {
    const p = this.page(pa);
    if (p === undefined) return;
    p.u8[pa & PAGE_MASK] = v;
    const wi = (pa & PAGE_MASK) >>> 2;
    forgetCode(p, wi, wi); // self-modifying code: forget the decoded word and translated blocks
  }

  readBytes(pa: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.readU8(pa + i);
    return out;
  }

  /** Write `bytes` at `pa` a page at a time (a loader's megabytes), forgetting code in the words written. */
  writeBytes(pa: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; ) {
      const p = this.page(pa + i);
      const off = (pa + i) % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, bytes.length - i);
      if (p !== undefined) {
        p.u8.set(bytes.subarray(i, i + n), off);
        forgetCode(p, off >>> 2, (off + n - 1) >>> 2);
      }
      i += n;
    }
  }

  /**
   * Zero [pa, pa + n) of RAM. A page never touched reads zero already and stays unallocated (a missing leaf is
   * skipped whole), so zeroing a huge range (an ELF segment's p_memsz) costs only the pages that hold something.
   */
  zero(pa: number, n: number): void {
    const from = Math.max(pa, this.ramBase);
    const to = Math.min(pa + n, this.ramEnd);
    for (let a = from; a < to; ) {
      const i = this.ramPageIndex(a);
      const leaf = i < FLAT_PAGES ? this.flat : this.leaves[(i - FLAT_PAGES) >>> LEAF_BITS];
      if (leaf === undefined) {
        a = this.ramBase + (FLAT_PAGES + (((i - FLAT_PAGES) >>> LEAF_BITS) + 1) * (LEAF_MASK + 1)) * PAGE_SIZE;
        continue;
      }
      const next = Math.min(to, this.ramBase + (i + 1) * PAGE_SIZE);
      const p = leaf[i < FLAT_PAGES ? i : i & LEAF_MASK];
      if (p !== undefined) {
        const off = (a - this.ramBase) % PAGE_SIZE;
        p.u8.fill(0, off, off + (next - a));
        forgetCode(p, off >>> 2, (off + (next - a) - 1) >>> 2);
      }
      a = next;
    }
  }

  readU64(pa: number): bigint {
    // within one 64 KiB page (RAM begins and ends on one): all of it RAM, or none of it
    const off = pa & PAGE_MASK;
    if (off <= PAGE_SIZE - 8) {
      const p = this.page(pa);
      return p === undefined ? 0n : p.dv.getBigUint64(off, true);
    }
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(this.readU8(pa + i));
    return v;
  }

  writeU64(pa: number, v: bigint): void {
    for (let i = 0; i < 8; i++) this.writeU8(pa + i, Number((v >> BigInt(8 * i)) & 0xffn));
  }

  readU32(pa: number): number {
    const off = pa & PAGE_MASK;
    if (off <= PAGE_SIZE - 4) {
      const p = this.page(pa);
      return p === undefined ? 0 : p.dv.getUint32(off, true);
    }
    return (this.readU8(pa) | (this.readU8(pa + 1) << 8) | (this.readU8(pa + 2) << 16) | (this.readU8(pa + 3) << 24)) >>> 0;
  }

  writeU32(pa: number, v: number): void {
    for (let i = 0; i < 4; i++) this.writeU8(pa + i, (v >>> (8 * i)) & 0xff);
  }

  /** Read a NUL-terminated string (semihosting SYS_WRITE0), at most `max` bytes. */
  readCString(pa: number, max = 1 << 20): Uint8Array {
    const bytes: number[] = [];
    for (let i = 0; i < max; i++) {
      const b = this.readU8(pa + i);
      if (b === 0) break;
      bytes.push(b);
    }
    return Uint8Array.from(bytes);
  }
}
