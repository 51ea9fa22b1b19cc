// One A64 processing element: the run loop (run-loop.ts: fetch, decode cache, dispatch), data accesses through the
// translation hook, and the conversion of translation faults into exceptions.
import { aarch32At, type Profile } from '../arch/profiles.ts';
import { SR, SYSREGS } from '../arch/sysreg-table.ts';
import { type Device, forgetCode, PAGE_SIZE, type PhysMemory, type RamPage } from '../memory/phys.ts';
import { MmuScratch } from '../mmu/scratch.ts';
import { ACC_EXEC, ACC_READ, ACC_WRITE, FAULT_EXTERNAL, TranslateResult } from '../mmu/result.ts';
import { HCR } from '../arch/hcr.ts';
import { Tlb } from '../mmu/tlb.ts';
import { translate, type TranslationContext } from '../mmu/translate.ts';
import { abortEc, abortIss, abortTarget, hpfarOf } from './abort.ts';
import { fetchFault, hcrLo, raiseHere, syncTarget } from './exception.ts';
import { EC_ILLEGAL, EC_PC_ALIGN } from '../arch/syndrome.ts';
import { takeInterrupt } from './interrupt.ts';
import { breakpointOrStep, checkWatchpoints, DebugState, debugRefresh, debugRegistersChanged, stepBeforeFetch } from './debug.ts';
import type { GicCpuInterface } from './gic-cpuif.ts';
import { PmuState } from './pmu.ts';
import { HOT, PageBlocks } from './jit/block.ts';
import { runLoop } from './run-loop.ts';
import { WIDE_ZERO } from '../bits/wide-field.ts';
import { warmDispatch } from './warm-dispatch.ts';
import { blocksWarmed, warmBlocks } from './warm-blocks.ts';
import { addHalves, CpuState, FETCH_INVALID, FETCH_TAG, PC, PC_AHEAD, RUN_COUNT, SP, TMP0, TMP1, TMP3 } from './state.ts';
import { CpuStats } from './stats.ts';
import { writeNzcv } from './pstate.ts';
import { WasmTier } from './wasm/tier.ts';
import type { SyncModel } from './sync.ts';

/** Why a run stopped. */
export type StopReason =
  | { kind: 'exit'; code: number } // semihosting SYS_EXIT / PSCI SYSTEM_OFF
  | { kind: 'budget' } // instruction budget exhausted
  | { kind: 'halt'; why: string } // the machine asked to stop (e.g. a debugger breakpoint)
  | { kind: 'loop'; why: string } // an exception loop the PE cannot leave (exception-loop.ts; only a run that watches)
  | { kind: 'event' }; // a timer write moved a deadline into this run: the machine re-evaluates and continues

/** Machine services the CPU calls out to (semihosting on HLT #0xF000, PSCI on SMC). */
export interface CpuHooks {
  /** HLT #imm: return true if handled (semihosting), false to take the architectural exception. */
  hlt(c: Cpu, imm: number): boolean;
  /** SMC #imm at EL1/EL2 not trapped by HCR_EL2.TSC: the firmware's answer (PSCI). Return false if unhandled. */
  smc(c: Cpu, imm: number): boolean;
}

const NO_HOOKS: CpuHooks = { hlt: () => false, smc: () => false };

/** Before the first fetch: no blocks (the run loop never reaches them with an invalid fetch tag). */
const NO_BLOCKS = new PageBlocks(new Int32Array(0), new CpuStats());

/** Cpu.traceExecEls: every EL. */
export const TRACE_ALL_ELS = 0b1111;

/** Instructions after which a run warms the dispatch switch (warm-dispatch.ts): short runs never pay for it. */
const WARM_DISPATCH_AFTER = 10_000_000;

/** Instructions the first translating run of a process retires before it warms the run loop (Cpu.warmBlocks): V8
 *  first compiles the loop, with the type feedback it has then, after 3,000–10,000 (CoreMark, --trace-opt). */
const WARM_BLOCKS_AT = 2_000;

