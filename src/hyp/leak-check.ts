// The run-time register check of `twostage run` (issue 11): after every switch, the incoming context can observe no
// value another context wrote. Each context has a view — the value it should see in every register it can read:
// X0–X30, PC and PSTATE (ELR_EL2/SPSR_EL2, which the ERET hands it), SP_EL0/SP_EL1, every EL0/EL1 system register
// that is its state (context-state.ts isContextState, and everything the switch moves), and V0–V31 (as doublewords),
// reachable when FPCR is. The view starts as the
// context table's initial values (reset values for the rest); it becomes what the context left when it traps to EL2,
// and takes the hypervisor's own writes in episodes that return to the same context (call results, emulated or
// skipped instructions). At every ERET into a context each register it can reach — not trapped to EL2 by the live
// HCR_EL2/CNTHCTL_EL2/CPTR_EL2/MDCR_EL2, read through the table's trap tags (src/arch/sysreg-traps.ts) — must hold its
// view; a difference is a leak, reported with the context that wrote the value.
// A resumed episode's GPRs are taken as the context's own, and an emulated MMIO read (vuart.S, vgicd.S) ends in one
// with its result in Xt: what that value may be is the device check's (device-view.ts, issue 17). Each VM has a device
// view — its PL011's and its distributor's reset state changed only by its own emulated writes, through the same
// register tables the hypervisor is built from — and a read of a storage or constant register must return exactly
// what the view says; a VM's emulated state lives in blocks the switch never moves, so it is watched at the one place
// it reaches the VM, the ERET after the read. The interrupts the hypervisor delivers are checked at every ERET too:
// the GICH state the switch loaded must be the context's own (gichLoaded, below), each valid list register must hold
// an interrupt of the entered VM's own (its timer's, its UART's, or one its own distributor writes named), and
// HCR_EL2.VSE/VI/VF must be as its own C_HCR says.
import type { Profile } from '../arch/profiles.ts';
import { SR, SYSREGS, sysregMasks } from '../arch/sysreg-table.ts';
import { outOfReach, type El2Controls } from '../arch/sysreg-traps.ts';
import { hex64 } from '../bits/bits.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { SP_EL0, SP_EL1 } from '../cpu/state.ts';
import { TIMERS } from '../cpu/timer.ts';
import { isContextState, LAZY, SWITCHED } from './context-state.ts';
import { initial, type ContextRegs } from './context-table.ts';
import { GICH_SWITCHED, vgicReset } from './vgic.ts';
import { GicVirtInterface } from '../devices/gic-virt.ts';

export interface RegisterLeak {
  /** Context entered, register, the value it found and the one it should have seen. */
  readonly context: number;
  readonly reg: string;
  readonly value: bigint;
  readonly own: bigint;
  /** Who wrote the value: another context's name, "<name> (its initial value)", the reset, or "the hypervisor". */
  readonly writer: string;
}

const GPRS = 31;
/** Values remembered per register for naming a writer (the most recent ones). */
const WRITERS_KEPT = 64;
const TVALS = new Set(TIMERS.map((t) => t.tval));
/** The system registers compared: every switched one and every other EL0/EL1 state register (a TVAL is a view of its
 *  CVAL and has no value of its own). */
const CHECKED: readonly number[] = SYSREGS.map((_, i) => i).filter(
  (i) => !TVALS.has(i) && (isContextState(SYSREGS[i]!) || SWITCHED.some((s) => SR[s.reg] === i)),
);
/** V0–V31 as 64 doublewords (V<n>.D[0], V<n>.D[1]), after the GPRs. */
const V_SLOTS = 64;
const NAMES: readonly string[] = [
  ...CHECKED.map((i) => SYSREGS[i]!.name),
  ...Array.from({ length: GPRS }, (_, n) => `X${n}`),
  ...Array.from({ length: V_SLOTS }, (_, k) => `V${k >> 1}.D[${k & 1}]`),
];
const FIRST_V = CHECKED.length + GPRS;
/** Per compared system register, its row of the switch (SWITCHED), if the switch moves it. */
const SWITCH_OF = CHECKED.map((i) => SWITCHED.find((x) => SR[x.reg] === i));
/** The V registers are reachable exactly when FPCR is (the same FP/SIMD traps). */
const FPCR_SLOT = CHECKED.indexOf(SR.FPCR);
/** Registers the hypervisor moves on a context's behalf only as that context's own saved state (lazy.S fp_trap): its
 *  writes to them in a resumed episode are checked like anyone's, never taken as the context's new view. */
