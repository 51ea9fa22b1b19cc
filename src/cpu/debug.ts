// Self-hosted debug for AArch64 at EL0–EL2 without EL3 (ARM §D2 "AArch64 Self-hosted Debug"; pseudocode J1.2
// shared/debug; QEMU 7.2 target/arm/debug_helper.c as the executable reference): whether debug exceptions are enabled
// (AArch64.GenerateDebugExceptionsFrom), hardware breakpoints (address, context ID and VMID, linked), watchpoints
// (BAS, MASK, LSC), software step (MDSCR_EL1.SS with PSTATE.SS) and the exceptions they raise (EC 0x30–0x35).
//
// Cost: nothing while no debug event can fire. Two flags, recomputed by debugRefresh whenever what they depend on
// changes (the debug registers, OS lock, MDCR_EL2, HCR_EL2, PSTATE.D and PSTATE.EL: contextSync covers exception
// entry, ERET, ISB and the MSRs to routing registers), tell the hot paths what to do:
//   perInsn — a breakpoint may match or software step is active: the run loop takes its slow path (Cpu.refillFetch)
//             before every instruction and runs no translated blocks;
//   watch   — a watchpoint may match: data accesses never hit the host cache, so every one reaches Cpu.translateData,
//             which calls checkWatchpoints.
// Debug-register writes take effect at once, as in QEMU (the architecture would allow them to wait for a context
// synchronization event, ARM §D2 "Synchronization and debug register updates").
import { DEBUG_BREAKPOINTS, DEBUG_WATCHPOINTS, SR } from '../arch/sysreg-table.ts';
import { HCR } from '../arch/hcr.ts';
import type { Cpu } from './cpu.ts';
import { raiseHere } from './exception.ts';
import { PC, TMP0 } from './state.ts';

// Exception classes: from a lower EL; +1 is the same EL (ARM §D24.2.46 ESR_ELx.EC)
const EC_BREAKPOINT = 0x30;
const EC_SOFTWARE_STEP = 0x32;
const EC_WATCHPOINT = 0x34;
/** ISS.IFSC / DFSC = 0b100010, Debug exception (ARM §D24.2.46). */
const FSC_DEBUG = 0x22;
const ISS_ISV = 1 << 24; // software step: EX is valid
const ISS_EX = 1 << 6; // software step: the stepped instruction was a load-exclusive
const ISS_WNR = 1 << 6; // watchpoint: the access was a write

const MDSCR_SS = 1 << 0; // MDSCR_EL1.SS: software step enable
const MDSCR_KDE = 1 << 13; // MDSCR_EL1.KDE: debug exceptions at the debug target EL
const MDSCR_MDE = 1 << 15; // MDSCR_EL1.MDE: breakpoint and watchpoint exceptions
const MDCR_TDE = 1 << 8; // MDCR_EL2.TDE: debug exceptions to EL2
const OSLSR_OSLK = 1 << 1; // OSLSR_EL1.OSLK: the OS lock is locked
const OSDLR_DLK = 1 << 0; // OSDLR_EL1.DLK: the OS double lock is locked
const PSTATE_D = 1 << 9; // PSTATE.D in its SPSR position
const SPSR_SS = 21; // SPSR_ELx.SS bit

/** Register indices of breakpoint / watchpoint n. */
const regs = (count: number, name: string): number[] => Array.from({ length: count }, (_, n) => SR[`${name}${n}_EL1` as keyof typeof SR]);
const BVR = regs(DEBUG_BREAKPOINTS, 'DBGBVR');
const BCR = regs(DEBUG_BREAKPOINTS, 'DBGBCR');
const WVR = regs(DEBUG_WATCHPOINTS, 'DBGWVR');
const WCR = regs(DEBUG_WATCHPOINTS, 'DBGWCR');