export class Cpu extends CpuState implements TranslationContext {
  hooks: CpuHooks = NO_HOOKS;
  /** Preallocated translation result (hot paths allocate nothing). */
  readonly tr = new TranslateResult();
  /** This PE's architectural TLB and the host cache in front of it (a checker may give a larger one). */
  readonly tlb: Tlb;
  /** Counters for `--stats` (stats.ts); cleared at reset. */
  readonly stats = new CpuStats();
  /** This PE's walk records (src/mmu/scratch.ts). */
  readonly scratch = new MmuScratch();
  /** Register-file slot used for preferred return addresses. */
  readonly scratchSlot = TMP3;
  /** The bytes of the device reads behind one load (an unaligned one covers two aligned units). */
  private readonly deviceBytes = new Uint8Array(16);
  /** A readDoubleword device's answer: low word, high word. */
  private readonly deviceWords = new Uint32Array(2);
  stop: StopReason | null = null;
  /** Optional per-instruction trace hook (set by --trace exec); checked only on the slow path. */
  traceExec: ((c: Cpu, pc: bigint, w: number) => void) | null = null;
  /**
   * The ELs whose instructions traceExec sees, bit n for ELn. The run loop decides at each change of fetch page (every
   * exception entry and ERET is one): instructions at an EL the hook does not watch may run translated.
   */
  traceExecEls = TRACE_ALL_ELS;
  /**
   * With traceExecEls, whether traceExec sees the instructions of the fetch page just entered (null: all of them),
   * asked at the same points: a hook that needs only some code (one program's pages) leaves the rest to run at full
   * speed, translated. Its answer holds until the next change of fetch page, exception entry or ERET.
   */
  traceExecWhen: ((c: Cpu) => boolean) | null = null;
  /** Optional hook called after each exception entry (set by --trace int); `fromEl` is the EL it was taken from. */
  traceException: ((c: Cpu, fromEl: number) => void) | null = null;
  /** The Performance Monitors' bookkeeping (src/cpu/pmu.ts). */
  readonly pmu = new PmuState();
  /** Self-hosted debug's bookkeeping (src/cpu/debug.ts). */
  readonly debug = new DebugState();
  /** `--sync architectural` (src/cpu/sync.ts); null is `--sync immediate`. */
  sync: SyncModel | null = null;

  // Fetch cache: the 4 KiB VA page the PC is in, mapped onto a RAM page's words and decode slots. Not private:
  // the generated run loop (run-loop.ts) reads these fields and calls refillFetch; nothing else should.
  // Its tag, VA[31:12] << 12 and VA[63:32] of the page, is register-file slot FETCH_TAG (read by the run loop).
  fetchWords: Uint32Array = new Uint32Array(0);
  fetchOps: Int32Array = new Int32Array(0);
  fetchBase = 0; // word index of VA page offset 0 in the RAM page
  /** Translated blocks of the fetch page's RAM page (jit/block.ts). */
  fetchBlocks: PageBlocks = NO_BLOCKS;
  /** Run hot code as translated blocks (jit/block.ts); false keeps to the interpreter (tests compare the two). */
  translateBlocks = true;
  /** The wasm tier (src/cpu/wasm/), made with the first translated code once enableWasm was called: blocks it can make
   *  are WebAssembly functions. */
  wasm: WasmTier | null = null;
  private wasmWanted = false;
  /** With the wasm tier, a block made hot also brings the blocks its branches lead to in its page, in one module
   *  (jit/block.ts withSuccessors); false: only hot blocks are made (tests that compare counts with JavaScript blocks).
   *  Read when a page's blocks are first looked up. */
  translateAhead = true;
  /** Interpreter executions of an entry point before it is translated, at most: the threshold ramps up to it with the
   *  blocks made (jit/block.ts HOT, translationThreshold; 1 to 2^23: decode-cache.ts). */
  translateAfter = HOT;

  constructor(
    profile: Profile,
    readonly mem: PhysMemory,
    tlb: Tlb = new Tlb(undefined, undefined, mem.arena), // the host cache's tags in the arena too
  ) {
    super(profile, mem.arena); // the register file in the machine's arena, beside its RAM
    this.tlb = tlb;
    // The model executes A64 only: a profile that advertises AArch32 at any EL would make an ERET to AArch32 legal
    // (J1.3 IllegalExceptionReturn) with nothing to run it (profiles.ts aarch32At; test/qemu/DEVIATIONS.md A1)
    if ([0, 1, 2, 3].some((el) => aarch32At(profile, el))) throw new Error(`profile ${profile.name} advertises AArch32, which the model does not execute`);
    this.reset(0n);
  }

  /**
   * Make the blocks the wasm tier can make WebAssembly functions (src/cpu/wasm/), from now on: for a CPU whose memory
   * has an arena and whose TLB keeps its host cache there (the machine's own). Pages that already have blocks keep
   * making JavaScript ones.
   */
  enableWasm(): void {
    if (this.mem.arena === undefined || !this.tlb.inArena) throw new Error('the wasm tier needs RAM, registers and the host cache in an arena (src/memory/arena.ts)');
    this.wasmWanted = true;
  }

  /** Reset into EL2h at `entry` as QEMU's virt board does for a bare-metal -kernel ELF (ARCH-NOTES §14). */
  reset(entry: bigint): void {
    this.tlb.clear();
    this.stats.clear();
    this.sync?.reset();
    this.pmu.reset();
    this.debug.reset();
    this.x.fill(0n);
    this.v32.fill(0); // the V registers are UNKNOWN at reset; QEMU zeroes them
    this.sr.fill(0n);
    SYSREGS.forEach((r, i) => {
      this.sr[i] = r.reset(this.profile);
    });
    this.el = 2;
    this.spsel = 1;
    this.daif = 0x3c0;
    this.il = 0;
    this.ss = 0;
    writeNzcv(this, 0x40000000); // QEMU resets PSTATE.Z = 1 (its ZF field is 0); the architecture leaves NZCV UNKNOWN
    this.exclAddr = -1;
    this.x[PC] = entry;
    this.stop = null;
    this.icount = 0;
    this.idleTicks = 0;
    this.u32[FETCH_TAG * 2] = FETCH_INVALID;
    debugRegistersChanged(this);
  }

