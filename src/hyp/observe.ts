// Watching the hypervisor run: a trace hook on the CPU that, while at EL2, records every MSR (register and
// value), TLBI, DSB/ISB and ERET, and groups them into episodes (exception into EL2 → ERET out of it). At each
// ERET it checks the incoming context: its VMID, what its translation regime lets it reach, whether the TLB holds
// entries of its VMID that point outside its memory, and whether any register it can read holds a value another
// context wrote (leak-check.ts), whether an emulated MMIO read returned its own device's value and the interrupts it is
// entered with are its own (device-view.ts). TypeScript only observes; the hypervisor's behaviour is the EL2 code.
import { BARRIER_OPTION } from '../arch/a64/barrier.ts';
import { regField } from '../arch/reg-fields.ts';
import { decode } from '../arch/a64/decode.ts';
import { fieldValues } from '../arch/a64/encoding.ts';
import { ROWS, rowIndex } from '../arch/a64/table.ts';
import { SR, SYSREGS, sysregIndexByEncoding, sysregOfFields } from '../arch/sysreg-table.ts';
import { SYSOP_BY_KEY, SYSOPS, sysopKey, type SysOpDef } from '../arch/sysops.ts';
import { EC_DABT_LOWER, EC_FP, EC_HVC, EC_IABT_LOWER, EC_SVC, EC_SYSREG, ecHasFar, ecOf, sysregTrapOf } from '../arch/syndrome.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { enteredIrq } from '../cpu/interrupt.ts';
import { TIMERS, timerOutput } from '../cpu/timer.ts';
import { currentVmid } from '../mmu/params.ts';
import { REGIME_EL10 } from '../mmu/tlb.ts';
import { LAYOUT } from './context-table.ts';
import type { BuiltImage, ContextInfo } from './image.ts';
import type { PhysMemory } from '../memory/phys.ts';
import { describeLeak, LeakCheck, live, type RegisterLeak } from './leak-check.ts';
import { DeviceViews, mmioAccess, type MmioAccess } from './device-view.ts';
import { BackedSet, ReachMemo, sharedBacking, type Leaf, type Reach } from './reach.ts';

export interface RegWrite {
  readonly reg: string;
  readonly value: bigint;
}

export interface Episode {
  readonly seq: number;
  /** Context index that trapped (-1: boot). */
  readonly from: number;
  /** Context entered by the ERET (-1: none, the run ended at EL2). */
  to: number;
  /** ESR_EL2 of the exception that began it (0 for boot). */
  readonly esr: number;
  /** A call (HVC/SVC) and its arguments, when it was one. */
  call?: { fn: bigint; arg: bigint };
  /** It began with an IRQ (the hypervisor's slice timer, or a VM's virtual timer), not a synchronous exception. */
  irq?: boolean;
  /** That IRQ's source included the slice timer: CNTHP_EL2's output was high as it was taken (the hypervisor takes
   *  INTID 26 before the virtual timer's 27, irq.S priorities). */
  sliceTimer?: boolean;
  /** That IRQ's INTID as the GIC presented it when it was taken (GICC_HPPIR). */
  intid?: number;
  /** Instructions the context ran (at EL0/EL1) between the ERET that entered it and this exception, as the CPU counts
   *  them (Cpu.retired(): the one that took the exception and a fetch that faulted count, an interrupt does not). */
  guestInsns?: number;
  /** A trap the hypervisor handled for the context without denying it (nothing logged): the register it emulated
   *  ("CNTP_CVAL_EL0 write"), or the trap's class. */
  lazy?: string;
  /** A denied access (abort, forwarded fault, illegal return): syndrome, addresses, who reported it. */
  denied?: { esr: number; far: bigint; hpfar: bigint; by: 'el2' | 'shim' | 'illegal-return' };
  readonly writes: RegWrite[];
  readonly barriers: string[];
  readonly tlbis: string[];
  insns: number;
  /** The ERET was an illegal exception return (PSTATE.IL set, the PE stayed at EL2). */
  illegal: boolean;
  vmid?: number;
  /** Registers the entered context found holding another context's value (leak-check.ts). */
  leaks?: string[];
}

