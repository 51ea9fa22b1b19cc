// Data processing — register (ARM C4.1.88 / C6.2): handlers. ADD/SUB(S), the logical operations, ADC/SBC(S) and
// CCMP/CCMN work on the 32-bit halves of the register file: V8 lowers BigInt arithmetic on the BigUint64Array to int64
// only in straight stores, and a conditional expression of BigInts or a comparison of one of 2^63 or more allocates
// (Debian's kernel allocated ≈ 1 GB per 600 M instructions through them). The rest write 64-bit results straight
// into the BigUint64Array (LSLV as a multiply by POW2[k], other shifts on the halves, shifts.ts); 32-bit results go
// through the Uint32Array view with the upper half cleared. Rn/Rm = 31 read XZR (slot 31).
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { conditionHolds, readNzcv, writeNzcv } from '../pstate.ts';
import {
  FLAG_A, FLAG_B, FLAG_KIND, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC64, FLAGS_SUB32, FLAGS_SUB64, REG_SP,
  INSN, TMP0, TMP1, TMP2, WRITE_ZR,
} from '../state.ts';
import { logical32 } from './dp-imm.ts';
import { ONES64, POW2, shift32, shift64, SHIFT_LSL } from './shifts.ts';

/** ADD/ADDS/SUB/SUBS (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd. Rn and Rd are ZR. */
export function addSubShifted(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const type = (w >>> 22) & 3;
  if (type === 3) return undefinedInsn(c); // shift=11 is reserved
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const m = (w >>> 16) & 31;
  const k = (w >>> 10) & 63;
  if ((w & 0x80000000) !== 0) {
    // on the 32-bit halves: no BigInt, so nothing is allocated whatever V8's speculation on the register file's
    // BigInts (the kernel's ADDS/SUBS/CMP with a shift allocated ≈ 0.9 GB per 600 M instructions through BigInt)
    const u = c.u32;
    const b = k === 0 ? m : TMP2; // no shift (CMP, MOV-like forms): Rm itself
    if (k !== 0) shift64(u, TMP2, m, type, k); // ShiftReg(m, shift_type, imm6)
    addSub64(c, d, u[n * 2]!, u[n * 2 + 1]!, u[b * 2]!, u[b * 2 + 1]!, sub, setFlags);
  } else {
    if (k >= 32) return undefinedInsn(c); // sf=0 with imm6<5>=1 is UNDEFINED
    const u = c.u32;
    addSub32(c, d, u[n * 2]!, shift32(u[m * 2]!, type, k), sub, setFlags);
  }
}

/** The 64-bit tail of ADD/SUB(S) on halves: Xd = a ± b (AddWithCarry, ARM J1.1 shared), lazy NZCV when S=1. */
function addSub64(c: Cpu, d: number, al: number, ah: number, bl: number, bh: number, sub: boolean, setFlags: boolean): void {
  const u = c.u32;
  // the low words' sum or difference carries or borrows at most one into the high word; the stores wrap mod 2^32
  const lo = sub ? al - bl : al + bl;
  const hi = sub ? ah - bh - (lo < 0 ? 1 : 0) : ah + bh + (lo > 0xffff_ffff ? 1 : 0);
  if (setFlags) {
    u[FLAG_A * 2] = al;
    u[FLAG_A * 2 + 1] = ah;
    u[FLAG_B * 2] = bl;
    u[FLAG_B * 2 + 1] = bh;
    u[FLAG_R * 2] = lo;
    u[FLAG_R * 2 + 1] = hi;
    c.u32[FLAG_KIND * 2] = sub ? FLAGS_SUB64 : FLAGS_ADD64;
  }
  u[d * 2] = lo;
  u[d * 2 + 1] = hi;
}

/** The 32-bit tail of ADD/SUB(S): Wd = a ± b, recording lazy NZCV when S=1. */
function addSub32(c: Cpu, d: number, a: number, b: number, sub: boolean, setFlags: boolean): void {
  const u = c.u32;
  const r = (sub ? a - b : a + b) >>> 0;
  if (setFlags) {
    u[FLAG_A * 2] = a;
    u[FLAG_B * 2] = b;
    u[FLAG_R * 2] = r;
    c.u32[FLAG_KIND * 2] = sub ? FLAGS_SUB32 : FLAGS_ADD32;
  }
  u[d * 2] = r;
  u[d * 2 + 1] = 0;
}

