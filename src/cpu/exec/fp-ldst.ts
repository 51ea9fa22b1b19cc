// Loads and stores of SIMD&FP registers (ARM C4.1.88 with V = 1; C7.2 LDR/STR/LDUR/STUR/LDP/STP/LDNP/STNP
// (SIMD&FP)): B, H, S, D and Q registers. Each checks the FP/SIMD access traps first (AArch64.CheckFPAdvSIMDEnabled
// opens the pseudocode's execute section, before CheckSPAlignment). Memory is accessed through Cpu.load/store in
// pieces of at most 8 bytes: a Q register is two doubleword accesses at VA and VA + 8 — a 128-bit SIMD&FP access is
// single-copy atomic only per 64 bits (ARM B2.2.1) — as QEMU 7.2 does (do_fp_ld/do_fp_st: a load writes the register
// only after both halves, a store whose second half faults has written its first). No access carries an instruction
// syndrome: ESR_ELx.ISV is 0 for SIMD&FP registers (SRT names a general-purpose register; QEMU records none).
import { lowMask } from '../../arch/reg-fields.ts';
import { SR } from '../../arch/sysreg-table.ts';
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { addHalves, INSN, pcRelative, REG_SP, TMP0, TMP1 } from '../state.ts';
import { fpAccessTrapped } from './fpsimd.ts';
import { alignmentFault, spAlignmentFault, spMisaligned } from './ldst-access.ts';
import { imm9, registerOffsetAddress } from './ldst.ts';

const SCTLR_A = lowMask('SCTLR_EL1', 'A'); // SCTLR_ELx.A: alignment checking (same bit in SCTLR_EL2)

/** log2 of the register's bytes: size (bits 31:30), or 4 for Q (size 00 with opc<1> = bit 23 set). */
function scaleOf(w: number): number {
  return (w & (1 << 23)) !== 0 ? 4 : w >>> 30;
}

/**
 * AArch64.CheckAlignment for a Q register under SCTLR_ELx.A: the 16-byte access must be 16-byte aligned; its two
 * doubleword halves alone would check only 8 (QEMU: MO_ALIGN_16 on the first half when SCTLR.A is set).
 */
function quadMisaligned(c: Cpu): boolean {
  if ((c.u32[TMP0 * 2]! & 15) === 0) return false;
  return (c.sr32[(c.el === 2 ? SR.SCTLR_EL2 : SR.SCTLR_EL1) * 2]! & SCTLR_A) !== 0;
}

/** V[t] = the 1 << scale bytes at VA x[TMP0], zero-extended to 128 bits. False if an exception was taken (V[t] kept). */
export function vLoad(c: Cpu, t: number, scale: number): boolean {
  const v = c.v32;
  const u = c.u32;
  if (scale < 4) {
    if (!c.load(1 << scale)) return false;
    v[t * 4] = u[TMP1 * 2]!;
    v[t * 4 + 1] = u[TMP1 * 2 + 1]!;
    v[t * 4 + 2] = 0;
    v[t * 4 + 3] = 0;
    return true;
  }
  if (quadMisaligned(c)) {
    alignmentFault(c, ACC_READ);
    return false;
  }
  if (!c.load(8)) return false;
  const lo0 = u[TMP1 * 2]!;
  const lo1 = u[TMP1 * 2 + 1]!;
  addHalves(u, TMP0, TMP0, 8);
  const ok = c.load(8);
  addHalves(u, TMP0, TMP0, -8);
  if (!ok) return false;
  v[t * 4] = lo0;
  v[t * 4 + 1] = lo1;
  v[t * 4 + 2] = u[TMP1 * 2]!;
  v[t * 4 + 3] = u[TMP1 * 2 + 1]!;
  return true;
}

/** The low 1 << scale bytes of V[t] to VA x[TMP0]. False if an exception was taken. */
export function vStore(c: Cpu, t: number, scale: number): boolean {
  const v = c.v32;
  const u = c.u32;
  if (scale === 4 && quadMisaligned(c)) {
    alignmentFault(c, ACC_WRITE);
    return false;
  }
  u[TMP1 * 2] = v[t * 4]!;
  u[TMP1 * 2 + 1] = v[t * 4 + 1]!;
  if (!c.store(scale < 4 ? 1 << scale : 8, TMP1)) return false;
  if (scale < 4) return true;
  u[TMP1 * 2] = v[t * 4 + 2]!;
  u[TMP1 * 2 + 1] = v[t * 4 + 3]!;
  addHalves(u, TMP0, TMP0, 8);
  const ok = c.store(8, TMP1);
  addHalves(u, TMP0, TMP0, -8);
  return ok;
}

