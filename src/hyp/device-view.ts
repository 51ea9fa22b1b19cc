// Each VM's emulated devices as that VM should see them (issue 17: "the emulated devices are per context"), for the
// run-time leak check. The hypervisor keeps a PL011 (vuart.S, C_UART) and a GICv2 distributor (vgicd.S, C_GICD) per
// VM and answers its MMIO aborts from them; a hypervisor that indexes the wrong block hands a VM what another VM wrote.
// The check keeps, per VM, a device view: the reset state (vuartReset, vgicdReset) changed only by that VM's own
// emulated writes, with the write semantics of the register tables the hypervisor is built from (VUART_STORED,
// vgicdRows) — never by memory the hypervisor touches. An emulated read of a storage register (UARTRSR, ILPR, IBRD,
// FBRD, LCR_H, CR, IFLS, IMSC, DMACR; GICD_CTLR, ISENABLER/ICENABLER, IPRIORITYR, ICFGR), of a constant one (the ID words,
// GICD_TYPER/IIDR/PIDR2, ICFGR0/1) or of an offset that is RAZ must put into Xt exactly what the view says, cut and
// extended as the instruction syndrome says; a different value is a leak, named with the last VM whose own writes
// gave that register that value (as RegisterLeak names a register's writer). Comparing with the VM's own view, not
// looking for other VMs' values, is what keeps common values (0, 1) from being false positives.
// The receive side: UARTDR, FR, RIS and MIS follow the VM's own writes (transmit raises TXRIS, UARTICR clears) and its
// receive FIFO, modelled as vuart.S keeps it; only the input VM's is ever filled, with the bytes the hypervisor took
// from the machine's PL011 while it ran (`received`, told by the machine's PL011): a byte any VM reads is its own input.
// The distributor's pending, active and SGI-source words (GICD_IS/ICPENDR, IS/ICACTIVER, S/CPENDSGIR): a VM without a
// vGIC has its own latches, active bits and sources there and nothing else (its list registers are empty), exactly
// predicted; for a VM with one, list-register state is folded back (vgic_fold) and its latches taken (vgic_flush)
// where the observer does not look, so a read is bounded instead: no bit of an interrupt its own history could not
// have made pending or active (`may`) — a bit beyond it is another VM's interrupt, named by the VM that named it.
// Interrupt delivery: every valid list register at the ERET into a VM holds an interrupt of that VM — its virtual
// timer's PPI, its UART's SPI, or an INTID it made pending or active through its own distributor writes (GICD_ISPENDR,
// ISACTIVER, SGIR, SPENDSGIR); an INTID only another VM named is that VM's interrupt delivered to it. HCR_EL2.VSE/VI/VF
// (a virtual SError/IRQ/FIQ without the GIC) must be as the VM's own C_HCR has them: the reference never sets them.
import { ecOf, EC_DABT_LOWER, ISS_ISV, ISS_S1PTW, ISS_SAS_SHIFT, ISS_SF, ISS_SRT_SHIFT, ISS_SSE, ISS_WNR } from '../arch/syndrome.ts';
import { LR_ACTIVE, LR_PENDING } from '../devices/gic-virt.ts';
import { GICD_BASE, GIC_REGION_SIZE } from '../devices/gic.ts';
import { PL011_FR_EMPTY, PL011_INT_TX, PL011_REG, PL011_RX } from '../devices/pl011.ts';
import { VGICD_FLAG, VGICD_KIND, VGICD_SLOT, vgicdReset, vgicdRows, type VgicdRow } from './vgicd.ts';
import { GICH_SWITCHED, VTIMER_INTID } from './vgic.ts';
import { VUART_INTID, VUART_IPA, VUART_STORED, vuartIdBytes, vuartReset } from './vuart.ts';
import type { RegisterLeak } from './leak-check.ts';

/** An access to an emulated device as its data abort's syndrome describes it (ARM §D24.2.40, ISS for a Data Abort). */
export interface MmioAccess {
  readonly device: 'uart' | 'gicd';
  /** Byte offset in the device's frame (the UART's page, the distributor's 64 KiB). */
  readonly offset: number;
  readonly bytes: number;
  readonly write: boolean;
  /** ISS.SRT (31: XZR), ISS.SSE, ISS.SF. */
  readonly srt: number;
  readonly sse: boolean;
  readonly sf: boolean;
  /** A write's value: Xsrt cut to the access's width (what vuart.S mmio_write_value takes). */
  readonly value: bigint;
}

