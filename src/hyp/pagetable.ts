// A reusable page-table builder for the image builder (and tests): stage-1 (EL1&0 or EL2) and stage-2 tables,
// 4K and 64K granules, blocks where size and alignment allow, concatenated stage-2 roots.
// Descriptor formats: ARM §D8.3 (ARCH-NOTES §7a, §7b).

/** Where tables are written: physical memory seen byte by byte (the builder never reads code paths). */
export interface TableMemory {
  writeU64(pa: number, v: bigint): void;
  readU64(pa: number): bigint;
}

/**
 * The pool has no room left for a table; `mapping` is what was being mapped (absent: a root table) and `context` the
 * index of the context whose tables were being built, when the builder's caller knows it.
 */
export class TablePoolExhausted extends Error {
  constructor(
    message: string,
    readonly mapping?: { readonly ia: bigint; readonly size: bigint },
    readonly context?: number,
  ) {
    super(message);
  }
}

/** Hands out zeroed, granule-aligned table pages from a pool no context maps. */
export class TablePool {
  private next: number;
  readonly used: { pa: number; size: number }[] = [];

  constructor(
    readonly mem: TableMemory,
    readonly base: number,
    readonly size: number,
  ) {
    this.next = base;
  }

  /** Allocate `bytes` aligned to `align` (zeroed). */
  alloc(bytes: number, align: number): number {
    const pa = Math.ceil(this.next / align) * align;
    if (pa + bytes > this.base + this.size) {
      throw new TablePoolExhausted(`page-table pool at 0x${this.base.toString(16)} (${this.size} bytes) is exhausted`);
    }
    for (let o = 0; o < bytes; o += 8) this.mem.writeU64(pa + o, 0n);
    this.next = pa + bytes;
    this.used.push({ pa, size: bytes });
    return pa;
  }

  get end(): number {
    return this.next;
  }
}

export type Granule = 4 | 64;

export interface TableFormat {
  readonly granule: Granule;
  /** 1 = stage 1, 2 = stage 2 (different leaf attribute fields). */
  readonly stage: 1 | 2;
  /** Input address size in bits (64 − TnSZ). */
  readonly inputBits: number;
}

/** Leaf attributes in the descriptor's own terms. */
export interface LeafAttrs {
  /** Stage 1: MAIR index (AttrIndx[2:0]). Stage 2: MemAttr[3:0]. */
  readonly attr: number;
  /** Stage 1: AP[2:1]. Stage 2: S2AP[1:0] (01 RO, 10 WO, 11 RW). */
  readonly ap: number;
  /** Stage 1: UXN (XN at EL2); stage 2: XN. */
  readonly xn: boolean;
  /** Stage 1 only: PXN. */
  readonly pxn?: boolean;
  /** Stage 1 only: not global (tagged with the ASID). */
  readonly ng?: boolean;
  /** Shareability SH[1:0]; default inner shareable (11). */
  readonly sh?: number;
}

export function granuleBits(g: Granule): number {
  return g === 4 ? 12 : 16;
}

/** Levels and root size of a format (ARM §D8.2; stage 2 concatenates up to 16 root tables, ARCH-NOTES §5). */
export function layout(f: TableFormat): { startLevel: number; rootEntries: number } {
  const gb = granuleBits(f.granule);
  const stride = gb - 3;
  if (f.stage === 1) {
    // stage 1: start level = 4 − ceil((inputBits − granuleBits) / stride), no concatenation
    const levels = Math.ceil((f.inputBits - gb) / stride);
    const startLevel = 4 - levels;
    return { startLevel, rootEntries: 2 ** (f.inputBits - gb - (levels - 1) * stride) };
  }
  // stage 2: the smallest number of levels whose root, concatenated ≤ 16 times, covers the input size
  for (let levels = 1; levels <= 4; levels++) {
    const covered = gb + levels * stride;
    if (covered + 4 >= f.inputBits) {
      const startLevel = 4 - levels;
      if (f.granule === 4 && startLevel === 0 && f.inputBits < 40) continue; // AArch64.S2InconsistentSL range
      const rootBits = f.inputBits - gb - (levels - 1) * stride;
      return { startLevel, rootEntries: 2 ** rootBits };
    }
  }
  throw new Error(`no stage-2 layout for a ${f.inputBits}-bit input with a ${f.granule}K granule`);
}

/** VTCR_EL2.SL0 for a stage-2 start level (4K: 0→L2, 1→L1, 2→L0; 64K: 0→L3, 1→L2, 2→L1). */
export function sl0For(granule: Granule, startLevel: number): number {
  return granule === 4 ? 2 - startLevel : 3 - startLevel;
}

