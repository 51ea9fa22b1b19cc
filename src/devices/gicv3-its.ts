// The GICv3 Interrupt Translation Service QEMU's virt board has with gic-version=3 (its=on, the default): IHI 0069
// chapter "The ITS" for the architecture, QEMU 7.2 hw/intc/arm_gicv3_its.c as the executable reference. Two 64 KiB
// frames at 0x0808_0000 (hw/arm/virt.c VIRT_GIC_ITS): the control frame (GITS_CTLR, IIDR, TYPER, CBASER, CWRITER,
// CREADR, BASER0-7, the ID registers) and the translation frame with GITS_TRANSLATER at 0x1_0040.
//
// Its tables live in guest memory in QEMU's formats, read and written as QEMU does: the Device table (BASER0, 8-byte
// entries: Valid 0, Size 5:1 = EventID bits - 1, ITT_addr 49:6 = address >> 8), the Collection table (BASER1, 8-byte
// entries: Valid 0, RDbase 16:1 = processor number, GITS_TYPER.PTA = 0), and per device an Interrupt Translation
// Table of 12-byte entries (bits 63:0: Valid 0, IntType 1 = physical, pINTID 25:2, ICID 47:32, vPEID 63:48; bits
// 95:64: the doorbell, 1023). Both BASERs may be flat or two-level (Indirect: 8-byte level-1 entries, Valid 63,
// level-2 address 50:0). The command queue (GITS_CBASER: 4 KiB pages, 32-byte commands) is executed when GITS_CWRITER
// is written or the ITS enabled, synchronously, to the end: each command is done before the next (so SYNC has nothing
// to wait for). As QEMU: a command or table entry that cannot be read or written (outside RAM) stalls the queue
// (GITS_CREADR.Stalled = 1, the offset left on the command); a command with bad parameters (an ID beyond its table, an
// invalid entry, an INTID outside the LPIs) is skipped. Each is logged in `errors` with its reason.
//
// One PE, so every valid RDbase is 0: MOVI and MOVALL never move a pending LPI between redistributors, and only the
// one redistributor's LPIs are invalidated by INV/INVALL. No GICv4 (GITS_TYPER.Virtual = 0): the virtual commands
// are skipped as unknown. MSIs reach GITS_TRANSLATER from the CPU only (no PCI device here signals MSIs), whose
// DeviceID is 0 (QEMU's MemTxAttrs.requester_id for a CPU access); translate() takes any DeviceID.
import type { DoublewordDevice } from './gicv3.ts';
import { GICD_IDBITS, type GuestMemory, LPI_INTID_START } from './gicv3-lpi.ts';

export const GITS_BASE = 0x0808_0000;
/** The control frame, then the translation frame, 64 KiB each: one 128 KiB region (QEMU gicv3_its_init_mmio). */
export const GITS_SIZE = 0x2_0000;
const TRANSLATION_FRAME = 0x1_0000;
const GITS_TRANSLATER = TRANSLATION_FRAME + 0x0040;

/** What the ITS drives: the one redistributor's LPIs (gicv3-lpi.ts). */
export interface LpiTarget {
  /** gicv3_redist_process_lpi: an LPI made pending (INT, MSI) or not pending (CLEAR, DISCARD). */
  process(irq: number, level: boolean): void;
  /** gicv3_redist_update_lpi: the Configuration table may have changed (INV, INVALL). */
  rescan(): void;
}