/** ExtendReg's low word (ARM J1.1 aarch64/instrs/extendreg ExtendReg): UXTB/UXTH keep 8/16 bits, SXTB/SXTH
 *  sign-extend them; the W and X options leave the word as it is (as an int32). */
function extendLow(v: number, opt: number): number {
  switch (opt) {
    case 0: return v & 0xff;
    case 1: return v & 0xffff;
    case 4: return (v << 24) >> 24;
    case 5: return (v << 16) >> 16;
    default: return v | 0;
  }
}

/** ADD/ADDS/SUB/SUBS (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd. Rn|SP; Rd|SP unless S=1. */
export function addSubExtended(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const sh = (w >>> 10) & 7;
  if (sh > 4) return undefinedInsn(c); // LSL amounts above 4 are reserved
  const opt = (w >>> 13) & 7;
  const m = (w >>> 16) & 31;
  const n = REG_SP[(w >>> 5) & 31]!;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const d = setFlags ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  if ((w & 0x80000000) !== 0) {
    // ExtendReg(m, option, shift) on the halves: the low word extended, the high word Rm's (UXTX/SXTX), its sign
    // (SXTB/H/W) or zero, then LSL sh ≤ 4
    const u = c.u32;
    const ml = extendLow(u[m * 2]!, opt);
    const mh = (opt & 3) === 3 ? u[m * 2 + 1]! : opt >= 4 ? ml >> 31 : 0;
    const bl = ml << sh;
    const bh = sh === 0 ? mh : (mh << sh) | (ml >>> (32 - sh));
    addSub64(c, d, u[n * 2]!, u[n * 2 + 1]!, bl >>> 0, bh >>> 0, sub, setFlags);
  } else {
    const u = c.u32;
    const v = extendLow(u[m * 2]!, opt);
    addSub32(c, d, u[n * 2]!, (v << sh) >>> 0, sub, setFlags);
  }
}

/** AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd. */
export function logicalShifted(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const type = (w >>> 22) & 3;
  const opc = (w >>> 29) & 3;
  const invert = (w & 0x200000) !== 0; // N: NOT(operand2)
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const m = (w >>> 16) & 31;
  const k = (w >>> 10) & 63;
  if ((w & 0x80000000) !== 0) {
    // on the halves: ShiftReg into TMP2, NOT for the N forms, then the operation on each word (nothing allocated)
    const u = c.u32;
    const b = k === 0 ? m : TMP2; // no shift (MOV is ORR with XZR): Rm itself
    if (k !== 0) shift64(u, TMP2, m, type, k);
    const bl = invert ? ~u[b * 2]! : u[b * 2]!;
    const bh = invert ? ~u[b * 2 + 1]! : u[b * 2 + 1]!;
    const al = u[n * 2]!, ah = u[n * 2 + 1]!;
    const rl = opc === 1 ? al | bl : opc === 2 ? al ^ bl : al & bl;
    const rh = opc === 1 ? ah | bh : opc === 2 ? ah ^ bh : ah & bh;
    if (opc === 3) {
      u[FLAG_R * 2] = rl;
      u[FLAG_R * 2 + 1] = rh;
      c.u32[FLAG_KIND * 2] = FLAGS_LOGIC64;
    }
    u[d * 2] = rl;
    u[d * 2 + 1] = rh;
  } else {
    if (k >= 32) return undefinedInsn(c); // sf=0 with imm6<5>=1 is UNDEFINED
    const u = c.u32;
    const b = shift32(u[m * 2]!, type, k);
    logical32(c, opc, u[n * 2]!, invert ? ~b : b, d);
  }
}

