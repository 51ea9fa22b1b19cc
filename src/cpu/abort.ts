// The exception an abort raises (ARM J1.1 AArch64.Abort, AArch64.DataAbort / AArch64.InstructionAbort; ARCH-NOTES
// §7e–§7f): its target EL, exception class, syndrome and HPFAR_EL2. Cpu.abort takes it; `twostage walk` predicts it.
import { ACC_EXEC, ACC_WRITE, faultStatusCode, type TranslateResult } from '../mmu/result.ts';
import { EC_DABT_LOWER, EC_DABT_SAME, EC_IABT_LOWER, EC_IABT_SAME, ISS_INSN_SYNDROME, ISS_S1PTW, ISS_WNR } from '../arch/syndrome.ts';

/** Stage-2 faults always go to EL2; stage-1 faults to EL1 unless taken at EL2 or routed from EL0 by HCR_EL2.TGE. */
export function abortTarget(r: TranslateResult, el: number, tge: boolean): number {
  return r.stage2 || el === 2 || (el === 0 && tge) ? 2 : 1;
}

/** EC: Instruction or Data Abort, from a lower EL or the same EL. */
export function abortEc(acc: number, target: number, el: number): number {
  const lower = target > el;
  if (acc === ACC_EXEC) return lower ? EC_IABT_LOWER : EC_IABT_SAME;
  return lower ? EC_DABT_LOWER : EC_DABT_SAME;
}

/**
 * ISS of the abort; `iss` carries the access-specific bits the instruction knows (WnR for CMO/AT, ISV/SAS/SSE/SRT/
 * SF/AR), 0 when unknown.
 */
export function abortIss(r: TranslateResult, acc: number, target: number, iss: number): number {
  let syn = faultStatusCode(r) | (r.s1ptw ? ISS_S1PTW : 0);
  if (acc !== ACC_EXEC) syn |= iss;
  // WnR: a write, or a CMO/AT (the caller passes WnR); a stage-2 fault on a stage-1 walk reports the walk's read
  // (ARM J1 S2 walk for a TTW access has write = FALSE on v8.0, no hardware table updates)
  if ((acc === ACC_WRITE && !r.s1ptw) || (iss & ISS_WNR) !== 0) syn |= ISS_WNR;
  // ISS.EA is an IMPLEMENTATION DEFINED classification of External aborts (ARM §D24.2.46 EA): 0 for every abort on an
  // address nothing decodes, on a walk or not, as QEMU (arm_extabort_type of a decode error; `at-walk-sea`)
  // ISV/SAS/SSE/SRT/SF/AR only for stage-2 aborts taken to EL2, never with S1PTW=1 (ARM §D24.2.46 ISV; QEMU merge_syn_data_abort)
  if (!(r.stage2 && target === 2 && !r.s1ptw)) syn &= ~ISS_INSN_SYNDROME;
  return syn;
}

/** HPFAR_EL2 for a stage-2 fault: FIPA = IPA[47:12] at bits 39:4. */
export function hpfarOf(r: TranslateResult): bigint {
  return BigInt(Math.floor(r.ipa / 4096)) << 4n;
}