/** The access of a single-register form at VA x[TMP0]: L (bit 22) loads Rt, else stores it. */
function transferV(c: Cpu, w: number): boolean {
  return (w & (1 << 22)) !== 0 ? vLoad(c, w & 31, scaleOf(w)) : vStore(c, w & 31, scaleOf(w));
}

/** The checks every form with a base register makes first: the FP/SIMD traps, then the SP alignment check. */
function entryChecks(c: Cpu, w: number): boolean {
  if (fpAccessTrapped(c)) return false;
  if (((w >>> 5) & 31) === 31 && spMisaligned(c)) {
    spAlignmentFault(c); // AArch64.CheckSPAlignment
    return false;
  }
  return true;
}

/** LDR/STR (immediate, unsigned offset, SIMD&FP): offset = imm12 << scale. */
export function fpLdstUnsignedOffset(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (!entryChecks(c, w)) return;
  addHalves(c.u32, TMP0, REG_SP[(w >>> 5) & 31]!, ((w >>> 10) & 0xfff) << scaleOf(w));
  transferV(c, w);
}

/** LDUR/STUR (SIMD&FP): offset = imm9. */
export function fpLdstUnscaled(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (!entryChecks(c, w)) return;
  addHalves(c.u32, TMP0, REG_SP[(w >>> 5) & 31]!, imm9(w));
  transferV(c, w);
}

/** LDR/STR (immediate, post-index, SIMD&FP): access at Rn, then Rn += imm9 (not after an abort). */
export function fpLdstPostIndex(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (!entryChecks(c, w)) return;
  const n = REG_SP[(w >>> 5) & 31]!;
  c.x[TMP0] = c.x[n]!;
  if (transferV(c, w)) addHalves(c.u32, n, TMP0, imm9(w));
}

/** LDR/STR (immediate, pre-index, SIMD&FP): Rn + imm9 is accessed and written back (not after an abort). */
export function fpLdstPreIndex(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (!entryChecks(c, w)) return;
  const n = REG_SP[(w >>> 5) & 31]!;
  addHalves(c.u32, TMP0, n, imm9(w));
  if (transferV(c, w)) c.x[n] = c.x[TMP0]!;
}

/** LDR/STR (register, SIMD&FP): offset = ExtendReg(Rm, option, S ? scale : 0); option<1> = 0 is UNDEFINED (decode). */
export function fpLdstRegisterOffset(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if ((w & (2 << 13)) === 0) return undefinedInsn(c); // option<1> == '0': UNDEFINED, decided before execution
  if (!entryChecks(c, w)) return;
  registerOffsetAddress(c, w, scaleOf(w));
  transferV(c, w);
}

/** LDR (literal, SIMD&FP): opc 00 S, 01 D, 10 Q at this instruction + imm19 * 4. */
export function fpLdrLiteral(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  pcRelative(c.u32, TMP0, ((w << 8) >> 13) * 4);
  vLoad(c, w & 31, 2 + (w >>> 30));
}

/**
 * LDP/STP/LDNP/STNP (SIMD&FP): opc 00 S, 01 D, 10 Q; index 000 no-allocate, 001 post, 010 offset, 011 pre; offset
 * imm7 scaled by the register size. Two register accesses at VA and VA + size, each written as soon as it is loaded
 * (QEMU 7.2 disas_ldst_pair): LDP with Rt == Rt2 (CONSTRAINED UNPREDICTABLE) leaves Rt2's value, and a fault on the
 * second access leaves Rt loaded — the architecture makes the destinations UNKNOWN then — and Rn unchanged.
 */
export function fpLdstPair(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (!entryChecks(c, w)) return;
  const u = c.u32;
  const scale = 2 + (w >>> 30);
  const bytes = 1 << scale;
  const idx = (w >>> 23) & 3;
  const offset = ((w << 10) >> 25) * bytes; // imm7, sign-extended, scaled
  const n = REG_SP[(w >>> 5) & 31]!;
  const load = (w & (1 << 22)) !== 0;
  const t2 = (w >>> 10) & 31;
  addHalves(u, TMP0, n, idx === 1 ? 0 : offset); // post-index accesses the base as is
  if (!(load ? vLoad(c, w & 31, scale) : vStore(c, w & 31, scale))) return;
  addHalves(u, TMP0, TMP0, bytes);
  if (!(load ? vLoad(c, t2, scale) : vStore(c, t2, scale))) return;
  // writeback (idx 01 post, 11 pre): TMP0 is now VA + bytes
  if (idx === 1) addHalves(u, n, TMP0, offset - bytes);
  else if (idx === 3) addHalves(u, n, TMP0, -bytes);
}