  /**
   * A context synchronization event (ISB, exception entry, ERET): later fetches see new state. The host cache is
   * kept: it is tagged by EL, and under --sync immediate every write that changes translation flushes it at once
   * (registerWritten); Debian's kernel to /init makes ~335,000 of these events and ~50,000 TLBIs.
   */
  contextSync(): void {
    if (this.sync !== null) {
      this.sync.synchronize(this); // pending system-register writes take effect
      this.tlb.hostFlush(); // they may change translation
    }
    this.u32[FETCH_TAG * 2] = FETCH_INVALID;
    debugRefresh(this); // PSTATE.EL, PSTATE.D, HCR_EL2.TGE, MDCR_EL2.TDE decide whether debug exceptions can fire
  }

  /**
   * Invalidate the fetch tag: the run loop takes its slow path before the next instruction, and a running block
   * returns (translated code was dropped under it, or debug now checks every instruction).
   */
  leaveBlock(): void {
    this.u32[FETCH_TAG * 2] = FETCH_INVALID;
  }

  /** Stop the run loop after the current instruction. */
  halt(reason: StopReason): void {
    this.stop = reason;
    this.u32[FETCH_TAG * 2] = FETCH_INVALID;
  }

  /** Instructions retired since reset, including those of a run in progress. */
  retired(): number {
    return this.icount + this.u32[RUN_COUNT * 2]!;
  }

  /** Counter ticks a WFI skipped while nothing was pending (the machine's idle hook adds them). */
  idleTicks = 0;

  /** The system counter (what CNTPCT_EL0 and the timers see): one tick per retired instruction, plus the idle ticks. */
  time(): number {
    return this.retired() + this.idleTicks;
  }

  /**
   * A WFI found no interrupt pending (set by the machine): it may move time on to the next event (idleTicks) and end
   * the run's chunk so that the event is raised before the next instruction. Null: WFI completes at once.
   */
  idle: ((c: Cpu) => void) | null = null;

  /**
   * An interrupt line is asserted (set by the machine). While it is, the run loop calls takeInterrupt before each
   * instruction it reaches through its slow path; whoever raises the line or unmasks it invalidates the fetch tag.
   */
  irqLine = false;

  /** Take the pending interrupt if PSTATE and the routing controls let it in; true if one was taken (interrupt.ts). */
  takeInterrupt(): boolean {
    return takeInterrupt(this);
  }

  /** The physical IRQ and FIQ inputs (the GIC CPU interface) and the virtual IRQ (the GIC virtual CPU interface). */
  physIrq = false;
  physFiq = false;
  virtIrq = false;
  virtFiq = false;

  /** Drive the physical interrupt line (the machine, from the GIC's output). */
  setIrqLine(level: boolean): void {
    this.physIrq = level;
    this.updateIrqLine();
  }

  /** Drive the physical FIQ line (the machine, from a GICv3's Group 0 output or a GICv2 with GICC_CTLR.FIQEn). */
  setFiqLine(level: boolean): void {
    this.physFiq = level;
    this.updateIrqLine();
  }

  /** Drive the virtual IRQ input (the machine, from the GIC virtual CPU interface; ORed with HCR_EL2.VI). */
  setVirqLine(level: boolean): void {
    this.virtIrq = level;
    this.updateIrqLine();
  }

  /** Drive the virtual FIQ input (the machine, from the GICv3 virtual CPU interface; ORed with HCR_EL2.VF). */
  setVfiqLine(level: boolean): void {
    this.virtFiq = level;
    this.updateIrqLine();
  }

  /** irqLine = any interrupt may be pending: the physical lines, the virtual one, or HCR_EL2.VI/VF/VSE (after an MSR). */
  updateIrqLine(): void {
    this.irqLine = this.physIrq || this.physFiq || this.virtIrq || this.virtFiq || (this.sr32[SR.HCR_EL2 * 2]! & (HCR.VI | HCR.VF | HCR.VSE)) !== 0;
    this.recheckInterrupts();
  }

  /** PSTATE.I or the routing may have changed (MSR DAIF, DAIFClr): an asserted line is looked at again. */
  recheckInterrupts(): void {
    if (this.irqLine) this.u32[FETCH_TAG * 2] = FETCH_INVALID;
  }

  /** The GICv3 CPU interface the ICC_* registers reach (src/cpu/gic-cpuif.ts); null: none, the registers are
   *  UNDEFINED (the GICv2 board). Set by the machine. */
  gic: GicCpuInterface | null = null;