export interface Finding {
  readonly seq: number;
  readonly context: number;
  readonly message: string;
}

export interface Observation {
  readonly episodes: Episode[];
  /** Reach of each context's regime at each entry (by context), with the outside parts. */
  readonly isolation: Finding[];
  readonly stale: Finding[];
  readonly vmidProblems: Finding[];
  /** Registers a context found holding a value another context wrote, at the ERET into it. */
  readonly leaks: Finding[];
  /** ERETs at which every register the context could reach was compared with its own view. */
  registerChecks: number;
  /** Emulated device reads whose value was compared with the reading VM's own device view (device-view.ts). */
  deviceReads: number;
  /** Per context: VMIDs it ran with, whether it ever ran, stage 2 on at entry, values it logged, exit code. */
  readonly perContext: { vmids: Set<number>; entries: number; illegal: number; stage2: boolean; logs: bigint[]; pcs: bigint[]; exit?: bigint; reach?: Reach }[];
}

/** The rows of the instructions the observer records (src/arch/a64/rows/system.ts, exc-gen.ts). */
const OP_MSR = rowIndex('MSR_reg');
const OP_SYS = rowIndex('SYS');
const OP_DSB = rowIndex('DSB');
const OP_DMB = rowIndex('DMB');
const OP_ISB = rowIndex('ISB');
const OP_ERET = rowIndex('ERET');
/** SYS with CRn = 8: a TLB maintenance operation (ARM C5.3, TLBI). */
const CRN_TLBI = 8;

/** What an instruction at EL2 means to the observer, decoded through the encoding table. */
export type HypEvent =
  | { readonly kind: 'msr'; readonly reg: string; readonly rt: number }
  | { readonly kind: 'tlbi'; readonly op: SysOpDef | undefined }
  | { readonly kind: 'barrier'; readonly text: string }
  | { readonly kind: 'eret' };

/** The event of word `w`: an MSR's register ('unknown' when unallocated), a TLBI's operation, a DSB/DMB/ISB as
 *  written (`dsb ish`), an ERET; undefined for anything else. */
export function hypEvent(w: number): HypEvent | undefined {
  const op = decode(w);
  if (op === OP_ERET) return { kind: 'eret' };
  if (op === OP_ISB) return { kind: 'barrier', text: 'isb' };
  if (op !== OP_MSR && op !== OP_SYS && op !== OP_DSB && op !== OP_DMB) return undefined;
  const row = ROWS[op]!;
  const f = fieldValues(row, w);
  if (op === OP_MSR) {
    const reg = sysregOfFields(f);
    return { kind: 'msr', reg: reg.index >= 0 ? reg.name : 'unknown', rt: f.Rt! };
  }
  if (op === OP_SYS) {
    if (f.CRn !== CRN_TLBI) return undefined;
    const k = SYSOP_BY_KEY[sysopKey(f.op1!, f.CRn, f.CRm!, f.op2!)]!;
    return { kind: 'tlbi', op: k >= 0 ? SYSOPS[k] : undefined };
  }
  return { kind: 'barrier', text: `${row.mnemonic} ${BARRIER_OPTION[f.CRm!] ?? '#' + f.CRm}` };
}

/** The index of the context the hypervisor's `cur_ctx` points at (context-table.ts LAYOUT). */
export function currentContext(img: BuiltImage, mem: { readU32(pa: number): number }): number {
  const ctxTable = Number(img.symbols.get('ctx_table')!);
  const at = Number(img.symbols.get('cur_ctx')!);
  // the doubleword as a Number without a BigInt (asked at every translation the campaign watches): hi · 2^32 is exact,
  // the sum rounds once, as Number(readU64) does
  return (mem.readU32(at + 4) * 2 ** 32 + mem.readU32(at) - ctxTable) / LAYOUT.size;
}

/** Hook `cpu` for a run of `img`; returns the observation being filled. */
/** What the observer reads of the machine's GIC, without side effects: GICH registers by offset, GICC_HPPIR. */
export interface GicView {
  gich(offset: number): number;
  hppir(): number;
}

/** The machine's PL011 as the observer hooks it: each byte the hypervisor takes from its receive FIFO. */
export interface UartTap {
  onTake: ((byte: number) => void) | null;
}

