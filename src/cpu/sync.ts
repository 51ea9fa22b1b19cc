// `--sync architectural` (DESIGN.md §3 "Two synchronization semantics"; ARCH-NOTES §8–§10). A Cpu without a SyncModel
// (`cpu.sync === null`) is `--sync immediate`: an MSR takes effect at once, a TLBI at once, nothing speculative.
// With one:
// - an MSR to a register whose table row has effect 'translation' or 'routing' is pending: MRS reads the new value at
//   once (MSR→MRS of the same register needs no synchronization), but translation, TLBI/AT VMID and ASID selection,
//   trap checks, exception routing and ERET's legality check keep reading `cpu.sr` — the in-context values — until a
//   context synchronization event (ISB, exception entry, ERET: Cpu.contextSync) copies the pending values in
//   (ARM §D24.1.2.2). ERET checks legality before its own synchronization, so it sees the old values (§10).
// - a TLBI selects its VMID/ASID when it executes but invalidates only when it completes: at the next DSB of
//   sufficient domain (NSH for local operations, ISH or wider for *IS ones; a DSB …LD/…ST does not complete it;
//   HCR_EL2.BSU upgrades EL0/EL1 barriers) (ARM §D8.17.8; ARCH-NOTES §9). Until then its entries stay usable.
//   With `translateEarly` (the litmus runner), a TLBI the DSB completes takes effect for this PE's later accesses only
//   at the next context synchronization event: until then they may have been translated before the DSB, with the
//   entries it removes (ARM §D8.17.8 R PSMWS, R YNJCP; ARCH-NOTES §9).
// - every other outcome the architecture allows is a choice point of SyncChoices, asked between instructions: a
//   pending write may become visible early, a TLBI may complete early, the TLB may be filled speculatively with any
//   non-faulting translation of an in-context regime (the current EL's: EL1&0 entries are out of context at EL2,
//   ARM §D8.1.5 R NRJPP), and with `errata` (Cortex-A57 erratum 1319537, prior-art §2.3) the EL1&0 regime may also be
//   walked at EL2 with any mix of old and pending register values. NO_CHOICES is the deterministic default of
//   `boot`/`run`; SeededChoices is `--speculate SEED`; a checker implements SyncChoices to enumerate.
import { dsbCompletesTlbi } from '../arch/a64/barrier.ts';
import { HCR } from '../arch/hcr.ts';
import { SYSOPS, type SysOpDef } from '../arch/sysops.ts';
import { SR, SYSREGS } from '../arch/sysreg-table.ts';
import { applyTlbi } from '../mmu/maintenance.ts';
import { currentVmid } from '../mmu/params.ts';
import { type Picker, speculativeFill } from '../mmu/speculate.ts';
import { REGIME_EL10, REGIME_EL2 } from '../mmu/tlb.ts';
import type { TranslationContext } from '../mmu/translate.ts';
import type { Cpu } from './cpu.ts';
import { thisInsn } from './exception.ts';

/** Every non-deterministic outcome `--sync architectural` allows, asked between instructions. */
export interface SyncChoices extends Picker {
  /** Does the pending write to system register `reg` (an SR index) take effect now, before a synchronization? */
  pendingVisible(reg: number): boolean;
  /** Does the executed but incomplete TLBI `op` (index `k` of SyncModel.outstanding()) complete now, before a DSB? */
  tlbiCompleted(op: string, k: number): boolean;
  /** Is the TLB filled speculatively now with a translation of `regime` (REGIME_EL10 / REGIME_EL2)? Which one is then
   * chosen through pick(n). */
  speculativeFill(regime: number): boolean;
  /** Erratum 1319537: in a speculative EL1&0 walk at EL2, is the pending (new) value of `reg` used? */
  mixNew(reg: number): boolean;
  /** pick(n): which of n candidates (TTBR range, concatenated table, valid descriptor) a speculative walk follows. */
}

/** The deterministic outcome: writes wait for a synchronization, TLBIs for a DSB, nothing is speculative. */
export const NO_CHOICES: SyncChoices = {
  pendingVisible: () => false,
  tlbiCompleted: () => false,
  speculativeFill: () => false,
  mixNew: () => false,
  pick: () => 0,
};

/** `--speculate SEED`: every choice from a seeded generator (mulberry32), so a run is reproducible. */
export class SeededChoices implements SyncChoices {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  private next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  pendingVisible(): boolean {
    return this.next() < 1 / 32;
  }
  tlbiCompleted(): boolean {
    return this.next() < 1 / 32;
  }
  speculativeFill(): boolean {
    return this.next() < 1 / 4;
  }
  mixNew(): boolean {
    return this.next() < 1 / 2;
  }
  pick(n: number): number {
    return Math.floor(this.next() * n);
  }
}