  /** Called after an MSR to a generic-timer register (src/cpu/timer.ts); set by the machine. */
  timerChanged: ((c: Cpu) => void) | null = null;

  /** A long first run, or the run loop made a block: the first time in this process, the loop's block paths
   *  (warm-blocks.ts) and every case of its dispatch switch (warm-dispatch.ts) get type feedback, on scratch CPUs. */
  warmBlocks(): void {
    warmBlocks(this.wasmWanted, (m) => new Cpu(this.profile, m));
    warmDispatch(this.profile, (p, m) => new Cpu(p, m));
  }

  /** Execute up to `budget` instructions; returns why it stopped. */
  run(budget: number): StopReason {
    // a long run: every case of the dispatch switch gets call feedback before TurboFan compiles the loop for good
    if (this.icount >= WARM_DISPATCH_AFTER) warmDispatch(this.profile, (p, m) => new Cpu(p, m));
    this.stop = null;
    this.u32[FETCH_TAG * 2] = FETCH_INVALID; // the register file may have been restored from a snapshot since
    this.tlb.hostFlush(); // and the translation registers written directly (a checker loading a context)
    this.u32[RUN_COUNT * 2] = 0;
    debugRegistersChanged(this); // and the debug registers too
    this.wasm?.crossPages(this.traceExec === null); // wasm/chain.ts: the run loop traces per fetch page
    // the first long translating run of the process pauses after WARM_BLOCKS_AT to warm the loop, then goes on (a
    // budget boundary: the loop keeps nothing across one)
    const first = budget > WARM_BLOCKS_AT && this.translateBlocks && this.sync === null && !blocksWarmed() ? WARM_BLOCKS_AT : budget;
    const n = runLoop(this, first);
    this.icount += n;
    if (first < budget && this.stop === null) {
      this.warmBlocks();
      this.u32[RUN_COUNT * 2] = 0;
      this.icount += runLoop(this, budget - n);
    }
    this.wasm?.drain(this.stats);
    this.u32[RUN_COUNT * 2] = 0;
    if (this.stop !== null) return this.stop;
    return { kind: 'budget' };
  }

  /** Slow path of instruction fetch: illegal state, PC alignment, translation. False if an exception was taken. */
  refillFetch(): boolean {
    const u = this.u32;
    const lo = u[PC * 2]!;
    const hi = u[PC * 2 + 1]!;
    // Fetch-time exceptions in priority order (ARM §D1.4.5.6): Software Step (1), PC alignment (7), Instruction Abort
    // (9), Breakpoint (10), Illegal Execution state (11, the IMPLEMENTATION DEFINED slot QEMU also uses). Each reports
    // this PC as ELR_ELx.
    const debug = this.debug.perInsn;
    if (debug && !stepBeforeFetch(this)) return false;
    // PC alignment fault (ARM J1.1 AArch64.PCAlignmentFault; EC 0x22, FAR = PC)
    if ((lo & 3) !== 0) {
      this.setFar(syncTarget(this), this.x[PC]!);
      fetchFault(this);
      raiseHere(this, syncTarget(this), EC_PC_ALIGN, 0);
      return false;
    }
    // the page's RAM words: from the host cache's entry when it has one (the common case, ~15 M refills on Debian's
    // kernel to /init, most of them branches to another 4 KiB page), else through translation
    const t = this.tlb;
    const s = Tlb.hostSlot(this.el, ACC_EXEC, lo);
    let page = Tlb.hit(t, s, lo, hi | 0) ? t.hcPage[s] : undefined;
    let base: number; // word index of the VA page's offset 0 in the RAM page
    if (page !== undefined) {
      base = t.hcWord[s]!;
    } else {
      const tr = this.tr;
      if (!translate(this, lo, hi, ACC_EXEC, 4, this.el, tr)) {
        this.fetchAbort(tr);
        return false;
      }
      page = this.mem.page(tr.pa);
      if (page === undefined) {
        tr.fault = FAULT_EXTERNAL;
        this.fetchAbort(tr);
        return false;
      }
      base = ((tr.pa & (PAGE_SIZE - 1)) & ~0xfff) >>> 2;
    }
    if (debug && !breakpointOrStep(this, page.u32[base + ((lo & 0xfff) >>> 2)]!)) return false;
    // PSTATE.IL=1: this instruction takes an Illegal Execution state exception (ARM J1.1 AArch64.CheckIllegalState)
    if (this.il === 1) {
      fetchFault(this);
      raiseHere(this, syncTarget(this), EC_ILLEGAL, 0);
      return false;
    }
    if (page.ops === undefined) {
      page.ops = new Int32Array(PAGE_SIZE >>> 2);
      // a write entry of this page may have a wasm address (Tlb.hcOff): a store there must now drop translated code
      if (this.wasmWanted) this.tlb.hostFlush();
    }
    if (page.jit === undefined) {
      if (this.wasmWanted && this.wasm === null) {
        this.wasm = new WasmTier(this.mem.arena!, this.registerFile, this.tlb);
        this.wasm.crossPages(this.traceExec === null);
      }
      page.jit = new PageBlocks(page.ops, this.stats, this.wasm, this.translateAhead);
    }
    this.fetchWords = page.u32;
    this.fetchOps = page.ops;
    this.fetchBlocks = page.jit as PageBlocks; // only the CPU creates a page's translated code
    this.fetchBase = base;
    this.wasm?.fetchPage(page.u32, base); // the dispatcher's fetch cache (wasm/chain.ts)
    if (debug) return true; // the tag stays invalid: the next instruction comes through here again
    this.u32[FETCH_TAG * 2] = lo & 0xfffff000;
    this.u32[FETCH_TAG * 2 + 1] = hi;
    return true;
  }

