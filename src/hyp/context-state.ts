// What state is a context's own, and how the reference hypervisor keeps it so (issue 11, "state a context can read
// must be its own"). Every system register EL0 or EL1 can write is either
// - switched: saved from the outgoing and restored into the incoming context on every switch (SWITCHED, in the
//   order the switch restores them); the context-table layout, the switch's save/restore code (context-table.ts)
//   and the run-time check (leak-check.ts) are generated from this list;
// - emulated: every access traps to EL2 and the hypervisor answers from the context's own copy (EMULATED: the EL1
//   physical timer, KVM's approach, src/hyp/asm/lazy.S);
// - lazy: switched on a context's first use (FP/SIMD, LAZY): trapped to EL2 until the context owns the registers;
// - trapped: every EL0/EL1 access traps to EL2 under the controls the hypervisor sets for every context at boot
//   (HYP_TRAPS; the register row's tag names the control), and the hypervisor denies it;
// or it is no context's state: a PSTATE field (restored from SPSR_EL2 by the ERET), a view of another register
// (CNTx_TVAL of CNTx_CVAL), a constant (ID registers, RAZ/WI ones, registers only EL2 writes) or derived at read
// time (counters, CCSIDR_EL1, DCZID_EL0). classify() says which, for a row and the controls a context runs with;
// test/hyp/context-state.test.ts enumerates the table and fails on any register that is none of these.
import { CORTEX_A57, type Profile } from '../arch/profiles.ts';
import { SR, SYSREGS, sysregMasks, type SysRegName } from '../arch/sysreg-table.ts';
import { el2TrapsOf, fieldBit, outOfReach, type El2Controls, type El2Trap, type El2TrapReg } from '../arch/sysreg-traps.ts';
import type { SysRegDef } from '../arch/sysregs.ts';
import { TIMERS } from '../cpu/timer.ts';

/** The context-table values a switched register starts from (ContextRegs fields); absent: 0. */
export type InitField = 'ttbr0' | 'tcr' | 'mair' | 'sctlr' | 'vbar' | 'elr' | 'spsr' | 'cpacr';

export interface SwitchedReg {
  readonly reg: SysRegName;
  readonly init?: InitField;
  /** An errata.S hook the restore runs just before writing this register. */
  readonly hookBefore?: string;
}

/**
 * The registers the switch saves and restores, in restore order: ELR_EL2/SPSR_EL2 (where and in which PSTATE the
 * context resumes), the stack pointers, the EL1 exception, thread-ID, cache-selection, feature-trap and timer state,
 * then the translation registers with SCTLR_EL1 and TCR_EL1 last (the Cortex-A57 1319537 workaround's order, prior-art
 * §2.3: SCTLR, ISB, then TCR). KVM nVHE switches the same EL1 set (prior-art §2.1 step 8) plus CNTKCTL; the virtual
 * timer's CTL/CVAL are switched as KVM does on vcpu put/load.
 */
export const SWITCHED: readonly SwitchedReg[] = [
  { reg: 'ELR_EL2', init: 'elr' },
  { reg: 'SPSR_EL2', init: 'spsr' },
  { reg: 'SP_EL0' },
  { reg: 'SP_EL1' },
  { reg: 'ELR_EL1' },
  { reg: 'SPSR_EL1' },
  { reg: 'ESR_EL1' },
  { reg: 'FAR_EL1' },
  { reg: 'PAR_EL1' },
  { reg: 'TPIDR_EL1' },
  { reg: 'TPIDR_EL0' },
  { reg: 'TPIDRRO_EL0' },
  { reg: 'CONTEXTIDR_EL1' },
  { reg: 'CSSELR_EL1' },
  { reg: 'CPACR_EL1', init: 'cpacr' },
  { reg: 'CNTKCTL_EL1' },
  { reg: 'CNTV_CTL_EL0' },
  { reg: 'CNTV_CVAL_EL0' },
  { reg: 'VBAR_EL1', init: 'vbar' },
  { reg: 'MAIR_EL1', init: 'mair' },
  { reg: 'TTBR1_EL1' },
  { reg: 'TTBR0_EL1', init: 'ttbr0' },
  { reg: 'SCTLR_EL1', init: 'sctlr' },
  { reg: 'TCR_EL1', init: 'tcr', hookBefore: 'at_sctlr_then_tcr' },
];

