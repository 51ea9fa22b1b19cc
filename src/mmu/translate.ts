// The single translation entry point every fetch, load and store goes through.
// Fast path: the host cache (one tag compare per half, see tlb.ts). Slow path: decide the regime and stages
// (ARM J1.1 AArch64.FullTranslate), consult the architectural TLB, walk on a miss, apply the checks in their
// priority order — alignment (SCTLR.A, then memory type) > stage-1 permission > stage-2 faults (ARCH-NOTES §7c).
import { HCR } from '../arch/hcr.ts';
import { SCTLR_A, SCTLR_I } from '../arch/regime.ts';
import type { Profile } from '../arch/profiles.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { PhysMemory } from '../memory/phys.ts';
import { asIpa, low48 } from './addr.ts';
import { ATTR_DEVICE_NGNRNE, ATTR_NORMAL_NC, ATTR_NORMAL_WB, ATTR_NORMAL_WT, combineAttrs, combineSh, effectiveSh, isDevice } from './attrs.ts';
import { s1Enabled, s2Enabled, setupS1El10, setupS1El2, setupS2, topByteIgnored } from './params.ts';
import { ACC_EXEC, ACC_WRITE, FAULT_ADDRESS_SIZE, FAULT_ALIGNMENT, FAULT_PERMISSION, FAULT_TRANSLATION, TranslateResult } from './result.ts';
import { F_S1_DEVICE, F_S2_DEVICE, KIND_S1, KIND_S12, KM_S1, KM_STAGE1, REGIME_EL10, REGIME_EL2, Tlb } from './tlb.ts';
import type { MmuScratch } from './scratch.ts';
import { P_ALL, permBit, stage2, walk } from './walk.ts';

/** What translation reads: the system registers (as the CPU holds them), the machine and the PE's TLB. */
export interface TranslationContext {
  readonly sr: BigUint64Array;
  readonly sr32: Uint32Array;
  readonly profile: Profile;
  readonly mem: PhysMemory;
  readonly tlb: Tlb;
  /** The PE's preallocated walk records (scratch.ts). */
  readonly scratch: MmuScratch;
}

/**
 * Translate VA (lo, hi halves) for an access of `size` bytes at exception level `el`.
 * Returns true with r.pa set (r.attr/r.sh/r.device too, except on a host-cache hit), or false with the fault in r.
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
  const t = ctx.tlb;
  const s = Tlb.hostSlot(el, acc, vaLo);
  // host-cache hit: same 4 KiB VA page, same generation, aligned access (unaligned ones may need an Alignment fault)
  if (Tlb.hit(t, s, vaLo, vaHi | 0) && (vaLo & (size - 1)) === 0) {
    r.pa = t.hcPa[s]! + (vaLo & 0xfff);
    return true;
  }
  return translateMiss(ctx, vaLo, vaHi, acc, el, acc !== ACC_EXEC && (vaLo & (size - 1)) !== 0 ? UNALIGNED : ALIGNED, r);
}

/** What an access's alignment lets fault: nothing; SCTLR_ELx.A and Device memory (an unaligned data access); Device
 * memory only (DC ZVA). */
const ALIGNED = 0;
const UNALIGNED = 1;
const DEVICE_FAULTS = 2;

/**
 * Translate the block of a DC ZVA (VA lo, hi) at `el`: a write that takes an Alignment fault on any Device memory,
 * "prioritized in the same way as other Alignment faults that are determined by the memory type" (ARM C5.3 DC ZVA;
 * J1.1 AArch64.S1HasAlignmentFaultDueToMemType / S2HasAlignmentFaultDueToMemType, AccessType_DCZero): each stage's
 * Device type before that stage's Permission fault, a stage-2 one a stage-2 fault. SCTLR_ELx.A does not apply. The
 * host cache serves it only for Normal memory.
 */
export function translateZeroBlock(ctx: TranslationContext, lo: number, hi: number, el: number, r: TranslateResult): boolean {
  const t = ctx.tlb;
  const s = Tlb.hostSlot(el, ACC_WRITE, lo);
  if (Tlb.hit(t, s, lo, hi | 0) && t.hcDevice[s] === 0) {
    r.pa = t.hcPa[s]! + (lo & 0xfff);
    return true;
  }
  return translateMiss(ctx, lo, hi, ACC_WRITE, el, DEVICE_FAULTS, r);
}