/**
 * ADC/ADCS/SBC/SBCS: sf op S 11010000 Rm 000000 Rn Rd. AddWithCarry(Rn, op ? NOT(Rm) : Rm, PSTATE.C); flags are
 * computed eagerly because the carry-in makes the lazy ADD kinds inexact.
 */
export function addSubCarry(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const cin = (readNzcv(c) >>> 29) & 1;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const u = c.u32;
  if ((w & 0x80000000) !== 0) {
    // on the halves: the low words' sum carries into the high words', whose sum carries out (nothing allocated)
    const al = u[n * 2]!, ah = u[n * 2 + 1]!;
    const bl = sub ? ~u[m * 2]! >>> 0 : u[m * 2]!, bh = sub ? ~u[m * 2 + 1]! >>> 0 : u[m * 2 + 1]!;
    const lo = al + bl + cin; // exact in a double: at most 2^33 - 1
    const hi = ah + bh + (lo > 0xffffffff ? 1 : 0);
    const rl = lo >>> 0, rh = hi >>> 0;
    if (setFlags) writeNzcv(c, nzcvBits(rh >>> 31, (rl | rh) === 0, hi > 0xffffffff, (~(ah ^ bh) & (ah ^ rh)) >>> 31));
    u[d * 2] = rl;
    u[d * 2 + 1] = rh;
  } else {
    const a = u[n * 2]!;
    const b = sub ? ~u[m * 2]! >>> 0 : u[m * 2]!;
    const sum = a + b + cin; // exact in a double: at most 2^33 - 1
    const r = sum >>> 0;
    if (setFlags) writeNzcv(c, nzcvBits(r >>> 31, r === 0, sum > 0xffffffff, (~(a ^ b) & (a ^ r)) >>> 31));
    u[d * 2] = r;
    u[d * 2 + 1] = 0;
  }
}

/** NZCV in bits 31:28 from its four flags. */
export function nzcvBits(n: number, z: boolean, cy: boolean, v: number): number {
  return ((n << 31) | (z ? 1 << 30 : 0) | (cy ? 1 << 29 : 0) | (v << 28)) >>> 0;
}

/**
 * CCMN/CCMP (register and immediate): sf op 1 11010010 Rm|imm5 cond x 0 Rn 0 nzcv. If ConditionHolds(cond) the
 * flags are those of Rn + op2 (CCMN) or Rn - op2 (CCMP), recorded lazily; otherwise NZCV = the nzcv field.
 */
export function condCompare(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (!conditionHolds(c, (w >>> 12) & 15)) {
    writeNzcv(c, (w & 15) << 28);
    return;
  }
  const sub = (w & 0x40000000) !== 0;
  const n = (w >>> 5) & 31;
  const field = (w >>> 16) & 31; // Rm, or imm5 when bit 11 is set
  const isImm = (w & 0x800) !== 0;
  if ((w & 0x80000000) !== 0) {
    // on the halves (imm5 zero-extended), the result discarded: the lazy flags are its only output
    const u = c.u32;
    addSub64(c, WRITE_ZR[31]!, u[n * 2]!, u[n * 2 + 1]!, isImm ? field : u[field * 2]!, isImm ? 0 : u[field * 2 + 1]!, sub, true);
  } else {
    const u = c.u32;
    const a = u[n * 2]!;
    const b = isImm ? field : u[field * 2]!;
    u[FLAG_A * 2] = a;
    u[FLAG_B * 2] = b;
    u[FLAG_R * 2] = sub ? a - b : a + b;
    c.u32[FLAG_KIND * 2] = sub ? FLAGS_SUB32 : FLAGS_ADD32;
  }
}

