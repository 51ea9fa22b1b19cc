// The translation table walk: one level loop for both stages, parameterised by a WalkParams record
// (ARM §D8.2–§D8.4; J1.1 AArch64.S1Walk / AArch64.S2Walk; QEMU ptw get_phys_addr_lpae). Stage-1 descriptor
// addresses are IPAs translated through stage 2 when it is on (ARM J1.1 AArch64.S2Translate for the walk).
// Hot path: no allocation, no BigInt, no float arithmetic per level — table and descriptor addresses are kept as
// halves (bits [31:0] as int32, [47:32]) and descriptors are read as two u32 words straight from the RAM page.
import { PAGE_SIZE, type PhysMemory } from '../memory/phys.ts';
import { type IPA, POW2 } from './addr.ts';
import { isDevice, s2MemAttrToMair } from './attrs.ts';
import { FAULT_ACCESS_FLAG, FAULT_ADDRESS_SIZE, FAULT_EXTERNAL_WALK, FAULT_PERMISSION, FAULT_TRANSLATION, type TranslateResult } from './result.ts';
import { F_S2_DEVICE, KIND_S2, KIND_W1, KIND_W2, KM_S2, REGIME_EL10, type Tlb, TlbFill } from './tlb.ts';
import type { WalkTrace } from './trace.ts';
import { WIDE_ZERO } from '../bits/wide-field.ts';

/** Permission bits of a translation: read/write/execute at EL1 or EL2 (privileged) and at EL0. */
export const P_R1 = 1;
export const P_W1 = 2;
export const P_X1 = 4;
export const P_R0 = 8;
export const P_W0 = 16;
export const P_X0 = 32;
export const P_ALL = 0x3f;

/** The permission bit an access needs: ACC_READ/WRITE/EXEC (0/1/2), privileged or EL0. */
/** A descriptor read from a device (PhysMemory.readDeviceDoubleword), low word first. */
const DEVICE_DESC = new Uint32Array(2);

export function permBit(el: number, acc: number): number {
  return (1 << acc) << (el === 0 ? 3 : 0);
}

/** Everything one stage's walk needs (ARM J1.1 S1TTWParams/S2TTWParams), filled from registers by params.ts. */
export class WalkParams {
  stage = 1;
  /** log2 of the granule: 12 (4K), 14 (16K), 16 (64K). */
  gb = 12;
  /** Index bits per level: gb − 3. */
  stride = 9;
  startLevel = 0;
  /** Input address size in bits (64 − TxSZ). */
  inputSize = 48;
  /** Table base, aligned to the start-level table (IPA for stage 1 under stage 2, else PA). */
  base = WIDE_ZERO;
  /** base as halves: bits [31:0] (as int32) and [47:32]. */
  baseLo = WIDE_ZERO;
  baseHi = 0;
  /** TTBR/VTTBR base has bits at or above outBits: Address size fault, level 0. */
  baseOutOfRange = false;
  /** Effective output address size (PS/IPS capped at PARange). */
  outBits = 44;
  /** Stage 1 of the EL2 regime: one VA range, AP[1] and PXN not used, no nG. */
  el2Regime = false;
  /** SCTLR_ELx.WXN */
  wxn = false;
  /** MAIR_ELx as halves. */
  mairLo = 0;
  mairHi = 0;
  /** Stage 1: the stage 2 translating its descriptor addresses (null when stage 2 is off). */
  s2: WalkParams | null = null;
  /** Stage 1: TCR_EL1.EPDx = 1 for this VA range — Translation fault, level 0, on a TLB miss. */
  epd = false;
  /** Stage 1 of EL1&0: the ASID of TTBR0/1_EL1 per TCR_EL1.A1 (8 bits unless TCR_EL1.AS). */
  asid = 0;
  // --- stage 2 only ---
  /** VTCR_EL2 SL0/T0SZ/TG0 invalid (AArch64.S2InvalidSL, S2InconsistentSL): Translation fault, level 0. */
  configFault = false;
  /** HCR_EL2.PTW */
  ptw = false;
  /** TLB for stage-2 entries (descriptor and output IPAs), tagged with vmid; null: no caching (AT). */
  tlb: Tlb | null = null;
  /** A stage 2's own records (no module-level scratch): the PA of a stage-1 descriptor address it translated
   *  (walkStage2), and the entry of a leaf it caches (stage2). */
  readonly descOut: WalkOut = new WalkOut();
  /** Observer of every descriptor this walk reads (MmuScratch.walkTrace when set up), or null. */
  trace: WalkTrace | null = null;
  readonly fill: TlbFill = new TlbFill();
  /** The VMID tagging this stage's entries (stage 2; stage 1 of EL1&0 when walkTlb is set). */
  vmid = 0;
  /** The TLB whose walk cache this walk uses and fills (Tlb.walkChoices set), or null: every level read from memory. */
  walkTlb: Tlb | null = null;
  /** The regime tagging walk-cache entries (REGIME_EL10 / REGIME_EL2). */
  regime = REGIME_EL10;
}