const TWO32 = 2 ** 32;
const NUM_CPU = 1; // redistributors: RDbase (a processor number) must be below it
// GITS_TYPER (QEMU gicv3_arm_its_realize): Physical (0) = 1, ITT_entry_size (7:4) = 12 - 1, IDbits (12:8) = 15,
// Devbits (17:13) = 15, PTA (19) = 0, CIDbits (35:32) = 15, CIL (36) = 1: 16-bit EventIDs, DeviceIDs and ICIDs
const ITS_IDBITS = GICD_IDBITS;
const ITS_DEVBITS = 15;
const ITS_CIDBITS = 15;
const ITE_SIZE = 12;
const TYPER_LO = 1 | ((ITE_SIZE - 1) << 4) | (ITS_IDBITS << 8) | (ITS_DEVBITS << 13);
const TYPER_HI = ITS_CIDBITS | (1 << 4);
const CTLR_ENABLED = 1; // GITS_CTLR.Enabled
const CTLR_QUIESCENT = 1 << 31; // GITS_CTLR.Quiescent: RO, always 1 (nothing is ever in flight)
const GITS_IIDR = 0x43b; // gicv3_iidr(), as the distributor's
const PIDR0_ITS = 0x94; // GICV3_PIDR0_ITS; the other ID registers as the distributor's (gicv3_idreg)
const ID_REGS = [0x44, 0, 0, 0, PIDR0_ITS, 0xb4, 0x3b, 0, 0x0d, 0xf0, 0x05, 0xb1];
const ID_REGS_OFFSET = 0xffd0;
// GITS_BASER<n> (hi word bits are bit - 32): Size 7:0 (pages - 1), Page_Size 9:8, Physical_Address 47:12 (or 47:16
// plus 15:12 = bits 51:48 with 64 KiB pages), Entry_Size 52:48, Type 58:56, Indirect 62, Valid 63
const BASER_TYPE_DEVICE = 1;
const BASER_TYPE_COLLECTION = 4;
const BASER_PAGESIZE_64K = 2;
const BASER_ENTRY_SIZE = 8; // DTE and CTE: 8 bytes (QEMU GITS_DTE_SIZE, GITS_CTE_SIZE)
/** Entry_Size and Type are read-only (QEMU GITS_BASER_RO_MASK); both in the high word. */
const BASER_RO_HI = (0x1f << 16) | (7 << 24);
const BASER_VALID_HI = 1 << 31;
const BASER_INDIRECT_HI = 1 << 30;
const CMD_SIZE = 32; // GITS_CMDQ_ENTRY_SIZE
const CMDQ_PAGE = 0x1000; // GITS_CBASER.Size counts 4 KiB pages
const OFFSET_MASK = 0x7fff << 5; // GITS_CWRITER/CREADR.Offset, bits 19:5
const CREADR_STALLED = 1; // GITS_CREADR.Stalled
const CWRITER_RETRY = 1; // GITS_CWRITER.Retry: not kept (QEMU masks it; a stalled queue is retried on any write)
const INTID_SPURIOUS = 1023; // an ITE's doorbell field for a physical LPI
const LPI_LIMIT = 2 ** (GICD_IDBITS + 1); // LPI INTIDs are below 2^16

// command numbers (IHI 0069 "ITS commands")
const CMD = { MOVI: 0x01, INT: 0x03, CLEAR: 0x04, SYNC: 0x05, MAPD: 0x08, MAPC: 0x09, MAPTI: 0x0a, MAPI: 0x0b, INV: 0x0c, INVALL: 0x0d, MOVALL: 0x0e, DISCARD: 0x0f } as const;

/** What a command does to the queue (QEMU ItsCmdResult): stall it, or go on — after an error or not. */
type Result = 'stall' | 'continue' | 'ok';

/** A table described by a GITS_BASER<n> (QEMU TableDesc); numEntries 0 while the BASER is invalid. */
interface Table {
  base: number;
  pageSize: number;
  indirect: boolean;
  entrySize: number;
  numEntries: number;
}

interface Ite {
  valid: boolean;
  physical: boolean;
  intid: number;
  icid: number;
}

/** The most guest errors kept in GicV3Its.errors (the oldest are dropped). */
const MAX_ERRORS = 64;

const emptyTable = (): Table => ({ base: 0, pageSize: 0, indirect: false, entrySize: 0, numEntries: 0 });

export class GicV3Its {
  /** The reasons of the latest ignored or stalled commands and accesses, oldest first (QEMU's LOG_GUEST_ERROR). */
  readonly errors: string[] = [];
  /** How many there were since reset (errors keeps the last MAX_ERRORS). */
  errorCount = 0;
  private ctlr = 0;
  private readonly baserLo = new Uint32Array(8);
  private readonly baserHi = new Uint32Array(8);
  private cbaserLo = 0;
  private cbaserHi = 0;
  private cwriterLo = 0;
  private cwriterHi = 0;
  private creadrLo = 0;
  private creadrHi = 0;
  // the tables and the queue as GITS_CTLR.Enabled = 1 last found them (QEMU extract_table_params/extract_cmdq_params)
  private dt = emptyTable();
  private ct = emptyTable();
  private cqBase = 0;
  private cqEntries = 0;