const UART_PAGE = VUART_IPA / 0x1000;
const GICD_PAGE = GICD_BASE / 0x1000;
const GICD_PAGES = GIC_REGION_SIZE / 0x1000;

/** The access a VM's stage-2 data abort made to an emulated device, or undefined (another abort, no syndrome). */
export function mmioAccess(esr: number, far: bigint, hpfar: bigint, x: (n: number) => bigint): MmioAccess | undefined {
  // a valid instruction syndrome, not a stage-1 walk's fault (vuart.S dabt_lower)
  if (ecOf(esr) !== EC_DABT_LOWER || (esr & ISS_ISV) === 0 || (esr & ISS_S1PTW) !== 0) return undefined;
  const page = Number(hpfar >> 4n); // HPFAR_EL2.FIPA[43:4] = IPA[51:12]
  const inPage = Number(far & 0xfffn); // FAR_EL2[11:0] = IPA[11:0]
  const device = page === UART_PAGE ? 'uart' : page - GICD_PAGE >= 0 && page - GICD_PAGE < GICD_PAGES ? 'gicd' : undefined;
  if (device === undefined) return undefined;
  const bytes = 1 << ((esr >>> ISS_SAS_SHIFT) & 3);
  const srt = (esr >>> ISS_SRT_SHIFT) & 31;
  const write = (esr & ISS_WNR) !== 0;
  const value = write && srt !== 31 ? cut(x(srt), bytes) : 0n;
  const offset = device === 'uart' ? inPage : ((page - GICD_PAGE) << 12) | inPage;
  return { device, offset, bytes, write, srt, sse: (esr & ISS_SSE) !== 0, sf: (esr & ISS_SF) !== 0, value };
}

function cut(v: bigint, bytes: number): bigint {
  return BigInt.asUintN(8 * bytes, v);
}

/** What a read of `word` puts into Xt: cut to the width, sign-extended when ISS.SSE, 32 bits for a W register. */
function reply(word: number, a: MmioAccess): bigint {
  let v = cut(BigInt(word >>> 0), a.bytes);
  if (a.sse) v = BigInt.asUintN(64, BigInt.asIntN(8 * a.bytes, v));
  return a.sf ? v : BigInt.asUintN(32, v);
}

const UART_NAMES = new Map<number, string>(Object.entries(PL011_REG).map(([k, off]) => [off, `UART${k}`]));
/** UART registers the receive side changes (vuart.S uart_rx_pull, vuart_take): compared with the receive FIFO's model. */
const UART_LIVE = new Set<number>([PL011_REG.DR, PL011_REG.FR, PL011_REG.RIS, PL011_REG.MIS]);
const UART_LAST = PL011_REG.DMACR;
const UART_ID = 0xfe0;
const UART_ID_BYTES = vuartIdBytes();
const ROWS: readonly VgicdRow[] = vgicdRows();
const SGIR = ROWS.find((r) => r.kind === VGICD_KIND.SGIR)!.start;
/** Words of one bit-per-interrupt bank (pending, active) in the distributor state. */
const BANK_WORDS = VGICD_SLOT.ACTIVE - VGICD_SLOT.PEND;
/** Distributor state words only the VM's writes change: CTLR, the enable bits, the priorities, the configuration. */
const gicdStorage = (word: number): boolean => word < VGICD_SLOT.PEND || (word >= VGICD_SLOT.PRIORITY && word < VGICD_SLOT.SGISRC);
/** The UART's SPI: its bit in a bank word, and that word. */
const LINE_WORD = VUART_INTID >> 5;
const LINE_BIT = 1 << (VUART_INTID & 31);
/** Per context in `may`: the pending bank's words, then the active bank's. */
const MAY_WORDS = 2 * BANK_WORDS;
const NO_LEAKS: readonly RegisterLeak[] = Object.freeze([]);

