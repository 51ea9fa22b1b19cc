// A deliberately simple reference translation (BigInt, recursion-free but unoptimised, no TLB), written from the Arm
// ARM pseudocode (J1.1 AArch64.FullTranslate, S1Walk/S2Walk, CheckPermission; ARCH-NOTES §1–§7) and independent of
// src/mmu: it shares no code with the real walker, only the same reading of the rules. Used by ref.test.ts.
// Scope: v8.0 (no VHE, no FEAT_LPA/TTST/HAFDBS), 4K/16K/64K granules; of the alignment faults, those of an unaligned
// data access (SCTLR_ELx.A, Device memory at either stage) and of DC ZVA (Device memory), when the caller asks.

export type RefFault = 'none' | 'addrsize' | 'translation' | 'accessflag' | 'permission' | 'extwalk' | 'alignment';

export interface RefResult {
  fault: RefFault;
  level: number;
  stage2: boolean;
  s1ptw: boolean;
  /** output PA on success */
  pa: bigint;
  /** faulting IPA for stage-2 faults (HPFAR) */
  ipa: bigint;
  /** on success: the memory type is Device at either stage (stage 1 known only with MAIR_ELx in RefRegs) */
  device: boolean;
}

/** The registers the reference reads, as 64-bit values. */
export interface RefRegs {
  SCTLR_EL1: bigint; SCTLR_EL2: bigint; TCR_EL1: bigint; TCR_EL2: bigint; TTBR0_EL1: bigint; TTBR1_EL1: bigint;
  TTBR0_EL2: bigint; VTCR_EL2: bigint; VTTBR_EL2: bigint; HCR_EL2: bigint;
  /** Needed for the memory type (unaligned accesses, RefResult.device). */
  MAIR_EL1?: bigint; MAIR_EL2?: bigint;
}

export interface RefMachine {
  regs: RefRegs;
  /** ID_AA64MMFR0_EL1.PARange as a field value (4 = 44 bits). */
  paRange: number;
  granules: { k4: boolean; k16: boolean; k64: boolean };
  /** 8-byte little-endian read of physical memory; undefined where nothing answers. */
  read(pa: bigint): bigint | undefined;
}

const bit = (v: bigint, n: number): boolean => ((v >> BigInt(n)) & 1n) === 1n;
const field = (v: bigint, hi: number, lo: number): number => Number((v >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n));
const mask = (n: number): bigint => (1n << BigInt(n)) - 1n;

class Fault {
  constructor(readonly kind: RefFault, readonly level: number) {}
}

/** PS/IPS: 000 32, 001 36, 010 40, 011 42, 100 44, 101 48, capped at PARange (and 48 without FEAT_LPA). */
function psBits(ps: number, paRange: number): number {
  const table = [32, 36, 40, 42, 44, 48, 48, 48];
  return table[Math.min(ps, paRange)]!;
}

/** TG0 (00 4K, 01 64K, 10 16K) or TG1 (01 16K, 10 4K, 11 64K); an unsupported size becomes the smallest supported. */
function granule(m: RefMachine, tg: number, isTg1: boolean): number {
  const want = isTg1 ? ({ 1: 14, 2: 12, 3: 16 } as Record<number, number>)[tg] : ({ 0: 12, 1: 16, 2: 14 } as Record<number, number>)[tg];
  const ok = (g: number | undefined) => (g === 12 && m.granules.k4) || (g === 14 && m.granules.k16) || (g === 16 && m.granules.k64);
  if (ok(want)) return want!;
  return m.granules.k4 ? 12 : m.granules.k16 ? 14 : 16;
}

interface Leaf {
  oa: bigint;
  level: number;
  desc: bigint;
  /** accumulated table attributes: APTable[1:0], UXN/XNTable, PXNTable */
  apTable: number;
  xnTable: boolean;
  pxnTable: boolean;
}

interface Stage {
  granuleBits: number;
  inputBits: number;
  startLevel: number;
  outBits: number;
  /** TTBR/VTTBR BADDR as written (bits [47:1]) */
  baddr: bigint;
}

/**
 * One stage's table walk. `fetch` reads a descriptor given its address in this stage's table space (for stage 1
 * under stage 2 it translates the IPA first and may throw a stage-2 Fault wrapped by the caller).
 */