  /** Both frames. The control frame takes 32- and 64-bit accesses; the translation frame's only register is
   *  GITS_TRANSLATER (16 or 32 bits, write-only), everything else there RES0 (gicv3_its_translation_read/write). */
  readonly mmio: DoublewordDevice = {
    name: 'GICv3 ITS',
    read: (o, s) => {
      if (o >= TRANSLATION_FRAME) return 0;
      return s === 4 ? this.readWord(o) : this.bad(`read of ${s} bytes at 0x${o.toString(16)}`);
    },
    write: (o, s, v) => {
      if (o === GITS_TRANSLATER && (s === 2 || s === 4)) this.translate(0, v >>> 0);
      else if (o < TRANSLATION_FRAME && s === 4) this.writeWord(o, v >>> 0);
      else if (o < TRANSLATION_FRAME) this.bad(`write of ${s} bytes at 0x${o.toString(16)}`);
    },
    readDoubleword: (o, out) => {
      if (o < TRANSLATION_FRAME) return this.readDoubleword(o, out);
      out[0] = out[1] = 0;
    },
    writeDoubleword: (o, lo, hi) => {
      if (o < TRANSLATION_FRAME) this.writeDoubleword(o, lo >>> 0, hi >>> 0);
    },
  };

  constructor(
    private readonly mem: GuestMemory,
    private readonly lpis: LpiTarget,
  ) {
    this.reset();
  }

  reset(): void {
    this.ctlr = CTLR_QUIESCENT; // Quiescent resets to 1 (gicv3_its_reset_hold)
    this.baserLo.fill(0);
    this.baserHi.fill(0);
    // BASER0: the Device table, BASER1: the Collection table, 64 KiB pages, 8-byte entries; BASER2-7 unimplemented
    for (const [n, type] of [[0, BASER_TYPE_DEVICE], [1, BASER_TYPE_COLLECTION]] as const) {
      this.baserLo[n] = BASER_PAGESIZE_64K << 8;
      this.baserHi[n] = (type << 24) | ((BASER_ENTRY_SIZE - 1) << 16);
    }
    this.cbaserLo = this.cbaserHi = this.cwriterLo = this.cwriterHi = this.creadrLo = this.creadrHi = 0;
    this.dt = emptyTable();
    this.ct = emptyTable();
    this.cqBase = this.cqEntries = 0;
    this.errors.length = 0;
    this.errorCount = 0;
  }

  /** An MSI: EventID `eventId` of DeviceID `deviceId` written to GITS_TRANSLATER (ignored while the ITS is
   *  disabled). Translated through the Device table, the device's ITT and the Collection table to an LPI made
   *  pending in the collection's redistributor; a failed lookup is dropped with its reason logged. */
  translate(deviceId: number, eventId: number): void {
    if ((this.ctlr & CTLR_ENABLED) === 0) return;
    this.interrupt('GITS_TRANSLATER', deviceId, eventId, 'set');
  }

  /** An access QEMU's ITS refuses: logged; a read gives 0 (RAZ/WI, gicv3_its_read/write). */
  private bad(what: string): 0 {
    this.log(`ITS: invalid guest ${what} (RAZ/WI)`);
    return 0;
  }

  private log(reason: string): void {
    this.errorCount++;
    if (this.errors.length === MAX_ERRORS) this.errors.shift();
    this.errors.push(reason);
  }

  // --- registers (QEMU its_readl/its_writel/its_readll/its_writell) ---

  private readWord(off: number): number {
    switch (off) {
      case 0x0000: return this.ctlr >>> 0; // GITS_CTLR
      case 0x0004: return GITS_IIDR;
      case 0x0008: return TYPER_LO; // GITS_TYPER
      case 0x000c: return TYPER_HI;
      case 0x0080: return this.cbaserLo; // GITS_CBASER
      case 0x0084: return this.cbaserHi;
      case 0x0088: return this.cwriterLo; // GITS_CWRITER
      case 0x008c: return this.cwriterHi;
      case 0x0090: return this.creadrLo; // GITS_CREADR
      case 0x0094: return this.creadrHi;
      default: break;
    }
    if (off >= 0x0100 && off < 0x0140) return (off & 4) === 0 ? this.baserLo[(off - 0x100) >>> 3]! : this.baserHi[(off - 0x100) >>> 3]!;
    if (off >= ID_REGS_OFFSET && off < ID_REGS_OFFSET + 4 * ID_REGS.length && (off & 3) === 0) return ID_REGS[(off - ID_REGS_OFFSET) >>> 2]!;
    return this.bad(`read at 0x${off.toString(16)}`);
  }