/** Whether a block descriptor is allowed at `level` (4K: L1, L2; 64K: L2 — 52-bit PA absent). */
function blockAllowed(g: Granule, level: number): boolean {
  return g === 4 ? level === 1 || level === 2 : level === 2;
}

const DESC_VALID = 1n;
const DESC_TABLE = 3n; // bits[1:0] = 11 at levels 0–2: table; at level 3: page
const DESC_BLOCK = 1n;
const AF = 1n << 10n;

export class PageTableBuilder {
  readonly root: number;
  readonly startLevel: number;
  private readonly gb: number;
  private readonly stride: number;

  constructor(
    private readonly pool: TablePool,
    readonly format: TableFormat,
  ) {
    const { startLevel, rootEntries } = layout(format);
    this.startLevel = startLevel;
    this.gb = granuleBits(format.granule);
    this.stride = this.gb - 3;
    const rootBytes = rootEntries * 8;
    // the root (with concatenation) is aligned to its own size, at least 64 bytes (ARCH-NOTES §4, §5)
    this.root = pool.alloc(Math.max(rootBytes, 8 * 8), Math.max(rootBytes, 64));
  }

  /** Bits of input address resolved below `level` (the size of one entry's region is 2^shift). */
  private shift(level: number): number {
    return this.gb + (3 - level) * this.stride;
  }

  /** Map [ia, ia+size) to [oa, oa+size); both granule-aligned. Uses blocks where they fit. */
  map(ia: bigint, oa: bigint, size: bigint, attrs: LeafAttrs): void {
    const gsize = 1n << BigInt(this.gb);
    if (ia % gsize !== 0n || oa % gsize !== 0n || size % gsize !== 0n) {
      throw new Error(`mapping 0x${ia.toString(16)} → 0x${oa.toString(16)} (+0x${size.toString(16)}) is not ${this.format.granule}K-aligned`);
    }
    if (ia + size > 1n << BigInt(this.format.inputBits)) {
      throw new Error(`0x${(ia + size).toString(16)} is beyond the ${this.format.inputBits}-bit input range`);
    }
    let done = 0n;
    try {
      while (done < size) done += this.mapOne(ia + done, oa + done, size - done, attrs);
    } catch (e) {
      if (e instanceof TablePoolExhausted) throw new TablePoolExhausted(e.message, { ia, size });
      throw e;
    }
  }

  /** Map the largest block or page that fits at ia; returns its size. */
  private mapOne(ia: bigint, oa: bigint, remaining: bigint, attrs: LeafAttrs): bigint {
    let table = this.root;
    for (let level = this.startLevel; level <= 3; level++) {
      const sh = BigInt(this.shift(level));
      const entrySize = 1n << sh;
      const mask = level === this.startLevel ? (1n << BigInt(this.format.inputBits)) - 1n : (1n << BigInt(this.stride)) * entrySize - 1n;
      const index = Number((ia & mask) >> sh);
      const slot = table + index * 8;
      const fits = (level === 3 || blockAllowed(this.format.granule, level)) && ia % entrySize === 0n && oa % entrySize === 0n && remaining >= entrySize;
      if (fits) {
        const type = level === 3 ? DESC_TABLE : DESC_BLOCK;
        this.pool.mem.writeU64(slot, this.leaf(oa, attrs) | type);
        return entrySize;
      }
      const desc = this.pool.mem.readU64(slot);
      if ((desc & 3n) === DESC_TABLE) {
        table = Number(desc & ((1n << 48n) - 1n) & ~((1n << BigInt(this.gb)) - 1n));
      } else if ((desc & DESC_VALID) === 0n) {
        const next = this.pool.alloc(1 << this.gb, 1 << this.gb);
        this.pool.mem.writeU64(slot, BigInt(next) | DESC_TABLE);
        table = next;
      } else {
        throw new Error(`0x${ia.toString(16)} is already mapped by a block at level ${level}`);
      }
    }
    throw new Error('unreachable: level 3 always fits a granule-aligned page');
  }

  private leaf(oa: bigint, a: LeafAttrs): bigint {
    const sh = BigInt(a.sh ?? 3) << 8n;
    if (this.format.stage === 1) {
      return (
        oa |
        (BigInt(a.attr & 7) << 2n) | // AttrIndx[2:0]
        (BigInt(a.ap & 3) << 6n) | // AP[2:1]
        sh |
        AF |
        (a.ng ? 1n << 11n : 0n) | // nG
        (a.pxn ? 1n << 53n : 0n) | // PXN
        (a.xn ? 1n << 54n : 0n) // UXN / XN
      );
    }
    return (
      oa |
      (BigInt(a.attr & 15) << 2n) | // MemAttr[3:0]
      (BigInt(a.ap & 3) << 6n) | // S2AP[1:0]
      sh |
      AF |
      (a.xn ? 1n << 54n : 0n) // stage-2 XN
    );
  }
}