/** A successful walk: the leaf. */
export class WalkOut {
  /** Output address of the input address (block base + offset). */
  oa = WIDE_ZERO;
  /** oa as halves: bits [31:0] (as int32) and [47:32]. */
  oaLo = WIDE_ZERO;
  oaHi = 0;
  level = 0;
  /** Block/page size, log2 bytes. */
  shift = 12;
  /** P_* bits the leaf (with its table attributes) grants. */
  perm = 0;
  /** Memory attributes in MAIR format. */
  attr = 0;
  sh = 0;
  /** nG = 0 (stage 1 of EL1&0); always true elsewhere. */
  global = true;
}

const TWO32 = 0x1_0000_0000;
const WORD_IN_PAGE = PAGE_SIZE - 4; // mask: byte offset of an aligned 32-bit word within a RAM page

/** Blocks exist at level 1 and 2 for 4K, level 2 for 16K and 64K (no FEAT_LPA/LPA2; ARM §D8.3.1). */
function blockAllowed(gb: number, level: number): boolean {
  return level === 2 || (level === 1 && gb === 12);
}

/** Bits [shift + bits − 1 : shift] of the input address (shift ≥ 12, bits ≤ 13). */
function indexOf(lo: number, hi: number, shift: number, bits: number): number {
  const mask = (1 << bits) - 1;
  // both arms stay int32 (bits ≤ 17, so the sign `hi >> …` may bring in is masked away)
  return shift >= 32 ? (hi >> (shift - 32)) & mask : ((lo >>> shift) | (hi << (32 - shift))) & mask;
}

function fail(r: TranslateResult, fault: number, level: number): false {
  r.fault = fault;
  r.level = level;
  return false;
}

const HI_PXN = 1 << 21; // descriptor bit 53: PXN (stage 1, EL1&0)
const HI_XN = 1 << 22; // descriptor bit 54: UXN (EL1&0) / XN (EL2, stage 2)
const HI_PXNTABLE = 1 << 27; // table bit 59
const HI_XNTABLE = 1 << 28; // table bit 60: UXNTable / XNTable
const HI_APTABLE0 = 1 << 29; // table bit 61: no EL0 access below
const HI_APTABLE1 = 1 << 30; // table bit 62: read-only below
const LO_AF = 1 << 10; // descriptor bit 10: Access flag
const LO_NG = 1 << 11; // descriptor bit 11: not global

/**
 * Walk the tables of one stage for input address (lo, hi) — already range-checked by the caller. On success `o`
 * holds the leaf; on failure `r` holds the fault (stage-2 and S1PTW marking is done by stage2()).
 */
