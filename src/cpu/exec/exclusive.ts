// Load/store exclusive and load-acquire/store-release (ARM C4.1.88 "Load/store exclusive register/pair",
// "Load/store ordered"): size 001000 o2 L o1 Rs o0 Rt2 Rn Rt.
// The local exclusive monitor (ARM B2.9.2; pseudocode AArch64.SetExclusiveMonitors / ExclusiveMonitorsPass)
// holds the physical address and size a Load-Exclusive marked (c.exclAddr = -1 when open). CLREX and ERET
// clear it. This model has one PE, so there is no global monitor; a plain store to the marked range does not
// clear it (IMPLEMENTATION DEFINED). Acquire/release ordering has no observable effect on one PE.
// Exclusives and ordered accesses must be aligned whatever the memory type (AArch64.CheckAlignment with
// AccType_ATOMIC / AccType_ORDERED): an unaligned address takes an Alignment fault before translation
// (for a Store-Exclusive only once the local monitor check got that far, see exclusiveMonitorsPass).
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';
import { translate } from '../../mmu/translate.ts';
import type { Cpu } from '../cpu.ts';
import { INSN, REG_SP, TMP0, TMP1, TMP2, WRITE_ZR } from '../state.ts';
import { alignmentFault, singleIss, spAlignmentFault, spMisaligned, vaAligned } from './ldst-access.ts';
import { ISS_AR } from '../../arch/syndrome.ts';

const MONITOR_FAIL = 0;
const MONITOR_PASS = 1;
const MONITOR_ABORTED = 2;

/** VA = Rn|SP into TMP0, after AArch64.CheckSPAlignment. False if the SP alignment fault was taken. `rn` is the field
 * (not the word, which would be boxed when passed: see Handler in handler.ts). */
function baseAddress(c: Cpu, rn: number): boolean {
  if (rn === 31 && spMisaligned(c)) {
    spAlignmentFault(c);
    return false;
  }
  c.x[TMP0] = c.x[REG_SP[rn]!]!;
  return true;
}

/** AArch64.SetExclusiveMonitors: mark the PA of the access just made (c.tr holds its translation). */
function markExclusive(c: Cpu, bytes: number): void {
  c.exclAddr = c.tr.pa;
  c.exclSize = bytes;
}

/**
 * AArch64.ExclusiveMonitorsPass for a store of `bytes` at VA x[TMP0]. Whether memory aborts are detected before
 * or after the local monitor check is IMPLEMENTATION DEFINED; as QEMU, an open monitor fails first (no alignment
 * check, no translation; IsExclusiveVA), then an unaligned address takes an Alignment fault, then translation
 * faults abort; the store passes when PA and size match the marked ones. A completed check clears the local
 * monitor (ClearExclusiveLocal) whether or not it passed.
 */
function exclusiveMonitorsPass(c: Cpu, bytes: number): number {
  if (c.exclAddr < 0) return MONITOR_FAIL;
  if (!vaAligned(c, bytes)) {
    alignmentFault(c, ACC_WRITE);
    return MONITOR_ABORTED;
  }
  const u = c.u32;
  if (!translate(c, u[TMP0 * 2]!, u[TMP0 * 2 + 1]!, ACC_WRITE, bytes, c.el, c.tr)) {
    c.abort(c.tr, c.x[TMP0]!, ACC_WRITE, 0);
    return MONITOR_ABORTED;
  }
  const pass = c.tr.pa === c.exclAddr && bytes === c.exclSize;
  c.exclAddr = -1;
  return pass ? MONITOR_PASS : MONITOR_FAIL;
}

/** LDXR/LDAXR (+B/H), W or X by size: Rt = [Rn], then mark the monitor. No instruction syndrome (ISV=0). */
export function loadExclusive(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const size = w >>> 30;
  const bytes = 1 << size;
  if (!baseAddress(c, (w >>> 5) & 31)) return;
  if (!vaAligned(c, bytes)) return alignmentFault(c, ACC_READ);
  if (!c.load(bytes)) return;
  markExclusive(c, bytes);
  c.x[WRITE_ZR[w & 31]!] = c.x[TMP1]!; // zero-extended: W forms clear bits 63:32
}