const LAZY_REGS = new Set<string>(LAZY.flatMap((l) => l.regs));
/** Compared whatever the traps say: what the ERET itself gives the context. */
const ALWAYS = new Set<number>([SR.ELR_EL2, SR.SPSR_EL2, SR.SP_EL0, SR.SP_EL1]);

/** What a context can reach per set of EL2 controls: a function of the four registers and the tables alone, so shared
 *  by every run of the process (a campaign's runs recomputed it per run); bounded. */
const REACH_CACHE = new Map<string, Uint8Array>();
const REACH_CACHE_MAX = 1024;

export class LeakCheck {
  private readonly views: BigUint64Array[];
  private readonly initials: BigUint64Array[];
  /** Per checked slot: value → the context whose run left it there last. */
  private readonly written: Map<bigint, number>[] = NAMES.map(() => new Map());
  /** Reset value per compared slot (GPRs: 0). */
  private readonly resets: BigUint64Array;
  /** ERETs checked. */
  entries = 0;
  /** Per context: the GICH state (GICH_SWITCHED order) it left, or the hypervisor's vgic_flush gave it last. */
  private readonly gich: Uint32Array[];

  constructor(
    private readonly contexts: readonly ContextRegs[],
    profile: Profile,
  ) {
    const m = sysregMasks(profile);
    this.initials = contexts.map((c) => {
      const v = new BigUint64Array(NAMES.length);
      CHECKED.forEach((i, k) => {
        const row = SYSREGS[i]!;
        const s = SWITCH_OF[k];
        // a switched register starts from its table slot, written by MSR (RES0 cleared, RES1 set); the rest from reset
        v[k] = s === undefined ? row.reset(profile) : row.kind === 'sp' ? initial(s, c) : (initial(s, c) & m.keep[i]!) | m.res1[i]!;
      });
      return v;
    });
    this.views = this.initials.map((v) => v.slice());
    // what the interface reads after the switch writes a context's initial block (GICH_VMCR clamps the binary points
    // to their minimum, GICv2 §5.3.5): the model's own registers, on an interface of its own
    const scratch = new GicVirtInterface({ virq: () => {}, maintenance: () => {}, deactivatePhysical: () => {} });
    this.gich = contexts.map((c) => {
      const block = vgicReset(c.vgic === true);
      for (const r of GICH_SWITCHED) scratch.control.write(r.gich, 4, block[r.block / 4]!);
      return Uint32Array.from(GICH_SWITCHED, (r) => scratch.control.read(r.gich, 4) >>> 0);
    });
    this.resets = BigUint64Array.from(NAMES, (_, k) => (k < CHECKED.length ? SYSREGS[CHECKED[k]!]!.reset(profile) : 0n));
  }

  /** Names of the compared registers (system registers, then X0–X30, then V0–V31 by doubleword). */
  static registers(): readonly string[] {
    return NAMES;
  }

  /** An exception from context `ctx` into EL2: what it can reach is as it left it, and its own from now on. */
  exit(c: Cpu, ctx: number): void {
    const view = this.views[ctx];
    if (view === undefined) return;
    const reach = this.reachable(c);
    for (let k = 0; k < NAMES.length; k++) {
      if (reach[k] === 0) continue;
      const v = valueOf(c, k);
      if (v === view[k]) continue;
      view[k] = v;
      const w = this.written[k]!;
      w.delete(v);
      w.set(v, ctx);
      if (w.size > WRITERS_KEPT) w.delete(w.keys().next().value!);
    }
  }

  /**
   * The ERET into context `ctx`. `resumed`: the episode began in the same context, so the hypervisor's writes in it
   * (`hypWrites`, names of the registers its MSRs wrote, and the GPRs it hands back) were made on the context's behalf.
   */
  enter(c: Cpu, ctx: number, resumed: boolean, hypWrites: ReadonlySet<string>): RegisterLeak[] {
    const view = this.views[ctx];
    if (view === undefined) return [];
    this.entries++;
    const reach = this.reachable(c);
    const leaks: RegisterLeak[] = [];
    for (let k = 0; k < NAMES.length; k++) {
      if (reach[k] === 0) continue;
      const v = valueOf(c, k);
      if (v === view[k]) continue;
      const gpr = k >= CHECKED.length && k < FIRST_V;
      if (resumed && (gpr || (k < CHECKED.length && hypWrites.has(NAMES[k]!) && !LAZY_REGS.has(NAMES[k]!)))) {
        view[k] = v;
        continue;
      }
      leaks.push({ context: ctx, reg: NAMES[k]!, value: v, own: view[k]!, writer: this.writerOf(k, v, ctx) });
      view[k] = v; // reported once: from now on it is what the context has seen
    }
    return leaks;
  }