export function walk(mem: PhysMemory, p: WalkParams, lo: number, hi: number, o: WalkOut, r: TranslateResult): boolean {
  // TTBR/VTTBR BADDR beyond the output size: Address size fault, level 0 (ARM J1.1 AArch64.S1Walk / S2Walk)
  if (p.baseOutOfRange) return fail(r, FAULT_ADDRESS_SIZE, 0);
  const gb = p.gb;
  const stride = p.stride;
  const oaShift = p.outBits - 32;
  let level = p.startLevel;
  let shift = gb + stride * (3 - level);
  let bits = p.inputSize - shift; // the start level may have fewer index bits, or up to 4 more (stage-2 concatenation)
  // the table address as halves; a table is aligned to its size, so adding index·8 is an OR that never carries
  let tLo = p.baseLo;
  let tHi = p.baseHi;
  let tableAttrs = 0; // APTable/XNTable/PXNTable accumulated from the table descriptors (stage 1)
  const s2 = p.s2;
  for (;;) {
    const index = indexOf(lo, hi, shift, bits);
    let aLo = tLo | (index << 3);
    let aHi = tHi;
    // the descriptor address through stage 2 (false: a stage-2 fault, in r)
    let translated = true;
    if (s2 !== null) {
      translated = walkStage2(mem, s2, aLo, aHi, r);
      aLo = s2.descOut.oaLo;
      aHi = s2.descOut.oaHi;
    }
    let dl: number;
    let dh: number;
    // a table descriptor of this level cached by an earlier walk of this range: the walk may use it instead of
    // reading memory (ARM §D8.16: a TLB may hold table entries of a walk through valid descriptors)
    const wt = p.walkTlb;
    const cached = wt !== null && level < 3 ? cachedTable(wt, p, level, shift, lo, hi) : -1;
    if (cached >= 0 && useCached(wt!, mem, cached, translated, aLo, aHi, level)) {
      if (!translated) r.reset(); // the stage-2 fault of the memory read does not happen
      dl = wt!.descLo[cached]!;
      dh = wt!.descHi[cached]!;
    } else {
      if (!translated) return false;
      const page = mem.pageOfHalves(aLo, aHi);
      if (page !== undefined) {
        const wi = (aLo & WORD_IN_PAGE) >>> 2;
        dl = page.u32[wi]!;
        dh = page.u32[wi + 1]!;
      } else {
        // outside RAM a device answers the read (tables in flash or MMIO, as QEMU); nothing there: Synchronous External
        // abort on translation table walk (DFSC 0x14 + level)
        if (!mem.readDeviceDoubleword(aHi * TWO32 + (aLo >>> 0), DEVICE_DESC)) return fail(r, FAULT_EXTERNAL_WALK, level);
        dl = DEVICE_DESC[0]!;
        dh = DEVICE_DESC[1]!;
      }
      if (p.trace !== null) p.trace.descriptor(p.stage, level, tHi * TWO32 + (tLo >>> 0), index, aHi * TWO32 + (aLo >>> 0), dl, dh);
      // a valid table descriptor within the output size may be cached (never a faulting entry: ARM §D8.16 R XCLRD)
      if (wt !== null && (dl & 3) === 3 && level < 3 && (dh & 0xffff) >>> (p.outBits - 32) === 0) cacheTable(wt, p, cached, level, shift, lo, hi, dl, dh);
    }
    // bit[0] = 0: Invalid descriptor → Translation fault (ARM §D8.3)
    if ((dl & 1) === 0) return fail(r, FAULT_TRANSLATION, level);
    const isTable = (dl & 2) !== 0 && level < 3;
    // bits[1:0] = 01 at level 3 (reserved) or at a level without blocks → Translation fault (AArch64.BlocknTFaults)
    if ((dl & 2) === 0 && !blockAllowed(gb, level)) return fail(r, FAULT_TRANSLATION, level);
    // output / next-table address bits [47:outBits] non-zero → Address size fault (AArch64.OAOutOfRange)
    if ((dh & 0xffff) >>> oaShift !== 0) return fail(r, FAULT_ADDRESS_SIZE, level);
    if (isTable) {
      tableAttrs |= dh;
      tLo = dl & ~((1 << gb) - 1);
      tHi = dh & 0xffff;
      level++;
      shift -= stride;
      bits = stride;
      continue;
    }
    // AF = 0: Access flag fault (no hardware AF update on v8.0; ARM §D8.5)
    if ((dl & LO_AF) === 0) return fail(r, FAULT_ACCESS_FLAG, level);
    o.level = level;
    o.shift = shift;
    const offMask = (1 << shift) - 1; // blocks are at most 1 GiB (shift ≤ 30)
    const oaLo = (dl & ~offMask) | (lo & offMask);
    const oaHi = dh & 0xffff;
    o.oaLo = oaLo;
    o.oaHi = oaHi;
    o.oa = oaHi * TWO32 + (oaLo >>> 0);
    o.sh = (dl >>> 8) & 3;
    if (p.stage === 2) {
      o.perm = s2Perm(dl, dh);
      o.attr = s2MemAttrToMair((dl >>> 2) & 0xf); // MemAttr[3:0] = descriptor bits [5:2]
      o.global = true;
    } else {
      o.perm = p.el2Regime ? s1PermEl2(p, dl, dh, tableAttrs) : s1PermEl10(p, dl, dh, tableAttrs);
      o.attr = mairAttr(p, (dl >>> 2) & 7); // AttrIndx = descriptor bits [4:2]
      o.global = p.el2Regime || (dl & LO_NG) === 0;
    }
    return true;
  }
}

