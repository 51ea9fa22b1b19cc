// Fill WalkParams from the system registers (ARM J1.1 AArch64.GetS1TTWParams / GetS2TTWParams; QEMU
// aa64_va_parameters, check_s2_mmu_setup; ARCH-NOTES §5, §6) and decide which stages are on.
import { el10Stage1Off, el10Stage2On, HCR } from '../arch/hcr.ts';
import { granuleBits, outputBits, SCTLR_M, SCTLR_WXN, TCR_A1, TCR_EPD0, TCR_EPD1, TCR1_AS_HI, TCR1_TBI0_HI, TCR1_TBI1_HI, TCR2_TBI, tcr1Ips, tcr2Ps, tcrT0sz, tcrT1sz, tcrTg0, tcrTg1, ttbrAsid, vmidOf, vtcrSl0 } from '../arch/regime.ts';
import { SR } from '../arch/sysreg-table.ts';
import { FAULT_TRANSLATION, type TranslateResult } from './result.ts';
import type { TranslationContext } from './translate.ts';
import { REGIME_EL10, REGIME_EL2, type Tlb } from './tlb.ts';
import type { WalkParams } from './walk.ts';

/** Stage 1 is on for a translation at `el` (EL1&0: SCTLR_EL1.M, acting as 0 under HCR_EL2.TGE or DC; ARCH-NOTES §1c–§2). */
export function s1Enabled(sr32: Uint32Array, el: number): boolean {
  if (el === 2) return (sr32[SR.SCTLR_EL2 * 2]! & SCTLR_M) !== 0;
  return el10Stage1Off(sr32[SR.HCR_EL2 * 2]!, sr32[SR.SCTLR_EL1 * 2]!) === null;
}

/** Whether the top byte of a VA whose high word is `hi` is ignored in the stage-1 regime of `el` (J1.3 AddrTop:
 *  TCR_EL1.TBI0/TBI1 by VA[55], TCR_EL2.TBI for the EL2 regime; it applies with stage 1 off too). */
export function topByteIgnored(sr32: Uint32Array, el: number, hi: number): boolean {
  if (el === 2) return (sr32[SR.TCR_EL2 * 2]! & TCR2_TBI) !== 0;
  return (sr32[SR.TCR_EL1 * 2 + 1]! & (((hi >>> 23) & 1) !== 0 ? TCR1_TBI1_HI : TCR1_TBI0_HI)) !== 0;
}

/** EL1&0 stage 2 is on: HCR_EL2.VM, or DC acting as VM=1; TGE with E2H=0 does not turn it off (ARCH-NOTES §2). */
export function s2Enabled(sr32: Uint32Array, el: number): boolean {
  return el < 2 && el10Stage2On(sr32[SR.HCR_EL2 * 2]!) !== null;
}

/** The current VMID: VTTBR_EL2.VMID, 16 bits only with FEAT_VMID16 and VTCR_EL2.VS (ARM J1.3 VMID[]). */
export function currentVmid(ctx: Pick<TranslationContext, 'sr32' | 'profile'>): number {
  return vmidOf(ctx.sr32[SR.VTTBR_EL2 * 2 + 1]!, ctx.sr32[SR.VTCR_EL2 * 2]!, ctx.profile);
}

/** VA[top:inputSize] all equal to `s` (top = 55 with TBI, else 63). */
function topBitsEqual(lo: number, hi: number, inputSize: number, top: number, s: number): boolean {
  const hiMask = ((top === 63 ? 0xffffffff : 0x00ffffff) & ~(inputSize > 32 ? (1 << (inputSize - 32)) - 1 : 0)) >>> 0;
  if (((hi & hiMask) >>> 0) !== (s !== 0 ? hiMask : 0)) return false;
  if (inputSize >= 32) return true;
  const loMask = ~((1 << inputSize) - 1) >>> 0;
  return ((lo & loMask) >>> 0) === (s !== 0 ? loMask : 0);
}

function translationFaultL0(r: TranslateResult): false {
  r.fault = FAULT_TRANSLATION;
  r.level = 0;
  return false;
}

/** Table base from a TTBR/VTTBR (halves): BADDR[47:0], aligned to the start-level table; range-checked. */
function setBase(p: WalkParams, lo: number, hi: number): void {
  // BADDR bits at or above the output size: Address size fault, level 0 (checked by the walk, i.e. on a TLB miss)
  p.baseOutOfRange = (hi & 0xffff) >>> (p.outBits - 32) !== 0;
  const tableBits = p.inputSize - p.stride * (4 - p.startLevel); // log2 bytes of the (concatenated) start table
  // BADDR bits below the table size (and CnP) are RES0; misaligned values are treated as zero (as QEMU). The start
  // table has at most 2^20 bytes (16 concatenated 64K tables): the mask is within the low word (other values only
  // come with a stage-2 configFault, and then the base is never used).
  p.baseLo = lo & ~((1 << tableBits) - 1);
  p.baseHi = hi & 0xffff;
  p.base = p.baseHi * 0x1_0000_0000 + (p.baseLo >>> 0);
}