  /** Instruction Abort on the fetch at PC; the preferred return address is that PC (ARM J1.1 AArch64.InstructionAbort). */
  private fetchAbort(tr: TranslateResult): void {
    const va = this.x[PC]!;
    fetchFault(this);
    this.abort(tr, va, ACC_EXEC, 0);
  }

  private setFar(target: number, va: bigint): void {
    this.sr[target === 2 ? SR.FAR_EL2 : SR.FAR_EL1] = va;
  }

  /**
   * Take the abort for a failed translation or access (ARM J1.1 AArch64.Abort; ARCH-NOTES §7e–§7f).
   * `iss` carries the access-specific ISS bits (WnR, ISV/SAS/SSE/SRT/SF/AR) the caller knows.
   */
  abort(r: TranslateResult, va: bigint, acc: number, iss: number): void {
    const target = abortTarget(r, this.el, (hcrLo(this) & HCR.TGE) !== 0);
    this.setFar(target, va);
    if (r.stage2 && target === 2) this.sr[SR.HPFAR_EL2] = hpfarOf(r);
    raiseHere(this, target, abortEc(acc, target, this.el), abortIss(r, acc, target, iss));
  }

  // --- data accesses: the VA is in slot TMP0; loads return the value zero-extended in slot TMP1 ---

  /**
   * Load `size` (1, 2, 4, 8) bytes from VA = x[TMP0] into x[TMP1]. False if an exception was taken.
   * `el`: the EL whose permissions apply (EL0 for LDTR at EL1; otherwise PSTATE.EL).
   */
  load(size: number, iss = 0, el = this.el): boolean {
    const page = this.hostHit(el, ACC_READ, size);
    if (page !== undefined) {
      const u = this.u32;
      const wi = this.hitWord;
      if (size >= 4) {
        u[TMP1 * 2] = page.u32[wi]!;
        u[TMP1 * 2 + 1] = size === 8 ? page.u32[wi + 1]! : 0;
      } else {
        readUnaligned(page, (wi << 2) | (u[TMP0 * 2]! & 3), size, u);
      }
      return true;
    }
    return this.loadMiss(size, iss, el);
  }

  /** Word index in the RAM page of the last host-cache hit (set by hostHit). */
  private hitWord = 0;

  /**
   * Host-cache lookup for VA = x[TMP0] (DESIGN.md §3): same VA page and generation, aligned (so every byte is in
   * that 4 KiB page: an access that crosses into the next one always misses and translates both), backed by RAM. On
   * a hit returns the RAM page, with this.hitWord and this.tr.pa (callers such as the exclusive monitor read
   * the PA) set; undefined sends the access through translate().
   */
  private hostHit(el: number, acc: number, size: number): RamPage | undefined {
    const u = this.u32;
    const lo = u[TMP0 * 2]!;
    const t = this.tlb;
    const s = Tlb.hostLookup(t, el, acc, lo, u[TMP0 * 2 + 1]! | 0, size);
    if (s < 0) return undefined;
    const page = t.hcPage[s];
    this.tr.pa = t.hcPa[s]! + (lo & 0xfff);
    this.hitWord = t.hcWord[s]! + ((lo & 0xfff) >>> 2);
    this.stats.hostHits++;
    return page;
  }

  /** Load through translation (host-cache miss). */
  private loadMiss(size: number, iss: number, el: number): boolean {
    this.stats.hostMisses++;
    if (!this.translateData(ACC_READ, size, iss, el)) return false;
    if (this.split !== size) return this.loadSplit(size, iss);
    const pa = this.tr.pa;
    const page = this.mem.page(pa);
    if (page === undefined) return this.loadDevice(pa, size, iss);
    const u = this.u32;
    const off = pa & (PAGE_SIZE - 1);
    if ((off & 3) === 0 && size >= 4) {
      u[TMP1 * 2] = page.u32[off >>> 2]!;
      u[TMP1 * 2 + 1] = size === 8 ? page.u32[(off >>> 2) + 1]! : 0;
    } else {
      readUnaligned(page, off, size, u);
    }
    return true;
  }