export function observe(cpu: Cpu, img: BuiltImage, mem: PhysMemory, gic: GicView, uart?: UartTap): Observation {
  const gich = (offset: number): number => gic.gich(offset);
  const ctxOf = (): number => currentContext(img, mem);
  const obs: Observation = {
    episodes: [], isolation: [], stale: [], vmidProblems: [], leaks: [], registerChecks: 0, deviceReads: 0,
    perContext: img.contexts.map(() => ({ vmids: new Set<number>(), entries: 0, illegal: 0, stage2: false, logs: [], pcs: [] })),
  };
  obs.isolation.push(...sharedMemory(mem, img));
  const vmidOwner = new Map<number, number>();
  const leakCheck = new LeakCheck(img.contexts.map((x) => x.regs), cpu.profile);
  const input = img.contexts.findIndex((x) => x.name === img.scenario.input);
  const devices = new DeviceViews(img.contexts.map((x) => x.name), input, img.contexts.map((x) => x.regs.vgic === true), uart !== undefined);
  if (uart !== undefined && input >= 0) {
    // what the hypervisor takes from the machine's PL011 goes to the input context while it runs (vuart.S
    // uart_rx_pull; a finished one's is dropped)
    const state = Number(img.symbols.get('ctx_table')!) + input * LAYOUT.size + LAYOUT.offsets.get('C_STATE')!;
    const running = img.symbols.get('ST_RUN')!;
    uart.onTake = (b) => {
      if (mem.readU64(state) === running) devices.received(b);
    };
  }
  /** The emulated-device access the current episode's data abort made (device-view.ts), until its ERET. */
  let mmio: MmioAccess | undefined;
  const hcrOf = (i: number): bigint => mem.readU64(Number(img.symbols.get('ctx_table')!) + i * LAYOUT.size + LAYOUT.offsets.get('C_HCR')!);
  const reachCache = new Map<string, Reach>();
  /** outsideParts per context and regime key (a Reach is fixed per key, a context's allowed ranges per run). */
  const outsideCache = new Map<string, string | undefined>();
  let current = -1;
  /** Where the hypervisor's entry path reaches the list registers (vgic.S), once the switch has loaded GICH. */
  const vgicFlush = img.symbols.get('vgic_flush')!;
  let ep: Episode | undefined = newEpisode(obs, -1, 0);
  let pendingEret = false;
  // guest instructions are not traced (traceExecEls: EL2 only) and may run translated; an episode's guestInsns is the
  // CPU's instruction count (Cpu.retired(), as the timers count) from the ERET into the context to the first EL2
  // instruction after its exit
  cpu.traceExecEls = 1 << 2;
  /** The count just after the last ERET into a context, and the episode its exit opened (guestInsns to fill). */
  let guestFrom = 0;
  let exitEpisode: Episode | undefined;
  // the hypervisor's denied-access count (data.S log_count) when the current episode's trap was taken: a trap that
  // returns to the context without adding to it was handled (emulated, or switched lazily), not denied
  const logCount = (): bigint => mem.readU64(Number(img.symbols.get('log_count')!));
  let logAtTrap = 0n;
  /** Per context: the last exception taken to its EL1 (a native app's shim reports it to EL2 by HVC). */
  const el1Exception: ({ esr: number; far: bigint } | undefined)[] = [];

  cpu.traceException = (c, fromEl) => {
    if (pendingEret && fromEl < 2) pendingEret = false; // the ERET worked; the context faulted at once
    if (pendingEret && ep !== undefined) {
      // the ERET did not leave EL2: an illegal exception return (ARM J1.3 IllegalExceptionReturn)
      ep.illegal = true;
      pendingEret = false;
      obs.perContext[ep.to]!.illegal++;
      ep = newEpisode(obs, ep.to, Number(c.sr[SR.ESR_EL2]!));
      ep.denied = { esr: Number(c.sr[SR.ESR_EL2]!), far: c.sr[SR.ELR_EL2]!, hpfar: 0n, by: 'illegal-return' };
      return;
    }
    if (c.el === 1 && current >= 0) {
      const esr1 = Number(c.sr[SR.ESR_EL1]!);
      el1Exception[current] = { esr: esr1, far: reportsFar(esr1) ? c.sr[SR.FAR_EL1]! : 0n };
    }
    if (c.el !== 2 || fromEl === 2) return;
    leakCheck.exit(c, current);
    leakCheck.gichOwn(current, gich);
    mmio = undefined;
    if (enteredIrq(c)) {
      // an IRQ leaves ESR_EL2 alone: the episode is the slice timer's (or a spurious interrupt's)
      ep = newEpisode(obs, current, 0);
      ep.irq = true;
      ep.sliceTimer = timerOutput(c, SLICE_TIMER, c.time());
      ep.intid = gic.hppir() & 0x3ff; // the interrupt being taken: the highest-priority pending one (GICC_HPPIR)
      exitEpisode = ep;
      return;
    }
    const esr = Number(c.sr[SR.ESR_EL2]!);
    ep = newEpisode(obs, current, esr);
    exitEpisode = ep;
    const ec = ecOf(esr);
    if (ec === EC_HVC || ec === EC_SVC) {
      const source = callSource(img.contexts[current], c, esr);
      // what reached the shim: the exception its EL1 took, as it was taken (not ESR_EL1 as it reads now)
      const el1 = source === 'shim-forward' || source === 'shim-fault' ? el1Exception[current] : undefined;
      if (el1 !== undefined) el1Exception[current] = undefined;
      if (source === 'call' || (source === 'shim-forward' && el1 !== undefined && ecOf(el1.esr) === EC_SVC)) {
        ep.call = { fn: c.x[0]!, arg: c.x[1]! };
        const pc = obs.perContext[current];
        // where the call came from: the app's return address the shim saved in ELR_EL1, else ELR_EL2
        if (pc !== undefined) pc.pcs.push(source === 'shim-forward' ? c.sr[SR.ELR_EL1]! : c.sr[SR.ELR_EL2]!);
        if (pc !== undefined && ep.call.fn === 3n) pc.logs.push(ep.call.arg);
        if (pc !== undefined && ep.call.fn === 2n) pc.exit = ep.call.arg;
      } else if (el1 !== undefined) {
        ep.denied = { esr: el1.esr, far: el1.far, hpfar: 0n, by: 'shim' };
      }
      // else an unknown call (X0 = -1): nothing to record
    } else {
      const hpfar = ec === EC_IABT_LOWER || ec === EC_DABT_LOWER ? c.sr[SR.HPFAR_EL2]! : 0n; // an abort from a lower EL
      ep.denied = { esr, far: reportsFar(esr) ? c.sr[SR.FAR_EL2]! : 0n, hpfar, by: 'el2' };
      logAtTrap = logCount();
      if (img.contexts[current]?.kind === 'vm') mmio = mmioAccess(esr, c.sr[SR.FAR_EL2]!, hpfar, (n) => c.x[n]!);
    }
  };

  cpu.traceExec = (c, pc, w) => {
    if (c.el !== 2) {
      // seen only when another hook asks for every EL (the isolation campaign, --trace exec)
      if (pendingEret && ep !== undefined) {
        pendingEret = false;
        ep = undefined;
      }
      return;
    }
    if (exitEpisode !== undefined) {
      exitEpisode.guestInsns = c.retired() - guestFrom;
      exitEpisode = undefined;
    }
    if (ep === undefined) return;
    ep.insns++;
    if (pc === vgicFlush) {
      const to = ctxOf();
      if (ep.from !== to) recordLeaks(ep, to, leakCheck.gichLoaded(to, gich));
    }
    const e = hypEvent(w);
    if (e === undefined) return;
    if (e.kind === 'msr') {
      ep.writes.push({ reg: e.reg, value: e.rt === 31 ? 0n : c.x[e.rt]! });
    } else if (e.kind === 'tlbi') {
      const vmid = currentVmid(c);
      const s = e.op?.tlbi;
      // the VMID an EL1&0 operation of the current VMID acts on (ARM C5.5.77)
      ep.tlbis.push(s === undefined ? 'unknown' : s.vmid === 'all' ? e.op!.name : `${e.op!.name} (VMID ${vmid})`);
      // the VMIDs whose entries are all gone: every one (ALLE1), or the current one (VMALLS12E1)
      if (s?.regime === 'EL1&0' && s.stage === 'both' && s.address === 'none') {
        if (s.vmid === 'all') vmidOwner.clear();
        else vmidOwner.delete(vmid);
      }
    } else if (e.kind === 'barrier') {
      ep.barriers.push(e.text);
    } else {
      const to = ctxOf();
      ep.to = to;
      if (ep.denied?.by === 'el2' && to === ep.from && logCount() === logAtTrap) {
        ep.lazy = trapped(ep.denied.esr, ep.denied.hpfar);
        delete ep.denied;
      }
      current = to;
      pendingEret = true;
      guestFrom = c.retired() + 1;
      checkEntry(c, to, ep);
      // an emulated access the hypervisor completed (it resumed the context past it): a read's value is its own
      if (mmio !== undefined && ep.lazy !== undefined && to === ep.from) {
        recordLeaks(ep, to, devices.complete(to, mmio, mmio.srt === 31 ? 0n : c.x[mmio.srt]!));
        obs.deviceReads = devices.reads;
      }
      mmio = undefined;
      recordLeaks(ep, to, devices.delivered(to, gich, live(c, SR.HCR_EL2), hcrOf));
      checkRegisters(c, to, ep);
      leakCheck.gichOwn(to, gich);
    }
  };

  function checkRegisters(c: Cpu, to: number, e: Episode): void {
    recordLeaks(e, to, leakCheck.enter(c, to, e.from === to, new Set(e.writes.map((w) => w.reg))));
    obs.registerChecks = leakCheck.entries;
  }

  function recordLeaks(e: Episode, to: number, found: readonly RegisterLeak[]): void {
    const info = img.contexts[to];
    if (info === undefined || found.length === 0) return;
    const messages = found.map((l) => describeLeak(l, info.name));
    e.leaks = [...(e.leaks ?? []), ...messages];
    for (const m of messages) obs.leaks.push({ seq: e.seq, context: to, message: m });
  }

  function checkEntry(c: Cpu, to: number, e: Episode): void {
    const info = img.contexts[to];
    if (info === undefined) return;
    const pc = obs.perContext[to]!;
    pc.entries++;
    const sr = c.sr;
    const vmid = currentVmid(c);
    e.vmid = vmid;
    pc.vmids.add(vmid);
    const hcr = sr[SR.HCR_EL2]!;
    // HCR_EL2.VM, or DC which makes stage 2 behave as on (ARCH-NOTES §1d)
    if (regField('HCR_EL2', 'VM', hcr) === 1n || regField('HCR_EL2', 'DC', hcr) === 1n) pc.stage2 = true;
    if (vmid === 0) obs.vmidProblems.push({ seq: e.seq, context: to, message: `${info.name} entered with VMID 0 (reserved for the hypervisor)` });
    const owner = vmidOwner.get(vmid);
    if (owner !== undefined && owner !== to) {
      obs.vmidProblems.push({ seq: e.seq, context: to, message: `${info.name} entered with VMID ${vmid}, last used by ${img.contexts[owner]!.name}, with no invalidation in between` });
    }
    vmidOwner.set(vmid, to);
    const regime = { hcr, vttbr: sr[SR.VTTBR_EL2]!, vtcr: sr[SR.VTCR_EL2]!, ttbr0: sr[SR.TTBR0_EL1]!, tcr: sr[SR.TCR_EL1]!, sctlr: sr[SR.SCTLR_EL1]! };
    const key = Object.values(regime).join(':');
    let reach = reachCache.get(key);
    if (reach === undefined) reachCache.set(key, (reach = reachMemoOf(img).reach(mem, regime, c.profile.paBits, key)));
    pc.reach = reach;
    // what the reach gives beyond the context's allowed ranges depends on nothing else: judged once per pair (a
    // context entered thousands of times with hundreds of leaves made this the run's whole cost)
    const pair = `${to}/${key}`;
    let outside = outsideCache.get(pair);
    if (!outsideCache.has(pair)) outsideCache.set(pair, (outside = outsideParts(mem, reach, info, img)));
    if (outside !== undefined && !obs.isolation.some((f) => f.context === to && f.message === outside)) obs.isolation.push({ seq: e.seq, context: to, message: outside });
    // TLB entries this context can hit now: its VMID, EL1&0 regime
    const t = c.tlb;
    for (let i = 0; i < t.kind.length; i++) {
      if (t.kind[i] === 0 || t.regime[i] !== REGIME_EL10 || t.vmid[i] !== vmid) continue;
      const pa = t.out[i]!;
      const size = 2 ** t.shift[i]!;
      if (!within(mem, pa, size, info)) {
        obs.stale.push({ seq: e.seq, context: to, message: `${info.name} (VMID ${vmid}) can hit a TLB entry for PA 0x${pa.toString(16)} (${ownerOf(pa, img)})` });
      }
    }
  }
  return obs;
}

