// Which EL2 controls trap a system register's EL0/EL1 accesses to EL2, read from the register's row of the
// system-register table (non-VHE, E2H = 0): HCR_EL2 (TVM, TRVM, TID1–TID3, TACR), CNTHCTL_EL2 (EL1PCTEN, EL1PCEN),
// CPTR_EL2 (TFP, TCPAC) and MDCR_EL2 (TDA, TDOSA, TDRA, TPM, TPMCR). The bit of each control is the field of that name
// in the control register's own row. The CPU's MSR/MRS (src/cpu/exec/system.ts) applies the same row tags on its hot
// path; this module answers the question for tools: is a register out of a context's reach under given controls?
import { effectiveHcr } from './hcr.ts';
import { SR, SYSREGS } from './sysreg-table.ts';
import type { SysRegDef } from './sysregs.ts';

export type El2TrapReg = 'HCR_EL2' | 'CNTHCTL_EL2' | 'CPTR_EL2' | 'MDCR_EL2';

export interface El2Trap {
  readonly reg: El2TrapReg;
  readonly field: string;
  readonly bit: number;
  /** The value of the field that traps: 1, or 0 for CNTHCTL_EL2's enables. */
  readonly trapsWhen: 0 | 1;
  readonly read: boolean;
  readonly write: boolean;
  /** EL0 accesses are trapped too (else only EL1's). */
  readonly el0: boolean;
}

/** The EL2 controls a context runs with (their stored values). */
export type El2Controls = Readonly<Record<El2TrapReg, bigint>>;

/** Bit position of field `field` of register `reg`, from the register's row. */
export function fieldBit(reg: string, field: string): number {
  const row = SYSREGS[SR[reg as keyof typeof SR]];
  const f = row?.fields.find((x) => x.name === field);
  if (f === undefined || f.hi !== f.lo) throw new Error(`system-register table: ${reg} has no one-bit field ${field}`);
  return f.lo;
}

function trap(reg: El2TrapReg, field: string, trapsWhen: 0 | 1, read: boolean, write: boolean, el0: boolean): El2Trap {
  return { reg, field, bit: fieldBit(reg, field), trapsWhen, read, write, el0 };
}

/** The EL2 traps that cover accesses to a register, from its row's tags. */
export function el2TrapsOf(r: SysRegDef): El2Trap[] {
  const out: El2Trap[] = [];
  // HCR_EL2.{TVM,TRVM,TID1,TID2,TID3,TACR}: EL1 accesses, and EL0 ones of an EL0-accessible register (TID2: CTR_EL0)
  if (r.trapRead !== undefined) out.push(trap('HCR_EL2', r.trapRead, 1, true, r.trapWrite === r.trapRead, r.minEl === 0));
  if (r.trapWrite !== undefined && r.trapWrite !== r.trapRead) out.push(trap('HCR_EL2', r.trapWrite, 1, false, true, r.minEl === 0));
  // CNTHCTL_EL2.EL1PCTEN / EL1PCEN = 0: EL0 and EL1 accesses to the physical counter / timer (E2H = 0 layout)
  if (r.cnthctlTrap !== undefined) out.push(trap('CNTHCTL_EL2', r.cnthctlTrap, 0, true, true, true));
  // CPTR_EL2.TCPAC: EL1 accesses to CPACR_EL1
  if (r.tcpac === true) out.push(trap('CPTR_EL2', 'TCPAC', 1, true, true, false));
  // CPTR_EL2.TFP: every FP/SIMD access at EL0 and EL1 (FPCR, FPSR; the V registers when FP/SIMD executes)
  if (r.fp === true) out.push(trap('CPTR_EL2', 'TFP', 1, true, true, true));
  // MDCR_EL2.{TDA,TDOSA,TDRA,TPM,TPMCR}: EL0 and EL1 accesses to debug and PMU registers
  for (const f of r.mdcrTraps ?? []) out.push(trap('MDCR_EL2', f, 1, true, true, true));
  return out;
}

/** The effective value of a trap's field: HCR_EL2 through its effective value (TGE clears TVM, TRVM, TID1, TID3, TACR);
 *  MDCR_EL2.{TDA,TDOSA,TDRA} behave as 1 when HCR_EL2.TGE or MDCR_EL2.TDE is 1 (Arm ARM, MDCR_EL2). */
function fieldValue(t: El2Trap, ctl: El2Controls): number {
  const bitOf = (v: bigint, n: number): number => Number((v >> BigInt(n)) & 1n);
  if (t.reg === 'HCR_EL2') return bitOf(effectiveHcr(ctl.HCR_EL2), t.bit);
  const v = bitOf(ctl[t.reg], t.bit);
  if (t.reg === 'MDCR_EL2' && (t.field === 'TDA' || t.field === 'TDOSA' || t.field === 'TDRA')) {
    return v | bitOf(ctl.HCR_EL2, fieldBit('HCR_EL2', 'TGE')) | bitOf(ctl.MDCR_EL2, fieldBit('MDCR_EL2', 'TDE'));
  }
  return v;
}

/** The traps that take an access (read or write) at EL `el` (0 or 1) to EL2 under `ctl`. */
export function trapsAt(r: SysRegDef, el: 0 | 1, dir: 'read' | 'write', ctl: El2Controls): El2Trap[] {
  return el2TrapsOf(r).filter((t) => (dir === 'read' ? t.read : t.write) && (el === 1 || t.el0) && fieldValue(t, ctl) === t.trapsWhen);
}

/** Can EL `el` access the register in direction `dir` at all (without UNDEFINED)? */
export function accessible(r: SysRegDef, el: 0 | 1, dir: 'read' | 'write'): boolean {
  return dir === 'read' ? r.access !== 'wo' && el >= r.minEl : r.access !== 'ro' && el >= r.minElWrite;
}

/**
 * Every access EL0 and EL1 can make to the register traps to EL2 under `ctl`: a context can neither read nor write
 * it, so its value is nobody's state while these controls hold. The EL0 gates of EL1 controls (CNTKCTL_EL1,
 * SCTLR_EL1) do not count: a context owns its EL1 and may open them.
 */
export function outOfReach(r: SysRegDef, ctl: El2Controls): boolean {
  let any = false;
  for (const el of [0, 1] as const) {
    for (const dir of ['read', 'write'] as const) {
      if (!accessible(r, el, dir)) continue;
      any = true;
      if (trapsAt(r, el, dir, ctl).length === 0) return false;
    }
  }
  return any;
}