/** The walk-cache entry for the table descriptor at `level` (covering 2^shift bytes) on the walk of (lo, hi), or -1. */
function cachedTable(t: Tlb, p: WalkParams, level: number, shift: number, lo: number, hi: number): number {
  return t.lookupTable(p.stage === 2 ? KIND_W2 : KIND_W1, p.regime, p.vmid, p.asid, level, shift, lo, hi);
}

/**
 * Does the walk take cached entry `e` instead of the descriptor at PA (aLo, aHi) (`translated` false: its stage-2
 * translation faulted)? When memory (RAM) holds the same descriptor both ways read the same: no choice is offered.
 */
function useCached(t: Tlb, mem: PhysMemory, e: number, translated: boolean, aLo: number, aHi: number, level: number): boolean {
  if (translated) {
    const page = mem.pageOfHalves(aLo, aHi);
    if (page !== undefined) {
      const wi = (aLo & WORD_IN_PAGE) >>> 2;
      if (page.u32[wi] === t.descLo[e] && page.u32[wi + 1] === t.descHi[e]) return false;
    }
  }
  return t.walkChoices!.useCached(level);
}

/** A table descriptor (dl, dh) the walk read from memory at `level`: cached, in place of a different one cached for
 *  the range (`cached`) as the TLB's choices say. */
function cacheTable(t: Tlb, p: WalkParams, cached: number, level: number, shift: number, lo: number, hi: number, dl: number, dh: number): void {
  if (cached >= 0 && ((t.descLo[cached] === dl >>> 0 && t.descHi[cached] === dh >>> 0) || !t.walkChoices!.replaceTable(level))) return;
  t.insertTable(p.stage === 2 ? KIND_W2 : KIND_W1, p.regime, p.vmid, p.asid, level, shift, lo, hi, dl, dh);
}

/** MAIR_ELx.Attr<idx>. */
function mairAttr(p: WalkParams, idx: number): number {
  return idx < 4 ? (p.mairLo >>> (idx * 8)) & 0xff : (p.mairHi >>> ((idx - 4) * 8)) & 0xff;
}

/** Stage-1 permissions, EL1&0 regime (ARM §D8.4.1 Table D8-65; QEMU get_S1prot). */
function s1PermEl10(p: WalkParams, dl: number, dh: number, tableAttrs: number): number {
  let ap = (dl >>> 6) & 3; // AP[2:1]
  if ((tableAttrs & HI_APTABLE1) !== 0) ap |= 2; // APTable[1]: no write access at any EL
  if ((tableAttrs & HI_APTABLE0) !== 0) ap &= 2; // APTable[0]: no EL0 access
  const uxn = (dh & HI_XN) !== 0 || (tableAttrs & HI_XNTABLE) !== 0; // UXN or UXNTable
  const pxn = (dh & HI_PXN) !== 0 || (tableAttrs & HI_PXNTABLE) !== 0; // PXN or PXNTable
  const w1 = (ap & 2) === 0; // AP[2] = 0: writable at EL1
  const r0 = (ap & 1) !== 0; // AP[1] = 1: EL0 access
  const w0 = ap === 1; // AP = 01: EL0 read/write
  let m = P_R1 | (w1 ? P_W1 : 0) | (r0 ? P_R0 : 0) | (w0 ? P_W0 : 0);
  // EL0 execute: UXN = 0 and not (SCTLR_EL1.WXN and EL0-writable)
  if (!uxn && !(p.wxn && w0)) m |= P_X0;
  // EL1 execute: PXN = 0, not EL0-writable (AArch64: EL0-writable ⇒ PXN), not (WXN and EL1-writable)
  if (!pxn && !w0 && !(p.wxn && w1)) m |= P_X1;
  return m;
}

/** Stage-1 permissions, EL2 regime: AP[2] only (AP[1] RES1), XN or XNTable, SCTLR_EL2.WXN; PXN(Table) RES0. */
function s1PermEl2(p: WalkParams, dl: number, dh: number, tableAttrs: number): number {
  // AP[2] = 0 and no APTable[1] above: writable
  const w = (dl & (1 << 7)) === 0 && (tableAttrs & HI_APTABLE1) === 0;
  const xn = (dh & HI_XN) !== 0 || (tableAttrs & HI_XNTABLE) !== 0;
  return P_R1 | (w ? P_W1 : 0) | (!xn && !(p.wxn && w) ? P_X1 : 0);
}