function tableWalk(s: Stage, ia: bigint, fetch: (addr: bigint, level: number) => bigint): Leaf {
  const g = s.granuleBits;
  const stride = g - 3;
  // AArch64.S1Walk/S2Walk: base address beyond the output size → Address size fault, level 0
  if ((s.baddr >> BigInt(s.outBits)) !== 0n) throw new Fault('addrsize', 0);
  // BADDR bits below the size of the (possibly concatenated) start table are RES0: treated as zero
  let table = s.baddr & ~mask(s.inputBits - stride * (4 - s.startLevel));
  let apTable = 0;
  let xnTable = false;
  let pxnTable = false;
  for (let level = s.startLevel; level <= 3; level++) {
    const lsb = g + stride * (3 - level);
    const msb = level === s.startLevel ? s.inputBits - 1 : lsb + stride - 1;
    const index = (ia >> BigInt(lsb)) & mask(msb - lsb + 1);
    const desc = fetch(table + index * 8n, level);
    if (!bit(desc, 0)) throw new Fault('translation', level);
    const type1 = bit(desc, 1);
    const blockOk = level === 2 || (level === 1 && g === 12);
    if (!type1 && !blockOk) throw new Fault('translation', level);
    // output/next-table address bits [47:outBits] set → Address size fault at this level
    if (((desc & mask(48)) >> BigInt(s.outBits)) !== 0n) throw new Fault('addrsize', level);
    if (type1 && level < 3) {
      table = desc & mask(48) & ~mask(g);
      apTable |= field(desc, 62, 61);
      xnTable ||= bit(desc, 60);
      pxnTable ||= bit(desc, 59);
      continue;
    }
    if (!bit(desc, 10)) throw new Fault('accessflag', level);
    const oa = (desc & mask(48) & ~mask(lsb)) | (ia & mask(lsb));
    return { oa, level, desc, apTable, xnTable, pxnTable };
  }
  throw new Error('unreachable');
}

type Access = 'r' | 'w' | 'x';

/** Stage-1 permission for an access at `el` (ARM D8.4; v8.0 AArch64.CheckPermission). */
function s1Allowed(l: Leaf, el: number, acc: Access, el2Regime: boolean, wxn: boolean): boolean {
  let ap2 = bit(l.desc, 7);
  let ap1 = bit(l.desc, 6);
  if ((l.apTable & 2) !== 0) ap2 = true; // APTable[1]: read-only below
  if (el2Regime) {
    const w = !ap2;
    const xn = bit(l.desc, 54) || l.xnTable || (wxn && w);
    return acc === 'r' || (acc === 'w' ? w : !xn);
  }
  if ((l.apTable & 1) !== 0) ap1 = false; // APTable[0]: no EL0 access below
  const userR = ap1;
  const userW = ap1 && !ap2;
  const privW = !ap2;
  const userXn = bit(l.desc, 54) || l.xnTable || (userW && wxn);
  const privXn = bit(l.desc, 53) || l.pxnTable || (privW && wxn) || userW;
  if (el === 0) return acc === 'r' ? userR : acc === 'w' ? userW : !userXn;
  return acc === 'r' ? true : acc === 'w' ? privW : !privXn;
}

/** Stage-2 permission: S2AP[0] read, S2AP[1] write, XN (bit 54) execute at EL1 and EL0. */
function s2Allowed(l: Leaf, acc: Access): boolean {
  if (acc === 'r') return bit(l.desc, 6);
  if (acc === 'w') return bit(l.desc, 7);
  return !bit(l.desc, 54);
}

class S2Fault {
  constructor(readonly f: Fault, readonly ipa: bigint, readonly s1ptw: boolean) {}
}