  private writeWord(off: number, v: number): void {
    const enabled = (this.ctlr & CTLR_ENABLED) !== 0;
    switch (off) {
      case 0x0000: // GITS_CTLR: Enabled is the only writable bit; enabling takes the tables and runs the queue
        if ((v & CTLR_ENABLED) === 0) {
          this.ctlr &= ~CTLR_ENABLED;
          return;
        }
        this.ctlr |= CTLR_ENABLED;
        this.takeTables();
        this.processQueue();
        return;
      case 0x0080: case 0x0084: // GITS_CBASER: read-only while enabled (QEMU's IMPLEMENTATION DEFINED choice)
        if (enabled) return;
        if (off === 0x0080) this.cbaserLo = v;
        else this.cbaserHi = v;
        this.creadrLo = this.creadrHi = 0; // a new queue starts at offset 0
        return;
      case 0x0088: // GITS_CWRITER: a new write offset runs the queue
        this.cwriterLo = (v & ~CWRITER_RETRY) >>> 0;
        if (this.cwriterLo !== this.creadrLo || this.cwriterHi !== this.creadrHi) this.processQueue();
        return;
      case 0x008c:
        this.cwriterHi = v;
        return;
      case 0x0090: // GITS_CREADR: writable with GICD_CTLR.DS = 1, Stalled excepted
        this.creadrLo = (v & ~CREADR_STALLED) >>> 0;
        return;
      case 0x0094:
        this.creadrHi = v;
        return;
      case 0x0004: // GITS_IIDR: read-only
        return this.log('ITS: guest write to the read-only GITS_IIDR');
      default: break;
    }
    if (off >= 0x0100 && off < 0x0140) return this.writeBaser((off - 0x100) >>> 3, (off & 4) === 0 ? v : undefined, (off & 4) !== 0 ? v : undefined);
    if (off >= ID_REGS_OFFSET && off < ID_REGS_OFFSET + 4 * ID_REGS.length) return this.log('ITS: guest write to a read-only ID register');
    this.bad(`write at 0x${off.toString(16)}`);
  }

  /** GITS_BASER<n> halves: read-only while enabled; an unimplemented one (reads 0) is RAZ/WI; Entry_Size and Type
   *  keep their values. */
  private writeBaser(n: number, lo: number | undefined, hi: number | undefined): void {
    if ((this.ctlr & CTLR_ENABLED) !== 0 || (this.baserLo[n] === 0 && this.baserHi[n] === 0)) return;
    if (lo !== undefined) this.baserLo[n] = lo;
    if (hi !== undefined) this.baserHi[n] = ((this.baserHi[n]! & BASER_RO_HI) | (hi & ~BASER_RO_HI)) >>> 0;
  }

  private readDoubleword(off: number, out: Uint32Array): void {
    // GITS_TYPER, BASER<n>, CBASER, CREADR, CWRITER are 64-bit; CTLR, IIDR and the ID registers are not (RAZ)
    const ok = off === 0x0008 || (off >= 0x0080 && off <= 0x0090 && (off & 7) === 0) || (off >= 0x0100 && off < 0x0140 && (off & 7) === 0);
    out[0] = ok ? this.readWord(off) : this.bad(`64-bit read at 0x${off.toString(16)}`);
    out[1] = ok ? this.readWord(off + 4) : 0;
  }

  private writeDoubleword(off: number, lo: number, hi: number): void {
    if (off >= 0x0100 && off < 0x0140 && (off & 7) === 0) return this.writeBaser((off - 0x100) >>> 3, lo, hi);
    switch (off) {
      case 0x0080: // GITS_CBASER
        if ((this.ctlr & CTLR_ENABLED) !== 0) return;
        this.cbaserLo = lo;
        this.cbaserHi = hi;
        this.creadrLo = this.creadrHi = 0;
        return;
      case 0x0088: // GITS_CWRITER
        this.cwriterLo = (lo & ~CWRITER_RETRY) >>> 0;
        this.cwriterHi = hi;
        if (this.cwriterLo !== this.creadrLo || this.cwriterHi !== this.creadrHi) this.processQueue();
        return;
      case 0x0090: // GITS_CREADR
        this.creadrLo = (lo & ~CREADR_STALLED) >>> 0;
        this.creadrHi = hi;
        return;
      case 0x0008:
        return this.log('ITS: guest write to the read-only GITS_TYPER');
      default:
        this.bad(`64-bit write at 0x${off.toString(16)}`);
    }
  }

  // --- tables ---