/** How an access lands on a device's state: a word of it (storage or live), a constant, or nothing (RAZ/WI). */
type Target = { readonly word: number; readonly storage: boolean; readonly shift: number; readonly row?: VgicdRow } | { readonly constant: number };

function uartTarget(o: number): Target {
  if ((o & 3) !== 0) return { constant: 0 }; // not a register's word: RAZ/WI (vuart.S)
  if (o <= UART_LAST) return { word: o >> 2, storage: !UART_LIVE.has(o), shift: 0 };
  if (o >= UART_ID && o < UART_ID + 32) return { constant: UART_ID_BYTES[(o - UART_ID) >> 2]! };
  return { constant: 0 };
}

function gicdTarget(a: MmioAccess): Target {
  // 64-bit and unaligned accesses, offsets no row has: RAZ/WI (GICv2 §4.1.4, §4.3.1)
  if (a.bytes === 8 || (a.offset & (a.bytes - 1)) !== 0) return { constant: 0 };
  const row = ROWS.find((r) => a.offset >= r.start && a.offset < r.end);
  if (row === undefined || row.kind === VGICD_KIND.SGIR) return { constant: 0 };
  const shift = 8 * (a.offset & 3);
  if (row.kind === VGICD_KIND.CONST) return { constant: row.value >>> shift };
  const word = (row.slot + (a.offset & ~3) - row.start) >> 2;
  return { word, storage: gicdStorage(word), shift, row };
}

const uartName = (o: number): string => UART_NAMES.get(o) ?? `UART+0x${o.toString(16)}`;

function gicdName(o: number): string {
  const r = ROWS.find((x) => o >= x.start && o < x.end);
  return r === undefined ? `GICD+0x${o.toString(16)}` : r.end - r.start > 4 ? `${r.name}+0x${(o - r.start).toString(16)}` : r.name;
}

/** GICD_ISPENDR0[15:0] as vgicd.S reads it (SGI_VIEW): the SGIs with a source CPU's bit set in GICD_SPENDSGIR. */
function sgiPending(g: Uint32Array): number {
  let v = 0;
  for (let sgi = 0; sgi < 16; sgi++) if (((g[VGICD_SLOT.SGISRC + (sgi >> 2)]! >>> (8 * (sgi & 3))) & 0xff) !== 0) v |= 1 << sgi;
  return v;
}

/** HCR_EL2's virtual exception lines: bit, field (ARM D24.2.48). */
const VIRTUAL_LINES: readonly [bigint, string][] = [[8n, 'VSE'], [7n, 'VI'], [6n, 'VF']];

/** Words a register kept per writer, for naming one (the most recent). */
const HISTORY_KEPT = 64;

export class DeviceViews {
  private readonly uart: Uint32Array[];
  private readonly gicd: Uint32Array[];
  /** Per device word ("uart:9"): the words VMs' own writes left there, most recent last. */
  private readonly history = new Map<string, { word: number; ctx: number }[]>();
  /** Per context: the INTIDs its own distributor writes made pending or active. */
  private readonly named: Set<number>[];
  /** Per context: list-register values (and, negated, HCR_EL2 bits) already reported: a leak is reported once. */
  private readonly reported: Set<number>[];
  /** Per context, its receive FIFO as vuart.S keeps it (uart_rx_pull, vuart_take): 16 bytes, the oldest's index, the
   *  count. Only the input context's ever holds a byte: the ones the machine's PL011 gave the hypervisor for it. */
  private readonly rxFifo: Uint8Array;
  private readonly rxHead: Uint8Array;
  private readonly rxCount: Uint8Array;
  /** Per byte value: the context that last transmitted it (-1: none); whether the run's input delivered it. */
  private readonly txBy = new Int16Array(256).fill(-1);
  private readonly inputBytes = new Uint8Array(256);
  /**
   * Per context with a vGIC, MAY_WORDS words: the interrupts that may be pending, beyond the latches of its view — the
   * SGIs it named (an SGI taken into a list register stays pending there whatever GICD_CPENDSGIR does), its virtual
   * timer's PPI, its UART's SPI once its line was high (until a GICD_ICPENDR write with the line low) — and those that
   * may be active: any that may have been pending (the guest acknowledges through GICV, unseen), and its own
   * GICD_ISACTIVER writes, until its GICD_ICACTIVER write while not possibly pending.
   */
  private readonly may: Uint32Array;
  /** Emulated reads compared with the reading VM's view. */
  reads = 0;