  /**
   * Bytes of the last translated data access that lie in its first 4 KiB VA page: `size`, or fewer when the access
   * spans two pages (then the rest starts at PA this.pa2).
   */
  private split = 0;
  /** PA of the first byte in the second page of an access that spans two (valid when split < size). */
  private pa2 = WIDE_ZERO;

  /**
   * Translate the data access of `size` bytes at VA = x[TMP0] (a host-cache miss): every 4 KiB VA page it touches,
   * each through both stages with the permissions of `acc` at `el` — 4 KiB is the smallest translation granule, so
   * the bytes of one page share one translation (ARM J1.1 Mem[]: an unaligned access is performed byte by byte, each
   * byte translated). On success this.tr.pa is the PA of the first byte and this.split / this.pa2 say where the
   * bytes go; on a fault the abort is taken and the result is false, before any byte is accessed.
   */
  private translateData(acc: number, size: number, iss: number, el: number): boolean {
    const u = this.u32;
    const tr = this.tr;
    const lo = u[TMP0 * 2]!;
    if (!translate(this, lo, u[TMP0 * 2 + 1]!, acc, size, el, tr)) {
      this.abort(tr, this.x[TMP0]!, acc, iss);
      return false;
    }
    const first = 0x1000 - (lo & 0xfff);
    this.split = first < size ? first : size;
    if (first < size && !this.translateSecondPage(first, acc, size, iss, el)) return false;
    if (!this.debug.watch) return true;
    // an external debugger's watchpoint: the instruction is abandoned before any byte moves, the PC back at it (as
    // QEMU stops before the access for gdb on Arm); it counts as retired, no exception is taken
    const external = this.debug.external;
    if (external !== null && external(this.x[TMP0]!, size, acc === ACC_WRITE)) {
      addHalves(u, PC, PC, -PC_AHEAD);
      return false;
    }
    // watchpoints after the MMU faults, before any byte is accessed (ARM §D1.4.5.6)
    return checkWatchpoints(this, size, acc === ACC_WRITE, el);
  }

  /** The second 4 KiB page of an access whose first `first` bytes are in the page just translated into this.tr. */
  private translateSecondPage(first: number, acc: number, size: number, iss: number, el: number): boolean {
    const u = this.u32;
    const tr = this.tr;
    const pa1 = tr.pa;
    // page-aligned, so this page takes no Alignment fault: for the bytes after the first, Unpredictable_DEVPAGE2 may
    // fault on Device memory or not (ARM J1.1 Mem[]); as QEMU, not (Constraint_NONE: each page is accessed with its
    // own memory type, ARM K1.1.25)
    const lo = (u[TMP0 * 2]! + first) >>> 0;
    const hi = lo === 0 ? (u[TMP0 * 2 + 1]! + 1) >>> 0 : u[TMP0 * 2 + 1]!;
    if (!translate(this, lo, hi, acc, size, el, tr)) {
      // FAR = the first byte of the second page, the lowest address that gave rise to the fault (ARM §D24.2.48
      // FAR_EL1 note); no byte has been accessed: QEMU 7.2 translates the second page before any byte too, and
      // the architecture allows it (ARM §D1.4.1.4 R TNVSL: memory the aborted access would write becomes UNKNOWN
      // only where its own accesses do not fault, so unchanged is permitted)
      this.abort(tr, this.x[TMP0]! + BigInt(first), acc, iss);
      return false;
    }
    this.pa2 = tr.pa;
    tr.pa = pa1;
    return true;
  }

  /** Store `size` bytes of x[valSlot] to VA = x[TMP0]. False if an exception was taken. `el` as for load. */
  store(size: number, valSlot: number, iss = 0, el = this.el): boolean {
    const page = this.hostHit(el, ACC_WRITE, size);
    if (page !== undefined) {
      const u = this.u32;
      const wi = this.hitWord;
      if (size >= 4) {
        page.u32[wi] = u[valSlot * 2]!;
        if (size === 8) page.u32[wi + 1] = u[valSlot * 2 + 1]!;
      } else {
        writeUnaligned(page, (wi << 2) | (u[TMP0 * 2]! & 3), size, u, valSlot);
      }
      // self-modifying code: forget the decoded words this store wrote (and leave a block made of them)
      if (page.ops !== undefined && forgetCode(page, wi, wi + (size >>> 3))) this.leaveBlock();
      return true;
    }
    return this.storeMiss(size, valSlot, iss, el);
  }