/**
 * Registers kept as plain storage per context (issue 17: Linux's __cpu_setup writes MDSCR_EL1 and PMUSERENR_EL0 before
 * its first line of output, its debug-monitors init OSDLR_EL1 and OSLAR_EL1, hw-breakpoint the breakpoint and watchpoint ones): MDCR_EL2.TDA, TPM and TDOSA (HYP_TRAPS)
 * trap every access to EL2, where lazy.S reads the context's copy or writes it — KVM's trap_debug_regs. The copy is
 * never loaded into the PE, so a context's MDSCR_EL1 enables no debug event, its PMUSERENR_EL0 opens no PMU register to
 * its EL0 and its OS lock locks nothing (they trap all the same). OSLAR_EL1 is write-only: an MRS of it is UNDEFINED
 * at EL1 before any trap to EL2 (ARM, OSLAR_EL1's access table), so only its writes reach the copy.
 */
export const STORED: readonly SysRegName[] = [
  'MDSCR_EL1', 'PMUSERENR_EL0', 'OSDLR_EL1', 'OSLAR_EL1',
  // the breakpoint and watchpoint registers Linux's hw-breakpoint init clears (KVM's trap_bvr/trap_bcr/trap_wvr/trap_wcr)
  ...([0, 1, 2, 3, 4, 5] as const).flatMap((n) => [`DBGBVR${n}_EL1`, `DBGBCR${n}_EL1`] as const),
  ...([0, 1, 2, 3] as const).flatMap((n) => [`DBGWVR${n}_EL1`, `DBGWCR${n}_EL1`] as const),
];

/**
 * Registers the hypervisor emulates per context: the EL1 physical timer, and the STORED ones. CNTHCTL_EL2.EL1PCEN = 0
 * (HYP_TRAPS) traps every CNTP_* access from EL0 and EL1 to EL2, where lazy.S answers it from the context's own CTL
 * and CVAL (TVAL is their view) — KVM's approach, which costs the switch nothing and a trap per access.
 */
export const EMULATED: readonly SysRegName[] = ['CNTP_CTL_EL0', 'CNTP_CVAL_EL0', ...STORED];

/**
 * State switched lazily, on a context's first use, as KVM does (kvm_hyp_handle_fpsimd): FP/SIMD. CPTR_EL2.TFP traps
 * every FP/SIMD instruction and FPCR/FPSR access of a context that does not own the V registers; the handler
 * (lazy.S fp_trap) saves V0–V31, FPCR and FPSR of the owner into its entry, loads the context's (C_V, C_FPCR), makes
 * it the owner and re-executes the instruction untrapped. The switch clears TFP for the owner and sets it for anyone
 * else, writing CPTR_EL2 only when that changes (switch.S). `regs`: the system registers among that state.
 */
export const LAZY: readonly { readonly control: string; readonly handler: string; readonly what: string; readonly regs: readonly SysRegName[] }[] = [
  { control: 'CPTR_EL2.TFP', handler: 'fp_trap', what: 'V0–V31, FPCR and FPSR', regs: ['FPCR', 'FPSR'] },
];

export interface HypTrapField {
  readonly reg: Exclude<El2TrapReg, 'HCR_EL2'>;
  readonly field: string;
  readonly value: 0 | 1;
  readonly why: string;
}

/** The trap fields the hypervisor sets at boot (boot.S `hyp_traps_init`, read-modify-write) and keeps for every
 *  context. HCR_EL2 is per context (context-table.ts). */
export const HYP_TRAPS: readonly HypTrapField[] = [
  { reg: 'CPTR_EL2', field: 'TFP', value: 1, why: 'FP/SIMD and FPCR/FPSR trap to EL2 until the context owns them (lazy.S fp_trap)' },
  { reg: 'CPTR_EL2', field: 'TTA', value: 1, why: 'trace registers trap to EL2 (none is implemented)' },
  { reg: 'MDCR_EL2', field: 'TDA', value: 1, why: 'debug registers trap to EL2' },
  { reg: 'MDCR_EL2', field: 'TDOSA', value: 1, why: 'OS lock and power-down registers trap to EL2' },
  { reg: 'MDCR_EL2', field: 'TDRA', value: 1, why: 'the debug ROM address register traps to EL2' },
  { reg: 'MDCR_EL2', field: 'TPM', value: 1, why: 'PMU registers trap to EL2' },
  { reg: 'MDCR_EL2', field: 'TPMCR', value: 1, why: 'PMCR_EL0 traps to EL2' },
  { reg: 'CNTHCTL_EL2', field: 'EL1PCTEN', value: 1, why: 'the physical count stays readable at EL0/EL1' },
  { reg: 'CNTHCTL_EL2', field: 'EL1PCEN', value: 0, why: 'the EL1 physical timer traps to EL2, emulated per context (lazy.S)' },
];

