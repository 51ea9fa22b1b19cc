// The GIC distributor the reference hypervisor emulates for every VM (issue 17; KVM's vgic-mmio-v2 in the manner, not
// the code): the guest finds it at the board's GICD (its device tree, vm-dt.ts), its stage 2 leaves the distributor's
// 64 KiB frame unmapped, and every access is a stage-2 data abort that src/hyp/asm/vgicd.S answers from the context's
// own state (C_GICD in its context-table entry) with the register table built here. The registers behave as the
// machine's GICv2 model does (src/devices/gic.ts, checked against QEMU 7.2) for the interrupts a VM has: 64 of them
// (GICD_TYPER.ITLinesNumber = 1: the 16 SGIs, the 16 PPIs with the virtual timer's PPI 27, and 32 SPIs with the
// UART's SPI 1); registers of interrupts beyond them, and offsets no register has, are RAZ/WI (GICv2 §4.3.1, IHI 0048B).
import { GICD_BASE, GICD_IIDR, GICD_PIDR2, GIC_REGION_SIZE } from '../devices/gic.ts';

/** Interrupt IDs a VM has: 32 private (SGIs, PPIs) + 32 SPIs. */
export const VGICD_IRQS = 64;
/** GICD_TYPER: ITLinesNumber = VGICD_IRQS / 32 - 1, CPUNumber = 0 (one virtual PE), SecurityExtn = 0 (GICv2 §4.3.2). */
export const VGICD_TYPER = VGICD_IRQS / 32 - 1;

/** The per-VM state: one 32-bit word per slot, at these word indexes. */
const WORDS = VGICD_IRQS / 32;
export const VGICD_SLOT = {
  CTLR: 0,
  ENABLE: 1, // GICD_ISENABLER/ICENABLER: one bit per interrupt
  PEND: 1 + WORDS, // pending set by GICD_ISPENDR (SGIs: SGISRC instead)
  ACTIVE: 1 + 2 * WORDS,
  PRIORITY: 1 + 3 * WORDS, // GICD_IPRIORITYR: one byte per interrupt
  CONFIG: 1 + 3 * WORDS + VGICD_IRQS / 4, // GICD_ICFGR: two bits per interrupt
  SGISRC: 1 + 3 * WORDS + VGICD_IRQS / 4 + VGICD_IRQS / 16, // GICD_SPENDSGIR: per SGI one byte of source-CPU bits
  // pending beyond the latches, as of the last look at the list registers (vgicd.S vgic_fold): interrupts a list
  // register holds pending, and the emulated UART's level
  VIEW: 1 + 3 * WORDS + VGICD_IRQS / 4 + VGICD_IRQS / 16 + 4,
} as const;
export const VGICD_WORDS = VGICD_SLOT.VIEW + WORDS;
export const VGICD_BYTES = VGICD_WORDS * 4;

/** What a register's row does (vgicd.S): reads give the value or the state word; word writes as below. */
export const VGICD_KIND = {
  CONST: 0, // reads the row's value; writes ignored
  STORE: 1, // the writable bits (the row's mask) replaced
  SET: 2, // the bits written as 1 (within the mask) set
  CLEAR: 3, // … cleared
  SGIR: 4, // GICD_SGIR: a write makes an SGI pending; reads 0
} as const;
/** Row flags: narrower (byte, halfword) writes act on their bytes (else they are ignored, as the model's); a read of
 *  GICD_ISPENDR0/ICPENDR0 shows the SGIs pending from any source in bits 15:0. */
const NARROW = 1;
const SGI_VIEW = 2;
/** …and every GICD_ISPENDRn/ICPENDRn read shows the VIEW word too (KVM's pending = latch | line level | LR state). */
const PEND_VIEW = 4;
export const VGICD_FLAG = { NARROW, SGI_VIEW, PEND_VIEW } as const;

export interface VgicdRow {
  readonly name: string;
  readonly start: number;
  /** exclusive */
  readonly end: number;
  readonly kind: number;
  readonly flags: number;
  /** byte offset of the first word in the state (STORE, SET, CLEAR) */
  readonly slot: number;
  /** CONST: the value; else the writable bits */
  readonly value: number;
}

const row = (name: string, start: number, bytes: number, kind: number, slotWord: number, value: number, flags = 0): VgicdRow =>
  ({ name, start, end: start + bytes, kind, flags, slot: slotWord * 4, value: value >>> 0 });