  /**
   * `input`: the context the run's input goes to (the scenario's `input`), -1: none. `vgic`: per context, whether its
   * virtual interface is enabled (GICH_HCR.En: the hypervisor moves its distributor's pending and active state through
   * list registers, so those registers are bounded, not predicted). `rxKnown`: whether the observer is told the bytes
   * the hypervisor takes from the machine's PL011 (`received`); without it the input context's receive side (and the
   * UART's line in its distributor) is not compared.
   */
  constructor(
    private readonly names: readonly string[],
    private readonly input: number,
    private readonly vgic: readonly boolean[],
    private readonly rxKnown: boolean,
  ) {
    this.uart = names.map(() => Uint32Array.from(vuartReset()));
    this.gicd = names.map(() => Uint32Array.from(vgicdReset()));
    this.named = names.map(() => new Set());
    this.reported = names.map(() => new Set());
    const depth = PL011_RX.FIFO_DEPTH;
    this.rxFifo = new Uint8Array(names.length * depth);
    this.rxHead = new Uint8Array(names.length);
    this.rxCount = new Uint8Array(names.length);
    this.may = new Uint32Array(names.length * MAY_WORDS);
    names.forEach((_, i) => {
      if (!vgic[i]) return;
      this.may[i * MAY_WORDS + (VTIMER_INTID >> 5)] = 1 << (VTIMER_INTID & 31); // its timer's output may be high
      this.settle(i);
    });
  }

  /**
   * The hypervisor took `byte` from the machine's PL011 while the input context runs: vuart.S uart_rx_pull moves it
   * into that context's receive FIFO (it takes one only while the FIFO has room) and raises its UARTRIS.RXRIS.
   */
  received(byte: number): void {
    const i = this.input;
    if (i < 0) return;
    this.inputBytes[byte] = 1;
    const n = this.rxCount[i]!;
    const depth = PL011_RX.FIFO_DEPTH;
    if (n >= depth) return; // more than the FIFO holds: a hypervisor that lost bytes, not one that leaked them
    this.rxFifo[i * depth + ((this.rxHead[i]! + n) & (depth - 1))] = byte;
    this.rxCount[i] = n + 1;
    this.uart[i]![PL011_REG.RIS >> 2]! |= PL011_RX.INT_RX;
    this.settle(i);
  }

  /**
   * The hypervisor completed access `a` for context `ctx` (it resumed it past the instruction): a write changes the
   * context's view; a read must have put into Xt (`xt`, the register as the ERET hands it) what the view says — or,
   * for a pending/active/SGI-source word of a VM with a vGIC, no bit the view does not allow.
   */
  complete(ctx: number, a: MmioAccess, xt: bigint): readonly RegisterLeak[] {
    if (this.uart[ctx] === undefined) return NO_LEAKS;
    if (a.write) {
      this.write(ctx, a);
      return NO_LEAKS;
    }
    const t = a.device === 'uart' ? uartTarget(a.offset) : gicdTarget(a);
    let word: number | undefined;
    let bound = false;
    if ('constant' in t) word = t.constant;
    else if (t.storage) word = this.state(a.device, ctx)[t.word]! >>> t.shift;
    else if (a.device === 'uart') word = ctx !== this.input || this.rxKnown ? this.uartLive(ctx, a.offset) : undefined;
    else if (!this.vgic[ctx]) word = ctx !== this.input || this.rxKnown ? this.gicdLive(ctx, t) >>> t.shift : undefined;
    else {
      word = this.gicdMay(ctx, t.word) >>> t.shift;
      bound = true;
    }
    if (a.device === 'uart' && a.offset === PL011_REG.DR) this.take(ctx); // vuart_take: whatever Xt is, even XZR
    if (word === undefined || a.srt === 31) return NO_LEAKS; // XZR: nothing is written
    this.reads++;
    // bounded: the bits read that the view allows, as the read would return them
    const own = reply(bound ? Number(cut(xt, a.bytes)) & word : word, a);
    if (xt === own) return NO_LEAKS;
    const reg = `${a.device === 'uart' ? uartName(a.offset) : gicdName(a.offset)} (emulated ${a.device === 'uart' ? 'PL011' : 'GICD'}, read into X${a.srt})`;
    const writer = 'constant' in t ? 'the hypervisor'
      : a.device === 'gicd' && !t.storage ? this.interruptSource(ctx, t, Number(cut(xt, a.bytes)) << t.shift) ?? this.writerOf(a, t.word, t.shift, xt, ctx)
      : this.writerOf(a, t.word, t.shift, xt, ctx);
    return [{ context: ctx, reg, value: xt, own, writer }];
  }