/** Registers whose write changes what debugRefresh computes (besides HCR_EL2/MDCR_EL2, synchronized by contextSync). */
export const DEBUG_CONTROL_REGS: ReadonlySet<number> = new Set([
  SR.MDSCR_EL1, SR.OSLAR_EL1, SR.OSDLR_EL1, ...BVR, ...BCR, ...WVR, ...WCR,
]);

/** Bits [48:0] of a 64-bit value given as halves, as an exact number: the VA field the comparators look at. */
function va49(lo: number, hi: number): number {
  return (hi & 0x1ffff) * 4294967296 + lo;
}

/** The debug bookkeeping of one PE beside its registers (which live in the system-register file). */
export class DebugState {
  /** A breakpoint may match or software step is active: check before every instruction (see the file comment). */
  perInsn = false;
  /** A watchpoint may match: data accesses go through checkWatchpoints. */
  watch = false;
  /** The instruction now executing started in the active-not-pending step state (PSTATE.SS = 1). */
  stepping = false;
  /** That instruction is a load-exclusive (ESR.EX of the step exception that follows it). */
  steppedLdex = false;
  /** The PE entered the active-pending state by stepping an instruction, a stepped ERET included (ESR.ISV = 1); not
   *  by an exception entry or return that was not stepped, nor by unmasking. */
  stepDone = false;
  /** Breakpoints / watchpoints with E = 1. */
  bpEnabled = 0;
  wpEnabled = 0;
  /** Watchpoint n covers VA[48:0] in [wpStart[n], wpEnd[n]) (empty when it can never match). */
  readonly wpStart = new Float64Array(DEBUG_WATCHPOINTS);
  readonly wpEnd = new Float64Array(DEBUG_WATCHPOINTS);
  /**
   * An external debugger's watch on data accesses (the gdb stub's Z2–Z4), outside the architecture: asked about every
   * data access that translated (VA, size, write) before any byte moves; true stops the PE before that instruction
   * (Cpu.translateData). While set, data accesses skip the host cache as for an architectural watchpoint. Call
   * debugRefresh after setting or clearing it.
   */
  external: ((va: bigint, size: number, write: boolean) => boolean) | null = null;

  reset(): void {
    this.perInsn = false;
    this.watch = false;
    this.stepping = false;
    this.steppedLdex = false;
    this.stepDone = false;
  }
}

const sr = (c: Cpu, i: number): number => c.sr32[i * 2]!;

/** AArch64.DebugTarget (no EL3, Non-secure): EL2 when MDCR_EL2.TDE or HCR_EL2.TGE is 1, else EL1. */
export function debugTargetEl(c: Cpu): number {
  return (sr(c, SR.MDCR_EL2) & MDCR_TDE) !== 0 || (sr(c, SR.HCR_EL2) & HCR.TGE) !== 0 ? 2 : 1;
}

/** DoubleLockStatus (AArch64): OSDLR_EL1.DLK = 1 (DBGPRCR_EL1.CORENPDRQ is not implemented: 0; never Halted). */
function doubleLocked(c: Cpu): boolean {
  return (sr(c, SR.OSDLR_EL1) & OSDLR_DLK) !== 0;
}

/**
 * AArch64.GenerateDebugExceptionsFrom(from_el, Non-secure, mask): never while the OS lock or the OS double lock is
 * locked; at the debug target EL only with MDSCR_EL1.KDE = 1 and PSTATE.D (`mask`) = 0; below it always; above it
 * never (debug exceptions are never taken to a lower EL).
 */
export function generateDebugExceptionsFrom(c: Cpu, el: number, mask: boolean): boolean {
  if ((sr(c, SR.OSLSR_EL1) & OSLSR_OSLK) !== 0 || doubleLocked(c)) return false;
  const target = debugTargetEl(c);
  if (el === target) return (sr(c, SR.MDSCR_EL1) & MDSCR_KDE) !== 0 && !mask;
  return target > el;
}