  /** Store through translation (host-cache miss). */
  private storeMiss(size: number, valSlot: number, iss: number, el: number): boolean {
    this.stats.hostMisses++;
    if (!this.translateData(ACC_WRITE, size, iss, el)) return false;
    if (this.split !== size) return this.storeSplit(size, valSlot, iss);
    const pa = this.tr.pa;
    const page = this.mem.page(pa);
    if (page === undefined) return this.storeDevice(pa, size, valSlot, iss);
    const u = this.u32;
    const off = pa & (PAGE_SIZE - 1);
    if ((off & 3) === 0 && size >= 4) {
      page.u32[off >>> 2] = u[valSlot * 2]!;
      if (size === 8) page.u32[(off >>> 2) + 1] = u[valSlot * 2 + 1]!;
    } else {
      writeUnaligned(page, off, size, u, valSlot);
    }
    // self-modifying code: forget every word this store touched (an unaligned doubleword touches three)
    if (page.ops !== undefined && forgetCode(page, off >>> 2, (off + size - 1) >>> 2)) this.leaveBlock();
    return true;
  }

  /** A load of one 4 KiB page outside RAM: a device, else a synchronous external abort. */
  private loadDevice(pa: number, size: number, iss: number): boolean {
    const dev = this.mem.deviceAt(pa);
    if (dev === undefined) return this.externalAbort(ACC_READ, iss, this.x[TMP0]!);
    const off = pa - dev.base;
    // an unaligned load (only a Normal mapping lets one through) is, as QEMU 7.2 accel/tcg/cputlb.c load_helper does
    // it, the two aligned `size`-byte loads that cover it, in address order, and its bytes taken from them
    const skew = off & (size - 1);
    this.readDevice(dev.device, off - skew, size, 0);
    if (skew !== 0) this.readDevice(dev.device, off - skew + size, size, size);
    const b = this.deviceBytes;
    let lo = 0;
    let hi = 0;
    for (let i = size - 1; i >= 0; i--) {
      if (i >= 4) hi = (hi << 8) | b[skew + i]!;
      else lo = (lo << 8) | b[skew + i]!;
    }
    this.u32[TMP1 * 2] = lo >>> 0;
    this.u32[TMP1 * 2 + 1] = hi >>> 0;
    return true;
  }

  /**
   * One aligned device read of `size` bytes at `off`, as eight bytes into deviceBytes[at..at + 7] (past `size`: junk): a
   * device that splitsDoublewords answers an 8-byte read as two 4-byte reads, lower first; one with readDoubleword
   * whole; any other gives 32 bits.
   */
  private readDevice(device: Device, off: number, size: number, at: number): void {
    let lo: number;
    let hi: number;
    if (size === 8 && device.readDoubleword !== undefined) {
      const w = this.deviceWords;
      device.readDoubleword(off, w);
      lo = w[0]!; // no array literal: a device read allocates nothing
      hi = w[1]!;
    } else {
      const split = size === 8 && device.splitsDoublewords === true;
      lo = device.read(off, split ? 4 : size) >>> 0;
      hi = split ? device.read(off + 4, 4) >>> 0 : 0;
    }
    const b = this.deviceBytes;
    for (let i = 0; i < 4; i++) {
      b[at + i] = (lo >>> (8 * i)) & 0xff;
      b[at + 4 + i] = (hi >>> (8 * i)) & 0xff;
    }
  }

  private storeDevice(pa: number, size: number, valSlot: number, iss: number): boolean {
    const dev = this.mem.deviceAt(pa);
    if (dev === undefined) return this.externalAbort(ACC_WRITE, iss, this.x[TMP0]!);
    const off = pa - dev.base;
    const lo = this.u32[valSlot * 2]!;
    const hi = this.u32[valSlot * 2 + 1]!;
    if ((off & (size - 1)) !== 0) {
      // unaligned (a Normal mapping): byte stores in address order, as QEMU 7.2 cputlb.c store_helper_unaligned
      for (let i = 0; i < size; i++) dev.device.write(off + i, 1, ((i < 4 ? lo : hi) >>> (8 * (i & 3))) & 0xff);
    } else if (size === 8 && dev.device.writeDoubleword !== undefined) {
      dev.device.writeDoubleword(off, lo, hi);
    } else if (size === 8 && dev.device.splitsDoublewords === true) {
      dev.device.write(off, 4, lo);
      dev.device.write(off + 4, 4, hi);
    } else {
      dev.device.write(off, size, lo);
    }
    return true;
  }

  /** PA of byte `i` of the access just translated (split across two pages or not). */
  private byteAddress(i: number): number {
    return i < this.split ? this.tr.pa + i : this.pa2 + (i - this.split);
  }