  /** UARTDR, FR, RIS, MIS: its receive FIFO (empty but for the input context's), RIS with the TXRIS its own UARTDR
   *  writes raised, the RXRIS the input raised, less what its UARTICR writes cleared (vuart.S; PL011 TRM §3.3). */
  private uartLive(ctx: number, o: number): number {
    const v = this.uart[ctx]!;
    const ris = v[PL011_REG.RIS >> 2]!;
    const n = this.rxCount[ctx]!;
    if (o === PL011_REG.FR) return (n > 0 ? PL011_FR_EMPTY & ~PL011_RX.FR_RXFE : PL011_FR_EMPTY) | (n >= this.rxDepth(ctx) ? PL011_RX.FR_RXFF : 0);
    if (o === PL011_REG.RIS) return ris;
    if (o === PL011_REG.MIS) return ris & v[PL011_REG.IMSC >> 2]!;
    return this.rxFifo[ctx * PL011_RX.FIFO_DEPTH + this.rxHead[ctx]!]!; // UARTDR: the oldest byte, or the empty FIFO's stale slot
  }

  /** The receive FIFO's depth: 16 with UARTLCR_H.FEN, else 1 (vuart.S vuart_depth). */
  private rxDepth(ctx: number): number {
    return (this.uart[ctx]![PL011_REG.LCR_H >> 2]! & PL011_RX.LCR_FEN) !== 0 ? PL011_RX.FIFO_DEPTH : 1;
  }

  /** A UARTDR read (vuart_take): the oldest byte leaves; RXRIS falls when the FIFO is (or was) empty. */
  private take(ctx: number): void {
    const n = this.rxCount[ctx]!;
    if (n > 0) {
      this.rxCount[ctx] = n - 1;
      this.rxHead[ctx] = (this.rxHead[ctx]! + 1) & (PL011_RX.FIFO_DEPTH - 1);
    }
    if (n <= 1) this.uart[ctx]![PL011_REG.RIS >> 2]! &= ~PL011_RX.INT_RX;
    this.settle(ctx);
  }

  /** The UART's interrupt line (UARTRIS & UARTIMSC), which vgic_fold shows pending at SPI 1 — or, for the input
   *  context whose received bytes are not known, possibly. */
  private lineHigh(ctx: number): boolean {
    const v = this.uart[ctx]!;
    return (v[PL011_REG.RIS >> 2]! & v[PL011_REG.IMSC >> 2]!) !== 0 || (ctx === this.input && !this.rxKnown);
  }

  /**
   * A pending, active or SGI-source word of a VM without a vGIC, as vgicd.S reads it: no list register takes its
   * latches or folds state back (its GICH_LRs are empty), so the word is its own writes' — the latch or the active
   * bit, and for GICD_IS/ICPENDRn the SGIs pending from any source (SGI_VIEW) and the UART's line (PEND_VIEW).
   */
  private gicdLive(ctx: number, t: { readonly word: number; readonly row?: VgicdRow }): number {
    const g = this.gicd[ctx]!;
    let v = g[t.word]!;
    const flags = t.row?.flags ?? 0;
    if ((flags & VGICD_FLAG.SGI_VIEW) !== 0) v |= sgiPending(g);
    if ((flags & VGICD_FLAG.PEND_VIEW) !== 0 && t.word - VGICD_SLOT.PEND === LINE_WORD && this.lineHigh(ctx)) v |= LINE_BIT;
    return v >>> 0;
  }