/** Per image, the reaches its runs found (reach.ts ReachMemo): each run reads them again from its own machine. */
const reachMemos = new WeakMap<BuiltImage, ReachMemo>();
function reachMemoOf(img: BuiltImage): ReachMemo {
  let m = reachMemos.get(img);
  if (m === undefined) reachMemos.set(img, (m = new ReachMemo()));
  return m;
}

/** The hypervisor's slice timer, CNTHP_EL2 (src/hyp/asm/irq.S). */
const SLICE_TIMER = TIMERS.find((t) => t.name === 'CNTHP')!;

/** What a trap the hypervisor handled in place was when it was an FP/SIMD access (lazy.S fp_trap). */
export const FP_FIRST_USE = 'FP/SIMD first use';

/** What a trap to EL2 was for: an FP/SIMD first use, the register of a trapped MSR/MRS (EC 0x18,
 *  src/arch/syndrome.ts) and its direction, an emulated device's access (the page of its IPA: HPFAR_EL2.FIPA holds
 *  IPA[51:12] at bits 43:4), or the exception class. */
function trapped(esr: number, hpfar: bigint): string {
  if (ecOf(esr) === EC_FP) return FP_FIRST_USE;
  if (ecOf(esr) === EC_DABT_LOWER) return `MMIO 0x${((hpfar >> 4n) << 12n).toString(16)}`;
  if (ecOf(esr) !== EC_SYSREG) return `EC 0x${ecOf(esr).toString(16)}`;
  const t = sysregTrapOf(esr);
  const i = sysregIndexByEncoding(t.op0, t.op1, t.crn, t.crm, t.op2);
  return `${i >= 0 ? SYSREGS[i]!.name : 'unknown register'} ${t.read !== 0 ? 'read' : 'write'}`;
}