  /**
   * A load that spans two 4 KiB pages, both translated: byte by byte in address order (ARM J1.1 Mem[]), each from
   * RAM or a device; a byte where nothing answers takes a synchronous external abort and the register is unchanged.
   */
  private loadSplit(size: number, iss: number): boolean {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < size; i++) {
      const pa = this.byteAddress(i);
      const page = this.mem.page(pa);
      let b: number;
      if (page !== undefined) {
        b = page.u8[pa & (PAGE_SIZE - 1)]!;
      } else {
        const dev = this.mem.deviceAt(pa);
        if (dev === undefined) return this.externalAbort(ACC_READ, iss, this.x[TMP0]! + BigInt(i));
        b = dev.device.read(pa - dev.base, 1) & 0xff;
      }
      if (i < 4) lo |= b << (8 * i);
      else hi |= b << (8 * (i - 4));
    }
    this.u32[TMP1 * 2] = lo >>> 0;
    this.u32[TMP1 * 2 + 1] = hi >>> 0;
    return true;
  }

  /**
   * A store that spans two 4 KiB pages, both translated: byte by byte in address order (ARM J1.1 Mem[]), as QEMU 7.2
   * does once it has translated both pages; a byte where nothing answers takes a synchronous external abort with
   * the bytes before it written (ARM §D1.4.1.4 R TNVSL lets them be anything).
   */
  private storeSplit(size: number, valSlot: number, iss: number): boolean {
    const u = this.u32;
    let dropped = false;
    for (let i = 0; i < size; i++) {
      const b = ((i < 4 ? u[valSlot * 2]! : u[valSlot * 2 + 1]!) >>> (8 * (i & 3))) & 0xff;
      const pa = this.byteAddress(i);
      const page = this.mem.page(pa);
      if (page !== undefined) {
        const off = pa & (PAGE_SIZE - 1);
        page.u8[off] = b;
        if (page.ops !== undefined && forgetCode(page, off >>> 2, off >>> 2)) dropped = true;
        continue;
      }
      const dev = this.mem.deviceAt(pa);
      if (dev === undefined) {
        if (dropped) this.leaveBlock();
        return this.externalAbort(ACC_WRITE, iss, this.x[TMP0]! + BigInt(i));
      }
      dev.device.write(pa - dev.base, 1, b);
    }
    if (dropped) this.leaveBlock();
    return true;
  }

  /**
   * DC ZVA's write: zero the `size`-byte block at PA this.tr.pa, just translated for writing (one page, Normal memory);
   * RAM directly, a device by byte writes in address order (QEMU 7.2 target/arm helper_dczva: "a series of byte
   * writes" when the block is I/O); with nothing there, a synchronous external abort with FAR = x[farSlot].
   */
  zeroBlock(size: number, farSlot: number): void {
    const pa = this.tr.pa;
    const page = this.mem.page(pa);
    if (page !== undefined) {
      const off = pa & (PAGE_SIZE - 1);
      page.u8.fill(0, off, off + size);
      if (page.ops !== undefined && forgetCode(page, off >>> 2, (off + size - 1) >>> 2)) this.leaveBlock();
      return;
    }
    const dev = this.mem.deviceAt(pa);
    if (dev === undefined) {
      this.externalAbort(ACC_WRITE, 0, this.x[farSlot]!);
      return;
    }
    for (let o = 0; o < size; o++) dev.device.write(pa + o - dev.base, 1, 0);
  }

  /**
   * No RAM and no device at the byte at VA `far`: synchronous external abort, DFSC 0x10 (ARCH-NOTES §7d), not a
   * stage-2 fault (reset clears what a translation left in tr). EA = 0: a bus decode error (EA is an IMPLEMENTATION
   * DEFINED classification; QEMU arm_extabort_type reports decode errors with EA = 0).
   */
  private externalAbort(acc: number, iss: number, far: bigint): false {
    this.tr.reset();
    this.tr.fault = FAULT_EXTERNAL;
    this.abort(this.tr, far, acc, iss);
    return false;
  }

  /**
   * --sync immediate: an MSR wrote a register that affects translation or routing (SysRegDef.effect): what the host
   * cache derived from the old value is dropped, and the write synchronizes at once.
   */
  registerWritten(): void {
    this.tlb.hostFlush();
    this.contextSync();
  }

  /** Current SP value (for tools). */
  get sp(): bigint {
    return this.x[SP]!;
  }
}

function readUnaligned(page: RamPage, off: number, size: number, u: Uint32Array): void {
  const dv = page.dv;
  switch (size) {
    case 1: u[TMP1 * 2] = page.u8[off]!; u[TMP1 * 2 + 1] = 0; break;
    case 2: u[TMP1 * 2] = dv.getUint16(off, true); u[TMP1 * 2 + 1] = 0; break;
    case 4: u[TMP1 * 2] = dv.getUint32(off, true); u[TMP1 * 2 + 1] = 0; break;
    default: u[TMP1 * 2] = dv.getUint32(off, true); u[TMP1 * 2 + 1] = dv.getUint32(off + 4, true);
  }
}

function writeUnaligned(page: RamPage, off: number, size: number, u: Uint32Array, slot: number): void {
  const dv = page.dv;
  const lo = u[slot * 2]!;
  switch (size) {
    case 1: page.u8[off] = lo & 0xff; break;
    case 2: dv.setUint16(off, lo & 0xffff, true); break;
    case 4: dv.setUint32(off, lo, true); break;
    default: dv.setUint32(off, lo, true); dv.setUint32(off + 4, u[slot * 2 + 1]!, true);
  }
}