  /** Take the Device and Collection tables from BASER0/1 and the queue from CBASER (extract_table_params,
   *  extract_cmdq_params). An invalid BASER is a table of no entries: every command using it fails. */
  private takeTables(): void {
    this.dt = this.table(0, ITS_DEVBITS + 1);
    this.ct = this.table(1, ITS_CIDBITS + 1);
    const pages = (this.cbaserLo & 0xff) + 1;
    const valid = (this.cbaserHi & BASER_VALID_HI) !== 0;
    this.cqEntries = valid ? (pages * CMDQ_PAGE) / CMD_SIZE : 0;
    // GITS_CBASER.Physical_Address, bits 51:12
    this.cqBase = valid ? (this.cbaserHi & 0xf_ffff) * TWO32 + ((this.cbaserLo & 0xffff_f000) >>> 0) : 0;
  }

  private table(n: number, idBits: number): Table {
    const lo = this.baserLo[n]!;
    const hi = this.baserHi[n]!;
    if ((hi & BASER_VALID_HI) === 0) return emptyTable();
    const pageSize = [0x1000, 0x4000, 0x1_0000, 0x1_0000][(lo >>> 8) & 3]!; // Page_Size 3 is reserved: QEMU takes 64 KiB
    const pages = (lo & 0xff) + 1;
    const indirect = (hi & BASER_INDIRECT_HI) !== 0;
    const entrySize = ((hi >>> 16) & 0x1f) + 1;
    // Physical_Address: bits 47:12, or with 64 KiB pages bits 47:16 and bits 51:48 in the field's bits 15:12
    const base = pageSize === 0x1_0000
      ? (((lo >>> 12) & 0xf) * 2 ** 48) + (hi & 0xffff) * TWO32 + ((lo & 0xffff_0000) >>> 0)
      : (hi & 0xffff) * TWO32 + ((lo & 0xffff_f000) >>> 0);
    const entries = indirect ? ((pages * pageSize) / 8) * (pageSize / entrySize) : (pages * pageSize) / entrySize;
    return { base, pageSize, indirect, entrySize, numEntries: Math.min(entries, 2 ** idBits) };
  }

  /** The address of entry `idx` of a table (table_entry_addr): null when a two-level table's level-1 entry is
   *  invalid (no entry: a read finds it invalid, a write is dropped), 'fault' when that entry cannot be read. */
  private entryAddress(t: Table, idx: number): number | null | 'fault' {
    if (!t.indirect) return t.base + idx * t.entrySize;
    const l1 = this.readDoubleword64(t.base + Math.floor(idx / (t.pageSize / 8)) * 8);
    if (l1 === undefined) return 'fault';
    if ((l1.hi & BASER_VALID_HI) === 0) return null;
    const l2 = (l1.hi & 0x7_ffff) * TWO32 + l1.lo; // level-1 entry bits 50:0
    return l2 + (idx % (t.pageSize / t.entrySize)) * t.entrySize;
  }

  /** Little-endian doubleword of guest RAM, or undefined when it is not all RAM (a memory transaction error). */
  private readDoubleword64(pa: number): { lo: number; hi: number } | undefined {
    if (!this.mem.isRam(pa, 8)) return undefined;
    return { lo: this.readU32(pa), hi: this.readU32(pa + 4) };
  }

  private readU32(pa: number): number {
    const m = this.mem;
    return (m.readU8(pa) | (m.readU8(pa + 1) << 8) | (m.readU8(pa + 2) << 16) | (m.readU8(pa + 3) << 24)) >>> 0;
  }

  private writeU32(pa: number, v: number): void {
    for (let i = 0; i < 4; i++) this.mem.writeU8(pa + i, (v >>> (8 * i)) & 0xff);
  }

  /** Write a doubleword to guest RAM; false when it is not all RAM. */
  private writeDoubleword64(pa: number, lo: number, hi: number): boolean {
    if (!this.mem.isRam(pa, 8)) return false;
    this.writeU32(pa, lo);
    this.writeU32(pa + 4, hi);
    return true;
  }

  /** Read an 8-byte Device- or Collection-table entry: undefined on a fault, 0/0 for an absent level-2 table. */
  private readEntry(t: Table, idx: number): { lo: number; hi: number } | undefined {
    const a = this.entryAddress(t, idx);
    if (a === 'fault') return undefined;
    return a === null ? { lo: 0, hi: 0 } : this.readDoubleword64(a);
  }

  /** Write an 8-byte table entry: false on a fault; an absent level-2 table drops it (update_dte/update_cte). */
  private writeEntry(t: Table, idx: number, lo: number, hi: number): boolean {
    const a = this.entryAddress(t, idx);
    if (a === 'fault') return false;
    return a === null ? true : this.writeDoubleword64(a, lo, hi);
  }

