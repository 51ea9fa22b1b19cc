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
// looking for other VMs' values, is what keeps common values (0, 1) from being false positives. UARTDR, FR, RIS and
// MIS are compared too, for every VM but the input one: no byte reaches its receive FIFO, so they follow its own writes
// (transmit raises TXRIS, UARTICR clears). Not compared: what the hypervisor changes on its own — the input VM's
// receive side (the run's input arrives there) and GICD_IS/ICPENDR, IS/ICACTIVER, S/CPENDSGIR (list-register state
// folded back, vgic_fold).
// Interrupt delivery: every valid list register at the ERET into a VM holds an interrupt of that VM — its virtual
// timer's PPI, its UART's SPI, or an INTID it made pending or active through its own distributor writes (GICD_ISPENDR,
// ISACTIVER, SGIR, SPENDSGIR); an INTID only another VM named is that VM's interrupt delivered to it. HCR_EL2.VSE/VI/VF
// (a virtual SError/IRQ/FIQ without the GIC) must be as the VM's own C_HCR has them: the reference never sets them.
import { ecOf, EC_DABT_LOWER, ISS_ISV, ISS_S1PTW, ISS_SAS_SHIFT, ISS_SF, ISS_SRT_SHIFT, ISS_SSE, ISS_WNR } from '../arch/syndrome.ts';
import { LR_ACTIVE, LR_PENDING } from '../devices/gic-virt.ts';
import { GICD_BASE, GIC_REGION_SIZE } from '../devices/gic.ts';
import { PL011_FR_EMPTY, PL011_INT_TX, PL011_REG } from '../devices/pl011.ts';
import { VGICD_KIND, VGICD_SLOT, vgicdReset, vgicdRows, type VgicdRow } from './vgicd.ts';
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
/** UART registers the receive side changes (vuart.S uart_rx_pull, vuart_take): of the input context's UART only. */
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
  /** Emulated reads compared with the reading VM's view. */
  reads = 0;

  /** `input`: the context the run's input goes to (the scenario's `input`), -1: none. */
  constructor(
    private readonly names: readonly string[],
    private readonly input: number,
  ) {
    this.uart = names.map(() => Uint32Array.from(vuartReset()));
    this.gicd = names.map(() => Uint32Array.from(vgicdReset()));
    this.named = names.map(() => new Set());
    this.reported = names.map(() => new Set());
  }

  /**
   * The hypervisor completed access `a` for context `ctx` (it resumed it past the instruction): a write changes the
   * context's view; a read must have put into Xt (`xt`, the register as the ERET hands it) what the view says.
   */
  complete(ctx: number, a: MmioAccess, xt: bigint): RegisterLeak[] {
    if (this.uart[ctx] === undefined) return [];
    if (a.write) {
      this.write(ctx, a);
      return [];
    }
    if (a.srt === 31) return []; // XZR: nothing is written
    const t = a.device === 'uart' ? uartTarget(a.offset) : gicdTarget(a);
    const word = 'constant' in t ? t.constant : t.storage ? this.state(a.device, ctx)[t.word]! >>> t.shift : a.device === 'uart' && ctx !== this.input ? this.uartLive(ctx, a.offset) : undefined;
    if (word === undefined) return [];
    this.reads++;
    const own = reply(word, a);
    if (xt === own) return [];
    const reg = `${a.device === 'uart' ? uartName(a.offset) : gicdName(a.offset)} (emulated ${a.device === 'uart' ? 'PL011' : 'GICD'}, read into X${a.srt})`;
    return [{ context: ctx, reg, value: xt, own, writer: 'constant' in t ? 'the hypervisor' : this.writerOf(a, t.word, t.shift, xt, ctx) }];
  }

  /** UARTDR, FR, RIS, MIS of a UART no input reaches: its receive FIFO stays empty (its slots 0), RIS holds only the
   *  TXRIS its own UARTDR writes raised and its UARTICR writes did not clear (vuart.S; PL011 TRM §3.3). */
  private uartLive(ctx: number, o: number): number {
    const v = this.uart[ctx]!;
    const ris = v[PL011_REG.RIS >> 2]!;
    if (o === PL011_REG.FR) return PL011_FR_EMPTY;
    if (o === PL011_REG.RIS) return ris;
    if (o === PL011_REG.MIS) return ris & v[PL011_REG.IMSC >> 2]!;
    return 0; // UARTDR: the empty FIFO's stale slot
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
      const ris = PL011_REG.RIS >> 2;
      if (a.offset === PL011_REG.RSR) this.put(ctx, a, t.word, 0); // UARTECR clears the error flags
      else if (a.offset === PL011_REG.DR) this.put(ctx, a, ris, this.uart[ctx]![ris]! | PL011_INT_TX); // transmit raises TXRIS
      else if (a.offset === PL011_REG.ICR) this.put(ctx, a, ris, this.uart[ctx]![ris]! & ~v); // UARTICR clears RIS bits
      else if (VUART_STORED.includes(a.offset)) this.put(ctx, a, t.word, v);
      return;
    }
    if (a.bytes === 4 && a.offset === SGIR) return this.nameSgi(ctx, v); // GICD_SGIR: word writes only
    const t = gicdTarget(a);
    if ('constant' in t || t.row === undefined) return;
    // byte and halfword writes act only on a NARROW row's bytes (vgicd.S)
    const narrow = (t.row.flags & 1) !== 0;
    if (a.bytes !== 4 && !narrow) return;
    const mask = (a.bytes === 4 ? t.row.value : t.row.value & (((2 ** (8 * a.bytes) - 1) << t.shift) >>> 0)) >>> 0;
    const bits = ((v << t.shift) & mask) >>> 0;
    const old = this.gicd[ctx]![t.word]!;
    const k = t.row.kind;
    if (k === VGICD_KIND.SET && bits !== 0) this.nameInterrupts(ctx, t.word, bits);
    this.put(ctx, a, t.word, k === VGICD_KIND.SET ? old | bits : k === VGICD_KIND.CLEAR ? old & ~bits : (old & ~mask) | bits);
  }

  private put(ctx: number, a: MmioAccess, word: number, value: number): void {
    this.state(a.device, ctx)[word] = value >>> 0;
    const key = `${a.device}:${word}`;
    let h = this.history.get(key);
    if (h === undefined) this.history.set(key, (h = []));
    h.push({ word: value >>> 0, ctx });
    if (h.length > HISTORY_KEPT) h.shift();
  }

  /** GICD_SGIR's SGIINTID, when the filter targets the VM's one PE (vgicd.S vgicd_sgir). */
  private nameSgi(ctx: number, v: number): void {
    const filter = (v >>> 24) & 3;
    if (filter >= 2 || (filter === 0 && ((v >>> 16) & 1) !== 0)) this.named[ctx]!.add(v & 0xf);
  }

  /** Bits set in a pending or active bank word, or source bytes set in GICD_SPENDSGIR: the interrupts named. */
  private nameInterrupts(ctx: number, word: number, bits: number): void {
    const S = VGICD_SLOT;
    for (const base of [S.PEND, S.ACTIVE]) {
      if (word < base || word >= base + BANK_WORDS) continue;
      for (let b = 0; b < 32; b++) if (((bits >>> b) & 1) !== 0) this.named[ctx]!.add(32 * (word - base) + b);
    }
    if (word >= S.SGISRC && word < S.VIEW) {
      for (let b = 0; b < 4; b++) if (((bits >>> (8 * b)) & 0xff) !== 0) this.named[ctx]!.add(4 * (word - S.SGISRC) + b);
    }
  }

  /** The VM whose own write last left a word that reads as `found`, else the reset or the hypervisor. */
  private writerOf(a: MmioAccess, word: number, shift: number, found: bigint, ctx: number): string {
    const h = this.history.get(`${a.device}:${word}`) ?? [];
    for (let i = h.length - 1; i >= 0; i--) {
      if (reply(h[i]!.word >>> shift, a) !== found) continue;
      return h[i]!.ctx === ctx ? `${this.names[ctx]} itself, earlier` : this.names[h[i]!.ctx]!;
    }
    if (a.device === 'uart' && word === PL011_REG.DR >> 2 && this.input >= 0) return `the run's input (for ${this.names[this.input]})`;
    const reset = (a.device === 'uart' ? vuartReset() : vgicdReset())[word]!;
    return reply(reset >>> shift, a) === found ? 'nobody since reset (the device\'s reset value)' : 'the hypervisor';
  }
}
