// Data processing — register (ARM C4.1.88 / C6.2): handlers. 64-bit results go straight into the BigUint64Array
// register file; LSL is a multiply by POW2[k] and other 64-bit shifts use the 32-bit halves (shifts.ts);
// 32-bit results go through the Uint32Array view with the upper half cleared. Rn/Rm = 31 read XZR (slot 31).
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { conditionHolds, readNzcv, writeNzcv } from '../pstate.ts';
import {
  FLAG_A, FLAG_B, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC64, FLAGS_SUB32, FLAGS_SUB64, REG_SP,
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
  let m = (w >>> 16) & 31;
  let k = (w >>> 10) & 63;
  if ((w & 0x80000000) !== 0) {
    const x = c.x;
    if (type !== SHIFT_LSL) {
      shift64(c.u32, TMP2, m, type, k);
      m = TMP2;
      k = 0;
    }
    if (!setFlags) {
      // k = 0 (no shift, or a shift already applied into TMP2) is the common case: skip the multiply
      if (k === 0) {
        if (sub) x[d] = x[n]! - x[m]!;
        else x[d] = x[n]! + x[m]!;
      } else if (sub) x[d] = x[n]! - x[m]! * POW2[k]!;
      else x[d] = x[n]! + x[m]! * POW2[k]!;
      return;
    }
    x[FLAG_A] = x[n]!;
    x[FLAG_B] = k === 0 ? x[m]! : x[m]! * POW2[k]!;
    x[FLAG_R] = sub ? x[FLAG_A]! - x[FLAG_B]! : x[FLAG_A]! + x[FLAG_B]!;
    x[d] = x[FLAG_R]!;
    c.flagKind = sub ? FLAGS_SUB64 : FLAGS_ADD64;
  } else {
    if (k >= 32) return undefinedInsn(c); // sf=0 with imm6<5>=1 is UNDEFINED
    const u = c.u32;
    addSub32(c, d, u[n * 2]!, shift32(u[m * 2]!, type, k), sub, setFlags);
  }
}

/** The 32-bit tail of ADD/SUB(S): Wd = a ± b, recording lazy NZCV when S=1. */
function addSub32(c: Cpu, d: number, a: number, b: number, sub: boolean, setFlags: boolean): void {
  const u = c.u32;
  const r = (sub ? a - b : a + b) >>> 0;
  if (setFlags) {
    u[FLAG_A * 2] = a;
    u[FLAG_B * 2] = b;
    u[FLAG_R * 2] = r;
    c.flagKind = sub ? FLAGS_SUB32 : FLAGS_ADD32;
  }
  u[d * 2] = r;
  u[d * 2 + 1] = 0;
}

