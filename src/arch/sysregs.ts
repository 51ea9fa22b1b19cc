// The system-register table: the single source of truth for MSR/MRS encodings, names, fields, reset values,
// RES0/RES1 masks, the lowest EL that may access each register and the HCR_EL2 bit that traps it.
// Readers: the CPU's MSR/MRS, the assembler and disassembler (names), pretty-printers and views.
import type { Profile } from './profiles.ts';

/** HCR_EL2 trap controls that can cover an EL1 (or, for TID2, EL0) access (ARM §D24.2.62); TIDCP: the
 *  IMPLEMENTATION DEFINED registers (op0 = 3, CRn = 11 or 15) that a row implements. */
export type HcrTrap = 'TVM' | 'TRVM' | 'TID3' | 'TACR' | 'TID1' | 'TID2' | 'TIDCP';

/**
 * EL1 controls that gate an EL0 access; when the gate is closed the access traps with EC 0x18 to EL1
 * (to EL2 when HCR_EL2.TGE=1): SCTLR_EL1.UCT (CTR_EL0), SCTLR_EL1.UMA (DAIF), CNTKCTL_EL1.EL0VCTEN /
 * EL0PCTEN (counters; CNTFRQ_EL0 needs either), CNTKCTL_EL1.EL0PTEN / EL0VTEN (the EL1 physical / virtual timer).
 */
export type El0Gate =
  | 'SCTLR_EL1.UCT' | 'SCTLR_EL1.UMA' | 'CNTKCTL_EL1.EL0VCTEN' | 'CNTKCTL_EL1.EL0PCTEN' | 'CNTKCTL_EL1.EL0PCTEN|EL0VCTEN'
  | 'CNTKCTL_EL1.EL0PTEN' | 'CNTKCTL_EL1.EL0VTEN'
  // PMUSERENR_EL0.EN opens every PMU register to EL0; SW (PMSWINC writes), CR (PMCCNTR reads) and ER (event-counter
  // reads, PMSELR) open one kind each (ARM §D24.5 PMUSERENR_EL0)
  | 'PMUSERENR_EL0.EN' | 'PMUSERENR_EL0.EN|SW' | 'PMUSERENR_EL0.EN|CR' | 'PMUSERENR_EL0.EN|ER'
  // a trap control rather than an enable: MDSCR_EL1.TDCC = 1 traps EL0 accesses to the DCC registers (MDCCSR_EL0)
  | '!MDSCR_EL1.TDCC';

/** CNTHCTL_EL2 (E2H = 0) controls whose 0 traps EL0/EL1 accesses to EL2 with EC 0x18: EL1PCTEN (CNTPCT_EL0), EL1PCEN (CNTP_*). */
export type CnthctlTrap = 'EL1PCTEN' | 'EL1PCEN';

/**
 * MDCR_EL2 controls whose 1 traps EL0/EL1 accesses to EL2 with EC 0x18 (Arm ARM, MDCR_EL2 field descriptions):
 * TDA (debug registers: MDSCR_EL1, DBGB/WVR/CR_EL1 …), TDOSA (OS lock and power-down: OSLAR/OSLSR/OSDLR_EL1,
 * DBGPRCR_EL1), TDRA (MDRAR_EL1), TPM (every PMU register), TPMCR (PMCR_EL0). HCR_EL2.TGE = 1 or MDCR_EL2.TDE = 1
 * makes TDA, TDOSA and TDRA behave as 1.
 */
export type MdcrTrap = 'TDA' | 'TDOSA' | 'TDRA' | 'TPM' | 'TPMCR';

export interface SysRegField {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  /** One line: what the field does (shown when values are decoded). */
  readonly doc?: string;
}

/**
 * How a register's value is held:
 * - `store`: a slot in the SysRegFile (`c.sr[SR.X]`);
 * - `pstate`: a view of PSTATE (NZCV, DAIF, CurrentEL, SPSel) owned by the CPU;
 * - `sp`: a banked stack pointer owned by the CPU (SP_EL0, SP_EL1, SP_EL2);
 * - `const`: a value fixed by the profile (ID registers) or IMPLEMENTATION DEFINED RAZ/WI registers; writes
 *   of an `rw` const register are ignored, as QEMU does for ACTLR/AFSR/AMAIR/HACR;
 * - `computed`: derived at read time (CNTPCT/CNTVCT_EL0 from the instruction count, CCSIDR_EL1 from
 *   CSSELR_EL1, DCZID_EL0.DZP from the current traps);
 * - `timer`: a generic-timer register (src/cpu/timer.ts): kept in its slot, but read (ISTATUS, TVAL) and written
 *   (TVAL sets CVAL; any write moves the timer's deadline) through the timer model.
 * - `pmu`: a Performance Monitors register (src/cpu/pmu.ts): the counters count, set/clear pairs share one slot,
 *   PMXEV* select through PMSELR_EL0; OSLAR_EL1/OSLSR_EL1 (the OS lock) are handled there too.
 * - `gic`: a GICv3 CPU interface register (ICC_*, src/cpu/gic-cpuif.ts): read and written through the GIC the machine
 *   attaches to the CPU; UNDEFINED when it attaches none (a GICv2 board: no GIC system registers).
 */
