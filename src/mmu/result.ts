// The outcome of one translation, in a preallocated record (hot paths allocate nothing).
import { WIDE_ZERO } from '../bits/wide-field.ts';

/** Fault kinds (ARM J1.1 FaultRecord.statuscode; FSC encodings ARCH-NOTES §7d). */
export const FAULT_NONE = 0;
export const FAULT_ADDRESS_SIZE = 1;
export const FAULT_TRANSLATION = 2;
export const FAULT_ACCESS_FLAG = 3;
export const FAULT_PERMISSION = 4;
export const FAULT_ALIGNMENT = 5;
export const FAULT_EXTERNAL = 6; // synchronous external abort, not on a walk (DFSC 0x10)
export const FAULT_EXTERNAL_WALK = 7; // synchronous external abort on a table walk (0x14 + level)

/** Access kinds. */
export const ACC_READ = 0;
export const ACC_WRITE = 1;
export const ACC_EXEC = 2;

export class TranslateResult {
  /** Output physical address. */
  pa = WIDE_ZERO;
  /** Memory type is Device (unaligned data accesses take an Alignment fault). */
  device = false;
  /** Memory attributes of a successful translation, MAIR format (stage 1 and 2 combined). */
  attr = 0;
  /** Shareability of a successful translation (SH encoding; Device and Normal NC report 0b10). */
  sh = 0;
  fault = FAULT_NONE;
  /** Lookup level of the fault (FSC[1:0]). */
  level = 0;
  /** The fault was a stage-2 fault (goes to EL2). */
  stage2 = false;
  /** A stage-2 fault on a stage-1 table walk (ESR ISS.S1PTW). */
  s1ptw = false;
  /** The faulting IPA for HPFAR_EL2 (stage-2 faults), valid when stage2 is set; the IPA of a successful slow-path
   * translation otherwise. */
  ipa = WIDE_ZERO;

  reset(): void {
    this.fault = FAULT_NONE;
    this.level = 0;
    this.stage2 = false;
    this.s1ptw = false;
    this.device = false;
    this.ipa = 0;
  }
}

/** DFSC/IFSC for a fault (ARM §D24.2.46; ARCH-NOTES §7d). */
export function faultStatusCode(r: TranslateResult): number {
  switch (r.fault) {
    case FAULT_ADDRESS_SIZE: return 0x00 | r.level;
    case FAULT_TRANSLATION: return 0x04 | r.level;
    case FAULT_ACCESS_FLAG: return 0x08 | r.level;
    case FAULT_PERMISSION: return 0x0c | r.level;
    case FAULT_ALIGNMENT: return 0x21;
    case FAULT_EXTERNAL: return 0x10;
    case FAULT_EXTERNAL_WALK: return 0x14 | r.level;
    default: return 0;
  }
}
