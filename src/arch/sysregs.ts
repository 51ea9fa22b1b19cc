// The system-register table: the single source of truth for MSR/MRS encodings, names, fields, reset values,
// RES0/RES1 masks, the lowest EL that may access each register and the HCR_EL2 bit that traps it.
// Readers: the CPU's MSR/MRS, the assembler and disassembler (names), pretty-printers and views.
import type { Profile } from './profiles.ts';

/** HCR_EL2 trap controls that can cover an EL1 access (ARM §D24.2.62). */
export type HcrTrap = 'TVM' | 'TRVM' | 'TID3' | 'TACR' | 'TID1' | 'TID2';

export interface SysRegField {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  /** One line: what the field does (shown when values are decoded). */
  readonly doc?: string;
}

/**
 * How a register's value is held:
 * - `store`: a slot in the SysRegFile;
 * - `pstate`: a view of PSTATE (NZCV, DAIF, CurrentEL, SPSel) owned by the CPU;
 * - `sp`: a banked stack pointer owned by the CPU (SP_EL0, SP_EL1);
 * - `const`: read-only value computed from the profile (ID registers);
 * - `counter`: computed at read time (CNTVCT_EL0).
 */
export type SysRegKind = 'store' | 'pstate' | 'sp' | 'const' | 'counter';

/** Which later behaviour a write affects: drives `--sync architectural` (pending until a CSE). */
export type SysRegEffect = 'translation' | 'routing' | 'none';

export interface SysRegDef {
  readonly name: string;
  /** op0, op1, CRn, CRm, op2 as in the MRS/MSR encoding. */
  readonly enc: readonly [number, number, number, number, number];
  /** Lowest exception level that may access it (lower ELs get UNDEFINED). */
  readonly minEl: 0 | 1 | 2;
  readonly access: 'rw' | 'ro' | 'wo';
  readonly kind: SysRegKind;
  /** Reset value for a profile (architecturally UNKNOWN values reset as QEMU's virt board does, ARCH-NOTES §14). */
  readonly reset: (p: Profile) => bigint;
  /** Bits that read as zero and ignore writes. */
  readonly res0: bigint;
  /** Bits that read as one and ignore writes. */
  readonly res1: bigint;
  readonly fields: readonly SysRegField[];
  /** HCR_EL2 bits that trap EL1 reads / writes of this register to EL2 with EC 0x18. */
  readonly trapRead?: HcrTrap;
  readonly trapWrite?: HcrTrap;
  readonly effect: SysRegEffect;
  readonly doc: string;
}

/** Encode op0..op2 as the 16-bit key used by the MRS/MSR decoder: op0:op1:CRn:CRm:op2 (ISS order). */
export function encKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}