  /**
   * The bits a pending, active or SGI-source word of a VM with a vGIC may have: the hypervisor only ever clears its
   * latches and SGI sources (taking them into list registers), so those are at most the view's; pending beyond them
   * and active state come from the list registers, bounded by `may`.
   */
  private gicdMay(ctx: number, word: number): number {
    const S = VGICD_SLOT;
    const g = this.gicd[ctx]!;
    const k = word - S.PEND;
    if (k >= 0 && k < BANK_WORDS) return (g[word]! | this.may[ctx * MAY_WORDS + k]!) >>> 0;
    const j = word - S.ACTIVE;
    if (j >= 0 && j < BANK_WORDS) return this.may[ctx * MAY_WORDS + BANK_WORDS + j]!;
    return g[word]!; // GICD_S/CPENDSGIR: the sources its own writes set
  }

  /** After a change a VM with a vGIC made (or the input made) to what may be pending: its UART's line, if high, may
   *  stay pending in a list register; whatever may be pending may be acknowledged, so active. */
  private settle(ctx: number): void {
    if (!this.vgic[ctx]) return;
    const m = ctx * MAY_WORDS;
    if (this.lineHigh(ctx)) this.may[m + LINE_WORD]! |= LINE_BIT;
    const g = this.gicd[ctx]!;
    for (let k = 0; k < BANK_WORDS; k++) this.may[m + BANK_WORDS + k]! |= g[VGICD_SLOT.PEND + k]! | this.may[m + k]!;
  }

  /** Bits of `bits` (a word of the register at `word`) no own history of `ctx` allows: the VM whose own writes named
   *  the lowest such interrupt, or the hypervisor; undefined when every bit is allowed (a missing bit). */
  private interruptSource(ctx: number, t: { readonly word: number; readonly row?: VgicdRow }, bits: number): string | undefined {
    const S = VGICD_SLOT;
    const word = t.word;
    const allowed = this.vgic[ctx] ? this.gicdMay(ctx, word) : this.gicdLive(ctx, t);
    const extra = (bits & ~allowed) >>> 0;
    if (extra === 0) return undefined;
    const bit = 31 - Math.clz32(extra & -extra);
    const intid = word >= S.SGISRC ? 4 * (word - S.SGISRC) + (bit >> 3) : 32 * (word - (word >= S.ACTIVE ? S.ACTIVE : S.PEND)) + bit;
    const by = this.named.findIndex((s, i) => i !== ctx && s.has(intid));
    return by >= 0 ? `${this.names[by]} (its INTID ${intid})` : 'the hypervisor';
  }
  /**
   * The list registers at the ERET into `ctx` (`read`: GICH by offset): each valid one must hold an interrupt of the
   * context's own — its virtual timer, its UART, or one it named through its own distributor.
   */
  delivered(ctx: number, read: (offset: number) => number, hcr: bigint, hcrOf: (ctx: number) => bigint): RegisterLeak[] {
    const named = this.named[ctx];
    if (named === undefined) return [];
    const leaks: RegisterLeak[] = [];
    // HCR_EL2.VSE/VI/VF, a virtual SError/IRQ/FIQ pending for the context entered (ARM D1.13.4): each as the context's
    // own HCR_EL2 (its table entry's C_HCR) has it
    const mine = hcrOf(ctx);
    for (const [bit, name] of VIRTUAL_LINES) {
      const live = (hcr >> bit) & 1n;
      const own = (mine >> bit) & 1n;
      if (live === own || this.reported[ctx]!.has(-Number(bit))) continue;
      this.reported[ctx]!.add(-Number(bit));
      const by = this.names.findIndex((_, i) => i !== ctx && ((hcrOf(i) >> bit) & 1n) === live);
      leaks.push({ context: ctx, reg: `HCR_EL2.${name}`, value: live, own, writer: by >= 0 ? `${this.names[by]} (its HCR_EL2)` : 'the hypervisor' });
    }
    for (const r of GICH_SWITCHED) {
      if (!r.name.startsWith('GICH_LR')) continue;
      const lr = read(r.gich) >>> 0;
      if ((lr & (LR_PENDING | LR_ACTIVE)) === 0) continue; // GICH_LR.State = 0: empty (GICv2 §5.3.11)
      const intid = lr & 0x3ff; // GICH_LR.VirtualID
      if (intid === VTIMER_INTID || intid === VUART_INTID || named.has(intid) || this.reported[ctx]!.has(lr)) continue;
      this.reported[ctx]!.add(lr);
      const by = this.named.findIndex((s, i) => i !== ctx && s.has(intid));
      leaks.push({ context: ctx, reg: `${r.name} (INTID ${intid})`, value: BigInt(lr), own: 0n, writer: by >= 0 ? `${this.names[by]} (its INTID ${intid})` : 'the hypervisor' });
    }
    return leaks;
  }

