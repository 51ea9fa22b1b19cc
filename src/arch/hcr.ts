// The effective value of HCR_EL2 (ARM §D24.2.62 per-field text; QEMU helper arm_hcr_el2_eff_secstate;
// ARCH-NOTES §1b). Pure functions of the register value: the CPU's traps, exception routing and the MMU all
// read HCR_EL2 through these. EL2 is always implemented and enabled here (Non-secure, no EL3), so the
// "EL2 not enabled" and "EL2 in AArch32" cases of the Arm text do not arise.
import { highMasks, lowMask, lowMasks } from './reg-fields.ts';

/** HCR_EL2 field masks in the low word (bits 31:0), from the system-register table. */
export const HCR = lowMasks('HCR_EL2');
/** HCR_EL2 field masks in the high word (bit n of the register is bit n-32 here). */
export const HCR_HI = highMasks('HCR_EL2');

// TGE=1 (either E2H): these controls behave as 0 (ARCH-NOTES §1b "Both")
const TGE_CLEARS_LO =
  HCR.SWIO | HCR.PTW | HCR.VF | HCR.VI | HCR.VSE | HCR.FB | HCR.TID1 | HCR.TID3 | HCR.TSC | HCR.TACR | HCR.TSW |
  HCR.TTLB | HCR.TVM | HCR.HCD | HCR.TRVM;
// TGE=1 with E2H=1 (host EL0 under VHE) additionally clears these (ARCH-NOTES §1b, QEMU el2 host branch)
const HOST_CLEARS_LO =
  HCR.VM | HCR.FMO | HCR.IMO | HCR.AMO | HCR.BSU | HCR.DC | HCR.TWI | HCR.TWE | HCR.TID0 | HCR.TID2 | HCR.TPC |
  HCR.TPU | HCR.TDZ;
const FORCED_LO = HCR.FMO | HCR.IMO | HCR.AMO; // TGE=1, E2H=0: physical interrupts all route to EL2

/** Effective HCR_EL2 bits 31:0 from the stored halves (hot path: no BigInt). */
export function effectiveHcrLo(lo: number, hi: number): number {
  if ((lo & HCR.TGE) === 0) return lo;
  if ((hi & HCR_HI.E2H) !== 0) return (lo & ~(TGE_CLEARS_LO | HOST_CLEARS_LO)) >>> 0;
  return ((lo & ~TGE_CLEARS_LO) | FORCED_LO) >>> 0;
}

/** Effective HCR_EL2 bits 63:32 from the stored halves. */
export function effectiveHcrHi(lo: number, hi: number): number {
  if ((lo & HCR.TGE) === 0) return hi;
  // TGE=1: TLOR behaves as 0; with E2H=1 also CD and ID (ARCH-NOTES §1b)
  if ((hi & HCR_HI.E2H) !== 0) return (hi & ~(HCR_HI.TLOR | HCR_HI.CD | HCR_HI.ID)) >>> 0;
  return (hi & ~HCR_HI.TLOR) >>> 0;
}

/** Effective HCR_EL2 as a 64-bit value (tools, views, tests). RW is not changed: it is read raw (ARCH-NOTES §1b). */
export function effectiveHcr(v: bigint): bigint {
  const lo = Number(v & 0xffffffffn);
  const hi = Number((v >> 32n) & 0xffffffffn);
  return (BigInt(effectiveHcrHi(lo, hi)) << 32n) | BigInt(effectiveHcrLo(lo, hi));
}

const SCTLR_EL1_M = lowMask('SCTLR_EL1', 'M');

/**
 * What turns EL1&0 stage 1 off (E2H = 0): HCR_EL2.TGE and HCR_EL2.DC make SCTLR_EL1.M behave as 0 (ARM §D24.2.62
 * HCR_EL2.TGE/DC; ARCH-NOTES §1c–§2), else SCTLR_EL1.M = 0 itself; null when stage 1 is on. One source for the MMU,
 * the hypervisor's reach and the audit.
 */
export function el10Stage1Off(hcrLo: number, sctlrEl1Lo: number): 'TGE' | 'DC' | 'M' | null {
  if ((hcrLo & HCR.TGE) !== 0) return 'TGE';
  if ((hcrLo & HCR.DC) !== 0) return 'DC';
  return (sctlrEl1Lo & SCTLR_EL1_M) === 0 ? 'M' : null;
}

/** What turns EL1&0 stage 2 on: HCR_EL2.VM, or DC, which makes VM behave as 1 (with E2H = 0, TGE leaves VM as it
 *  is: ARCH-NOTES §2); null when stage 2 is off. */
export function el10Stage2On(hcrLo: number): 'VM' | 'DC' | null {
  if ((hcrLo & HCR.VM) !== 0) return 'VM';
  return (hcrLo & HCR.DC) !== 0 ? 'DC' : null;
}
