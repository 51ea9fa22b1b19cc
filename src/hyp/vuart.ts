// The PL011 the reference hypervisor emulates for every VM (issue 17): the guest finds it at the board's address
// (its device tree, vm-dt.ts), its stage 2 leaves that page unmapped, and every access is a stage-2 data abort that
// src/hyp/asm/vuart.S answers from the context's own register block (C_UART in its context-table entry). The register
// map, the reset values and what reads as what are the machine's model's (src/devices/pl011.ts, QEMU 7.2's pl011.c):
// transmit goes out at once (UARTFR.TXFE, never busy; a write to UARTDR raises TXRIS), registers keep the whole
// written word. Receive: the scenario's `input` context gets the bytes of the machine's own PL011 (the run's stdin):
// irq.S takes the physical UART's RX interrupt (SPI 1) and moves what it holds into that context's receive FIFO
// (16 bytes, 1 with UARTLCR_H.FEN = 0), which raises UARTRIS.RXRIS at one byte (QEMU's trigger level); a read of UARTDR
// takes the oldest byte (an empty FIFO returns its stale slot, as QEMU) and lets the physical UART interrupt again.
// The receive-timeout interrupt (RTRIS) is never raised, as in QEMU 7.2: its trigger level of 1 leaves nothing to time
// out. The VM's SPI 1 (INTID 33) follows UARTRIS & UARTIMSC (vgic.S vgic_fold: the line's level in its distributor).
import { PERIPH_ID, PL011_BASE, PL011_FR_EMPTY, PL011_INT_TX, PL011_REG, PL011_RESET, PL011_RX } from '../devices/pl011.ts';
import { primeCellId } from '../devices/primecell.ts';
import { VIRT_SPI } from '../machine/virt-dt.ts';

/** The guest's UART: its IPA is the board's PL011 (one 4 KiB page). */
export const VUART_IPA = PL011_BASE;

/** The guest's UART interrupt: SPI 1 of the board, INTID 33 (hw/arm/virt.c VIRT_UART). */
export const VUART_INTID = 32 + VIRT_SPI.uart;

/** The register block: one 32-bit word per register offset / 4, UARTDR (slot 0) to UARTDMACR; then the receive
 *  FIFO (16 bytes), the index of its oldest byte and the count of bytes it holds. */
const REG_SLOTS = (PL011_REG.DMACR >> 2) + 1;
const RX_FIFO = REG_SLOTS * 4;
const RX_HEAD = RX_FIFO + PL011_RX.FIFO_DEPTH;
const RX_COUNT = RX_HEAD + 4;
export const VUART_SLOTS = RX_COUNT / 4 + 1;
export const VUART_BYTES = VUART_SLOTS * 4;

/** Registers a write stores whole (the rest: UARTDR transmits, UARTECR clears, UARTICR clears RIS bits, others ignore it). */
export const VUART_STORED: readonly number[] = [PL011_REG.ILPR, PL011_REG.IBRD, PL011_REG.FBRD, PL011_REG.LCR_H, PL011_REG.CR, PL011_REG.IFLS, PL011_REG.IMSC, PL011_REG.DMACR];

/** A fresh block: QEMU's pl011_reset values. */
export function vuartReset(): number[] {
  const words = new Array<number>(VUART_SLOTS).fill(0);
  words[PL011_REG.CR >> 2] = PL011_RESET.cr;
  words[PL011_REG.IFLS >> 2] = PL011_RESET.ifls;
  return words;
}

/** PeriphID0–3 and PCellID0–3, the bytes read at 0xFE0–0xFFC. */
export function vuartIdBytes(): number[] {
  return Array.from({ length: 8 }, (_, i) => primeCellId(0xfe0 + 4 * i, PERIPH_ID)!);
}

/** The `.equ`s vuart.S decodes with. */
export function vuartEqus(): [string, number, string][] {
  const stored = VUART_STORED.reduce((m, off) => m | (1 << (off >> 2)), 0);
  return [
    ['VUART_PAGE', VUART_IPA / 0x1000, 'the guest UART\'s IPA >> 12 (HPFAR_EL2.FIPA)'],
    ['VUART_DR', PL011_REG.DR, 'UARTDR'],
    ['VUART_RSR', PL011_REG.RSR, 'UARTRSR/UARTECR'],
    ['VUART_FR', PL011_REG.FR, 'UARTFR'],
    ['VUART_RIS', PL011_REG.RIS, 'UARTRIS'],
    ['VUART_MIS', PL011_REG.MIS, 'UARTMIS = UARTRIS & UARTIMSC'],
    ['VUART_IMSC', PL011_REG.IMSC, 'UARTIMSC'],
    ['VUART_ICR', PL011_REG.ICR, 'UARTICR (write-only)'],
    ['VUART_LAST', PL011_REG.DMACR, 'UARTDMACR, the last register of the block'],
    ['VUART_ID', 0xfe0, 'PeriphID0: the identification words 0xFE0–0xFFC'],
    ['VUART_LCR_H', PL011_REG.LCR_H, 'UARTLCR_H'],
    ['VUART_FR_EMPTY', PL011_FR_EMPTY, 'UARTFR: TXFE | RXFE'],
    ['VUART_FR_RXFF', PL011_RX.FR_RXFF, 'UARTFR.RXFF'],
    ['VUART_INT_TX', PL011_INT_TX, 'UARTRIS.TXRIS'],
    ['VUART_INT_RX_BIT', Math.log2(PL011_RX.INT_RX), 'UARTRIS.RXRIS, UARTIMSC.RXIM'],
    ['VUART_FEN_BIT', Math.log2(PL011_RX.LCR_FEN), 'UARTLCR_H.FEN: the 16-byte FIFO (else 1 byte)'],
    ['VUART_RXFE_BIT', Math.log2(PL011_RX.FR_RXFE), 'UARTFR.RXFE'],
    ['VUART_RX_FIFO', RX_FIFO, 'C_UART: the receive FIFO'],
    ['VUART_RX_HEAD', RX_HEAD, 'C_UART: its oldest byte\'s index'],
    ['VUART_RX_COUNT', RX_COUNT, 'C_UART: the bytes it holds'],
    ['VUART_FIFO_DEPTH', PL011_RX.FIFO_DEPTH, 'the FIFO\'s depth with UARTLCR_H.FEN'],
    ['VUART_INTID', VUART_INTID, 'the guest UART\'s SPI (and the machine\'s)'],
    ['VUART_STORED_LO', stored & 0xffff, 'the offsets / 4 a write stores whole, bits 15:0'],
    ['VUART_STORED_HI', stored >>> 16, '… bits 31:16'],
  ];
}