  private state(device: MmioAccess['device'], ctx: number): Uint32Array {
    return (device === 'uart' ? this.uart : this.gicd)[ctx]!;
  }

  /** A write as the hypervisor's tables say it acts (vuart.S vuart_write, vgicd.S vgicd_write). */
  private write(ctx: number, a: MmioAccess): void {
    const v = Number(BigInt.asUintN(32, a.value)); // the 32-bit word register (`str w6`)
    if (a.device === 'uart') {
      const t = uartTarget(a.offset);
      if ('constant' in t) return;
      const u = this.uart[ctx]!;
      const ris = PL011_REG.RIS >> 2;
      if (a.offset === PL011_REG.RSR) this.put(ctx, a, t.word, 0); // UARTECR clears the error flags
      else if (a.offset === PL011_REG.DR) {
        this.put(ctx, a, ris, u[ris]! | PL011_INT_TX); // transmit raises TXRIS
        this.txBy[v & 0xff] = ctx;
      } else if (a.offset === PL011_REG.ICR) this.put(ctx, a, ris, u[ris]! & ~v); // UARTICR clears RIS bits
      else if (VUART_STORED.includes(a.offset)) {
        // switching the FIFOs on or off empties the receive FIFO (RXRIS stays: vuart.S, QEMU pl011_write)
        if (a.offset === PL011_REG.LCR_H && ((u[t.word]! ^ v) & PL011_RX.LCR_FEN) !== 0) this.rxHead[ctx] = this.rxCount[ctx] = 0;
        this.put(ctx, a, t.word, v);
      }
      this.settle(ctx);
      return;
    }
    if (a.bytes === 4 && a.offset === SGIR) {
      this.sgir(ctx, a, v); // GICD_SGIR: word writes only
      this.settle(ctx);
      return;
    }
    const t = gicdTarget(a);
    if ('constant' in t || t.row === undefined) return;
    // byte and halfword writes act only on a NARROW row's bytes (vgicd.S)
    const narrow = (t.row.flags & VGICD_FLAG.NARROW) !== 0;
    if (a.bytes !== 4 && !narrow) return;
    const mask = (a.bytes === 4 ? t.row.value : t.row.value & (((2 ** (8 * a.bytes) - 1) << t.shift) >>> 0)) >>> 0;
    const bits = ((v << t.shift) & mask) >>> 0;
    const old = this.gicd[ctx]![t.word]!;
    const k = t.row.kind;
    if (k === VGICD_KIND.SET && bits !== 0) this.nameInterrupts(ctx, t.word, bits);
    if (this.vgic[ctx] && bits !== 0) this.bound(ctx, t.word, k, bits);
    this.put(ctx, a, t.word, k === VGICD_KIND.SET ? old | bits : k === VGICD_KIND.CLEAR ? old & ~bits : (old & ~mask) | bits);
    this.settle(ctx);
  }

