// Syndrome layouts that both the CPU (which writes them) and the tools (which read them) need: one encoder and one
// decoder per layout (ARM §D24.2.46 ESR_ELx).
import { field, lowGetter, lowMask } from './reg-fields.ts';

/** Exception classes (ESR_ELx.EC, ARCH-NOTES §7e). */
export const EC_UNKNOWN = 0x00;
export const EC_WFX = 0x01;
export const EC_FP = 0x07;
export const EC_ILLEGAL = 0x0e;
export const EC_SVC = 0x15;
export const EC_HVC = 0x16;
export const EC_SMC = 0x17;
export const EC_SYSREG = 0x18;
export const EC_IABT_LOWER = 0x20;
export const EC_IABT_SAME = 0x21;
export const EC_PC_ALIGN = 0x22;
export const EC_DABT_LOWER = 0x24;
export const EC_DABT_SAME = 0x25;
export const EC_SP_ALIGN = 0x26;
export const EC_SERROR = 0x2f;
export const EC_BRK = 0x3c;

/** ESR_ELx.EC's position (bits 31:26) and IL (bit 25: a 32-bit instruction), from the table's ESR_EL2 fields. */
export const ESR_EC_SHIFT = field('ESR_EL2', 'EC').lo;
export const ESR_IL = lowMask('ESR_EL2', 'IL');
export const ESR_ISS = lowMask('ESR_EL2', 'ISS');

// Instruction and Data Abort ISS (ARM §D24.2.46 "ISS encoding for an exception from a Data Abort" / "… an
// Instruction Abort"; ARCH-NOTES §7e)
/** DFSC/IFSC[5:0]: the fault status code; [5:2] the kind (0 address size, 1 translation, 2 access flag, 3
 *  permission), [1:0] the level for those four kinds. */
export const ISS_FSC = 0x3f;
export const ISS_FSC_KIND = 0x3c;
export const ISS_FSC_LEVEL = 0x3;
export const ISS_WNR = 1 << 6; // the abort was a write (data aborts)
export const ISS_S1PTW = 1 << 7; // a stage-2 fault on a stage-1 translation table walk
export const ISS_AR = 1 << 14; // acquire/release semantics
export const ISS_SF = 1 << 15; // Rt is a 64-bit register
export const ISS_SRT_SHIFT = 16; // SRT[20:16]: the transfer register
export const ISS_SSE = 1 << 21; // the load sign-extends
export const ISS_SAS_SHIFT = 22; // SAS[23:22]: the access size
export const ISS_ISV = 1 << 24; // ISS[23:14] hold a valid instruction syndrome
export const ISS_CM = 1 << 8; // the fault came from a cache maintenance or AT instruction (data aborts)
/** CV = 1, COND = 0b1110 (ISS[24:20]): what a trap of an A64 instruction reports for EC 0x01 (WFI/WFE) and 0x07
 *  (FP/SIMD access: ARM §D24.2.46 "ISS encoding for an exception from an access to SIMD or floating-point
 *  functionality"; QEMU syn_fp_access_trap, syn_wfx). */
export const ISS_COND_AL = (1 << 24) | (0xe << 20);
/** ISV, SAS, SSE, SRT, SF, AR (ISS[24:14]): the instruction syndrome. */
export const ISS_INSN_SYNDROME = ISS_ISV | (3 << ISS_SAS_SHIFT) | ISS_SSE | (31 << ISS_SRT_SHIFT) | ISS_SF | ISS_AR;

/** ESR_ELx.EC of a syndrome (its bits 31:0), from the table's ESR_EL2.EC field. */
export const ecOf = lowGetter('ESR_EL2', 'EC');

/** FAR_ELx holds the faulting address: instruction and data aborts and PC alignment (ARM §D24.2.51 FAR_ELx; no watchpoints here). */
export function ecHasFar(ec: number): boolean {
  return ec === EC_IABT_LOWER || ec === EC_IABT_SAME || ec === EC_PC_ALIGN || ec === EC_DABT_LOWER || ec === EC_DABT_SAME;
}

/** An instruction or data abort (ISS: IFSC/DFSC, and for data WnR, S1PTW; ARM §D24.2.46). */
export function ecIsAbort(ec: number): boolean {
  return ec === EC_IABT_LOWER || ec === EC_IABT_SAME || ec === EC_DABT_LOWER || ec === EC_DABT_SAME;
}

/** A trapped MSR, MRS or System instruction (EC 0x18): the encoding it named, Rt, and the direction. */
export interface SysregTrap {
  readonly op0: number;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  readonly rt: number;
  /** Dir: 1 for a read (MRS, SYSL), 0 for a write (MSR, SYS). */
  readonly read: number;
}

/** ISS for EC 0x18 (ARM §D24.2.46 "ISS encoding for an exception from MSR, MRS, or System instruction execution"):
 *  Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Dir[0]. */
export function sysregTrapIss(t: SysregTrap): number {
  return (t.op0 << 20) | (t.op2 << 17) | (t.op1 << 14) | (t.crn << 10) | (t.rt << 5) | (t.crm << 1) | t.read;
}

/** The fields of an EC 0x18 ISS. */
export function sysregTrapOf(iss: number): SysregTrap {
  return {
    op0: (iss >>> 20) & 3, op2: (iss >>> 17) & 7, op1: (iss >>> 14) & 7, crn: (iss >>> 10) & 15, rt: (iss >>> 5) & 31,
    crm: (iss >>> 1) & 15, read: iss & 1,
  };
}

/** The ISS bits that hold the encoding (Op0, Op1, CRn, CRm, Op2): what identifies the register or operation. */
export const SYSREG_TRAP_ENCODING = sysregTrapIss({ op0: 3, op1: 7, crn: 15, crm: 15, op2: 7, rt: 0, read: 0 });
