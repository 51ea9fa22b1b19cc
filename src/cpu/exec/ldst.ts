// Loads and stores of one general-purpose register (ARM C4.1.88 "Load/store register" classes, C6.2 LDR/STR…):
// unsigned offset, pre-/post-index, unscaled (LDUR/STUR), unprivileged (LDTR/STTR), register offset, literal,
// and the PRFM/PRFUM hints. The VA goes into slot TMP0 by typed-array BigInt arithmetic; the access and the
// extension into Rt happen in ldst-access.ts `transfer`. Writeback happens only after the access succeeded.
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { addHalves, INSN, pcRelative, REG_SP, TMP0, TMP2 } from '../state.ts';
import { singleIss, spAlignmentFault, spMisaligned, transfer } from './ldst-access.ts';
import { shift64, SHIFT_LSL } from './shifts.ts';

/** imm9 (bits 20:12), sign-extended. */
export function imm9(w: number): number {
  return (w << 11) >> 23;
}

/** LDR/STR… (immediate, unsigned offset): size 111 0 01 opc imm12 Rn Rt; offset = imm12 << size. */
export function ldstUnsignedOffset(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  ldstImmediate(c, w, ((w >>> 10) & 0xfff) << (w >>> 30), c.el);
}

/** LDUR/STUR… (unscaled immediate): size 111 0 00 opc 0 imm9 00 Rn Rt. */
export function ldstUnscaled(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  ldstImmediate(c, w, imm9(w), c.el);
}

/**
 * LDTR/STTR… (unprivileged): size 111 0 00 opc 0 imm9 10 Rn Rt. At EL1 the access is checked with EL0
 * permissions (AccType_UNPRIV); at EL0 and (non-VHE) EL2 it is an ordinary access.
 */
export function ldstUnprivileged(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  ldstImmediate(c, w, imm9(w), c.el === 1 ? 0 : c.el);
}

/** The access of a single-register immediate-offset form `w` at [Rn|SP + offset], with the permissions of `el`. */
function ldstImmediate(c: Cpu, w: number, offset: number, el: number): void {
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  const rn = (w >>> 5) & 31;
  if (rn === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  addHalves(c.u32, TMP0, REG_SP[rn]!, offset);
  transfer(c, w & 31, size, opc, singleIss(size, opc, w & 31), el);
}

/**
 * LDR/STR… (immediate, post-index): size 111 0 00 opc 0 imm9 01 Rn Rt. The writeback forms carry no
 * instruction syndrome (ISV=0; QEMU disas_ldst_reg_imm9 iss_valid = !writeback).
 * Rn == Rt with writeback (Rn != SP) is CONSTRAINED UNPREDICTABLE; as QEMU: a store writes the old Rt, a load
 * leaves Rn = the written-back address (the writeback comes last).
 */
export function ldstPostIndex(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  const rn = (w >>> 5) & 31;
  if (rn === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  const n = REG_SP[rn]!;
  x[TMP0] = x[n]!;
  if (!transfer(c, w & 31, size, opc, 0, c.el)) return; // an abort leaves Rn unchanged
  addHalves(c.u32, n, TMP0, imm9(w));
}

/** LDR/STR… (immediate, pre-index): size 111 0 00 opc 0 imm9 11 Rn Rt. Syndrome and Rn == Rt as post-index. */
export function ldstPreIndex(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  const rn = (w >>> 5) & 31;
  if (rn === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  const n = REG_SP[rn]!;
  addHalves(c.u32, TMP0, n, imm9(w));
  if (!transfer(c, w & 31, size, opc, 0, c.el)) return; // an abort leaves Rn unchanged
  x[n] = x[TMP0]!;
}

/**
 * LDR/STR… (register): size 111 0 00 opc 1 Rm option S 10 Rn Rt. Offset = ExtendReg(Rm, option, S ? size : 0)
 * with option 010 UXTW, 011 LSL/UXTX, 110 SXTW, 111 SXTX; option<1> = 0 is UNDEFINED.
 * The scaled offset is shifted on the 32-bit halves (shifts.ts), with no BigInt conversion per instruction.
 */
export function ldstRegisterOffset(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if ((w & (2 << 13)) === 0) return undefinedInsn(c); // option<1> == '0': UNDEFINED (sub-word index)
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  if (((w >>> 5) & 31) === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  registerOffsetAddress(c, w, size);
  transfer(c, w & 31, size, opc, singleIss(size, opc, w & 31), c.el);
}

/**
 * x[TMP0] = Rn|SP + ExtendReg(Rm, option, S ? scale : 0) for the register-offset forms (integer and SIMD&FP):
 * option 010 UXTW, 011 LSL/UXTX, 110 SXTW, 111 SXTX (the caller has refused option<1> = 0).
 */
export function registerOffsetAddress(c: Cpu, w: number, scale: number): void {
  const x = c.x;
  const option = (w >>> 13) & 7;
  const m = (w >>> 16) & 31; // Rm = 31 is XZR (slot 31 reads 0)
  if ((option & 1) === 0) {
    // UXTW (010) / SXTW (110): the low word of Rm, zero- or sign-extended
    const u = c.u32;
    u[TMP2 * 2] = u[m * 2]!;
    c.i32[TMP2 * 2 + 1] = (option & 4) !== 0 ? c.i32[m * 2]! >> 31 : 0;
  } else {
    x[TMP2] = x[m]!; // LSL/UXTX (011), SXTX (111): all 64 bits
  }
  if ((w & (1 << 12)) !== 0) shift64(c.u32, TMP2, TMP2, SHIFT_LSL, scale); // S=1: LSL #scale, on the halves
  x[TMP0] = x[REG_SP[(w >>> 5) & 31]!]! + x[TMP2]!;
}

/**
 * LDR (literal) W/X and LDRSW (literal): opc 011 0 00 imm19 Rt; address = this instruction + imm19 * 4.
 * opc 00 → 32-bit, 01 → 64-bit, 10 → LDRSW (opc 11 is PRFM, its own row).
 */
export function ldrLiteral(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const opc = w >>> 30;
  pcRelative(c.u32, TMP0, ((w << 8) >> 13) * 4);
  const size = opc === 1 ? 3 : 2;
  const ldOpc = opc === 2 ? 2 : 1; // LDRSW: sign-extend to 64 bits
  transfer(c, w & 31, size, ldOpc, singleIss(size, ldOpc, w & 31), c.el);
}

/** PRFM (immediate, literal) and PRFUM: prefetch hints, no architectural effect (no SP alignment check either). */
export function prefetch(_c: Cpu): void {}

/** PRFM (register): a hint, but the option<1> = 0 encodings are UNDEFINED as for every register-offset form. */
export function prefetchRegister(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if ((w & (2 << 13)) === 0) undefinedInsn(c); // option<1> == '0': UNDEFINED
}