/** AArch64.GenerateDebugExceptions: from the current EL with the current PSTATE.D. */
export function debugExceptionsEnabled(c: Cpu): boolean {
  return generateDebugExceptionsFrom(c, c.el, (c.daif & PSTATE_D) !== 0);
}

/** Software step is active (ARM §D2 "The software step state machine": MDSCR_EL1.SS and debug exceptions enabled). */
function stepActive(c: Cpu): boolean {
  return (sr(c, SR.MDSCR_EL1) & MDSCR_SS) !== 0 && debugExceptionsEnabled(c);
}

/** Recompute DebugState.perInsn and .watch (see the file comment). Cheap: called on every context synchronization. */
export function debugRefresh(c: Cpu): void {
  const d = c.debug;
  const enabled = debugExceptionsEnabled(c);
  const mdscr = sr(c, SR.MDSCR_EL1);
  const mde = enabled && (mdscr & MDSCR_MDE) !== 0;
  const perInsn = (mde && d.bpEnabled !== 0) || (enabled && (mdscr & MDSCR_SS) !== 0);
  if (perInsn && !d.perInsn) c.leaveBlock(); // the next instruction comes through the slow path
  d.perInsn = perInsn;
  const watch = (mde && d.wpEnabled !== 0) || d.external !== null;
  d.watch = watch;
  if (c.tlb.hostData === watch) {
    c.tlb.hostData = !watch; // no data access may hit the host cache while a watchpoint can match
    c.tlb.hostFlush();
  }
}

/** A debug control register (or the whole register file) changed: recompute the enabled sets and watched ranges. */
export function debugRegistersChanged(c: Cpu): void {
  const d = c.debug;
  d.bpEnabled = 0;
  d.wpEnabled = 0;
  for (let n = 0; n < BCR.length; n++) if ((sr(c, BCR[n]!) & 1) !== 0) d.bpEnabled |= 1 << n;
  for (let n = 0; n < WCR.length; n++) {
    watchedRange(c, n);
    if (d.wpEnd[n]! > d.wpStart[n]!) d.wpEnabled |= 1 << n;
  }
  debugRefresh(c);
}

/**
 * The bytes watchpoint n watches (AArch64.WatchpointByteMatch), as one range of VA[48:0]; empty when disabled. The
 * CONSTRAINED UNPREDICTABLE cases resolve as QEMU 7.2 resolves them (hw_watchpoint_update): MASK = 1 or 2 (reserved)
 * disables it; a MASK with BAS not all ones ignores BAS; non-zero masked address bits are ignored; a BAS that is not
 * contiguous watches its lowest run of ones. DBGWVR[2] = 1 selects a word: BAS[7:4] are ignored.
 */
function watchedRange(c: Cpu, n: number): void {
  const d = c.debug;
  d.wpStart[n] = 0;
  d.wpEnd[n] = 0;
  const wcr = sr(c, WCR[n]!);
  if ((wcr & 1) === 0 || ((wcr >>> 3) & 3) === 0) return; // E = 0, or LSC = 0b00 (matches neither loads nor stores)
  const vr = WVR[n]!;
  const addr = va49(c.sr32[vr * 2]!, c.sr32[vr * 2 + 1]!);
  const mask = (wcr >>> 24) & 31;
  if (mask === 1 || mask === 2) return;
  if (mask !== 0) {
    const size = 2 ** mask; // an aligned region of 2^MASK bytes (≤ 2 GiB)
    d.wpStart[n] = Math.floor(addr / size) * size;
    d.wpEnd[n] = d.wpStart[n]! + size;
    return;
  }
  let bas = (wcr >>> 5) & 0xff;
  if ((addr & 4) !== 0) bas &= 0xf; // a word-aligned DBGWVR: BAS[3:0] select the bytes of that word
  if (bas === 0) return;
  const first = 31 - Math.clz32(bas & -bas); // lowest selected byte
  let len = 0;
  while (((bas >>> (first + len)) & 1) !== 0) len++;
  const base = addr - (addr % 8) + (addr & 4); // the doubleword, or with DBGWVR[2] = 1 the word, DBGWVR points at
  d.wpStart[n] = base + first;
  d.wpEnd[n] = base + first + len;
}