/** CSEL/CSINC/CSINV/CSNEG: sf op 0 11010100 Rm cond 0 o2 Rn Rd. Rd = cond ? Rn : f(Rm), f by op:o2. */
export function condSelect(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const d = WRITE_ZR[w & 31]!;
  const take = conditionHolds(c, (w >>> 12) & 15);
  const src = take ? (w >>> 5) & 31 : (w >>> 16) & 31;
  const f = take ? 0 : ((w >>> 29) & 2) | ((w >>> 10) & 1); // 0 CSEL, 1 CSINC, 2 CSINV, 3 CSNEG
  if ((w & 0x80000000) !== 0) {
    const x = c.x;
    switch (f) {
      case 0: x[d] = x[src]!; break;
      case 1: x[d] = x[src]! + 1n; break;
      case 2: x[d] = x[src]! ^ ONES64; break;
      default: x[d] = 0n - x[src]!;
    }
  } else {
    const u = c.u32;
    const v = u[src * 2]!;
    u[d * 2] = f === 0 ? v : f === 1 ? v + 1 : f === 2 ? ~v : -v;
    u[d * 2 + 1] = 0;
  }
}

/** MADD/MSUB: sf 00 11011 000 Rm o0 Ra Rn Rd. Rd = Ra ± Rn * Rm. */
export function mulAdd(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const a = (w >>> 10) & 31;
  const d = WRITE_ZR[w & 31]!;
  const sub = (w & 0x8000) !== 0;
  if ((w & 0x80000000) !== 0) {
    const x = c.x;
    if (sub) x[d] = x[a]! - x[n]! * x[m]!;
    else x[d] = x[a]! + x[n]! * x[m]!;
  } else {
    const u = c.u32;
    const p = Math.imul(u[n * 2]!, u[m * 2]!);
    u[d * 2] = sub ? u[a * 2]! - p : u[a * 2]! + p;
    u[d * 2 + 1] = 0;
  }
}

/** SMADDL/SMSUBL/UMADDL/UMSUBL: 1 00 11011 U 01 Rm o0 Ra Rn Rd. Xd = Xa ± Wn * Wm (64-bit product). */
export function mulAddLong(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const x = c.x;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const a = (w >>> 10) & 31;
  const d = WRITE_ZR[w & 31]!;
  const signed = (w & 0x800000) === 0; // U bit (23)
  // the operands extended to 64 bits in TMP0/TMP1; their product modulo 2^64 is exact
  u[TMP0 * 2] = u[n * 2]!;
  u[TMP0 * 2 + 1] = signed ? (u[n * 2]! | 0) >> 31 : 0;
  u[TMP1 * 2] = u[m * 2]!;
  u[TMP1 * 2 + 1] = signed ? (u[m * 2]! | 0) >> 31 : 0;
  if ((w & 0x8000) !== 0) x[d] = x[a]! - x[TMP0]! * x[TMP1]!;
  else x[d] = x[a]! + x[TMP0]! * x[TMP1]!;
}

/** SMULH/UMULH: 1 00 11011 U 10 Rm 0 11111 Rn Rd. The high 64 bits of the 128-bit product (mulHigh64). */
export function mulHigh(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  mulHigh64(c.u32, WRITE_ZR[w & 31]!, (w >>> 5) & 31, (w >>> 16) & 31, (w & 0x800000) === 0);
}

/**
 * Slot d = bits 127:64 of slot n × slot m, unsigned (UMULH) or signed (SMULH), on the 32-bit halves: a 128-bit BigInt
 * product allocates at every call. The unsigned product is the schoolbook one of 16-bit limbs (each partial product
 * < 2^32, a column's sum < 2^35: exact in a double); the signed high half is the unsigned one minus Rm when Rn < 0 and
 * minus Rn when Rm < 0, modulo 2^64 (a negative operand v is read unsigned as v + 2^64).
 */