export interface SyncOptions {
  readonly choices?: SyncChoices;
  /** Cortex-A57 erratum 1319537: speculative EL1&0 walks at EL2 with mixed old/new registers. */
  readonly errata?: boolean;
  /** A TLBI a DSB completes reaches this PE's later translations only at a context synchronization event (or
   *  earlier, as tlbiCompleted chooses): ARM §D8.17.8 R PSMWS, R YNJCP. */
  readonly translateEarly?: boolean;
}

/** An executed TLBI that has not completed yet (SyncModel.outstanding). */
export interface OutstandingTlbi {
  readonly op: string;
  /** The VMID it selected when it executed (ARM C5.5.77). */
  readonly vmid: number;
  /** The address of the TLBI instruction. */
  readonly pc: number;
  /** A DSB completed it (translateEarly): it takes effect for later translations at a context synchronization. */
  readonly completedByDsb: boolean;
}

/** Incomplete TLBIs kept at most; one more completes the oldest (completing early is always allowed). */
const MAX_TLBI = 64;

export class SyncModel {
  /** The values MSR wrote to registers whose writes are pending (valid where `isPending`). */
  readonly pendingValue = new BigUint64Array(SYSREGS.length);
  private readonly isPending = new Uint8Array(SYSREGS.length);
  private readonly pendingRegs = new Int16Array(SYSREGS.length);
  private pendingCount = 0;
  // executed, incomplete TLBIs: operation, Xt halves, the VMID it selected, its address
  private readonly tlbiOp: SysOpDef[] = new Array<SysOpDef>(MAX_TLBI).fill(SYSOPS[0]!);
  private readonly tlbiLo = new Uint32Array(MAX_TLBI);
  private readonly tlbiHi = new Uint32Array(MAX_TLBI);
  private readonly tlbiVmid = new Int32Array(MAX_TLBI);
  private readonly tlbiPc = new Float64Array(MAX_TLBI);
  private readonly tlbiByDsb = new Uint8Array(MAX_TLBI);
  private tlbiCount = 0;
  readonly choices: SyncChoices;
  readonly errata: boolean;
  readonly translateEarly: boolean;
  /** Any choice can differ from the default, so step() has work to do. */
  private readonly stepping: boolean;
  /** Erratum walks: the in-context registers with some pending values mixed in. */
  private mix: TranslationContext | null = null;

  constructor(opts: SyncOptions = {}) {
    this.choices = opts.choices ?? NO_CHOICES;
    this.errata = opts.errata ?? false;
    this.translateEarly = opts.translateEarly ?? false;
    this.stepping = this.choices !== NO_CHOICES;
  }

  /** Reset: nothing pending, no TLBI outstanding. */
  reset(): void {
    this.isPending.fill(0);
    this.pendingCount = 0;
    this.tlbiCount = 0;
  }

  /** What MRS of register `i` returns: the last value written, pending or not. */
  read(c: Cpu, i: number): bigint {
    return this.isPending[i] === 1 ? this.pendingValue[i]! : c.sr[i]!;
  }

  /** MSR wrote pendingValue[i]: it waits for a context synchronization event. */
  markPending(i: number): void {
    if (this.isPending[i] === 1) return;
    this.isPending[i] = 1;
    this.pendingRegs[this.pendingCount++] = i;
  }

  /** Number of registers with a pending write (views, tests). */
  get pending(): number {
    return this.pendingCount;
  }

  /** Number of executed TLBIs not yet complete (views, tests). */
  get outstandingTlbis(): number {
    return this.tlbiCount;
  }

  /** The executed, incomplete TLBIs, in the order step() offers them for early completion (views, checkers). */
  outstanding(): OutstandingTlbi[] {
    const out: OutstandingTlbi[] = [];
    for (let k = 0; k < this.tlbiCount; k++) out.push({ op: this.tlbiOp[k]!.name, vmid: this.tlbiVmid[k]!, pc: this.tlbiPc[k]!, completedByDsb: this.tlbiByDsb[k] === 1 });
    return out;
  }

  /** A context synchronization event (called by Cpu.contextSync): every pending write takes effect, and every TLBI
   *  a DSB completed (translateEarly: later accesses are translated after this point, ARM §D8.17.8 R YNJCP). */
  synchronize(c: Cpu): void {
    for (let k = 0; k < this.tlbiCount; ) {
      if (this.tlbiByDsb[k] === 1) this.completeTlbi(c, k);
      else k++;
    }
    for (let k = 0; k < this.pendingCount; k++) {
      const i = this.pendingRegs[k]!;
      c.sr[i] = this.pendingValue[i]!;
      this.isPending[i] = 0;
    }
    this.pendingCount = 0;
  }