/**
 * AArch64.StateMatch for Non-secure state without EL3: SSC = 0b10 (Secure only) never matches; at EL2 HMC = 1 (or
 * SSC = 0b11) is needed, at EL1 PxC[0], at EL0 PxC[1]. `el` is the access's EL (EL0 for an unprivileged LDTR/STTR).
 * With `linked`, context-aware breakpoint LBN must match too.
 */
function stateMatch(c: Cpu, ctl: number, el: number, linked: boolean): boolean {
  const pxc = (ctl >>> 1) & 3;
  const hmc = (ctl >>> 13) & 1;
  const ssc = (ctl >>> 14) & 3;
  if (ssc === 2) return false; // security state match: Secure only
  const priv = el === 2 ? hmc === 1 || ssc === 3 : el === 1 ? (pxc & 1) !== 0 : (pxc & 2) !== 0;
  if (!priv) return false;
  return !linked || breakpointValueMatch(c, (ctl >>> 16) & 15, true);
}

/** Breakpoints n ≥ this are context-aware (ID_AA64DFR0_EL1.BRPs and CTX_CMPs). */
function firstContextAware(c: Cpu): number {
  const dfr0 = Number(c.profile.id.aa64dfr0 & 0xffffffffn);
  return ((dfr0 >>> 12) & 15) - ((dfr0 >>> 28) & 15);
}

/**
 * AArch64.BreakpointValueMatch(n, PC, linked_to) for A64 (BAS is ignored: it is RES1 with no AArch32). Reserved
 * types — address mismatch (0b010x, AArch32 only), the CONTEXTIDR_EL2 types of FEAT_VHE (0bx11x, 0b11xx), context
 * types on a breakpoint that is not context-aware — generate no events (the CONSTRAINED UNPREDICTABLE "disabled"
 * choice, as QEMU). `linkedTo`: called for the breakpoint another one links to, which must be a linked context type.
 */
function breakpointValueMatch(c: Cpu, n: number, linkedTo: boolean): boolean {
  if (n >= BCR.length) return false;
  const bcr = sr(c, BCR[n]!);
  if ((bcr & 1) === 0) return false;
  const bt = (bcr >>> 20) & 15;
  const matchAddr = (bt & 0b1110) === 0b0000;
  const matchCid = (bt & 0b1110) === 0b0010 || (bt & 0b1110) === 0b1010;
  const matchVmid = (bt & 0b1100) === 0b1000;
  if (!matchAddr && !matchCid && !matchVmid) return false; // reserved types
  if (!matchAddr && n < firstContextAware(c)) return false;
  const linked = (bt & 1) === 1;
  if (linkedTo && (!linked || matchAddr)) return false;
  if (!linkedTo && linked && !matchAddr) return false; // linked context types match only through a link
  const el = c.el;
  const vr = BVR[n]!;
  if (matchAddr) {
    // VA[48:2] of the PC against DBGBVR_EL1.VA[48:2] (the RESS bits [63:49] are not compared)
    const pc = va49(c.u32[PC * 2]!, c.u32[PC * 2 + 1]!);
    const bvr = va49(c.sr32[vr * 2]!, c.sr32[vr * 2 + 1]!);
    if (Math.floor(pc / 4) !== Math.floor(bvr / 4)) return false;
  }
  // CONTEXTIDR_EL1 against DBGBVR[31:0], only at EL0/EL1 (no VHE: EL2 is never "in host")
  if (matchCid && (el === 2 || sr(c, SR.CONTEXTIDR_EL1) !== c.sr32[vr * 2])) return false;
  if (matchVmid) {
    // VTTBR_EL2.VMID against DBGBVR[39:32] (8-bit VMID) or [47:32] (16-bit, VTCR_EL2.VS = 1), only at EL0/EL1
    const wide = c.profile.vmidBits === 16 && (c.sr32[SR.VTCR_EL2 * 2]! & (1 << 19)) !== 0;
    const vmidMask = wide ? 0xffff : 0xff;
    const vmid = (c.sr32[SR.VTTBR_EL2 * 2 + 1]! >>> 16) & vmidMask;
    if (el === 2 || vmid !== (c.sr32[vr * 2 + 1]! & vmidMask)) return false;
  }
  return true;
}