export type SysRegKind = 'store' | 'pstate' | 'sp' | 'const' | 'computed' | 'timer' | 'pmu' | 'gic';

/**
 * How HCR_EL2 redirects an EL1 access to a GICv3 CPU interface register (IHI 0069 "Virtual interrupt handling":
 * the ICC_* encodings reach the virtual interface ICV_* at EL1 when a routing bit is set; QEMU icv_access,
 * gicv3_sgi_access): 'FMO' (the Group 0 registers), 'IMO' (Group 1), 'IMO|FMO' (either: CTLR, PMR, RPR, DIR) — the
 * access is to ICV_*; 'SGI' (SGI0R, SGI1R, ASGI1R): IMO or FMO traps the write to EL2 (EC 0x18).
 */
export type GicVirtualAccess = 'FMO' | 'IMO' | 'IMO|FMO' | 'SGI';

/** Which later behaviour a write affects: drives `--sync architectural` (pending until a CSE). */
export type SysRegEffect = 'translation' | 'routing' | 'none';

export interface SysRegDef {
  readonly name: string;
  /** op0, op1, CRn, CRm, op2 as in the MRS/MSR encoding. */
  readonly enc: readonly [number, number, number, number, number];
  /** Lowest exception level that may access it (lower ELs get UNDEFINED). 3: EL3 only, so never here. */
  readonly minEl: 0 | 1 | 2 | 3;
  /** Lowest EL that may write it when that differs (TPIDRRO_EL0: 1; CNTFRQ_EL0: the highest EL, 2). */
  readonly minElWrite: 0 | 1 | 2 | 3;
  readonly access: 'rw' | 'ro' | 'wo';
  readonly kind: SysRegKind;
  /** Reset value for a profile (architecturally UNKNOWN values reset as QEMU's virt board does, ARCH-NOTES §14). */
  readonly reset: (p: Profile) => bigint;
  /**
   * Bits that are RES0 for a profile: MSR writes clear them. Masks are applied on write only; reset values
   * are QEMU's and may differ in RES1 bits (SCTLR_EL1 resets to 0x00C50838 although bits 29:28 and 20 are
   * RES1 in v8.0; SCTLR_EL2/TCR_EL2/CPTR_EL2 reset to 0). QEMU keeps every written bit (ARCH-NOTES §14 D6);
   * the model follows the Arm ARM.
   */
  readonly res0: (p: Profile) => bigint;
  /** Bits that are RES1 for a profile: MSR writes set them. */
  readonly res1: (p: Profile) => bigint;
  readonly fields: readonly SysRegField[];
  /** HCR_EL2 bits that trap EL1 reads / writes of this register to EL2 with EC 0x18. */
  readonly trapRead?: HcrTrap;
  readonly trapWrite?: HcrTrap;
  /** The EL1 control that gates EL0 accesses (only for registers with minEl 0). */
  readonly el0Gate?: El0Gate;
  /** The gate for EL0 reads when it differs from el0Gate's (PMCCNTR_EL0: EN or CR; event counters: EN or ER). */
  readonly el0ReadGate?: El0Gate;
  /** MDCR_EL2 bits that trap EL0/EL1 accesses to EL2 (checked after the HCR_EL2 traps). */
  readonly mdcrTraps?: readonly MdcrTrap[];
  /** The CNTHCTL_EL2 bit that, when 0, traps EL0/EL1 accesses to EL2 (checked after el0Gate). */
  readonly cnthctlTrap?: CnthctlTrap;
  /** CPTR_EL2.TCPAC traps EL1 accesses to EL2 (CPACR_EL1). */
  readonly tcpac?: boolean;
  /** Accesses are FP/SIMD accesses: CPACR_EL1.FPEN and CPTR_EL2.TFP trap them with EC 0x07 (FPCR, FPSR). */
  readonly fp?: boolean;
  /** EL1 reads return this EL2 register instead (MIDR_EL1 -> VPIDR_EL2, MPIDR_EL1 -> VMPIDR_EL2). */
  readonly el1ReadsFrom?: string;
  /** A `gic` register at EL1 under HCR_EL2.IMO/FMO (GicVirtualAccess). */
  readonly gicVirtual?: GicVirtualAccess;
  readonly effect: SysRegEffect;
  readonly doc: string;
}

/** Encode op0..op2 as the 16-bit key used by the MRS/MSR decoder: op0:op1:CRn:CRm:op2 (= instruction bits 20:5). */
export function encKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** The generic name `S<op0>_<op1>_C<n>_C<m>_<op2>` (GNU as syntax) of an encoding. */
export function genericSysregName(op0: number, op1: number, crn: number, crm: number, op2: number): string {
  return `S${op0}_${op1}_C${crn}_C${crm}_${op2}`;
}
