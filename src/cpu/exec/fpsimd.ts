// FP/SIMD: the model does not execute floating-point or Advanced SIMD instructions (README deviation), but it
// does honour the architectural access traps that decide where such an instruction's exception goes
// (ARM J1.1 AArch64.CheckFPAdvSIMDEnabled / AArch64.CheckFPEnabled, AArch64.AdvSIMDFPAccessTrap).
import { lowGetter, lowMask } from '../../arch/reg-fields.ts';
import { HCR } from '../../arch/hcr.ts';
import { SR } from '../../arch/sysreg-table.ts';
import type { Cpu } from '../cpu.ts';
import { raiseHere, undefinedInsn } from '../exception.ts';
import { EC_FP, EC_UNKNOWN, ISS_COND_AL } from '../../arch/syndrome.ts';

const cpacrFpen = lowGetter('CPACR_EL1', 'FPEN');
const CPTR_TFP = lowMask('CPTR_EL2', 'TFP'); // CPTR_EL2.TFP (E2H=0 layout)

/**
 * AArch64.CheckFPAdvSIMDEnabled: if an FP/SIMD access at the current EL is trapped, take the exception and
 * return true. Order: CPACR_EL1.FPEN (EL0/EL1), then CPTR_EL2.TFP (EL0–EL2). E2H is RES0 on the profiles
 * modelled, so CPACR_EL1 always applies below EL2 (no IsInHost case).
 */
export function fpAccessTrapped(c: Cpu): boolean {
  if (c.el < 2) {
    const fpen = cpacrFpen(c.sr32[SR.CPACR_EL1 * 2]!);
    // CPACR_EL1.FPEN: 0b00/0b10 trap EL0 and EL1, 0b01 traps EL0 only, 0b11 traps nothing
    if ((fpen & 1) === 0 || (fpen === 1 && c.el === 0)) {
      // AArch64.AdvSIMDFPAccessTrap(EL1): routed to EL2 by HCR_EL2.TGE it is reported as EC 0x00 (ARCH-NOTES §1c)
      if ((c.sr32[SR.HCR_EL2 * 2]! & HCR.TGE) !== 0) raiseHere(c, 2, EC_UNKNOWN, 0);
      else raiseHere(c, 1, EC_FP, ISS_COND_AL);
      return true;
    }
  }
  // CPTR_EL2.TFP traps FP/SIMD at EL0, EL1 and EL2 to EL2 (EC 0x07)
  if ((c.sr32[SR.CPTR_EL2 * 2]! & CPTR_TFP) !== 0) {
    raiseHere(c, 2, EC_FP, ISS_COND_AL);
    return true;
  }
  return false;
}

/** Every FP/SIMD encoding class: the traps above, else UNDEFINED (the instruction itself is not modelled). */
export function fpsimd(c: Cpu): void {
  if (!fpAccessTrapped(c)) undefinedInsn(c);
}