/** AArch64.BreakpointMatch for breakpoint n at the current PC. */
function breakpointMatch(c: Cpu, n: number): boolean {
  const bcr = sr(c, BCR[n]!);
  const bt = (bcr >>> 20) & 15;
  const linked = bt === 0b0001; // a linked address match
  return breakpointValueMatch(c, n, false) && stateMatch(c, bcr, c.el, linked);
}

/** Take a debug exception to the debug target EL (never below the current one: the callers checked it is enabled). */
function debugException(c: Cpu, ec: number, iss: number): void {
  const target = debugTargetEl(c);
  raiseHere(c, target, ec | (target === c.el ? 1 : 0), iss);
}

/**
 * Before the instruction at PC while DebugState.perInsn: the software step exception of the active-pending state (the
 * highest-priority synchronous exception, ARM §D1.4.5.6). False if it was taken.
 */
export function stepBeforeFetch(c: Cpu): boolean {
  if (c.ss !== 0 || !stepActive(c)) return true;
  // AArch64.SoftwareStepException: EC 0x32/0x33, ISV = the PE stepped an instruction into this state, EX, IFSC; ELR is
  // the next instruction to step (raiseHere reports PC - 4); FAR is not written
  const d = c.debug;
  const iss = (d.stepDone ? ISS_ISV | (d.steppedLdex ? ISS_EX : 0) : 0) | FSC_DEBUG;
  c.x[PC] = c.x[PC]! + 4n;
  debugException(c, EC_SOFTWARE_STEP, iss);
  return false;
}

/**
 * After the fetch of the word `w` at PC succeeded (Instruction Abort and PC alignment take priority over breakpoints,
 * ARM §D1.4.5.6): the Breakpoint exception, else note that this instruction is stepped. False if an exception was taken.
 */
export function breakpointOrStep(c: Cpu, w: number): boolean {
  const d = c.debug;
  if (d.bpEnabled !== 0 && (sr(c, SR.MDSCR_EL1) & MDSCR_MDE) !== 0 && debugExceptionsEnabled(c)) {
    for (let n = 0; n < BCR.length; n++) {
      if ((d.bpEnabled & (1 << n)) === 0 || !breakpointMatch(c, n)) continue;
      // AArch64.BreakpointException: EC 0x30/0x31, IFSC Debug, ELR = this instruction; FAR is UNKNOWN: 0, as QEMU
      c.sr[debugTargetEl(c) === 2 ? SR.FAR_EL2 : SR.FAR_EL1] = 0n;
      c.x[PC] = c.x[PC]! + 4n;
      debugException(c, EC_BREAKPOINT, FSC_DEBUG);
      return false;
    }
  }
  if (c.ss === 1 && stepActive(c)) {
    d.stepping = true;
    // LDXR, LDAXR, LDXP, LDAXP (and their B/H forms): load/store exclusive class with o2 = 0, L = 1
    d.steppedLdex = (w & 0x3fc00000) === 0x08400000;
  }
  return true;
}

/**
 * SSAdvance (ARM J1.2): an instruction completed in the active-not-pending state (PSTATE.SS = 1 with MDSCR_EL1.SS = 1)
 * — PSTATE.SS = 0, active-pending. SVC, HVC and SMC call it before taking their exception.
 */
export function ssAdvance(c: Cpu): void {
  if (c.ss === 1 && (sr(c, SR.MDSCR_EL1) & MDSCR_SS) !== 0) c.ss = 0;
}