/** Stage 2 of the EL1&0 regime for `ipa`: the leaf, or throws an S2Fault. */
function stage2(m: RefMachine, ipa: bigint, s1ptw: boolean): Leaf {
  const vtcr = m.regs.VTCR_EL2;
  const t0sz = field(vtcr, 5, 0);
  const sl0 = field(vtcr, 7, 6);
  const g = granule(m, field(vtcr, 15, 14), false);
  const stride = g - 3;
  const inputBits = 64 - t0sz;
  const paBits = psBits(m.paRange, m.paRange);
  let start: number;
  // AArch64.S2InvalidSL: SL0 = 11 reserved (no FEAT_TTST), SL0 = 10 needs PAMax ≥ 44 (42 for 16K)
  if (sl0 === 3 || (sl0 === 2 && paBits < (g === 14 ? 42 : 44))) start = -1;
  else start = g === 12 ? 2 - sl0 : 3 - sl0;
  const fault = (f: Fault) => new S2Fault(f, ipa, s1ptw);
  if (start < 0 || t0sz < 16 || t0sz > 39) throw fault(new Fault('translation', 0));
  // AArch64.S2InconsistentSL: the input size must need exactly the levels below start, or up to 4 more bits (16 tables)
  const levels = 3 - start;
  const minIn = levels * stride + g + 1;
  if (inputBits < minIn || inputBits > minIn + stride - 1 + 4) throw fault(new Fault('translation', 0));
  // AArch64.IPAIsOutOfRange
  if ((ipa >> BigInt(inputBits)) !== 0n) throw fault(new Fault('translation', 0));
  const outBits = psBits(field(vtcr, 18, 16), m.paRange);
  // an IPA wider than the output size: CONSTRAINED UNPREDICTABLE; QEMU 7.2 faults (check_s2_mmu_setup)
  if (inputBits > outBits) throw fault(new Fault('translation', 0));
  const stage: Stage = { granuleBits: g, inputBits, startLevel: start, outBits, baddr: m.regs.VTTBR_EL2 & mask(48) & ~1n };
  try {
    return tableWalk(stage, ipa, (pa, level) => {
      const d = m.read(pa);
      if (d === undefined) throw new Fault('extwalk', level);
      return d;
    });
  } catch (e) {
    if (e instanceof Fault) throw fault(e);
    throw e;
  }
}

function ok(pa: bigint, ipa: bigint, device: boolean): RefResult {
  return { fault: 'none', level: 0, stage2: false, s1ptw: false, pa, ipa, device };
}
function s1fault(f: Fault): RefResult {
  return { fault: f.kind, level: f.level, stage2: false, s1ptw: false, pa: 0n, ipa: 0n, device: false };
}
function s2fault(f: S2Fault): RefResult {
  return { fault: f.f.kind, level: f.f.level, stage2: true, s1ptw: f.s1ptw, pa: 0n, ipa: f.ipa, device: false };
}

/** Stage-1 memory type of a leaf: MAIR_ELx.Attr<AttrIndx> with the high nibble 0 is Device (ARM §D8.5 MAIR). */
function s1Device(mair: bigint, desc: bigint): boolean {
  const at = field(desc, 4, 2) * 8;
  return field(mair, at + 7, at + 4) === 0;
}

/**
 * What may take an Alignment fault: nothing; an unaligned data access (SCTLR_ELx.A, then Device memory at either
 * stage); DC ZVA (Device memory at either stage: J1.1 AArch64.S1/S2HasAlignmentFaultDueToMemType, AccessType_DCZero).
 */
export type RefAlign = 'aligned' | 'unaligned' | 'dc-zero';

/**
 * Translate `va` for an access `acc` at `el` (0, 1 or 2; EL2 means the EL2 regime, E2H = 0). A memory-type Alignment
 * fault comes after the walk's faults and before the permission fault of its stage (ARM §D8.15).
 */