/** FAR_ELx holds the faulting address for instruction and data aborts and PC alignment (EC 0x20-0x25); for any other
 *  exception it is UNKNOWN (it keeps an earlier value, QEMU D8), so the hypervisor logs 0 (abort.S abort_entry). */
function reportsFar(esr: number): boolean {
  return ecHasFar(ecOf(esr));
}

/** How the hypervisor takes an HVC, or an SVC that HCR_EL2.TGE routed to EL2 (src/hyp/asm/hvc.S). */
export type CallSource = 'call' | 'shim-forward' | 'shim-fault' | 'unknown';

/**
 * The hypervisor's call authentication, by where the call came from and never by its immediate: a VM's HVC #0 from
 * its EL1; a native app's SVC from EL0t (TGE); its EL1 shim's HVC from EL1h whose ELR_EL2 is the return address of
 * the shim page's forwarding HVC (+0x400) or of another vector's HVC (the shim faulted). Anything else is unknown.
 */
export function callSource(info: ContextInfo | undefined, c: Cpu, esr: number): CallSource {
  if (info === undefined) return 'unknown';
  const m = Number(c.sr[SR.SPSR_EL2]! & 0x1fn); // SPSR_EL2.M[4:0]
  if (ecOf(esr) === EC_SVC) return info.kind === 'native' && m === 0 ? 'call' : 'unknown';
  if (info.kind === 'vm') return (m & 0x1c) === 0x04 && (esr & 0xffff) === 0 ? 'call' : 'unknown';
  if (m !== 0x05 || info.regs.shim === 0n) return 'unknown';
  const at = c.sr[SR.ELR_EL2]! - 4n - info.regs.shim; // the HVC's offset in the shim page (src/hyp/asm/shim.S)
  if (at === 0x400n) return 'shim-forward';
  return at >= 0n && at < 0x800n && (at & 0x7fn) === 0n ? 'shim-fault' : 'unknown';
}