/** Stage-2 permissions: S2AP[0] read, S2AP[1] write (same for EL1 and EL0), XN bit 54 (no FEAT_XNX; ARM §D8.4.3). */
function s2Perm(dl: number, dh: number): number {
  const s2ap = (dl >>> 6) & 3;
  return ((s2ap & 1) !== 0 ? P_R1 | P_R0 : 0) | ((s2ap & 2) !== 0 ? P_W1 | P_W0 : 0) | ((dh & HI_XN) === 0 ? P_X1 | P_X0 : 0);
}

// ---------------------------------------------------------------- stage 2

/**
 * Stage-2 translation of `ipa` (a data/instruction IPA or a stage-1 descriptor address): TLB (stage-2 entries of the
 * current VMID), else a walk whose leaf is then cached. On failure r holds a stage-2 fault with r.ipa = ipa.
 */
export function stage2(mem: PhysMemory, p: WalkParams, ipa: IPA, o: WalkOut, r: TranslateResult): boolean {
  return stage2Halves(mem, p, ipa >>> 0, (ipa / TWO32) >>> 0, o, r);
}

/** stage2() for the IPA as halves (lo, hi), as the walker holds descriptor addresses. */
function stage2Halves(mem: PhysMemory, p: WalkParams, lo: number, hi: number, o: WalkOut, r: TranslateResult): boolean {
  const ipa = hi * TWO32 + (lo >>> 0);
  r.stage2 = true; // any fault reported from here is a stage-2 fault (cleared again on success)
  r.ipa = ipa;
  // VTCR_EL2 misconfigured (AArch64.S2InvalidSL/S2InconsistentSL), or IPA[55:64−T0SZ] ≠ 0
  // (AArch64.IPAIsOutOfRange): stage-2 Translation fault, level 0
  if (p.configFault || ipa >= POW2[p.inputSize]!) return fail(r, FAULT_TRANSLATION, 0);
  const t = p.tlb;
  if (t !== null) {
    const e = t.lookup(REGIME_EL10, p.vmid, 0, KM_S2, lo, hi);
    if (e >= 0) {
      const oa = t.outputOf(e, lo);
      o.oa = oa;
      o.oaLo = oa | 0;
      o.oaHi = (oa / TWO32) >>> 0;
      o.level = t.s2level[e]!;
      o.shift = t.shift[e]!;
      o.perm = t.s2perm[e]!;
      o.attr = t.attr[e]!;
      o.sh = t.sh[e]!;
      o.global = true;
      r.stage2 = false;
      return true;
    }
  }
  if (!walk(mem, p, lo, hi, o, r)) return false;
  if (t !== null) {
    const fill = p.fill;
    fill.regime = REGIME_EL10;
    fill.vmid = p.vmid;
    fill.asid = 0;
    fill.global = true;
    fill.kind = KIND_S2;
    fill.inLo = lo;
    fill.inHi = hi;
    fill.shift = o.shift;
    fill.out = o.oa;
    fill.ipa = 0;
    fill.s1perm = P_ALL;
    fill.s2perm = o.perm;
    fill.s1level = 0;
    fill.s2level = o.level;
    fill.attr = o.attr;
    fill.sh = o.sh;
    fill.flags = isDevice(o.attr) ? F_S2_DEVICE : 0;
    t.insert(fill);
  }
  r.stage2 = false;
  return true;
}

/**
 * Stage 2 of a stage-1 descriptor address (halves lo, hi): true with the PA in s2.descOut, or false with a stage-2
 * fault marked S1PTW (ARM J1.1 AArch64.S2Translate for a TTW access; ARCH-NOTES §7c). The reported level is the
 * stage-2 walk's (QEMU D3 differs).
 */
function walkStage2(mem: PhysMemory, s2: WalkParams, lo: number, hi: number, r: TranslateResult): boolean {
  const o = s2.descOut;
  if (!stage2Halves(mem, s2, lo, hi, o, r)) {
    r.s1ptw = true;
    return false;
  }
  // the walk reads the descriptor: stage-2 read permission needed (S2AP[0]), and with HCR_EL2.PTW a walk to
  // stage-2 Device memory is a stage-2 Permission fault (ARM §D24.2.62 PTW)
  if ((o.perm & P_R1) === 0 || (s2.ptw && isDevice(o.attr))) {
    r.stage2 = true;
    r.s1ptw = true;
    r.ipa = hi * TWO32 + (lo >>> 0);
    fail(r, FAULT_PERMISSION, o.level);
    return false;
  }
  return true;
}