// ExtendReg (ARM J1.1 aarch64/instrs/extendreg ExtendReg) for option UXTB..SXTX: ((v AND mask) XOR sign) - sign
// sign-extends from the bit `sign` marks, using only operations V8 lowers to int64.
const EXT_MASK = new BigUint64Array([0xffn, 0xffffn, 0xffff_ffffn, ONES64, 0xffn, 0xffffn, 0xffff_ffffn, ONES64]);
const EXT_SIGN = new BigUint64Array([0n, 0n, 0n, 0n, 0x80n, 0x8000n, 0x8000_0000n, 0n]);

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
    const x = c.x;
    // the operand goes to TMP2, not FLAG_B: without S the lazy flags of an earlier instruction must survive
    x[TMP2] = (((x[m]! & EXT_MASK[opt]!) ^ EXT_SIGN[opt]!) - EXT_SIGN[opt]!) * POW2[sh]!;
    if (setFlags) {
      x[FLAG_A] = x[n]!;
      x[FLAG_B] = x[TMP2]!;
      x[FLAG_R] = sub ? x[FLAG_A]! - x[FLAG_B]! : x[FLAG_A]! + x[FLAG_B]!;
      x[d] = x[FLAG_R]!;
      c.flagKind = sub ? FLAGS_SUB64 : FLAGS_ADD64;
    } else if (sub) x[d] = x[n]! - x[TMP2]!;
    else x[d] = x[n]! + x[TMP2]!;
  } else {
    const u = c.u32;
    let v = u[m * 2]!;
    if ((opt & 3) === 0) v = opt === 0 ? v & 0xff : (v << 24) >> 24; // UXTB / SXTB
    else if ((opt & 3) === 1) v = opt === 1 ? v & 0xffff : (v << 16) >> 16; // UXTH / SXTH
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
  let m = (w >>> 16) & 31;
  let k = (w >>> 10) & 63;
  if ((w & 0x80000000) !== 0) {
    const x = c.x;
    if (type !== SHIFT_LSL) {
      shift64(c.u32, TMP2, m, type, k);
      m = TMP2;
      k = 0;
    }
    if (invert) {
      x[TMP2] = (x[m]! * POW2[k]!) ^ ONES64;
      m = TMP2;
      k = 0;
    }
    if (k !== 0) {
      x[TMP2] = x[m]! * POW2[k]!; // LSL #k, truncated by the store
      m = TMP2;
    }
    switch (opc) {
      case 0: x[d] = x[n]! & x[m]!; break;
      case 1: x[d] = x[n]! | x[m]!; break;
      case 2: x[d] = x[n]! ^ x[m]!; break;
      default:
        x[FLAG_R] = x[n]! & x[m]!;
        x[d] = x[FLAG_R]!;
        c.flagKind = FLAGS_LOGIC64;
    }
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
    const x = c.x;
    // operands and sum in TMP0..TMP2 (the FLAG_* slots may still hold an earlier instruction's lazy flags)
    x[TMP0] = x[n]!;
    x[TMP1] = sub ? x[m]! ^ ONES64 : x[m]!;
    x[TMP2] = x[TMP0]! + x[TMP1]! + (cin === 1 ? 1n : 0n);
    if (setFlags) {
      const carry = cin === 1 ? x[TMP2]! <= x[TMP0]! : x[TMP2]! < x[TMP0]!; // the 64-bit sum wrapped
      const ha = u[TMP0 * 2 + 1]!, hb = u[TMP1 * 2 + 1]!, hr = u[TMP2 * 2 + 1]!;
      const zero = (u[TMP2 * 2]! | hr) === 0;
      writeNzcv(c, nzcvBits(hr >>> 31, zero, carry, (~(ha ^ hb) & (ha ^ hr)) >>> 31));
    }
    x[d] = x[TMP2]!;
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
function nzcvBits(n: number, z: boolean, cy: boolean, v: number): number {
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
    const x = c.x;
    x[FLAG_A] = x[n]!;
    if (isImm) {
      c.u32[FLAG_B * 2] = field; // imm5, zero-extended: no BigInt conversion per instruction
      c.u32[FLAG_B * 2 + 1] = 0;
    } else x[FLAG_B] = x[field]!;
    x[FLAG_R] = sub ? x[FLAG_A]! - x[FLAG_B]! : x[FLAG_A]! + x[FLAG_B]!;
    c.flagKind = sub ? FLAGS_SUB64 : FLAGS_ADD64;
  } else {
    const u = c.u32;
    const a = u[n * 2]!;
    const b = isImm ? field : u[field * 2]!;
    u[FLAG_A * 2] = a;
    u[FLAG_B * 2] = b;
    u[FLAG_R * 2] = sub ? a - b : a + b;
    c.flagKind = sub ? FLAGS_SUB32 : FLAGS_ADD32;
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

/** SMULH/UMULH: 1 00 11011 U 10 Rm 0 11111 Rn Rd. The high 64 bits of the 128-bit product (BigInt math: rare). */
export function mulHigh(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  if ((w & 0x800000) !== 0) x[d] = (x[n]! * x[m]!) >> 64n;
  else x[d] = (BigInt.asIntN(64, x[n]!) * BigInt.asIntN(64, x[m]!)) >> 64n; // the store wraps a negative high half
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
    const x = c.x;
    if (x[m] === 0n) x[d] = 0n;
    else if (signed) x[d] = BigInt.asIntN(64, x[n]!) / BigInt.asIntN(64, x[m]!); // 2^63 wraps to INT_MIN
    else x[d] = x[n]! / x[m]!;
  } else {
    const b = u[m * 2]!;
    // a double quotient of 32-bit integers truncates exactly; ToInt32 wraps INT_MIN / -1 back to INT_MIN
    if (b === 0) u[d * 2] = 0;
    else if (signed) u[d * 2] = ((u[n * 2]! | 0) / (b | 0)) | 0;
    else u[d * 2] = u[n * 2]! / b;
    u[d * 2 + 1] = 0;
  }
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
function op32(opcode: number, v: number): number {
  switch (opcode) {
    case 0: return bitReverse32(v);
    case 1: return rev16(v);
    case 2: return byteSwap32(v);
    case 4: return Math.clz32(v);
    default: return Math.clz32((v ^ (v << 1)) | 1); // CLS
  }
}

function byteSwap32(v: number): number {
  return ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24)) >>> 0;
}

function rev16(v: number): number {
  return (((v >>> 8) & 0x00ff00ff) | ((v << 8) & 0xff00ff00)) >>> 0;
}

function bitReverse32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  return byteSwap32(v);
}

/** Reflected CRC tables, one step per byte (the bit-serial Poly32Mod2 of the Arm pseudocode, byte at a time). */
function crcTable(reflectedPoly: number): Uint32Array {
  return new Uint32Array(256).map((_, b) => {
    let v = b;
    for (let i = 0; i < 8; i++) v = v & 1 ? (v >>> 1) ^ reflectedPoly : v >>> 1;
    return v >>> 0;
  });
}
const CRC32_TABLE = crcTable(0xedb88320); // 0x04C11DB7 bit-reversed
const CRC32C_TABLE = crcTable(0x82f63b78); // 0x1EDC6F41 bit-reversed

/**
 * CRC32B/H/W/X and CRC32CB/CH/CW/CX (FEAT_CRC32, advertised by ID_AA64ISAR0_EL1.CRC32 on Cortex-A57):
 * sf 0 0 11010110 Rm 010 C sz Rn Rd. Wd = CRC of Wn updated with the low 8 << sz bits of Rm, no inversions.
 */
export function crc32(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const table = (w & 0x1000) !== 0 ? CRC32C_TABLE : CRC32_TABLE;
  const bytes = 1 << ((w >>> 10) & 3);
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  let crc = u[((w >>> 5) & 31) * 2]!;
  for (let i = 0; i < bytes; i++) {
    const word = i < 4 ? u[m * 2]! : u[m * 2 + 1]!;
    crc = (crc >>> 8) ^ table[(crc ^ (word >>> ((i & 3) * 8))) & 0xff]!;
  }
  u[d * 2] = crc;
  u[d * 2 + 1] = 0;
}