/** A host-cache miss: walk (or find in the TLB), check, and on success fill the host cache. `align`: ALIGNED etc. */
function translateMiss(ctx: TranslationContext, lo: number, hi: number, acc: number, el: number, align: number, r: TranslateResult): boolean {
  const t = ctx.tlb;
  const ok = translateSlow(ctx, lo, hi, acc, el, align, r);
  if (t.trace !== null) t.trace.translated(el, acc, lo, hi, ok, r);
  if (!ok) return false;
  t.hostFill(el, acc, lo, hi, r.pa, ctx.mem.page(r.pa), r.device);
  return true;
}


function fault(r: TranslateResult, kind: number, level: number): false {
  r.fault = kind;
  r.level = level;
  return false;
}

/** Stage-1 memory attributes when stage 1 is off (ARM J1.1 AArch64.S1DisabledOutput; ARCH-NOTES §1d, §2). */
function flatAttr(ctx: TranslationContext, el: number, acc: number): number {
  // HCR_EL2.DC (EL1&0 only): Normal Write-Back for everything
  if (el < 2 && (ctx.sr32[SR.HCR_EL2 * 2]! & HCR.DC) !== 0) return ATTR_NORMAL_WB;
  if (acc !== ACC_EXEC) return ATTR_DEVICE_NGNRNE;
  // instruction fetches: Normal, Write-Through if SCTLR_ELx.I else Non-cacheable
  const sctlr = ctx.sr32[(el === 2 ? SR.SCTLR_EL2 : SR.SCTLR_EL1) * 2]!;
  return (sctlr & SCTLR_I) !== 0 ? ATTR_NORMAL_WT : ATTR_NORMAL_NC;
}

function translateSlow(ctx: TranslationContext, lo: number, hi: number, acc: number, el: number, align: number, r: TranslateResult): boolean {
  r.reset();
  const sr32 = ctx.sr32;
  // SCTLR_ELx.A: unaligned data accesses fault before translation (ARM J1.1 AArch64.CheckAlignment)
  if (align === UNALIGNED && (sr32[(el === 2 ? SR.SCTLR_EL2 : SR.SCTLR_EL1) * 2]! & SCTLR_A) !== 0) return fault(r, FAULT_ALIGNMENT, 0);
  // from here on `unaligned` means: Device memory (at either stage) takes an Alignment fault
  const unaligned = align !== ALIGNED;
  const s2on = s2Enabled(sr32, el);
  if (!s1Enabled(sr32, el)) return stage1Off(ctx, lo, hi, acc, el, unaligned, s2on, r);
  return stage1On(ctx, lo, hi, acc, el, unaligned, s2on, r);
}

/** Stage 1 disabled: VA = IPA, then stage 2 if on. */
function stage1Off(ctx: TranslationContext, lo: number, hi: number, acc: number, el: number, unaligned: boolean, s2on: boolean, r: TranslateResult): boolean {
  // AArch64.TranslateAddressS1Off: VA[AddrTop:PAMax] must be zero (AddrTop = 55 with TBI), else stage-1 Address
  // size fault, level 0
  const top = topByteIgnored(ctx.sr32, el, hi) ? hi & 0x00ff_ffff : hi;
  if (top >>> (ctx.profile.paBits - 32) !== 0) return fault(r, FAULT_ADDRESS_SIZE, 0);
  const ipa = low48(lo, hi);
  const a1 = flatAttr(ctx, el, acc);
  // Device memory: unaligned data access → Alignment fault (ARM §B2.5.2), before any stage-2 fault
  if (unaligned && isDevice(a1)) return fault(r, FAULT_ALIGNMENT, 0);
  r.ipa = ipa;
  if (!s2on) {
    r.pa = ipa;
    r.attr = a1;
    r.sh = effectiveSh(a1, 0);
    r.device = isDevice(a1);
    return true;
  }
  const { s2p, s2o } = ctx.scratch;
  setupS2(ctx, s2p, ctx.tlb);
  if (!stage2(ctx.mem, s2p, asIpa(ipa), s2o, r)) return false;
  return finishStage2(r, s2o.oa, ipa, a1, 0, s2o.attr, s2o.sh, s2o.perm, s2o.level, acc, el, unaligned);
}