export function mulHigh64(u: Uint32Array, d: number, n: number, m: number, signed: boolean): void {
  const al = u[n * 2]!, ah = u[n * 2 + 1]!, bl = u[m * 2]!, bh = u[m * 2 + 1]!;
  const a0 = al & 0xffff, a1 = al >>> 16, a2 = ah & 0xffff, a3 = ah >>> 16;
  const b0 = bl & 0xffff, b1 = bl >>> 16, b2 = bh & 0xffff, b3 = bh >>> 16;
  let t = Math.floor((a0 * b0) / 0x10000) + a0 * b1 + a1 * b0; // columns 1..7 (2^16 each), carries down from 0
  t = Math.floor(t / 0x10000) + a0 * b2 + a1 * b1 + a2 * b0;
  t = Math.floor(t / 0x10000) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  t = Math.floor(t / 0x10000) + a1 * b3 + a2 * b2 + a3 * b1;
  const r4 = t % 0x10000;
  t = Math.floor(t / 0x10000) + a2 * b3 + a3 * b2;
  const r5 = t % 0x10000;
  t = Math.floor(t / 0x10000) + a3 * b3;
  let lo = r4 + r5 * 0x10000; // bits 95:64
  let hi = t; // bits 127:96 (< 2^32)
  if (signed) {
    if (ah >>> 31 !== 0) { lo -= bl; hi -= bh; } // Rn < 0: minus Rm
    if (bh >>> 31 !== 0) { lo -= al; hi -= ah; } // Rm < 0: minus Rn
    hi += Math.floor(lo / 0x1_0000_0000); // the borrows out of the low word (lo ≥ -2^33)
  }
  u[d * 2] = lo; // the Uint32Array stores take both modulo 2^32
  u[d * 2 + 1] = hi;
}

/**
 * UDIV/SDIV/LSLV/LSRV/ASRV/RORV: sf 0 0 11010110 Rm opcode Rn Rd. Division rounds toward zero; a zero divisor
 * gives 0 and INT_MIN / -1 gives INT_MIN (no exception in A64). Shift counts are Rm MOD datasize.
 */
export function dataProc2(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  const opcode = (w >>> 10) & 63;
  const sf = (w & 0x80000000) !== 0;
  if (opcode >= 8) {
    const type = opcode & 3; // LSLV/LSRV/ASRV/RORV use the ShiftType encoding
    if (sf) {
      const k = u[m * 2]! & 63;
      if (type === SHIFT_LSL) c.x[d] = c.x[n]! * POW2[k]!;
      else shift64(u, d, n, type, k);
    } else {
      u[d * 2] = shift32(u[n * 2]!, type, u[m * 2]! & 31);
      u[d * 2 + 1] = 0;
    }
    return;
  }
  const signed = (opcode & 1) !== 0;
  if (sf) {
    divide64(u, c.x, d, n, m, signed);
  } else {
    const b = u[m * 2]!;
    // a double quotient of 32-bit integers truncates exactly; ToInt32 wraps INT_MIN / -1 back to INT_MIN
    if (b === 0) u[d * 2] = 0;
    else if (signed) u[d * 2] = ((u[n * 2]! | 0) / (b | 0)) | 0;
    else u[d * 2] = u[n * 2]! / b;
    u[d * 2 + 1] = 0;
  }
}

/**
 * 64-bit UDIV/SDIV of slots n and m into slot d (the handler's and the translator's one source): a zero divisor gives 0,
 * INT64_MIN / -1 gives INT64_MIN, the quotient rounds toward zero. Unsigned operands below 2^32 divide as doubles; the
 * rest in BigInt (which allocates: wide operands are the rare case).
 */
export function divide64(u: Uint32Array, x: BigUint64Array, d: number, n: number, m: number, signed: boolean): void {
  // the zero test on the halves: comparing a BigInt of 2^63 or more is not lowered by V8 and allocates
  if ((u[m * 2]! | u[m * 2 + 1]!) === 0) x[d] = 0n;
  else if (!signed && (u[n * 2 + 1]! | u[m * 2 + 1]!) === 0) {
    u[d * 2] = u[n * 2]! / u[m * 2]!; // 32-bit operands: a double quotient truncated by the store is exact
    u[d * 2 + 1] = 0;
  }
  else if (signed) x[d] = BigInt.asIntN(64, x[n]!) / BigInt.asIntN(64, x[m]!); // 2^63 wraps to INT_MIN
  else x[d] = x[n]! / x[m]!;
}

