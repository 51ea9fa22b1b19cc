// Sparse physical memory: RAM in lazily allocated 64 KiB pages, plus an MMIO bus for devices.
// Physical addresses are JS numbers (≤ 52 bits, exact). Multi-byte values are little-endian.

export const PAGE_SHIFT = 16;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_SIZE - 1;

/** A memory-mapped device: offsets are relative to its base; size is 1, 2, 4 or 8 bytes. */
export interface Device {
  readonly name: string;
  /** Returns the value read (for 8-byte reads only the low 32 bits are used; devices here are 32-bit). */
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
}

interface Mapping {
  readonly base: number;
  readonly size: number;
  readonly device: Device;
}

/** One RAM page: one buffer, three views. */
export interface RamPage {
  readonly u8: Uint8Array;
  readonly u32: Uint32Array;
  readonly dv: DataView;
  /** Decode cache for the words of this page (op index + 1; 0 = not decoded), allocated on first execution. */
  ops: Uint16Array | undefined;
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

export class PhysMemory {
  private readonly pages: (RamPage | undefined)[];
  private readonly devices: Mapping[] = [];
  readonly ramEnd: number;
  /** ramBase / PAGE_SIZE: the number of the first RAM page. */
  private readonly firstPage: number;

  constructor(
    readonly ramBase: number,
    readonly ramSize: number,
  ) {
    if (ramBase % PAGE_SIZE !== 0 || ramSize % PAGE_SIZE !== 0) throw new Error('RAM base and size must be 64 KiB aligned');
    this.ramEnd = ramBase + ramSize;
    this.firstPage = ramBase / PAGE_SIZE;
    this.pages = new Array<RamPage | undefined>(ramSize / PAGE_SIZE).fill(undefined);
  }

  mapDevice(base: number, size: number, device: Device): void {
    this.devices.push({ base, size, device });
  }

  isRam(pa: number, size = 1): boolean {
    return pa >= this.ramBase && pa + size <= this.ramEnd;
  }

  /** The RAM page holding `pa` (allocated on first touch), or undefined outside RAM. */
  page(pa: number): RamPage | undefined {
    if (pa < this.ramBase || pa >= this.ramEnd) return undefined;
    const i = (pa - this.ramBase) >>> PAGE_SHIFT;
    let p = this.pages[i];
    if (p === undefined) {
      const buf = new ArrayBuffer(PAGE_SIZE);
      p = { u8: new Uint8Array(buf), u32: new Uint32Array(buf), dv: new DataView(buf), ops: undefined, jit: undefined };
      this.pages[i] = p;
    }
    return p;
  }

  /**
   * page() for a PA below 2^48 given as halves (hi = bits [47:32]) in integer arithmetic only: the table walker's
   * descriptor reads (src/mmu/walk.ts), where float address arithmetic would dominate.
   */
  pageOfHalves(lo: number, hi: number): RamPage | undefined {
    // the 64 KiB page number (< 2^32) minus the first RAM page, as unsigned: below-RAM addresses wrap to huge values
    const i = (((hi << 16) | (lo >>> PAGE_SHIFT)) - this.firstPage) >>> 0;
    if (i >= this.pages.length) return undefined;
    return this.pages[i] ?? this.page(this.ramBase + i * PAGE_SIZE);
  }

  /** The device mapped at `pa`, with the offset in `deviceOffset`; undefined when none. */
  deviceAt(pa: number): Mapping | undefined {
    for (const m of this.devices) if (pa >= m.base && pa < m.base + m.size) return m;
    return undefined;
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

  writeBytes(pa: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.writeU8(pa + i, bytes[i]!);
  }

  readU64(pa: number): bigint {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(this.readU8(pa + i));
    return v;
  }

  writeU64(pa: number, v: bigint): void {
    for (let i = 0; i < 8; i++) this.writeU8(pa + i, Number((v >> BigInt(8 * i)) & 0xffn));
  }

  readU32(pa: number): number {
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
