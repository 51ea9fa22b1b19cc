// The single translation entry point every fetch, load and store goes through.
// This file decides which regime and stages apply (ARM J1.1 AArch64.FullTranslate) and implements the
// "stage 1 disabled" output (ARM J1.1 AArch64.S1DisabledOutput); table walks live in the walker.
import type { Profile } from '../arch/profiles.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { PhysMemory } from '../memory/phys.ts';
import { ACC_EXEC, FAULT_ADDRESS_SIZE, FAULT_ALIGNMENT, TranslateResult } from './result.ts';

/** What translation reads: the system registers (as the CPU holds them) and the machine. */
export interface TranslationContext {
  readonly sr: BigUint64Array;
  readonly sr32: Uint32Array;
  readonly profile: Profile;
  readonly mem: PhysMemory;
}

const HCR_VM = 1 << 0; // HCR_EL2.VM: EL1&0 stage 2 enable
const HCR_DC = 1 << 12; // HCR_EL2.DC: SCTLR_EL1.M acts as 0, VM acts as 1
const HCR_TGE = 1 << 27; // HCR_EL2.TGE: SCTLR_EL1.M acts as 0 (E2H=0)
const SCTLR_M = 1 << 0; // SCTLR_ELx.M: stage-1 MMU enable
const SCTLR_A = 1 << 1; // SCTLR_ELx.A: alignment check

/**
 * Translate VA (lo, hi halves) for an access of `size` bytes at exception level `el`.
 * Returns true with r.pa set, or false with the fault recorded in r.
 */
export function translate(
  ctx: TranslationContext,
  vaLo: number,
  vaHi: number,
  acc: number,
  size: number,
  el: number,
  r: TranslateResult,
): boolean {
  r.reset();
  const sr32 = ctx.sr32;
  const hcr = sr32[SR.HCR_EL2 * 2]!;
  let s1on: boolean;
  let s2on: boolean;
  let sctlr: number;
  if (el === 2) {
    sctlr = sr32[SR.SCTLR_EL2 * 2]!;
    s1on = (sctlr & SCTLR_M) !== 0; // SCTLR_EL2.M
    s2on = false; // the EL2 regime has one stage
  } else {
    sctlr = sr32[SR.SCTLR_EL1 * 2]!;
    // HCR_EL2.TGE and HCR_EL2.DC make SCTLR_EL1.M act as 0 (ARM §D24.2.62; ARCH-NOTES §1c, §1d)
    s1on = (sctlr & SCTLR_M) !== 0 && (hcr & (HCR_TGE | HCR_DC)) === 0;
    // HCR_EL2.DC makes VM act as 1; TGE with E2H=0 keeps stage 2 (ARCH-NOTES §2)
    s2on = (hcr & (HCR_VM | HCR_DC)) !== 0;
  }
  if (s1on || s2on) return walkTranslate(ctx, vaLo, vaHi, acc, size, el, s1on, s2on, r);

  // AArch64.S1DisabledOutput: VA[63:PAMax] must be zero, else Address size fault, level 0
  if (vaHi >>> (ctx.profile.paBits - 32) !== 0) {
    r.fault = FAULT_ADDRESS_SIZE;
    r.level = 0;
    return false;
  }
  r.pa = vaHi * 0x1_0000_0000 + vaLo;
  // Data accesses with stage 1 off are Device-nGnRnE, except EL1&0 with HCR_EL2.DC=1 (Normal WB)
  r.device = acc !== ACC_EXEC && !(el < 2 && (hcr & HCR_DC) !== 0);
  return alignmentCheck(r, vaLo, size, sctlr);
}

/** Alignment fault: SCTLR_ELx.A for any access, or an unaligned access to Device memory (ARM B2.5.2). */
export function alignmentCheck(r: TranslateResult, vaLo: number, size: number, sctlr: number): boolean {
  if ((vaLo & (size - 1)) !== 0 && (r.device || (sctlr & SCTLR_A) !== 0)) {
    r.fault = FAULT_ALIGNMENT;
    r.level = 0;
    return false;
  }
  return true;
}

/** Stage 1 and/or stage 2 walks: provided by the MMU (src/mmu/walk.ts). Until then, regimes with the MMU on fault. */
let walkTranslate: (
  ctx: TranslationContext,
  vaLo: number,
  vaHi: number,
  acc: number,
  size: number,
  el: number,
  s1on: boolean,
  s2on: boolean,
  r: TranslateResult,
) => boolean = (_ctx, _lo, _hi, _acc, _size, _el, _s1, _s2, r) => {
  r.fault = FAULT_ADDRESS_SIZE;
  r.level = 0;
  return false;
};

/** Install the table walker (the MMU module registers itself here). */
export function setWalker(w: typeof walkTranslate): void {
  walkTranslate = w;
}