/**
 * A context whose own memory this machine backs with the bytes of another context, the hypervisor or the page tables
 * (a machine that aliases PAs, issue 11): whatever its tables map, it reaches them.
 */
function sharedMemory(mem: PhysMemory, img: BuiltImage): Finding[] {
  const l = img.layout;
  const owners = [
    ...img.contexts.flatMap((c) => c.regions.map((r) => ({ index: c.index, name: `${c.name} memory`, pa: r.pa, size: r.size }))),
    { index: -1, name: 'the hypervisor', pa: l.hypBase, size: l.hypLimit - l.hypBase },
    { index: -1, name: 'the page tables', pa: l.poolBase, size: l.poolSize },
  ];
  const out: Finding[] = [];
  for (const c of img.contexts) {
    for (const r of c.regions) {
      for (const o of owners) {
        const at = o.index === c.index ? undefined : sharedBacking(mem, r.pa, r.size, o.pa, o.size);
        if (at !== undefined) out.push({ seq: 0, context: c.index, message: `${c.name}: its memory at PA 0x${at.toString(16)} is, on this machine, the same RAM as ${o.name}` });
      }
    }
  }
  return out;
}

function newEpisode(obs: Observation, from: number, esr: number): Episode {
  const e: Episode = { seq: obs.episodes.length, from, to: -1, esr, writes: [], barriers: [], tlbis: [], insns: 0, illegal: false };
  obs.episodes.push(e);
  return e;
}

