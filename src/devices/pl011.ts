// Arm PrimeCell UART (PL011) as QEMU's `virt` board presents it at 0x0900_0000 (Arm DDI 0183 PL011 TRM §3;
// QEMU hw/char/pl011.c). Transmit only: a byte written to UARTDR goes straight to the output sink, so the
// transmitter is always empty and never busy. No receive path: the RX FIFO stays empty.
import type { Device } from '../memory/phys.ts';
import { primeCellId } from './primecell.ts';

export const PL011_BASE = 0x0900_0000;
export const PL011_SIZE = 0x1000;

// Register offsets (PL011 TRM Table 3-1)
const DR = 0x000; // UARTDR data
const RSR = 0x004; // UARTRSR/UARTECR receive status / error clear
const FR = 0x018; // UARTFR flags
const ILPR = 0x020; // UARTILPR IrDA low-power counter
const IBRD = 0x024; // UARTIBRD integer baud rate
const FBRD = 0x028; // UARTFBRD fractional baud rate
const LCR_H = 0x02c; // UARTLCR_H line control
const CR = 0x030; // UARTCR control
const IFLS = 0x034; // UARTIFLS interrupt FIFO level select
const IMSC = 0x038; // UARTIMSC interrupt mask set/clear
const RIS = 0x03c; // UARTRIS raw interrupt status
const MIS = 0x040; // UARTMIS masked interrupt status
const ICR = 0x044; // UARTICR interrupt clear (write only)
const DMACR = 0x048; // UARTDMACR DMA control

const FR_RXFE = 1 << 4; // UARTFR.RXFE: receive FIFO empty
const FR_TXFE = 1 << 7; // UARTFR.TXFE: transmit FIFO empty (BUSY, bit 3, stays clear)
const INT_TX = 1 << 5; // UARTRIS.TXRIS: raised by a write to UARTDR (QEMU pl011_write)
/** PeriphID0–3 = PL011 r1p5 by Arm (PL011 TRM §3.3.14). */
const PERIPH_ID = [0x11, 0x10, 0x14, 0x00];

/** Reset values as QEMU's pl011_reset: CR = TXE|RXE, IFLS = half-full both ways, FR = TXFE|RXFE. */
export class Pl011 implements Device {
  readonly name = 'pl011';
  private rsr = 0;
  private ilpr = 0;
  private ibrd = 0;
  private fbrd = 0;
  private lcrh = 0;
  private cr = 0x300;
  private ifls = 0x12;
  private imsc = 0;
  private ris = 0;
  private dmacr = 0;

  /** `out` receives each transmitted byte. */
  constructor(private readonly out: (byte: number) => void) {}

  read(offset: number, _size: number): number {
    switch (offset) {
      case DR: return 0; // RX FIFO empty: QEMU returns the stale FIFO slot, 0 after reset
      case RSR: return this.rsr;
      case FR: return FR_TXFE | FR_RXFE;
      case ILPR: return this.ilpr;
      case IBRD: return this.ibrd;
      case FBRD: return this.fbrd;
      case LCR_H: return this.lcrh;
      case CR: return this.cr;
      case IFLS: return this.ifls;
      case IMSC: return this.imsc;
      case RIS: return this.ris;
      case MIS: return this.ris & this.imsc;
      case DMACR: return this.dmacr;
      default:
        return primeCellId(offset, PERIPH_ID) ?? 0; // unimplemented offsets (and UARTICR, write-only) read as zero, as QEMU
    }
  }

  /** Registers keep the whole written word, as QEMU's model does (the hardware would mask reserved bits). */
  write(offset: number, _size: number, value: number): void {
    switch (offset) {
      case DR:
        this.out(value & 0xff);
        this.ris |= INT_TX;
        break;
      case RSR: this.rsr = 0; break; // UARTECR: any write clears the error flags
      case ILPR: this.ilpr = value; break;
      case IBRD: this.ibrd = value; break;
      case FBRD: this.fbrd = value; break;
      case LCR_H: this.lcrh = value; break;
      case CR: this.cr = value; break;
      case IFLS: this.ifls = value; break;
      case IMSC: this.imsc = value; break;
      case ICR: this.ris &= ~value; break;
      case DMACR: this.dmacr = value; break;
      default: break; // read-only or unimplemented: ignored
    }
  }
}