  /** The ITT address of DTE `dte` (ITT_addr bits 49:6 hold address bits 51:8). */
  private static ittAddress(dte: { lo: number; hi: number }): number {
    return ((dte.hi & 0x3_ffff) * 2 ** 26 + (dte.lo >>> 6)) * 256;
  }

  private readIte(itt: number, eventId: number): Ite | undefined {
    const a = itt + eventId * ITE_SIZE;
    if (!this.mem.isRam(a, ITE_SIZE)) return undefined;
    const lo = this.readU32(a);
    const hi = this.readU32(a + 4);
    return { valid: (lo & 1) !== 0, physical: (lo & 2) !== 0, intid: (lo >>> 2) & 0xff_ffff, icid: hi & 0xffff };
  }

  /** Write an ITE as QEMU does (update_ite): valid, physical, the pINTID and ICID, vPEID 0, doorbell 1023; an
   *  invalid one is all zero. False on a fault. */
  private writeIte(itt: number, eventId: number, ite: Ite | undefined): boolean {
    const a = itt + eventId * ITE_SIZE;
    if (!this.mem.isRam(a, ITE_SIZE)) return false;
    this.writeU32(a, ite === undefined ? 0 : (1 | 2 | (ite.intid << 2)) >>> 0);
    this.writeU32(a + 4, ite === undefined ? 0 : ite.icid);
    this.writeU32(a + 8, ite === undefined ? 0 : INTID_SPURIOUS);
    return true;
  }

  /** Look up (DeviceID, EventID): the DTE's ITT and the valid ITE, or the command's fate (lookup_ite). */
  private lookupIte(who: string, devId: number, eventId: number): { itt: number; ite: Ite } | Result {
    if (devId >= this.dt.numEntries) return this.fail(who, `DeviceID ${devId} beyond the Device table (${this.dt.numEntries} entries)`);
    const dte = this.readEntry(this.dt, devId);
    if (dte === undefined) return this.stall(who, `the Device table entry of DeviceID ${devId} cannot be read`);
    if ((dte.lo & 1) === 0) return this.fail(who, `no valid Device table entry for DeviceID ${devId}`);
    const events = 2 ** (((dte.lo >>> 1) & 0x1f) + 1);
    if (eventId >= events) return this.fail(who, `EventID ${eventId} >= ${events} of DeviceID ${devId}`);
    const itt = GicV3Its.ittAddress(dte);
    const ite = this.readIte(itt, eventId);
    if (ite === undefined) return this.stall(who, `the ITT entry at 0x${(itt + eventId * ITE_SIZE).toString(16)} cannot be read`);
    if (!ite.valid) return this.fail(who, `no valid ITT entry for DeviceID ${devId} EventID ${eventId}`);
    if (!ite.physical) return this.fail(who, 'a virtual ITT entry (no GICv4): table corrupted?');
    return { itt, ite };
  }

  /** Check the Collection table entry of `icid` (lookup_cte): valid, and its RDbase a redistributor here. */
  private lookupCollection(who: string, icid: number): Result {
    if (icid >= this.ct.numEntries) return this.fail(who, `ICID ${icid} beyond the Collection table (${this.ct.numEntries} entries)`);
    const cte = this.readEntry(this.ct, icid);
    if (cte === undefined) return this.stall(who, `the Collection table entry of ICID ${icid} cannot be read`);
    if ((cte.lo & 1) === 0) return this.fail(who, `no valid Collection table entry for ICID ${icid}`);
    if (((cte.lo >>> 1) & 0xffff) >= NUM_CPU) return 'continue'; // QEMU ignores it silently
    return 'ok';
  }

  private fail(who: string, reason: string): 'continue' {
    this.log(`ITS ${who}: ${reason}: ignored`);
    return 'continue';
  }

  private stall(who: string, reason: string): 'stall' {
    this.log(`ITS ${who}: ${reason}: stalled`);
    return 'stall';
  }

  // --- the command queue (process_cmdq) ---