/** The bytes behind each context's allowed ranges, all of them and the writable ones, per machine. */
const allowedBacking = new WeakMap<PhysMemory, Map<ContextInfo, { all: BackedSet; writable: BackedSet }>>();

/** Backed by the context's allowed ranges, and not writable where those are read-only (a read-only share). */
function within(mem: PhysMemory, pa: number, size: number, info: ContextInfo, writable = false): boolean {
  let perMem = allowedBacking.get(mem);
  if (perMem === undefined) allowedBacking.set(mem, (perMem = new Map()));
  let sets = perMem.get(info);
  if (sets === undefined) {
    sets = { all: new BackedSet(mem, info.allowed), writable: new BackedSet(mem, info.allowed.filter((a) => a.readOnly !== true)) };
    perMem.set(info, sets);
  }
  return (writable ? sets.writable : sets.all).covers(pa, size);
}

/** Whose physical memory `pa` is. */
export function ownerOf(pa: number, img: BuiltImage): string {
  for (const c of img.contexts) for (const r of c.regions) if (pa >= r.pa && pa < r.pa + r.size) return `${c.name} memory`;
  const l = img.layout;
  if (pa >= l.poolBase && pa < l.poolBase + l.poolSize) return 'page-table pool';
  if (pa >= l.hypBase && pa < l.hypLimit) return 'hypervisor';
  return 'outside every context';
}

/** A sentence naming what `reach` gives the context beyond its allowed ranges, or undefined if nothing. */
function outsideParts(mem: PhysMemory, reach: Reach, info: ContextInfo, img: BuiltImage): string | undefined {
  if (reach.all) return `${info.name}: ${reach.why}; it can reach every PA, including ${img.contexts.filter((c) => c !== info).map((c) => c.name + ' memory').concat(['the page tables', 'the hypervisor']).join(', ')}`;
  const bad = reach.leaves.filter((l) => !within(mem, l.pa, l.size, info, l.writable));
  if (bad.length === 0) return undefined;
  const how = (l: Leaf): string => (within(mem, l.pa, l.size, info) ? ', writable but shared read-only' : '');
  return `${info.name}: ${reach.via} maps ${bad.map((l) => `IA 0x${l.ia.toString(16)} → PA 0x${l.pa.toString(16)} (${ownerOf(l.pa, img)}${how(l)})`).join(', ')}`;
}