  /**
   * What a VM with a vGIC may have pending or active after its own write of `bits` to the state word `word`: a
   * GICD_ISACTIVER write may make them active; a GICD_ICACTIVER write makes them inactive (vgicd.S clears the list
   * registers' active state too) unless they may be pending; a GICD_ICPENDR write takes the UART's SPI out of a list
   * register's pending state (vgicd.S) unless its line is high — the virtual timer's PPI may be pending again at once.
   */
  private bound(ctx: number, word: number, kind: number, bits: number): void {
    const S = VGICD_SLOT;
    const m = ctx * MAY_WORDS;
    const j = word - S.ACTIVE;
    if (j >= 0 && j < BANK_WORDS) {
      const pend = this.gicd[ctx]![S.PEND + j]! | this.may[m + j]!;
      if (kind === VGICD_KIND.SET) this.may[m + BANK_WORDS + j]! |= bits;
      else if (kind === VGICD_KIND.CLEAR) this.may[m + BANK_WORDS + j]! &= ~(bits & ~pend);
    }
    if (kind === VGICD_KIND.CLEAR && word - S.PEND === LINE_WORD && (bits & LINE_BIT) !== 0 && !this.lineHigh(ctx)) this.may[m + LINE_WORD]! &= ~LINE_BIT;
  }

  private put(ctx: number, a: MmioAccess, word: number, value: number): void {
    this.state(a.device, ctx)[word] = value >>> 0;
    const key = `${a.device}:${word}`;
    let h = this.history.get(key);
    if (h === undefined) this.history.set(key, (h = []));
    h.push({ word: value >>> 0, ctx });
    if (h.length > HISTORY_KEPT) h.shift();
  }

  /** GICD_SGIR: SGIINTID pending from source CPU 0 when the filter targets the VM's one PE (vgicd.S vgicd_sgir). */
  private sgir(ctx: number, a: MmioAccess, v: number): void {
    const filter = (v >>> 24) & 3;
    if (filter === 1 || (filter === 0 && ((v >>> 16) & 1) === 0)) return;
    const sgi = v & 0xf;
    const word = VGICD_SLOT.SGISRC + (sgi >> 2);
    this.put(ctx, a, word, this.gicd[ctx]![word]! | (1 << (8 * (sgi & 3))));
    this.nameSgiPending(ctx, sgi);
  }

  /** An SGI its own write made pending: a list register may hold it pending until the guest acknowledges it. */
  private nameSgiPending(ctx: number, sgi: number): void {
    this.named[ctx]!.add(sgi);
    if (this.vgic[ctx]) this.may[ctx * MAY_WORDS]! |= 1 << sgi;
  }

  /** Bits set in a pending or active bank word, or source bytes set in GICD_SPENDSGIR: the interrupts named. */
  private nameInterrupts(ctx: number, word: number, bits: number): void {
    const S = VGICD_SLOT;
    const base = word >= S.PEND && word < S.PEND + BANK_WORDS ? S.PEND : word >= S.ACTIVE && word < S.ACTIVE + BANK_WORDS ? S.ACTIVE : -1;
    if (base >= 0) for (let b = 0; b < 32; b++) if (((bits >>> b) & 1) !== 0) this.named[ctx]!.add(32 * (word - base) + b);
    if (word >= S.SGISRC && word < S.VIEW) {
      for (let b = 0; b < 4; b++) if (((bits >>> (8 * b)) & 0xff) !== 0) this.nameSgiPending(ctx, 4 * (word - S.SGISRC) + b);
    }
  }

  /** The VM whose own write last left a word that reads as `found`, else the reset or the hypervisor. */
  private writerOf(a: MmioAccess, word: number, shift: number, found: bigint, ctx: number): string {
    const h = this.history.get(`${a.device}:${word}`) ?? [];
    for (let i = h.length - 1; i >= 0; i--) {
      if (reply(h[i]!.word >>> shift, a) !== found) continue;
      return h[i]!.ctx === ctx ? `${this.names[ctx]} itself, earlier` : this.names[h[i]!.ctx]!;
    }
    if (a.device === 'uart' && word === PL011_REG.DR >> 2) {
      // a byte received: one another VM transmitted, or one of the run's input
      const b = Number(found & 0xffn);
      const by = this.txBy[b]!;
      if (by >= 0 && by !== ctx) return `${this.names[by]} (a byte it transmitted)`;
      if (this.input >= 0 && (this.inputBytes[b] === 1 || !this.rxKnown)) return `the run's input (for ${this.names[this.input]})`;
    }
    const reset = (a.device === 'uart' ? vuartReset() : vgicdReset())[word]!;
    return reply(reset >>> shift, a) === found ? 'nobody since reset (the device\'s reset value)' : 'the hypervisor';
  }
}
