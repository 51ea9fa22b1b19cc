// Test helper: a translation context on bare RAM and a builder for translation tables (any granule, start level,
// concatenated roots, blocks). Descriptors are written with BigInt: tests are not a hot path.
import { CORTEX_A57, type Profile } from '../../src/arch/profiles.ts';
import { SR, SYSREGS } from '../../src/arch/sysreg-table.ts';
import { PhysMemory } from '../../src/memory/phys.ts';
import { MmuScratch } from '../../src/mmu/scratch.ts';
import type { MaintenanceContext } from '../../src/mmu/maintenance.ts';
import { Tlb } from '../../src/mmu/tlb.ts';

export const RAM = 0x4000_0000;

export interface TestCtx extends MaintenanceContext {
  el: number;
  set(name: keyof typeof SR, v: bigint): void;
}

export function makeCtx(profile: Profile = CORTEX_A57, ramSize = 64 * 1024 * 1024): TestCtx {
  const sr = new BigUint64Array(SYSREGS.length);
  const ctx: TestCtx = {
    sr,
    sr32: new Uint32Array(sr.buffer),
    profile,
    mem: new PhysMemory(RAM, ramSize),
    tlb: new Tlb(),
    scratch: new MmuScratch(),
    el: 1,
    set(name, v) {
      sr[SR[name]] = v;
    },
  };
  return ctx;
}

// descriptor bits
export const VALID = 1n;
export const TABLE = 3n; // table (levels 0–2) / page (level 3)
export const BLOCK = 1n;
export const AF = 1n << 10n;
export const NG = 1n << 11n;
export const AP_RW_EL1 = 0n << 6n; // AP[2:1] = 00
export const AP_RW_ALL = 1n << 6n; // 01
export const AP_RO_EL1 = 2n << 6n; // 10
export const AP_RO_ALL = 3n << 6n; // 11
export const PXN = 1n << 53n;
export const UXN = 1n << 54n;
export const XN = 1n << 54n;
export const PXNTABLE = 1n << 59n;
export const UXNTABLE = 1n << 60n;
export const APTABLE0 = 1n << 61n;
export const APTABLE1 = 1n << 62n;
export const S2AP_RW = 3n << 6n;
export const S2AP_RO = 1n << 6n;
export const S2AP_WO = 2n << 6n;
export const S2_NORMAL_WB = 0xfn << 2n; // MemAttr = 1111
export const S2_DEVICE = 0n << 2n; // MemAttr = 0000 (Device-nGnRnE)

/** Allocates zeroed tables in RAM and maps addresses through them. */
export class Tables {
  next: number;
  readonly gb: number;
  readonly stride: number;

  constructor(
    readonly mem: PhysMemory,
    gb: number,
    readonly startLevel: number,
    readonly inputBits: number,
    from = RAM + 0x100_0000,
  ) {
    this.gb = gb;
    this.stride = gb - 3;
    this.next = from;
    this.root = this.alloc(this.rootBytes());
  }

  readonly root: number;

  /** Bytes of the (possibly concatenated) start-level table. */
  rootBytes(): number {
    return 2 ** (this.inputBits - this.stride * (4 - this.startLevel));
  }

  alloc(bytes: number): number {
    const size = Math.max(bytes, 2 ** this.gb);
    this.next = Math.ceil(this.next / size) * size;
    const a = this.next;
    this.next += size;
    return a;
  }

  shiftOf(level: number): number {
    return this.gb + this.stride * (3 - level);
  }

  /** Descriptor address for `ia` at `level` in table `table`. */
  slot(table: number, level: number, ia: bigint): number {
    const bits = level === this.startLevel ? this.inputBits - this.shiftOf(level) : this.stride;
    const idx = Number((ia >> BigInt(this.shiftOf(level))) & ((1n << BigInt(bits)) - 1n));
    return table + idx * 8;
  }

  /**
   * Map input `ia` to `oa` with a leaf at `leafLevel` (block below 3, page at 3) carrying `attrs` (AF etc. are
   * not implied). Missing tables are created with `tableAttrs`. Returns the leaf descriptor's address.
   */
  map(ia: bigint, oa: bigint, leafLevel: number, attrs: bigint, tableAttrs = 0n): number {
    let table = this.root;
    for (let level = this.startLevel; level < leafLevel; level++) {
      const at = this.slot(table, level, ia);
      let d = this.mem.readU64(at);
      if ((d & 3n) !== 3n) {
        const t = this.alloc(2 ** this.gb);
        d = BigInt(t) | TABLE | tableAttrs;
        this.mem.writeU64(at, d);
      }
      table = Number(d & 0x0000_ffff_ffff_f000n & ~BigInt(2 ** this.gb - 1));
    }
    const at = this.slot(table, leafLevel, ia);
    const mask = (1n << BigInt(this.shiftOf(leafLevel))) - 1n;
    this.mem.writeU64(at, (oa & ~mask) | (leafLevel === 3 ? TABLE : BLOCK) | attrs);
    return at;
  }

  /** Address of the descriptor for `ia` at `level` along the existing path. */
  descAt(ia: bigint, level: number): number {
    let table = this.root;
    for (let l = this.startLevel; l < level; l++) {
      const d = this.mem.readU64(this.slot(table, l, ia));
      table = Number(d & 0x0000_ffff_ffff_f000n & ~BigInt(2 ** this.gb - 1));
    }
    return this.slot(table, level, ia);
  }
}

/** TCR_EL1 for a 48-bit (T0SZ=16) 4K TTBR0 range, IPS=44, T1SZ=16/TG1=4K. */
export const TCR_4K_48 = 16n | (16n << 16n) | (2n << 30n) | (4n << 32n);
/** TCR_EL1 for a 48-bit 64K TTBR0 range. */
export const TCR_64K_48 = 16n | (1n << 14n) | (16n << 16n) | (3n << 30n) | (4n << 32n);
export const SCTLR_M = 1n;
export const MAIR_NORMAL0_DEVICE1 = 0xffn | (0x00n << 8n); // Attr0 Normal WB, Attr1 Device-nGnRnE

/**
 * Put a CPU at EL1h under stage 1 (TTBR0_EL1 = s1Root: 4K granule, 48-bit VA, MAIR Attr0 Normal WB) and stage 2
 * (VTTBR_EL2 = s2Root, VMID 1: 4K, 44-bit IPA from level 0, PS 44 bits), HCR_EL2 = RW | VM.
 */
export function enterEl1Stage12(c: { readonly sr: BigUint64Array; setElSp(el: number, spsel: number): void }, s1Root: number, s2Root: number): void {
  c.sr[SR.TCR_EL1] = TCR_4K_48;
  c.sr[SR.TTBR0_EL1] = BigInt(s1Root);
  c.sr[SR.MAIR_EL1] = MAIR_NORMAL0_DEVICE1;
  c.sr[SR.SCTLR_EL1] = c.sr[SR.SCTLR_EL1]! | SCTLR_M;
  c.sr[SR.VTCR_EL2] = 20n | (2n << 6n) | (4n << 16n) | (1n << 31n); // T0SZ 20, SL0 = level 0, PS 44 bits, RES1
  c.sr[SR.VTTBR_EL2] = (1n << 48n) | BigInt(s2Root);
  c.sr[SR.HCR_EL2] = (1n << 31n) | 1n; // RW, VM
  c.setElSp(1, 1);
}