  private processQueue(): void {
    if ((this.ctlr & CTLR_ENABLED) === 0) return;
    const wr = (this.cwriterLo & OFFSET_MASK) >>> 5;
    let rd = (this.creadrLo & OFFSET_MASK) >>> 5;
    if (wr >= this.cqEntries) return this.log(`ITS: GITS_CWRITER offset ${wr} beyond the command queue (${this.cqEntries} commands)`);
    if (rd >= this.cqEntries) return this.log(`ITS: GITS_CREADR offset ${rd} beyond the command queue (${this.cqEntries} commands)`);
    const cmd = new Uint32Array(8); // the 4 doublewords of one command, low word first
    while (wr !== rd) {
      const at = this.cqBase + rd * CMD_SIZE;
      if (!this.mem.isRam(at, CMD_SIZE)) {
        this.creadrLo |= CREADR_STALLED;
        return this.log(`ITS: the command at 0x${at.toString(16)} cannot be read: stalled`);
      }
      for (let i = 0; i < 8; i++) cmd[i] = this.readU32(at + 4 * i);
      if (this.execute(cmd) === 'stall') {
        this.creadrLo |= CREADR_STALLED;
        return;
      }
      rd = (rd + 1) % this.cqEntries;
      this.creadrLo = ((this.creadrLo & ~OFFSET_MASK) | (rd << 5)) >>> 0;
    }
  }

  /** One command: DW0 = c[0], c[1]; DW1 = c[2], c[3]; DW2 = c[4], c[5]; DW3 = c[6], c[7]. Common fields: the
   *  command number DW0[7:0], DeviceID DW0[63:32], EventID DW1[31:0], ICID DW2[15:0], Valid DW2[63]. */
  private execute(c: Uint32Array): Result {
    const devId = c[1]!;
    const eventId = c[2]!;
    switch (c[0]! & 0xff) {
      case CMD.INT: return this.interrupt('INT', devId, eventId, 'set');
      case CMD.CLEAR: return this.interrupt('CLEAR', devId, eventId, 'clear');
      case CMD.DISCARD: return this.interrupt('DISCARD', devId, eventId, 'discard');
      case CMD.SYNC: return 'ok'; // every earlier command is complete already
      case CMD.MAPD: return this.mapd(devId, c[2]! & 0x1f, c[4]!, c[5]!);
      case CMD.MAPC: return this.mapc(c[4]! & 0xffff, c[5]! >>> 31 === 1, c[4]! >>> 16); // RDbase DW2[47:16], 16 bits kept
      case CMD.MAPTI: return this.mapti('MAPTI', devId, eventId, c[3]!, c[4]! & 0xffff);
      case CMD.MAPI: return this.mapti('MAPI', devId, eventId, eventId, c[4]! & 0xffff);
      case CMD.INV: return this.inv(devId, eventId);
      case CMD.INVALL:
        this.lpis.rescan(); // LPIs' configuration is read anew (QEMU: every redistributor, whatever the ICID)
        return 'ok';
      case CMD.MOVI: return this.movi(devId, eventId, c[4]! & 0xffff);
      case CMD.MOVALL: return this.movall(c[4]!, c[5]!, c[6]!, c[7]!);
      default:
        this.log(`ITS: unknown command 0x${(c[0]! & 0xff).toString(16)}: ignored`);
        return 'continue';
    }
  }

  /** INT, CLEAR, DISCARD and GITS_TRANSLATER (do_process_its_cmd): translate, then set or clear the LPI's pending
   *  state in the collection's redistributor; DISCARD also invalidates the ITE. */
  private interrupt(who: string, devId: number, eventId: number, what: 'set' | 'clear' | 'discard'): Result {
    const found = this.lookupIte(who, devId, eventId);
    if (typeof found === 'string') return found;
    const col = this.lookupCollection(who, found.ite.icid);
    if (col !== 'ok') return col;
    this.lpis.process(found.ite.intid, what === 'set');
    if (what === 'discard' && !this.writeIte(found.itt, eventId, undefined)) return this.stall(who, 'the ITT entry cannot be written');
    return 'ok';
  }

  /** MAPD: DeviceID -> (ITT address DW2[51:8], EventID bits - 1 DW1[4:0]), or unmapped with Valid = 0. */
  private mapd(devId: number, size: number, dw2lo: number, dw2hi: number): Result {
    if (devId >= this.dt.numEntries) return this.fail('MAPD', `DeviceID ${devId} beyond the Device table (${this.dt.numEntries} entries)`);
    if (size > ITS_IDBITS) return this.fail('MAPD', `Size ${size} above GITS_TYPER.IDbits ${ITS_IDBITS}`);
    const valid = dw2hi >>> 31 === 1;
    // DTE: Valid 0, Size 5:1, ITT_addr 49:6 = command bits 51:8; all zero when invalid
    const itt = (dw2hi & 0xf_ffff) * 2 ** 24 + (dw2lo >>> 8); // address bits 51:8
    const lo = valid ? (1 | (size << 1) | ((itt % 2 ** 26) * 64)) >>> 0 : 0;
    const hi = valid ? Math.floor(itt / 2 ** 26) : 0;
    return this.writeEntry(this.dt, devId, lo, hi) ? 'ok' : this.stall('MAPD', `the Device table entry of DeviceID ${devId} cannot be written`);
  }