function setGranule(p: WalkParams, gb: number, inputSize: number): void {
  p.gb = gb;
  p.stride = gb - 3;
  p.inputSize = inputSize;
}

/**
 * Stage 1 of the EL1&0 regime for VA (lo, hi): TTBR0/TTBR1 by VA[55], TxSZ/TGx/EPDx/IPS/TBIx/A1/AS.
 * False with a Translation fault, level 0, when the VA is outside both ranges or TxSZ is out of range.
 */
export function setupS1El10(ctx: TranslationContext, lo: number, hi: number, p: WalkParams, r: TranslateResult): boolean {
  p.trace = ctx.scratch.walkTrace;
  const sr32 = ctx.sr32;
  const tlo = sr32[SR.TCR_EL1 * 2]!;
  const thi = sr32[SR.TCR_EL1 * 2 + 1]!;
  const select = (hi >>> 23) & 1; // VA[55] selects TTBR1_EL1
  const tsz = select !== 0 ? tcrT1sz(tlo) : tcrT0sz(tlo);
  // TxSZ outside 16..39 (v8.0): IMPDEF clamp or fault; we fault, as QEMU does
  if (tsz < 16 || tsz > 39) return translationFaultL0(r);
  const tbi = (thi & (select !== 0 ? TCR1_TBI1_HI : TCR1_TBI0_HI)) !== 0;
  // VA bits [63 or 55 with TBI : inputsize] must all equal VA[55]: else the "gap", Translation fault level 0
  if (!topBitsEqual(lo, hi, 64 - tsz, tbi ? 55 : 63, select)) return translationFaultL0(r);
  setGranule(p, granuleBits(select !== 0 ? tcrTg1(tlo) : tcrTg0(tlo), select !== 0, ctx.profile), 64 - tsz);
  p.stage = 1;
  // start level = 4 − ceil((inputsize − granulebits) / stride) (ARM J1.1 AArch64.S1StartLevel)
  p.startLevel = 4 - (((p.inputSize - 4) / p.stride) | 0);
  p.outBits = outputBits(tcr1Ips(thi), ctx.profile);
  const ttbr = select !== 0 ? SR.TTBR1_EL1 : SR.TTBR0_EL1;
  setBase(p, sr32[ttbr * 2]!, sr32[ttbr * 2 + 1]!);
  p.el2Regime = false;
  p.wxn = (sr32[SR.SCTLR_EL1 * 2]! & SCTLR_WXN) !== 0;
  p.mairLo = sr32[SR.MAIR_EL1 * 2]!;
  p.mairHi = sr32[SR.MAIR_EL1 * 2 + 1]!;
  p.epd = (tlo & (select !== 0 ? TCR_EPD1 : TCR_EPD0)) !== 0;
  // ASID from TTBR1_EL1 when TCR_EL1.A1, else TTBR0_EL1; 8 bits unless TCR_EL1.AS
  const asid = ttbrAsid(sr32[((tlo & TCR_A1) !== 0 ? SR.TTBR1_EL1 : SR.TTBR0_EL1) * 2 + 1]!);
  p.asid = (thi & TCR1_AS_HI) !== 0 ? asid : asid & 0xff;
  p.s2 = null;
  walkCacheOf(ctx, p, ctx.tlb, REGIME_EL10);
  return true;
}

