// A redistributor's physical LPIs (IHI 0069 "Locality-specific Peripheral Interrupts"; QEMU 7.2
// hw/intc/arm_gicv3_redist.c as the executable reference): GICR_CTLR.EnableLPIs, GICR_PROPBASER (the LPI
// Configuration table: one byte per LPI from INTID 8192, Priority 7:2, Enable 0) and GICR_PENDBASER (the LPI Pending
// table: one bit per INTID, the first 1 KiB IMPLEMENTATION DEFINED), both in guest memory and read and written there
// as QEMU does, through the system address space: outside RAM a read gives 0 and a write is dropped.
//
// Like QEMU, the redistributor caches only the highest-priority pending enabled LPI (hpplpi): it is recomputed by a
// scan of the Pending table when LPIs are enabled, on INV/INVALL, and when the cached LPI stops being pending; a newly
// pending LPI is compared with it alone. A Configuration-table change without INV/INVALL is therefore not seen until
// the next rescan (IHI 0069 allows the caching: "the effect of the change is not guaranteed to be visible until an
// INV or INVALL").

/** What the LPI tables and the ITS's tables are read from and written to: the machine's physical memory. */
export interface GuestMemory {
  isRam(pa: number, size?: number): boolean;
  readU8(pa: number): number;
  writeU8(pa: number, v: number): void;
}

/** The first LPI INTID (IHI 0069 "INTIDs": 8192 onwards). */
export const LPI_INTID_START = 8192;
/** GICD_TYPER.IDbits = 15: INTIDs have 16 bits, so LPIs 8192..65535 (QEMU GICD_TYPER_IDBITS). */
export const GICD_IDBITS = 15;
const LPI_ENABLE = 1; // Configuration table entry bit 0
const LPI_PRIORITY = 0xfc; // Configuration table entry bits 7:2 (QEMU LPI_PRIORITY_MASK; with DS = 1 not shifted)
const NONE = 0xff; // no pending enabled LPI (hpplpi.prio)
const TWO32 = 2 ** 32;

export class RedistributorLpis {
  /** GICR_CTLR.EnableLPIs. */
  enabled = false;
  /** GICR_PROPBASER and GICR_PENDBASER, 32-bit halves, every bit kept as written (QEMU gicr_writel/writell). */
  propLo = 0;
  propHi = 0;
  pendLo = 0;
  pendHi = 0;
  /** The cached highest-priority pending enabled LPI and its priority (QEMU cs->hpplpi); prio 0xff: none. */
  hppIrq = 0;
  hppPrio = NONE;

  /** `changed`: the cached LPI may have changed — the redistributor recomputes its highest-priority interrupt. */
  constructor(
    private readonly mem: GuestMemory,
    private readonly changed: () => void,
  ) {}

  reset(): void {
    this.enabled = false;
    this.propLo = this.propHi = this.pendLo = this.pendHi = 0;
    this.hppIrq = 0;
    this.hppPrio = NONE;
  }

  /** The pending LPI the redistributor offers, if any: LPIs enabled and one cached. */
  get candidate(): boolean {
    return this.enabled && this.hppPrio !== NONE;
  }

  /** GICR_CTLR.EnableLPIs written: 0 -> 1 rescans the Pending table (QEMU gicr_writel GICR_CTLR). */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (on) this.rescan();
    else this.changed();
  }

  /** INV / INVALL / GICR_CTLR: recompute the cached LPI from the tables (gicv3_redist_update_lpi). */
  rescan(): void {
    if (this.enabled) this.scan();
    this.changed();
  }

  /** An LPI asserted (1) or cleared (0) by the ITS: ignored while LPIs are disabled or outside the INTIDs
   *  GICR_PROPBASER.IDbits (at most GICD_TYPER.IDbits) gives (gicv3_redist_process_lpi). */
  process(irq: number, level: boolean): void {
    if (!this.enabled || irq < LPI_INTID_START || irq >= 2 ** (this.idbits() + 1)) return;
    this.setPending(irq, level);
  }

  /** The Pending table bit of `irq` set or cleared — by the ITS or by an acknowledge (gicv3_redist_lpi_pending). */
  setPending(irq: number, level: boolean): void {
    const addr = this.pendingBase() + (irq >>> 3);
    const byte = this.mem.readU8(addr);
    const bit = 1 << (irq & 7);
    if (((byte & bit) !== 0) === level) return; // already so: nothing to do
    this.mem.writeU8(addr, level ? byte | bit : byte & ~bit);
    if (level) {
      this.consider(irq); // a new pending LPI: only it can beat the cached one
      this.changed();
    } else if (irq === this.hppIrq) {
      this.rescan(); // the cached LPI left: find the next
    }
  }

  /** min(GICR_PROPBASER.IDbits, GICD_TYPER.IDbits): the tables cover INTIDs below 2^(idbits + 1). */
  private idbits(): number {
    return Math.min(this.propLo & 0x1f, GICD_IDBITS);
  }

  /** GICR_PROPBASER.Physical_Address, bits 51:12. */
  private configBase(): number {
    return (this.propHi & 0xf_ffff) * TWO32 + ((this.propLo & 0xffff_f000) >>> 0);
  }

  /** GICR_PENDBASER.Physical_Address, bits 51:16. */
  private pendingBase(): number {
    return (this.pendHi & 0xf_ffff) * TWO32 + ((this.pendLo & 0xffff_0000) >>> 0);
  }

  /** Every pending LPI of the Pending table, each looked up in the Configuration table (update_for_all_lpis). */
  private scan(): void {
    this.hppPrio = NONE;
    const base = this.pendingBase();
    const bytes = 2 ** (this.idbits() + 1) / 8;
    for (let i = LPI_INTID_START / 8; i < bytes; i++) {
      let pend = this.mem.readU8(base + i);
      while (pend !== 0) {
        const bit = 31 - Math.clz32(pend & -pend);
        this.consider(i * 8 + bit);
        pend &= pend - 1;
      }
    }
  }

  /** `irq` becomes the cached LPI if it is enabled and of higher priority, or equal priority and lower INTID
   *  (update_for_one_lpi; LPIs are Non-secure Group 1). */
  private consider(irq: number): void {
    const entry = this.mem.readU8(this.configBase() + irq - LPI_INTID_START);
    if ((entry & LPI_ENABLE) === 0) return;
    const prio = entry & LPI_PRIORITY;
    if (prio < this.hppPrio || (prio === this.hppPrio && irq <= this.hppIrq)) {
      this.hppIrq = irq;
      this.hppPrio = prio;
    }
  }
}