  private writerOf(k: number, v: bigint, ctx: number): string {
    const w = this.written[k]!.get(v);
    if (w !== undefined) return w === ctx ? `${this.contexts[ctx]!.name} itself, earlier` : this.contexts[w]!.name;
    const first = this.initials.findIndex((x, i) => i !== ctx && x[k] === v);
    if (first >= 0) return `${this.contexts[first]!.name} (its initial value)`;
    return v === this.resets[k] ? 'nobody since reset (the machine\'s reset value)' : 'the hypervisor';
  }

  /**
   * The virtual interface control (GICH: shared by every context, switched with them — vgic.S) as context `ctx` left
   * it (an exception into EL2), or as the hypervisor's vgic_flush gave it (the ERET into it): its own from now on.
   */
  gichOwn(ctx: number, read: (offset: number) => number): void {
    const view = this.gich[ctx];
    if (view === undefined) return;
    GICH_SWITCHED.forEach((r, k) => (view[k] = read(r.gich) >>> 0));
  }

  /**
   * The interface as the switch loaded it for context `ctx` (vgic_flush starting, after a switch): every register
   * must hold what `ctx` left there — LRs of another VM would be its interrupts, another's GICH_HCR.En a virtual
   * interface that is not its own.
   */
  gichLoaded(ctx: number, read: (offset: number) => number): RegisterLeak[] {
    const view = this.gich[ctx];
    if (view === undefined) return [];
    const leaks: RegisterLeak[] = [];
    GICH_SWITCHED.forEach((r, k) => {
      const v = read(r.gich) >>> 0;
      if (v === view[k]) return;
      const other = this.gich.findIndex((g, i) => i !== ctx && g[k] === v);
      leaks.push({ context: ctx, reg: r.name, value: BigInt(v), own: BigInt(view[k]!), writer: other >= 0 ? this.contexts[other]!.name : 'the hypervisor' });
    });
    return leaks;
  }

  /** Per compared slot, 1 if the context can reach it under the live EL2 controls. */
  private reachable(c: Cpu): Uint8Array {
    const ctl: El2Controls = { HCR_EL2: live(c, SR.HCR_EL2), CNTHCTL_EL2: live(c, SR.CNTHCTL_EL2), CPTR_EL2: live(c, SR.CPTR_EL2), MDCR_EL2: live(c, SR.MDCR_EL2) };
    const key = `${ctl.HCR_EL2}:${ctl.CNTHCTL_EL2}:${ctl.CPTR_EL2}:${ctl.MDCR_EL2}`;
    let r = REACH_CACHE.get(key);
    if (r === undefined) {
      const sys = (k: number): number => (ALWAYS.has(CHECKED[k]!) || !outOfReach(SYSREGS[CHECKED[k]!]!, ctl) ? 1 : 0);
      r = Uint8Array.from(NAMES, (_, k) => (k < CHECKED.length ? sys(k) : k < FIRST_V ? 1 : sys(FPCR_SLOT)));
      if (REACH_CACHE.size >= REACH_CACHE_MAX) REACH_CACHE.clear();
      REACH_CACHE.set(key, r);
    }
    return r;
  }
}

/** A register as the context will find it: the last value written (a pending write included, `--sync architectural`). */
export function live(c: Cpu, i: number): bigint {
  return c.sync !== null ? c.sync.read(c, i) : c.sr[i]!;
}

function valueOf(c: Cpu, k: number): bigint {
  if (k >= FIRST_V) return c.v64[k - FIRST_V]!;
  if (k >= CHECKED.length) return c.x[k - CHECKED.length]!;
  const i = CHECKED[k]!;
  if (i === SR.SP_EL0) return c.readBankedSp(SP_EL0);
  if (i === SR.SP_EL1) return c.readBankedSp(SP_EL1);
  return live(c, i);
}

/** "TPIDRRO_EL0 = 0x… (its own: 0x…), written by vm-writer". */
export function describeLeak(l: RegisterLeak, name: string): string {
  return `${name} found ${l.reg} = ${hex64(l.value)} (its own: ${hex64(l.own)}), written by ${l.writer}`;
}