/** RBIT/REV16/REV32/REV/CLZ/CLS: sf 1 0 11010110 00000 opcode Rn Rd. */
export function dataProc1(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const opcode = (w >>> 10) & 63;
  const lo = u[n * 2]!;
  if ((w & 0x80000000) === 0) {
    u[d * 2] = op32(opcode, lo);
    u[d * 2 + 1] = 0;
    return;
  }
  const hi = u[n * 2 + 1]!;
  let rl: number, rh: number;
  switch (opcode) {
    case 0: rl = bitReverse32(hi); rh = bitReverse32(lo); break; // RBIT: reverse each half and swap
    case 1: rl = rev16(lo); rh = rev16(hi); break; // REV16: bytes within each halfword
    case 2: rl = byteSwap32(lo); rh = byteSwap32(hi); break; // REV32: bytes within each word
    case 3: rl = byteSwap32(hi); rh = byteSwap32(lo); break; // REV: all eight bytes
    case 4: rl = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo); rh = 0; break; // CLZ
    default: {
      // CLS = CountLeadingZeroBits(x<63:1> EOR x<62:0>) = CLZ64((x EOR (x << 1)) OR 1)
      const yh = hi ^ ((hi << 1) | (lo >>> 31));
      const yl = (lo ^ (lo << 1)) | 1;
      rl = yh !== 0 ? Math.clz32(yh) : 32 + Math.clz32(yl);
      rh = 0;
    }
  }
  u[d * 2] = rl;
  u[d * 2 + 1] = rh;
}

/** The 32-bit forms of the one-source operations (opcode 2 is REV of a W register; 3 has no 32-bit row). */
export function op32(opcode: number, v: number): number {
  switch (opcode) {
    case 0: return bitReverse32(v);
    case 1: return rev16(v);
    case 2: return byteSwap32(v);
    case 4: return Math.clz32(v);
    default: return Math.clz32((v ^ (v << 1)) | 1); // CLS
  }
}

export function byteSwap32(v: number): number {
  return ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24)) >>> 0;
}

export function rev16(v: number): number {
  return (((v >>> 8) & 0x00ff00ff) | ((v << 8) & 0xff00ff00)) >>> 0;
}

export function bitReverse32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  return byteSwap32(v);
}

/** A reflected CRC table, one step per byte (the bit-serial Poly32Mod2 of the Arm pseudocode, byte at a time). */
function crcTable(reflectedPoly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    let v = b;
    for (let i = 0; i < 8; i++) v = v & 1 ? (v >>> 1) ^ reflectedPoly : v >>> 1;
    t[b] = v;
  }
  return t;
}
// made at the first CRC32/CRC32C instruction, not at every start (≈ 1.5 ms of interpreted JavaScript)
let crc32Table: Uint32Array | null = null; // 0x04C11DB7 bit-reversed
let crc32cTable: Uint32Array | null = null; // 0x1EDC6F41 bit-reversed

/**
 * CRC32B/H/W/X and CRC32CB/CH/CW/CX (FEAT_CRC32, advertised by ID_AA64ISAR0_EL1.CRC32 on Cortex-A57):
 * sf 0 0 11010110 Rm 010 C sz Rn Rd. Wd = CRC of Wn updated with the low 8 << sz bits of Rm, no inversions.
 */
export function crc32(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  crc32Update(c.u32, WRITE_ZR[w & 31]!, (w >>> 5) & 31, (w >>> 16) & 31, 1 << ((w >>> 10) & 3), (w & 0x1000) !== 0);
}

/** Slot d (a W register) = the CRC-32 (or CRC-32C: `castagnoli`) of slot n's low word updated with the low `bytes` bytes
 *  of slot m, lowest first (the handler's and the translator's one source). */
export function crc32Update(u: Uint32Array, d: number, n: number, m: number, bytes: number, castagnoli: boolean): void {
  const table = castagnoli ? (crc32cTable ??= crcTable(0x82f63b78)) : (crc32Table ??= crcTable(0xedb88320));
  let crc = u[n * 2]!;
  for (let i = 0; i < bytes; i++) {
    const word = i < 4 ? u[m * 2]! : u[m * 2 + 1]!;
    crc = (crc >>> 8) ^ table[(crc ^ (word >>> ((i & 3) * 8))) & 0xff]!;
  }
  u[d * 2] = crc;
  u[d * 2 + 1] = 0;
}