/** Stage 1 of the EL2 regime (E2H=0): TCR_EL2 T0SZ/TG0/PS/TBI, one VA range, TTBR0_EL2, no ASID. */
export function setupS1El2(ctx: TranslationContext, lo: number, hi: number, p: WalkParams, r: TranslateResult): boolean {
  p.trace = ctx.scratch.walkTrace;
  const sr32 = ctx.sr32;
  const tlo = sr32[SR.TCR_EL2 * 2]!;
  const tsz = tcrT0sz(tlo);
  if (tsz < 16 || tsz > 39) return translationFaultL0(r);
  // one range: VA[63 or 55 with TCR_EL2.TBI : inputsize] must be zero
  if (!topBitsEqual(lo, hi, 64 - tsz, (tlo & TCR2_TBI) !== 0 ? 55 : 63, 0)) return translationFaultL0(r);
  setGranule(p, granuleBits(tcrTg0(tlo), false, ctx.profile), 64 - tsz);
  p.stage = 1;
  p.startLevel = 4 - (((p.inputSize - 4) / p.stride) | 0);
  p.outBits = outputBits(tcr2Ps(tlo), ctx.profile);
  setBase(p, sr32[SR.TTBR0_EL2 * 2]!, sr32[SR.TTBR0_EL2 * 2 + 1]!);
  p.el2Regime = true;
  p.wxn = (sr32[SR.SCTLR_EL2 * 2]! & SCTLR_WXN) !== 0;
  p.mairLo = sr32[SR.MAIR_EL2 * 2]!;
  p.mairHi = sr32[SR.MAIR_EL2 * 2 + 1]!;
  p.epd = false;
  p.asid = 0;
  p.s2 = null;
  walkCacheOf(ctx, p, ctx.tlb, REGIME_EL2);
  return true;
}

/**
 * Stage 2 of the EL1&0 regime: VTCR_EL2 T0SZ/SL0/TG0/PS and VTTBR_EL2. An invalid SL0/T0SZ combination sets
 * configFault (every stage-2 lookup then takes a Translation fault, level 0).
 */
export function setupS2(ctx: TranslationContext, p: WalkParams, tlb: Tlb | null): void {
  p.trace = ctx.scratch.walkTrace;
  const sr32 = ctx.sr32;
  const vlo = sr32[SR.VTCR_EL2 * 2]!;
  const tsz = tcrT0sz(vlo);
  setGranule(p, granuleBits(tcrTg0(vlo), false, ctx.profile), 64 - tsz);
  p.stage = 2;
  const start = s2StartLevel(p.gb, vtcrSl0(vlo), ctx.profile.paBits);
  // AArch64.S2InconsistentSL: levels·stride + granulebits + 1 ≤ inputsize ≤ that + stride − 1 + 4 (up to 16
  // concatenated start tables); T0SZ outside 16..39 faults as at stage 1
  const minIa = (3 - start) * p.stride + p.gb + 1;
  p.outBits = outputBits(tcr2Ps(vlo), ctx.profile);
  // an IPA wider than the output size (VTCR_EL2.PS bounded by PARange): CONSTRAINED UNPREDICTABLE, QEMU faults
  // (check_s2_mmu_setup); this covers T0SZ below 64 − PAMax (J1.1 AArch64.S2TxSZFaults, IMPLEMENTATION DEFINED: fault)
  p.configFault = start < 0 || tsz < 16 || tsz > 39 || p.inputSize < minIa || p.inputSize > minIa + p.stride - 1 + 4 || p.inputSize > p.outBits;
  p.startLevel = start < 0 ? 0 : start;
  setBase(p, sr32[SR.VTTBR_EL2 * 2]!, sr32[SR.VTTBR_EL2 * 2 + 1]!);
  p.ptw = (sr32[SR.HCR_EL2 * 2]! & HCR.PTW) !== 0;
  p.vmid = currentVmid(ctx);
  p.tlb = tlb;
  p.s2 = null;
  p.el2Regime = false;
  p.asid = 0;
  walkCacheOf(ctx, p, tlb, REGIME_EL10);
}

/** The walk cache a walk of `p` uses: `tlb`'s when it has one (Tlb.walkChoices), tagged with `regime` and, for
 *  EL1&0, the current VMID (ARM §D8.16 R QNPQX, as leaf entries). */
function walkCacheOf(ctx: TranslationContext, p: WalkParams, tlb: Tlb | null, regime: number): void {
  p.walkTlb = tlb !== null && tlb.walkChoices !== null ? tlb : null;
  p.regime = regime;
  if (p.walkTlb !== null && p.stage === 1 && regime === REGIME_EL10) p.vmid = currentVmid(ctx);
}

/** VTCR_EL2.SL0 → start level, or −1 when reserved (AArch64.S2InvalidSL; QEMU check_s2_mmu_setup). */
function s2StartLevel(gb: number, sl0: number, paBits: number): number {
  if (sl0 === 3) return -1; // SL0 = 11 needs FEAT_TTST (4K) or FEAT_LPA2 (16K); reserved for 64K
  // SL0 = 10 (start at level 0 for 4K, level 1 for 64K; level 1 for 16K) needs PAMax ≥ 44 (≥ 42 for 16K)
  if (sl0 === 2 && paBits < (gb === 14 ? 42 : 44)) return -1;
  return gb === 12 ? 2 - sl0 : 3 - sl0;
}