/** The stepped instruction completed without an exception (the run loop, before anything else happens). */
export function stepCompleted(c: Cpu): void {
  const d = c.debug;
  d.stepping = false;
  ssAdvance(c);
  d.stepDone = c.ss === 0;
}

/** Exception entry or return: the instruction in progress did not complete a step; no step is recorded as done. */
export function stepInterrupted(c: Cpu): void {
  c.debug.stepping = false;
  c.debug.stepDone = false;
}

/**
 * An ERET completed. If it was stepped, the step exception that may follow (its DebugExceptionReturnSS is 0 whenever
 * it was stepped: debug exceptions were enabled where it ran) reports ISV = 1: SoftwareStep_DidNotStep may return
 * either value after a stepped ERET, and QEMU 7.2 reports a completed step (gen_step_complete_exception).
 */
export function stepEret(c: Cpu): void {
  const d = c.debug;
  d.stepDone = d.stepping;
  d.stepping = false;
}

/**
 * DebugExceptionReturnSS (ARM J1.2): PSTATE.SS after an ERET from the current state to `dest` (the current EL when the
 * return is illegal) with `spsr`: SPSR.SS when MDSCR_EL1.SS = 1, debug exceptions are disabled here and enabled at the
 * destination (with its SPSR.D), else 0.
 */
export function exceptionReturnSs(c: Cpu, spsr: number, dest: number): number {
  if ((sr(c, SR.MDSCR_EL1) & MDSCR_SS) === 0 || debugExceptionsEnabled(c)) return 0;
  return generateDebugExceptionsFrom(c, dest, (spsr & PSTATE_D) !== 0) ? (spsr >>> SPSR_SS) & 1 : 0;
}

/**
 * AArch64.CheckWatchpoint for the data access of `size` bytes at VA x[TMP0] (after it translated: MMU faults take
 * priority; before any byte is accessed, so before synchronous external aborts). `el` is the EL whose permissions the
 * access uses (EL0 for LDTR/STTR at EL1). False if the Watchpoint exception was taken: EC 0x34/0x35, WnR, DFSC Debug,
 * CM = 0 (DC IVAC, the one cache maintenance instruction that may hit a watchpoint, does not here, as QEMU), FAR = the
 * lowest watched address the access touches (as QEMU's hitaddr).
 */
export function checkWatchpoints(c: Cpu, size: number, write: boolean, el: number): boolean {
  const d = c.debug;
  if ((sr(c, SR.MDSCR_EL1) & MDSCR_MDE) === 0 || !debugExceptionsEnabled(c)) return true;
  const u = c.u32;
  const a = va49(u[TMP0 * 2]!, u[TMP0 * 2 + 1]!);
  const lsc = write ? 2 : 1; // DBGWCR.LSC bit for a store / a load
  for (let n = 0; n < WCR.length; n++) {
    if ((d.wpEnabled & (1 << n)) === 0) continue;
    const start = d.wpStart[n]!;
    if (a >= d.wpEnd[n]! || a + size <= start) continue;
    const wcr = sr(c, WCR[n]!);
    if ((((wcr >>> 3) & 3) & lsc) === 0) continue;
    if (!stateMatch(c, wcr, el, ((wcr >>> 20) & 1) === 1)) continue; // WT = 1: linked to breakpoint LBN
    c.sr[debugTargetEl(c) === 2 ? SR.FAR_EL2 : SR.FAR_EL1] = c.x[TMP0]! + BigInt(Math.max(start - a, 0));
    debugException(c, EC_WATCHPOINT, (write ? ISS_WNR : 0) | FSC_DEBUG);
    return false;
  }
  return true;
}

/** AArch64.SoftwareBreakpoint's target: the debug target EL, or the current EL when that is higher. */
export function softwareBreakpointTarget(c: Cpu): number {
  const target = debugTargetEl(c);
  return target > c.el ? target : c.el;
}