/** CNTHCTL_EL2, CPTR_EL2 and MDCR_EL2 as the hypervisor leaves them: their reset values (what the boot's
 *  read-modify-write starts from) with HYP_TRAPS applied, masked as MSR writes them; HCR_EL2 = `hcr`. */
export function hypControls(hcr: bigint, p: Profile = CORTEX_A57): El2Controls {
  const m = sysregMasks(p);
  const value = (reg: Exclude<El2TrapReg, 'HCR_EL2'>): bigint => {
    let v = SYSREGS[SR[reg]]!.reset(p);
    for (const t of HYP_TRAPS.filter((x) => x.reg === reg)) {
      const b = 1n << BigInt(fieldBit(reg, t.field));
      v = t.value === 1 ? v | b : v & ~b;
    }
    return (v & m.keep[SR[reg]]!) | m.res1[SR[reg]]!;
  };
  return { HCR_EL2: hcr, CNTHCTL_EL2: value('CNTHCTL_EL2'), CPTR_EL2: value('CPTR_EL2'), MDCR_EL2: value('MDCR_EL2') };
}

export type StateClass =
  | { readonly kind: 'switched' }
  | { readonly kind: 'emulated'; readonly by: readonly El2Trap[] }
  | { readonly kind: 'trapped'; readonly by: readonly El2Trap[] }
  | { readonly kind: 'lazy'; readonly by: readonly El2Trap[] }
  | { readonly kind: 'pstate' }
  | { readonly kind: 'view'; readonly of: string; readonly cls: StateClass }
  | { readonly kind: 'constant' }
  | { readonly kind: 'derived' }
  /** Not on the board the hypervisor runs on: the GIC system registers (ICC_*), UNDEFINED with its GICv2. */
  | { readonly kind: 'absent' }
  | { readonly kind: 'el2' }
  | { readonly kind: 'uncovered' };

const SWITCHED_SET = new Set<string>(SWITCHED.map((s) => s.reg));
const EMULATED_SET = new Set<string>(EMULATED);
const LAZY_SET = new Set<string>(LAZY.flatMap((l) => l.regs));
/** TVAL → CVAL of the same timer (src/cpu/timer.ts: TVAL is computed from CVAL and the count). */
const VIEW_OF = new Map<string, string>(TIMERS.map((t) => [SYSREGS[t.tval]!.name, SYSREGS[t.cval]!.name]));

/** Is the register state of its own that EL0 or EL1 can change (by MSR, or by what EL1 does: exceptions, AT)? */
export function isContextState(r: SysRegDef): boolean {
  return r.minEl <= 1 && r.minElWrite <= 1 && r.access !== 'ro' && (r.kind === 'store' || r.kind === 'timer' || r.kind === 'sp' || r.kind === 'pmu');
}

/** How the hypervisor keeps register `r` per context, for a context running with EL2 controls `ctl`. */
export function classify(r: SysRegDef, ctl: El2Controls): StateClass {
  if (r.minEl > 1) return { kind: 'el2' };
  if (r.kind === 'pstate') return { kind: 'pstate' };
  if (r.kind === 'gic') return { kind: 'absent' }; // the hypervisor's board has a GICv2 (src/hyp/image.ts machineFor)
  const of = VIEW_OF.get(r.name);
  if (of !== undefined) return { kind: 'view', of, cls: classify(SYSREGS[SR[of as SysRegName]]!, ctl) };
  if (r.kind === 'computed') return { kind: 'derived' };
  if (!isContextState(r)) return { kind: 'constant' };
  if (SWITCHED_SET.has(r.name)) return { kind: 'switched' };
  if (EMULATED_SET.has(r.name) && outOfReach(r, ctl)) return { kind: 'emulated', by: el2TrapsOf(r) };
  if (LAZY_SET.has(r.name) && outOfReach(r, ctl)) return { kind: 'lazy', by: el2TrapsOf(r) };
  if (outOfReach(r, ctl)) return { kind: 'trapped', by: el2TrapsOf(r) };
  return { kind: 'uncovered' };
}

/** "CNTHCTL_EL2.EL1PCEN = 0" for a trap. */
export function trapName(t: El2Trap): string {
  return `${t.reg}.${t.field} = ${t.trapsWhen}`;
}