/** One row per register (or per bank word where the writable bits differ), in offset order. */
export function vgicdRows(): VgicdRow[] {
  const K = VGICD_KIND;
  const S = VGICD_SLOT;
  const rows: VgicdRow[] = [
    row('GICD_CTLR', 0x000, 4, K.STORE, S.CTLR, 0x3), // EnableGrp0, EnableGrp1 (the model keeps both; no Security Extensions)
    row('GICD_TYPER', 0x004, 4, K.CONST, 0, VGICD_TYPER),
    row('GICD_IIDR', 0x008, 4, K.CONST, 0, GICD_IIDR),
  ];
  // the banks of one bit per interrupt: word 0 holds the SGIs, whose enable bits are RAO/WI and whose pending bits
  // only GICD_SGIR/SPENDSGIR/CPENDSGIR change (as the model and QEMU); their active bits are writable
  const banks: [string, number, number, number][] = [
    ['ISENABLER', 0x100, K.SET, S.ENABLE], ['ICENABLER', 0x180, K.CLEAR, S.ENABLE],
    ['ISPENDR', 0x200, K.SET, S.PEND], ['ICPENDR', 0x280, K.CLEAR, S.PEND],
    ['ISACTIVER', 0x300, K.SET, S.ACTIVE], ['ICACTIVER', 0x380, K.CLEAR, S.ACTIVE],
  ];
  for (const [name, base, kind, slot] of banks) {
    for (let n = 0; n < WORDS; n++) {
      const sgiBits = n === 0 && base < 0x300;
      const pend = base >= 0x200 && base < 0x300;
      rows.push(row(`GICD_${name}${n}`, base + 4 * n, 4, kind, slot + n, sgiBits ? 0xffff0000 : 0xffffffff, pend ? (n === 0 ? SGI_VIEW : 0) | PEND_VIEW : 0));
    }
  }
  rows.push(row('GICD_IPRIORITYR', 0x400, VGICD_IRQS, K.STORE, S.PRIORITY, 0xffffffff, NARROW)); // 8 priority bits, byte-accessible
  // GICD_ITARGETSR: RAZ/WI on a uniprocessor GIC (GICv2 §4.3.12; the model and QEMU) — no row
  rows.push(row('GICD_ICFGR0', 0xc00, 4, K.CONST, 0, 0xaaaaaaaa)); // SGIs: edge-triggered, read-only
  rows.push(row('GICD_ICFGR1', 0xc04, 4, K.CONST, 0, 0)); // PPIs: level-sensitive, read-only (the model's)
  rows.push(row('GICD_ICFGR2', 0xc08, (VGICD_IRQS - 32) / 4, K.STORE, S.CONFIG + 2, 0xaaaaaaaa)); // SPIs: int_config[1] writable
  rows.push(row('GICD_SGIR', 0xf00, 4, K.SGIR, 0, 0));
  rows.push(row('GICD_CPENDSGIR', 0xf10, 16, K.CLEAR, S.SGISRC, 0xffffffff, NARROW));
  rows.push(row('GICD_SPENDSGIR', 0xf20, 16, K.SET, S.SGISRC, 0xffffffff, NARROW));
  rows.push(row('GICD_PIDR2', 0xfe8, 4, K.CONST, 0, GICD_PIDR2)); // ArchRev = 2; the other ID words RAZ (the model's)
  return rows;
}

/** A fresh state: the model's reset (SGIs enabled; everything else 0). */
export function vgicdReset(): number[] {
  const words = new Array<number>(VGICD_WORDS).fill(0);
  words[VGICD_SLOT.ENABLE] = 0xffff; // GICD_ISENABLER0[15:0]: SGIs always enabled
  return words;
}

/** The rows as config.S data: per row four words — start | end << 16, kind | flags << 8 | slot << 16, value, 0. */
export function vgicdTableSource(): string {
  const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
  return [
    'vgicd_rows:                                   // the emulated distributor\'s registers (vgicd.ts, vgicd.S)',
    ...vgicdRows().map((r) => `    .word ${hex(r.start | (r.end << 16))}, ${hex(r.kind | (r.flags << 8) | (r.slot << 16))}, ${hex(r.value)}, 0   // ${r.name}`),
    'vgicd_rows_end:',
  ].join('\n');
}

/** The `.equ`s vgicd.S decodes with. */
export function vgicdEqus(): [string, number, string][] {
  return [
    ['VGICD_PAGE', GICD_BASE / 0x1000, 'the guest distributor\'s IPA >> 12 (HPFAR_EL2.FIPA)'],
    ['VGICD_PAGES', GIC_REGION_SIZE / 0x1000, 'its frame\'s 4 KiB pages'],
    ['VGICD_K_SET', VGICD_KIND.SET, 'a row that sets the bits written'],
    ['VGICD_K_CLEAR', VGICD_KIND.CLEAR, 'a row that clears them'],
    ['VGICD_K_SGIR', VGICD_KIND.SGIR, 'GICD_SGIR'],
    ['VGICD_F_NARROW_BIT', 8 + Math.log2(NARROW), 'row flag (word 1 bit 8): byte and halfword writes act on their bytes'],
    ['VGICD_F_SGIVIEW_BIT', 8 + Math.log2(SGI_VIEW), 'row flag (word 1 bit 9): bits 15:0 read the SGIs pending from any source'],
    ['VGICD_F_PENDVIEW_BIT', 8 + Math.log2(PEND_VIEW), 'row flag (word 1 bit 10): the read ORs the VIEW word of the same interrupts'],
    ['VGICD_SGISRC', VGICD_SLOT.SGISRC * 4, 'the SGIs\' source bytes in the state'],
    ['VGICD_PEND', VGICD_SLOT.PEND * 4, 'the pending latches in the state'],
    ['VGICD_ACTIVE', VGICD_SLOT.ACTIVE * 4, 'the active bits in the state'],
    ['VGICD_BANK_BYTES', WORDS * 4, 'bytes of one bit-per-interrupt bank (pending, active) in the state'],
    ['VGICD_CONFIG', VGICD_SLOT.CONFIG * 4, 'the GICD_ICFGR words in the state'],
    ['VGICD_VIEW', VGICD_SLOT.VIEW * 4, 'pending from list registers and line levels (vgic_fold)'],
    ['VGICD_CTLR', VGICD_SLOT.CTLR * 4, 'GICD_CTLR in the state'],
    ['VGICD_ENABLE', VGICD_SLOT.ENABLE * 4, 'the enable bits of INTIDs 0–31 in the state'],
    ['VGICD_PRIORITY', VGICD_SLOT.PRIORITY * 4, 'the priority bytes in the state'],
  ];
}
