// Branches (ARM C4.1.87 "Branches, Exception Generating and System instructions": conditional branch
// (immediate), unconditional branch (immediate and register), compare and branch, test and branch): handlers.
// PC-relative targets through pcRelative (state.ts: the PC convention).
import { SR } from '../../arch/sysreg-table.ts';
import type { Cpu } from '../cpu.ts';
import { conditionHolds } from '../pstate.ts';
import { INSN, PC, pcRelative, TMP0 } from '../state.ts';

const LR = 30;

/**
 * PC ← X[slot] through AArch64.BranchAddr (ARM J1.3): when TBI applies to the address (AddrTop = 55) the tag byte
 * is replaced by the sign extension of bit 55 at EL0/EL1, by zeros at EL2 (not in host). The EL is PSTATE.EL after
 * the branch, so ERET calls this after changing EL.
 */
export function branchTo(c: Cpu, slot: number): void {
  const u = c.u32;
  const hi = u[slot * 2 + 1]!;
  c.x[PC] = c.x[slot]!;
  if (hi >>> 23 === 0) return; // bits 63:55 all zero: every AArch64.BranchAddr outcome is the address itself
  const b55 = (hi >>> 23) & 1;
  let tbi: number;
  // EffectiveTBI: TCR_EL2.TBI (bit 20) for EL2; TCR_EL1.TBI1 (bit 38) / TBI0 (bit 37) by address bit 55 for EL1&0
  if (c.el === 2) tbi = (c.sr32[SR.TCR_EL2 * 2]! >>> 20) & 1;
  else tbi = (c.sr32[SR.TCR_EL1 * 2 + 1]! >>> (b55 === 1 ? 6 : 5)) & 1;
  if (tbi === 0) return;
  u[PC * 2 + 1] = ((hi & 0x00ffffff) | (c.el !== 2 && b55 === 1 ? 0xff000000 : 0)) >>> 0;
}

/** B: 0 00101 imm26. Target = this instruction + SignExtend(imm26:'00'). */
export function b(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  pcRelative(c.u32, PC, ((w << 6) >> 4));
}

/** BL: 1 00101 imm26. X30 ← the next instruction's address. */
export function bl(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  x[LR] = x[PC]!;
  pcRelative(c.u32, PC, ((w << 6) >> 4));
}

/** B.cond: 0101010 0 imm19 0 cond. ConditionHolds(cond); AL and NV both always branch. */
export function bCond(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (conditionHolds(c, w & 15)) {
    pcRelative(c.u32, PC, ((w << 8) >> 13) * 4);
  }
}

/** CBZ/CBNZ: sf 011010 op imm19 Rt. op=0 branches if Rt is zero, op=1 if it is not; W form tests bits 31:0. */
export function cbz(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const t = (w & 31) * 2; // Rt=31 is XZR (slot 31 reads zero)
  const zero = (w & 0x80000000) !== 0 ? (u[t]! | u[t + 1]!) === 0 : u[t] === 0;
  if (zero !== ((w & 0x01000000) !== 0)) {
    pcRelative(c.u32, PC, ((w << 8) >> 13) * 4);
  }
}

/** TBZ/TBNZ: b5 011011 op b40 imm14 Rt. Tests bit b5:b40 of Rt (b5=0: the W form); op=0 branches if it is 0. */
export function tbz(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const t = (w & 31) * 2;
  const bit = ((w >>> 26) & 0x20) | ((w >>> 19) & 31);
  const v = bit < 32 ? (u[t]! >>> bit) & 1 : (u[t + 1]! >>> (bit - 32)) & 1;
  if (v === ((w >>> 24) & 1)) {
    pcRelative(c.u32, PC, ((w << 13) >> 18) * 4);
  }
}

/** BR and RET: 1101011 0000|0010 11111 000000 Rn 00000. PC ← Xn (Rn=31 reads XZR; RET's default Rn is 30). */
export function br(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  branchTo(c, (w >>> 5) & 31);
}

/** BLR: 1101011 0001 11111 000000 Rn 00000. The target is read before X30 is written (BLR X30 works). */
export function blr(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  x[TMP0] = x[(w >>> 5) & 31]!;
  x[LR] = x[PC]!;
  branchTo(c, TMP0);
}