/** The stage-2 checks of a successful stage-2 translation (alignment for stage-2 Device, then permission). */
function finishStage2(
  r: TranslateResult, pa: number, ipa: number, a1: number, sh1: number, a2: number, sh2: number, perm2: number, level2: number,
  acc: number, el: number, unaligned: boolean,
): boolean {
  r.ipa = ipa;
  // unaligned access to stage-2 Device memory: Alignment fault, reported as a stage-2 fault (QEMU: raised by the
  // stage-2 walk, so routed to EL2)
  if (unaligned && isDevice(a2)) {
    r.stage2 = true;
    return fault(r, FAULT_ALIGNMENT, 0);
  }
  // S2AP / stage-2 XN deny: stage-2 Permission fault at the stage-2 leaf level
  if ((perm2 & permBit(el, acc)) === 0) {
    r.stage2 = true;
    return fault(r, FAULT_PERMISSION, level2);
  }
  r.pa = pa;
  r.attr = combineAttrs(a1, a2);
  r.sh = effectiveSh(r.attr, combineSh(sh1, sh2));
  r.device = isDevice(r.attr);
  return true;
}

/** Stage 1 enabled: TLB lookup, walk on a miss (descriptor fetches through stage 2 when on), checks, fill. */
function stage1On(ctx: TranslationContext, lo: number, hi: number, acc: number, el: number, unaligned: boolean, s2on: boolean, r: TranslateResult): boolean {
  const m = ctx.scratch;
  const { s1p, s2p, s1o, s2o } = m;
  const el2 = el === 2;
  if (!(el2 ? setupS1El2(ctx, lo, hi, s1p, r) : setupS1El10(ctx, lo, hi, s1p, r))) return false;
  const t = ctx.tlb;
  const regime = el2 ? REGIME_EL2 : REGIME_EL10;
  if (!el2) setupS2(ctx, s2p, t); // also when stage 2 is off: the VMID tags EL1&0 entries
  // EL1&0 stage-1 lookups accept stage-1 and combined entries whatever HCR_EL2.VM is now: VM is permitted to be
  // cached in a TLB (ARM §D8.17 R VNRFW), so a stale entry of the same VMID is architecturally usable
  const e = t.lookup(regime, s2p.vmid, s1p.asid, el2 ? KM_S1 : KM_STAGE1, lo, hi);
  if (e >= 0) return fromEntry(t, e, lo, acc, el, unaligned, r);
  // TCR_EL1.EPDx: no walk on a TLB miss → Translation fault, level 0
  if (s1p.epd) return fault(r, FAULT_TRANSLATION, 0);
  s1p.s2 = s2on ? s2p : null;
  if (!walk(ctx.mem, s1p, lo, hi, s1o, r)) return false;
  const a1 = s1o.attr;
  if (unaligned && isDevice(a1)) return fault(r, FAULT_ALIGNMENT, 0);
  // stage-1 permission (before the stage-2 translation of the output IPA)
  if ((s1o.perm & permBit(el, acc)) === 0) return fault(r, FAULT_PERMISSION, s1o.level);
  if (!s2on) {
    fillEntry(m, regime, s2p.vmid, s1p.asid, lo, hi, KIND_S1, s1o.shift, s1o.oa, 0);
    t.insert(m.fill);
    r.pa = s1o.oa;
    r.ipa = s1o.oa;
    r.attr = a1;
    r.sh = effectiveSh(a1, s1o.sh);
    r.device = isDevice(a1);
    return true;
  }
  const ipa = s1o.oa;
  if (!stage2(ctx.mem, s2p, asIpa(ipa), s2o, r)) return false;
  fillEntry(m, regime, s2p.vmid, s1p.asid, lo, hi, KIND_S12, Math.min(s1o.shift, s2o.shift), s2o.oa, ipa);
  t.insert(m.fill);
  return finishStage2(r, s2o.oa, ipa, a1, s1o.sh, s2o.attr, s2o.sh, s2o.perm, s2o.level, acc, el, unaligned);
}

