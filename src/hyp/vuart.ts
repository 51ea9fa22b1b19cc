// The PL011 the reference hypervisor emulates for every VM (issue 17): the guest finds it at the board's address
// (its device tree, vm-dt.ts), its stage 2 leaves that page unmapped, and every access is a stage-2 data abort that
// src/hyp/asm/vuart.S answers from the context's own register block (C_UART in its context-table entry). The register
// map, the reset values and what reads as what are the machine's model's (src/devices/pl011.ts, QEMU 7.2's pl011.c):
// transmit goes out at once (UARTFR = TXFE | RXFE, never busy; a write to UARTDR raises TXRIS), nothing is ever
// received (UARTDR reads the FIFO's slot, 0), registers keep the whole written word.
import { PERIPH_ID, PL011_BASE, PL011_FR_EMPTY, PL011_INT_TX, PL011_REG, PL011_RESET } from '../devices/pl011.ts';
import { primeCellId } from '../devices/primecell.ts';

/** The guest's UART: its IPA is the board's PL011 (one 4 KiB page). */
export const VUART_IPA = PL011_BASE;

/** The register block: one 32-bit word per register offset / 4, UARTDR (slot 0) to UARTDMACR. */
export const VUART_SLOTS = (PL011_REG.DMACR >> 2) + 1;
export const VUART_BYTES = VUART_SLOTS * 4;

/** Registers a write stores whole (the rest: UARTDR transmits, UARTECR clears, UARTICR clears RIS bits, others ignore it). */
const STORED = [PL011_REG.ILPR, PL011_REG.IBRD, PL011_REG.FBRD, PL011_REG.LCR_H, PL011_REG.CR, PL011_REG.IFLS, PL011_REG.IMSC, PL011_REG.DMACR];

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
  const stored = STORED.reduce((m, off) => m | (1 << (off >> 2)), 0);
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
    ['VUART_FR_EMPTY', PL011_FR_EMPTY, 'UARTFR: TXFE | RXFE'],
    ['VUART_INT_TX', PL011_INT_TX, 'UARTRIS.TXRIS'],
    ['VUART_STORED_LO', stored & 0xffff, 'the offsets / 4 a write stores whole, bits 15:0'],
    ['VUART_STORED_HI', stored >>> 16, '… bits 31:16'],
  ];
}