/**
 * STXR/STLXR (+B/H): if the monitor passes, [Rn] = Rt and Ws = 0; otherwise no store and Ws = 1.
 * Rs == Rt or Rs == Rn (Rn != SP) is CONSTRAINED UNPREDICTABLE; as QEMU: the address and data are read
 * before Ws is written.
 */
export function storeExclusive(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const size = w >>> 30;
  const bytes = 1 << size;
  if (!baseAddress(c, (w >>> 5) & 31)) return;
  const r = exclusiveMonitorsPass(c, bytes);
  if (r === MONITOR_ABORTED) return;
  if (r === MONITOR_PASS && !c.store(bytes, w & 31)) return;
  c.x[WRITE_ZR[(w >>> 16) & 31]!] = r === MONITOR_PASS ? 0n : 1n; // X[s] = ZeroExtend(status, 32)
}

/**
 * LDXP/LDAXP: sz=0 → one 8-byte access (Rt = low word, Rt2 = high word), sz=1 → two 8-byte accesses;
 * the whole pair must be aligned to its size (8 or 16). Rt == Rt2 is CONSTRAINED UNPREDICTABLE; as QEMU
 * (gen_load_exclusive): Rt2 is written last, so it gets the second value.
 */
export function loadExclusivePair(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const wide = (w & (1 << 30)) !== 0;
  const total = wide ? 16 : 8;
  const rt = WRITE_ZR[w & 31]!;
  const rt2 = WRITE_ZR[(w >>> 10) & 31]!;
  if (!baseAddress(c, (w >>> 5) & 31)) return;
  if (!vaAligned(c, total)) return alignmentFault(c, ACC_READ);
  if (!c.load(8)) return;
  if (wide) {
    const pa = c.tr.pa; // the marked address is the pair's first byte
    x[TMP2] = x[TMP1]!;
    x[TMP0] = x[TMP0]! + 8n;
    if (!c.load(8)) return;
    c.exclAddr = pa;
    c.exclSize = 16;
    x[rt] = x[TMP2]!;
    x[rt2] = x[TMP1]!;
  } else {
    markExclusive(c, 8);
    const u = c.u32;
    u[rt * 2] = u[TMP1 * 2]!;
    u[rt * 2 + 1] = 0;
    u[rt2 * 2] = u[TMP1 * 2 + 1]!;
    u[rt2 * 2 + 1] = 0;
  }
}

/** STXP/STLXP: store Rt, Rt2 (sz=0: one 8-byte access, Rt in the low word) if the monitor passes; Ws = status. */
export function storeExclusivePair(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const wide = (w & (1 << 30)) !== 0;
  const total = wide ? 16 : 8;
  const rt = w & 31;
  const rt2 = (w >>> 10) & 31;
  if (!baseAddress(c, (w >>> 5) & 31)) return;
  const r = exclusiveMonitorsPass(c, total);
  if (r === MONITOR_ABORTED) return;
  if (r === MONITOR_PASS) {
    if (wide) {
      if (!c.store(8, rt)) return;
      x[TMP0] = x[TMP0]! + 8n;
      if (!c.store(8, rt2)) return;
    } else {
      const u = c.u32;
      u[TMP2 * 2] = u[rt * 2]!;
      u[TMP2 * 2 + 1] = u[rt2 * 2]!;
      if (!c.store(8, TMP2)) return;
    }
  }
  c.x[WRITE_ZR[(w >>> 16) & 31]!] = r === MONITOR_PASS ? 0n : 1n;
}

/** LDAR (+B/H): an aligned load with the instruction syndrome and AR=1 (ISS valid for acquire/release). */
export function loadAcquire(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const size = w >>> 30;
  const bytes = 1 << size;
  if (!baseAddress(c, (w >>> 5) & 31)) return;
  if (!vaAligned(c, bytes)) return alignmentFault(c, ACC_READ);
  if (!c.load(bytes, singleIss(size, 1, w & 31) | ISS_AR)) return;
  c.x[WRITE_ZR[w & 31]!] = c.x[TMP1]!;
}

/** STLR (+B/H): an aligned store with the instruction syndrome and AR=1. */
export function storeRelease(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const size = w >>> 30;
  const bytes = 1 << size;
  if (!baseAddress(c, (w >>> 5) & 31)) return;
  if (!vaAligned(c, bytes)) return alignmentFault(c, ACC_WRITE);
  c.store(bytes, w & 31, singleIss(size, 0, w & 31) | ISS_AR);
}