  /** MAPC: ICID -> RDbase (DW2[50:16]; a processor number, GITS_TYPER.PTA = 0), or unmapped with Valid = 0. */
  private mapc(icid: number, valid: boolean, rdbase: number): Result {
    if (icid >= this.ct.numEntries) return this.fail('MAPC', `ICID ${icid} beyond the Collection table (${this.ct.numEntries} entries)`);
    if (valid && rdbase >= NUM_CPU) return this.fail('MAPC', `RDbase ${rdbase}: no such redistributor`);
    const lo = valid ? (1 | (rdbase << 1)) >>> 0 : 0; // CTE: Valid 0, RDbase 16:1
    return this.writeEntry(this.ct, icid, lo, 0) ? 'ok' : this.stall('MAPC', `the Collection table entry of ICID ${icid} cannot be written`);
  }

  /** MAPTI (pINTID DW1[63:32]) and MAPI (pINTID = EventID): (DeviceID, EventID) -> (LPI, ICID) in the ITT. */
  private mapti(who: string, devId: number, eventId: number, intid: number, icid: number): Result {
    if (devId >= this.dt.numEntries) return this.fail(who, `DeviceID ${devId} beyond the Device table (${this.dt.numEntries} entries)`);
    const dte = this.readEntry(this.dt, devId);
    if (dte === undefined) return this.stall(who, `the Device table entry of DeviceID ${devId} cannot be read`);
    if (icid >= this.ct.numEntries) return this.fail(who, `ICID ${icid} beyond the Collection table (${this.ct.numEntries} entries)`);
    if ((dte.lo & 1) === 0) return this.fail(who, `no valid Device table entry for DeviceID ${devId}`);
    const events = 2 ** (((dte.lo >>> 1) & 0x1f) + 1);
    if (eventId >= events) return this.fail(who, `EventID ${eventId} >= ${events} of DeviceID ${devId}`);
    if (intid < LPI_INTID_START || intid >= LPI_LIMIT) return this.fail(who, `pINTID ${intid} is not an LPI`);
    const ite = { valid: true, physical: true, intid, icid };
    return this.writeIte(GicV3Its.ittAddress(dte), eventId, ite) ? 'ok' : this.stall(who, 'the ITT entry cannot be written');
  }

  /** INV: the LPI's configuration is read anew by its redistributor (process_inv). */
  private inv(devId: number, eventId: number): Result {
    const found = this.lookupIte('INV', devId, eventId);
    if (typeof found === 'string') return found;
    const col = this.lookupCollection('INV', found.ite.icid);
    if (col !== 'ok') return col;
    this.lpis.rescan();
    return 'ok';
  }

  /** MOVI: the event's ITE gets ICID DW2[15:0]; both collections must be valid. With one redistributor the pending
   *  LPI stays where it is (old and new RDbase are both 0). */
  private movi(devId: number, eventId: number, icid: number): Result {
    const found = this.lookupIte('MOVI', devId, eventId);
    if (typeof found === 'string') return found;
    for (const id of [found.ite.icid, icid]) {
      const col = this.lookupCollection('MOVI', id);
      if (col !== 'ok') return col;
    }
    return this.writeIte(found.itt, eventId, { ...found.ite, icid }) ? 'ok' : this.stall('MOVI', 'the ITT entry cannot be written');
  }

  /** MOVALL: RDbase1 DW2[51:16] to RDbase2 DW3[51:16]; both must be redistributors, so here both are 0: no-op. */
  private movall(dw2lo: number, dw2hi: number, dw3lo: number, dw3hi: number): Result {
    const rd1 = (dw2hi & 0xf_ffff) * 2 ** 16 + (dw2lo >>> 16);
    const rd2 = (dw3hi & 0xf_ffff) * 2 ** 16 + (dw3lo >>> 16);
    if (rd1 >= NUM_CPU) return this.fail('MOVALL', `RDbase1 ${rd1}: no such redistributor`);
    if (rd2 >= NUM_CPU) return this.fail('MOVALL', `RDbase2 ${rd2}: no such redistributor`);
    return 'ok';
  }
}
