// Arm PrimeCell real-time clock (PL031) as QEMU's virt board has it at 0x0901_0000, SPI 2 (Arm DDI 0224 PL031 TRM
// §3; QEMU hw/rtc/pl031.c). The counter RTCDR counts seconds from the value last loaded into RTCLR; the machine's
// time is its instruction count at CNTFRQ_EL0's 62.5 MHz, so the clock is deterministic and starts at 0 (QEMU starts
// at the host's time). A match (RTCDR = RTCMR) raises RTCRIS, and the interrupt line with RTCIMSC.
import type { Device } from '../memory/phys.ts';
import { primeCellId } from './primecell.ts';

export const PL031_BASE = 0x0901_0000;
export const PL031_SIZE = 0x1000;

const DR = 0x00; // RTCDR: data (current seconds), read-only
const MR = 0x04; // RTCMR: match
const LR = 0x08; // RTCLR: load
const CR = 0x0c; // RTCCR: control (bit 0 start; reads 1, the clock always runs, as QEMU)
const IMSC = 0x10; // RTCIMSC: interrupt mask set/clear
const RIS = 0x14; // RTCRIS: raw interrupt status
const MIS = 0x18; // RTCMIS: masked interrupt status
const ICR = 0x1c; // RTCICR: interrupt clear (write-only)
/** PeriphID0–3: PL031 revision 1 by Arm (QEMU pl031_id). */
const PERIPH_ID = [0x31, 0x10, 0x14, 0x00];

export class Pl031 implements Device {
  readonly name = 'pl031';
  /** Seconds at the last load, and the machine's seconds then. */
  private loaded = 0;
  private at = 0;
  private mr = 0;
  private lr = 0;
  private imsc = 0;
  private ris = 0;
  /** RTCDR when the guest last looked: a match is the counter reaching RTCMR after that. */
  private seen = 0;

  /** `seconds()`: the machine's time in seconds; `irq(level)`: the interrupt line. */
  constructor(
    private readonly seconds: () => number,
    private readonly irq: (level: boolean) => void = () => {},
  ) {}

  private now(): number {
    return (this.loaded + Math.floor(this.seconds() - this.at)) >>> 0;
  }

  /**
   * Match check, when the guest looks (reads of RTCDR/RIS/MIS, register writes): the counter reached RTCMR since the last
   * look (PL031 TRM §2.2: the interrupt is raised when the counter increments to the match value).
   */
  private update(): void {
    const n = this.now();
    if (n !== this.seen && ((this.mr - this.seen) >>> 0) <= ((n - this.seen) >>> 0) && this.mr !== this.seen) this.ris = 1;
    this.seen = n;
    this.irq((this.ris & this.imsc) !== 0);
  }

  read(offset: number, _size: number): number {
    switch (offset) {
      case DR: this.update(); return this.now();
      case MR: return this.mr;
      case LR: return this.lr;
      case CR: return 1;
      case IMSC: return this.imsc;
      case RIS: this.update(); return this.ris;
      case MIS: this.update(); return this.ris & this.imsc;
      default: return primeCellId(offset, PERIPH_ID) ?? 0; // ICR write-only and reserved offsets read 0 (QEMU)
    }
  }

  write(offset: number, _size: number, value: number): void {
    switch (offset) {
      case MR: this.mr = value >>> 0; break;
      case LR:
        this.lr = value >>> 0;
        this.loaded = value >>> 0;
        this.at = this.seconds();
        this.seen = this.loaded; // a load is not a match
        break;
      case IMSC: this.imsc = value & 1; break;
      case ICR: this.ris &= ~value & 1; break;
      default: return; // RTCDR, RTCCR (the clock cannot be stopped on QEMU), RIS, MIS: read-only
    }
    this.update();
  }
}