/**
 * A speculative fill (ARM §D8.16 R SQBCS): walk VA (lo, hi) in the stage-1 regime of `el` (through stage 2 when on)
 * and cache the translation when the walk does not fault. Permission and alignment are not checked: they are not
 * properties of the entry. False when nothing was cached (stage 1 off, EPDx, or a walk fault).
 */
export function prefetch(ctx: TranslationContext, lo: number, hi: number, el: number): boolean {
  const m = ctx.scratch;
  const { s1p, s2p, s1o, s2o } = m;
  const r = m.prefetch;
  r.reset();
  const sr32 = ctx.sr32;
  if (!s1Enabled(sr32, el)) return false;
  const el2 = el === 2;
  if (!(el2 ? setupS1El2(ctx, lo, hi, s1p, r) : setupS1El10(ctx, lo, hi, s1p, r)) || s1p.epd) return false;
  const t = ctx.tlb;
  const regime = el2 ? REGIME_EL2 : REGIME_EL10;
  const s2on = s2Enabled(sr32, el);
  if (!el2) setupS2(ctx, s2p, t);
  s1p.s2 = s2on ? s2p : null;
  if (!walk(ctx.mem, s1p, lo, hi, s1o, r)) return false;
  if (!s2on) {
    fillEntry(m, regime, s2p.vmid, s1p.asid, lo, hi, KIND_S1, s1o.shift, s1o.oa, 0);
  } else {
    if (!stage2(ctx.mem, s2p, asIpa(s1o.oa), s2o, r)) return false;
    fillEntry(m, regime, s2p.vmid, s1p.asid, lo, hi, KIND_S12, Math.min(s1o.shift, s2o.shift), s2o.oa, s1o.oa);
  }
  t.insert(m.fill);
  return true;
}

/** The entry of the walk just done (m.s1o, and m.s2o for a combined one) into m.fill. */
function fillEntry(m: MmuScratch, regime: number, vmid: number, asid: number, lo: number, hi: number, kind: number, shift: number, out: number, ipa: number): void {
  const { fill, s1o, s2o } = m;
  const s12 = kind === KIND_S12;
  fill.regime = regime;
  fill.vmid = vmid;
  fill.asid = asid;
  fill.global = s1o.global;
  fill.kind = kind;
  fill.inLo = lo;
  fill.inHi = hi;
  fill.shift = shift;
  fill.out = out;
  fill.ipa = ipa;
  fill.s1perm = s1o.perm;
  fill.s2perm = s12 ? s2o.perm : P_ALL;
  fill.s1level = s1o.level;
  fill.s2level = s12 ? s2o.level : 0;
  fill.attr = s12 ? combineAttrs(s1o.attr, s2o.attr) : s1o.attr;
  fill.sh = s12 ? effectiveSh(fill.attr, combineSh(s1o.sh, s2o.sh)) : effectiveSh(s1o.attr, s1o.sh);
  fill.flags = (isDevice(s1o.attr) ? F_S1_DEVICE : 0) | (s12 && isDevice(s2o.attr) ? F_S2_DEVICE : 0);
}

/** A hit in the architectural TLB: the same checks, in the same order, from the entry. */
function fromEntry(t: Tlb, e: number, lo: number, acc: number, el: number, unaligned: boolean, r: TranslateResult): boolean {
  const flags = t.flags[e]!;
  const bit = permBit(el, acc);
  if (unaligned && (flags & F_S1_DEVICE) !== 0) return fault(r, FAULT_ALIGNMENT, 0);
  if ((t.s1perm[e]! & bit) === 0) return fault(r, FAULT_PERMISSION, t.s1level[e]!);
  if (t.kind[e] === KIND_S12) {
    const off = (lo & ((1 << t.shift[e]!) - 1)) >>> 0;
    r.ipa = t.ipa[e]! + off;
    if ((unaligned && (flags & F_S2_DEVICE) !== 0) || (t.s2perm[e]! & bit) === 0) {
      r.stage2 = true;
      return (unaligned && (flags & F_S2_DEVICE) !== 0) ? fault(r, FAULT_ALIGNMENT, 0) : fault(r, FAULT_PERMISSION, t.s2level[e]!);
    }
  }
  r.pa = t.outputOf(e, lo);
  r.attr = t.attr[e]!;
  r.sh = t.sh[e]!;
  r.device = isDevice(r.attr);
  return true;
}
