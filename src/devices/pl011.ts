// Arm PrimeCell UART (PL011) as QEMU's `virt` board presents it at 0x0900_0000, SPI 1 (Arm DDI 0183 PL011 TRM §3;
// QEMU 7.2 hw/char/pl011.c as the executable reference). Transmit: a byte written to UARTDR goes straight to the
// output sink, so the transmitter is always empty and never busy, and every write raises the TX interrupt (as QEMU).
// Receive: bytes the machine feeds in (`receive`) queue in a 16-entry FIFO (1 entry while UARTLCR_H.FEN = 0); the RX
// interrupt rises when the FIFO holds a byte (QEMU's trigger level is always 1, whatever UARTIFLS says) and falls
// when it is read empty. The interrupt line is UARTRIS & UARTIMSC. No receive-timeout, modem or error interrupts:
// nothing here can produce them.
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
const FR_RXFF = 1 << 6; // UARTFR.RXFF: receive FIFO full
const FR_TXFE = 1 << 7; // UARTFR.TXFE: transmit FIFO empty (TXFF and BUSY stay clear)
const LCR_FEN = 1 << 4; // UARTLCR_H.FEN: FIFOs enabled
const INT_RX = 1 << 4; // UARTRIS.RXRIS
const INT_TX = 1 << 5; // UARTRIS.TXRIS: raised by a write to UARTDR (QEMU pl011_write)
const FIFO_DEPTH = 16;
/** PeriphID0–3 = PL011 r1p5 by Arm (PL011 TRM §3.3.14). */
export const PERIPH_ID = [0x11, 0x10, 0x14, 0x00] as const;

/** The register map and reset state, also for the reference hypervisor's emulated PL011 (src/hyp/vuart.ts). */
export const PL011_REG = { DR, RSR, FR, ILPR, IBRD, FBRD, LCR_H, CR, IFLS, IMSC, RIS, MIS, ICR, DMACR } as const;
export const PL011_RESET = { cr: 0x300, ifls: 0x12 } as const;
export const PL011_FR_EMPTY = FR_TXFE | FR_RXFE;
export const PL011_INT_TX = INT_TX;
/** Receive side, for the hypervisor's emulated PL011: UARTFR.RXFE/RXFF, UARTLCR_H.FEN, UARTRIS.RXRIS, the FIFO's depth. */
export const PL011_RX = { FR_RXFE, FR_RXFF, LCR_FEN, INT_RX, FIFO_DEPTH } as const;

/** Reset values as QEMU's pl011_reset: CR = TXE|RXE, IFLS = half-full both ways, FR = TXFE|RXFE. */
export class Pl011 implements Device {
  readonly name = 'pl011';
  private rsr = 0;
  private ilpr = 0;
  private ibrd = 0;
  private fbrd = 0;
  private lcrh = 0;
  private cr: number = PL011_RESET.cr;
  private ifls: number = PL011_RESET.ifls;
  private imsc = 0;
  private ris = 0;
  private dmacr = 0;
  private readonly fifo = new Uint8Array(FIFO_DEPTH);
  private readPos = 0;
  private count = 0;
  /** Told each received byte a UARTDR read takes from the FIFO (the run-time leak check follows the run's input). */
  onTake: ((byte: number) => void) | null = null;

  /** `out` receives each transmitted byte; `irq` is the interrupt line (UARTRIS & UARTIMSC != 0). */
  constructor(
    private readonly out: (byte: number) => void,
    private readonly irq: (level: boolean) => void = () => {},
  ) {}

  private depth(): number {
    return (this.lcrh & LCR_FEN) !== 0 ? FIFO_DEPTH : 1;
  }

  /** Room for another received byte (QEMU pl011_can_receive). */
  canReceive(): boolean {
    return this.count < this.depth();
  }

  /** A byte arrives on the receive line; false (and dropped) when the FIFO is full. */
  receive(byte: number): boolean {
    if (!this.canReceive()) return false;
    this.fifo[(this.readPos + this.count) & (FIFO_DEPTH - 1)] = byte;
    this.count++;
    this.ris |= INT_RX; // the trigger level is 1 (QEMU pl011_set_read_trigger)
    this.update();
    return true;
  }

  private update(): void {
    this.irq((this.ris & this.imsc) !== 0);
  }

  private flags(): number {
    let f = FR_TXFE;
    if (this.count === 0) f |= FR_RXFE;
    if (this.count === this.depth()) f |= FR_RXFF;
    return f;
  }

  read(offset: number, _size: number): number {
    switch (offset) {
      case DR: {
        // an empty FIFO returns its stale slot (QEMU), 0 after reset
        const c = this.fifo[this.readPos]!;
        if (this.count > 0) {
          this.onTake?.(c);
          this.count--;
          this.readPos = (this.readPos + 1) & (FIFO_DEPTH - 1);
        }
        if (this.count === 0) this.ris &= ~INT_RX; // below the trigger level
        this.update();
        return c;
      }
      case RSR: return this.rsr;
      case FR: return this.flags();
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
      case LCR_H:
        // switching the FIFOs on or off empties the receive FIFO (QEMU pl011_write)
        if (((this.lcrh ^ value) & LCR_FEN) !== 0) this.readPos = this.count = 0;
        this.lcrh = value;
        break;
      case CR: this.cr = value; break;
      case IFLS: this.ifls = value; break;
      case IMSC: this.imsc = value; break;
      case ICR: this.ris &= ~value; break;
      case DMACR: this.dmacr = value; break;
      default: return; // read-only or unimplemented: ignored
    }
    this.update();
  }
}