  /** TLBI <op>, Xt executed: its VMID is the in-context VTTBR_EL2.VMID now (ARM C5.5.77); it completes at a DSB. */
  tlbi(c: Cpu, op: SysOpDef, xtLo: number, xtHi: number): void {
    if (this.tlbiCount === MAX_TLBI) this.completeTlbi(c, 0);
    const k = this.tlbiCount++;
    this.tlbiOp[k] = op;
    this.tlbiLo[k] = xtLo;
    this.tlbiHi[k] = xtHi;
    this.tlbiVmid[k] = currentVmid(c);
    this.tlbiPc[k] = Number(thisInsn(c));
    this.tlbiByDsb[k] = 0;
  }

  /** DSB with CRm = `crm`: completes the TLBIs its domain covers (loads and stores both, ARCH-NOTES §9). */
  dsb(c: Cpu, crm: number): void {
    if (this.tlbiCount === 0) return;
    // HCR_EL2.BSU: barriers at EL0/EL1 are upgraded to at least Inner Shareable when BSU ≠ 00
    const upgraded = c.el < 2 && (c.sr32[SR.HCR_EL2 * 2]! & HCR.BSU) !== 0;
    for (let k = 0; k < this.tlbiCount; ) {
      if (!dsbCompletesTlbi(crm, this.tlbiOp[k]!.tlbi!.shareability, upgraded)) k++;
      else if (this.translateEarly) this.tlbiByDsb[k++] = 1;
      else this.completeTlbi(c, k);
    }
  }

  private completeTlbi(c: Cpu, k: number): void {
    applyTlbi(c.tlb, this.tlbiOp[k]!, this.tlbiLo[k]!, this.tlbiHi[k]!, this.tlbiVmid[k]!);
    const last = --this.tlbiCount;
    this.tlbiOp[k] = this.tlbiOp[last]!;
    this.tlbiLo[k] = this.tlbiLo[last]!;
    this.tlbiHi[k] = this.tlbiHi[last]!;
    this.tlbiVmid[k] = this.tlbiVmid[last]!;
    this.tlbiPc[k] = this.tlbiPc[last]!;
    this.tlbiByDsb[k] = this.tlbiByDsb[last]!;
  }

  /** Between two instructions: the choice points. Nothing happens under NO_CHOICES. */
  step(c: Cpu): void {
    if (!this.stepping) return;
    const ch = this.choices;
    for (let k = 0; k < this.pendingCount; ) {
      const i = this.pendingRegs[k]!;
      if (!ch.pendingVisible(i)) {
        k++;
        continue;
      }
      // visible early: data accesses see it from now on (instruction fetch may keep the old translation until a CSE)
      c.sr[i] = this.pendingValue[i]!;
      this.isPending[i] = 0;
      this.pendingRegs[k] = this.pendingRegs[--this.pendingCount]!;
      c.tlb.hostFlush();
    }
    for (let k = 0; k < this.tlbiCount; ) {
      if (ch.tlbiCompleted(this.tlbiOp[k]!.name, k)) this.completeTlbi(c, k);
      else k++;
    }
    const el = c.el;
    if (el < 2) {
      if (ch.speculativeFill(REGIME_EL10)) speculativeFill(c, el, ch);
      return;
    }
    if (ch.speculativeFill(REGIME_EL2)) speculativeFill(c, 2, ch);
    // Erratum 1319537: a speculative AT-like walk of the out-of-context EL1&0 regime, old and new values mixed
    if (this.errata && ch.speculativeFill(REGIME_EL10)) speculativeFill(this.mixed(c), 1, ch);
  }

  /** The in-context registers with each pending value taken or not as the choices say. */
  private mixed(c: Cpu): TranslationContext {
    if (this.mix === null) {
      const sr = new BigUint64Array(c.sr.length);
      this.mix = { sr, sr32: new Uint32Array(sr.buffer), profile: c.profile, mem: c.mem, tlb: c.tlb, scratch: c.scratch };
    }
    const sr = this.mix.sr;
    sr.set(c.sr);
    for (let k = 0; k < this.pendingCount; k++) {
      const i = this.pendingRegs[k]!;
      if (this.choices.mixNew(i)) sr[i] = this.pendingValue[i]!;
    }
    return this.mix;
  }
}