export function refTranslate(m: RefMachine, va: bigint, acc: Access, el: number, align: RefAlign = 'aligned'): RefResult {
  const r = m.regs;
  const hcr = r.HCR_EL2;
  const tge = bit(hcr, 27);
  const dc = bit(hcr, 12);
  const s1on = el === 2 ? bit(r.SCTLR_EL2, 0) : bit(r.SCTLR_EL1, 0) && !tge && !dc; // TGE, DC: SCTLR_EL1.M acts as 0
  const s2on = el < 2 && (bit(hcr, 0) || dc); // DC: VM acts as 1; TGE (E2H = 0) keeps stage 2
  const paBits = psBits(m.paRange, m.paRange);
  const misaligned = align !== 'aligned' && acc !== 'x'; // from here: Device memory takes an Alignment fault
  if (align === 'unaligned' && acc !== 'x' && bit(el === 2 ? r.SCTLR_EL2 : r.SCTLR_EL1, 1)) return s1fault(new Fault('alignment', 0));

  let ipa: bigint;
  let device1: boolean;
  if (!s1on) {
    // AArch64.TranslateAddressS1Off: VA[AddrTop:PAMax] must be zero, AddrTop = 55 under TBI (J1.3 AddrTop)
    const tbi = el === 2 ? bit(r.TCR_EL2, 20) : bit(r.TCR_EL1, bit(va, 55) ? 38 : 37);
    const untagged = tbi ? va & mask(56) : va;
    if ((untagged >> BigInt(paBits)) !== 0n) return s1fault(new Fault('addrsize', 0));
    ipa = untagged;
    // data accesses are Device-nGnRnE, or Normal under HCR_EL2.DC (EL1&0)
    device1 = acc !== 'x' && !(el < 2 && dc);
    if (misaligned && device1) return s1fault(new Fault('alignment', 0));
  } else {
    let stage: Stage;
    let el2Regime = false;
    let wxn: boolean;
    if (el === 2) {
      const tcr = r.TCR_EL2;
      const t0sz = field(tcr, 5, 0);
      if (t0sz < 16 || t0sz > 39) return s1fault(new Fault('translation', 0));
      const inputBits = 64 - t0sz;
      const top = bit(tcr, 20) ? 55 : 63; // TCR_EL2.TBI
      if (((va & mask(top + 1)) >> BigInt(inputBits)) !== 0n) return s1fault(new Fault('translation', 0));
      const g = granule(m, field(tcr, 15, 14), false);
      stage = mkStage(g, inputBits, psBits(field(tcr, 18, 16), m.paRange), r.TTBR0_EL2);
      el2Regime = true;
      wxn = bit(r.SCTLR_EL2, 19);
    } else {
      const tcr = r.TCR_EL1;
      const upper = bit(va, 55);
      const tsz = upper ? field(tcr, 21, 16) : field(tcr, 5, 0);
      if (tsz < 16 || tsz > 39) return s1fault(new Fault('translation', 0));
      const inputBits = 64 - tsz;
      const top = bit(tcr, upper ? 38 : 37) ? 55 : 63;
      const topBits = (va & mask(top + 1)) >> BigInt(inputBits);
      if (topBits !== (upper ? mask(top + 1 - inputBits) : 0n)) return s1fault(new Fault('translation', 0));
      if (bit(tcr, upper ? 23 : 7)) return s1fault(new Fault('translation', 0)); // EPDx: no walk (and no TLB here)
      const g = granule(m, upper ? field(tcr, 31, 30) : field(tcr, 15, 14), upper);
      stage = mkStage(g, inputBits, psBits(field(tcr, 34, 32), m.paRange), upper ? r.TTBR1_EL1 : r.TTBR0_EL1);
      wxn = bit(r.SCTLR_EL1, 19);
    }
    let leaf: Leaf;
    try {
      leaf = tableWalk(stage, va & mask(stage.inputBits), (addr, level) => {
        let pa = addr;
        if (s2on) {
          // the descriptor's IPA goes through stage 2; a fault there is a stage-2 fault with S1PTW
          const l2 = stage2(m, addr, true);
          // reading a table needs stage-2 read permission; HCR_EL2.PTW: a walk to stage-2 Device is a Permission fault
          if (!bit(l2.desc, 6) || (bit(hcr, 2) && !tge && field(l2.desc, 5, 4) === 0)) {
            throw new S2Fault(new Fault('permission', l2.level), addr, true);
          }
          pa = l2.oa;
        }
        const d = m.read(pa);
        if (d === undefined) throw new Fault('extwalk', level);
        return d;
      });
    } catch (e) {
      if (e instanceof Fault) return s1fault(e);
      if (e instanceof S2Fault) return s2fault(e);
      throw e;
    }
    const mair = el === 2 ? r.MAIR_EL2 : r.MAIR_EL1;
    if (mair === undefined && misaligned) throw new Error('refTranslate: an unaligned access needs MAIR_ELx in RefRegs');
    device1 = mair !== undefined && s1Device(mair, leaf.desc);
    if (misaligned && device1) return s1fault(new Fault('alignment', 0));
    if (!s1Allowed(leaf, el, acc, el2Regime, wxn)) return s1fault(new Fault('permission', leaf.level));
    ipa = leaf.oa;
  }
  if (!s2on) return ok(ipa, ipa, device1);
  let l2: Leaf;
  try {
    l2 = stage2(m, ipa, false);
  } catch (e) {
    if (e instanceof S2Fault) return s2fault(e);
    throw e;
  }
  const device2 = field(l2.desc, 5, 4) === 0; // stage-2 MemAttr[3:2] = 00: Device
  if (misaligned && device2) return s2fault(new S2Fault(new Fault('alignment', 0), ipa, false));
  if (!s2Allowed(l2, acc)) return s2fault(new S2Fault(new Fault('permission', l2.level), ipa, false));
  return ok(l2.oa, ipa, device1 || device2);
}

function mkStage(g: number, inputBits: number, outBits: number, ttbr: bigint): Stage {
  // start level = 4 − ceil((inputsize − granulebits) / stride); no concatenation at stage 1
  const startLevel = 4 - Math.ceil((inputBits - g) / (g - 3));
  return { granuleBits: g, inputBits, startLevel, outBits, baddr: ttbr & mask(48) & ~1n };
}
