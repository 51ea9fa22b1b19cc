// Data processing — immediate (ARM C4.1.86 / C6.2): handlers. Field extraction is inline bit arithmetic;
// 64-bit results go straight into the BigUint64Array register file (no untruncated BigInt temporaries),
// 32-bit results through the Uint32Array view with the upper half cleared.
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import {
  addHalves, FLAG_A, FLAG_B, FLAG_KIND, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC32, FLAGS_LOGIC64, FLAGS_SUB32, FLAGS_SUB64, pcRelative, REG_SP,
  INSN, TMP2, WRITE_ZR,
} from '../state.ts';
import { BITMASK_TABLE, BITMASK_TABLE_U32, BITMASK_VALID, bitmaskIndex, VALID_IMM32, VALID_IMM64 } from '../../arch/a64/bitmask.ts';
import { onesHi, onesLo, POW2, shift64, SHIFT_ASR, SHIFT_LSR, SHIFT_ROR } from './shifts.ts';

/** ADD/ADDS/SUB/SUBS (immediate): sf op S 100010 sh imm12 Rn Rd. Rn is SP-capable; Rd is SP unless S=1. */
export function addSubImm(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const u = c.u32;
  const n = REG_SP[(w >>> 5) & 31]!;
  const sub = (w >>> 30) & 1;
  const setFlags = (w >>> 29) & 1;
  const d = setFlags ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const imm = (w & (1 << 22)) !== 0 ? ((w >>> 10) & 0xfff) * 4096 : (w >>> 10) & 0xfff; // sh=1: LSL #12
  if ((w & 0x80000000) !== 0) {
    // sf=1: 64-bit (w is an unsigned 32-bit number)
    if (setFlags) {
      x[FLAG_A] = x[n]!;
      u[FLAG_B * 2] = imm; // imm < 2^24: the high half is zero
      u[FLAG_B * 2 + 1] = 0;
      if (sub) x[FLAG_R] = x[FLAG_A]! - x[FLAG_B]!;
      else x[FLAG_R] = x[FLAG_A]! + x[FLAG_B]!;
      x[d] = x[FLAG_R]!;
      c.u32[FLAG_KIND * 2] = sub ? FLAGS_SUB64 : FLAGS_ADD64;
    } else {
      addHalves(u, d, n, sub ? -imm : imm);
    }
  } else {
    const a = u[n * 2]!;
    const r = (sub ? a - imm : a + imm) >>> 0;
    if (setFlags) {
      u[FLAG_A * 2] = a;
      u[FLAG_B * 2] = imm;
      u[FLAG_R * 2] = r;
      c.u32[FLAG_KIND * 2] = sub ? FLAGS_SUB32 : FLAGS_ADD32;
    }
    u[d * 2] = r;
    u[d * 2 + 1] = 0;
  }
}

/** AND/ORR/EOR/ANDS (immediate): sf opc 100100 N immr imms Rn Rd. Rd is SP-capable unless ANDS; Rn is ZR. */
export function logicalImm(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const idx = bitmaskIndex(w);
  const opc = (w >>> 29) & 3;
  const n = (w >>> 5) & 31;
  const d = opc === 3 ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  if ((w & 0x80000000) !== 0) {
    // DecodeBitMasks: no element size / reserved all-ones S is UNDEFINED
    if ((BITMASK_VALID[idx]! & VALID_IMM64) === 0) return undefinedInsn(c);
    const x = c.x;
    switch (opc) {
      case 0: x[d] = x[n]! & BITMASK_TABLE[idx]!; break;
      case 1: x[d] = x[n]! | BITMASK_TABLE[idx]!; break;
      case 2: x[d] = x[n]! ^ BITMASK_TABLE[idx]!; break;
      default:
        x[FLAG_R] = x[n]! & BITMASK_TABLE[idx]!;
        x[d] = x[FLAG_R]!;
        c.u32[FLAG_KIND * 2] = FLAGS_LOGIC64;
    }
  } else {
    // sf=0 with N=1 is UNDEFINED (VALID_IMM32 is only set for N=0)
    if ((BITMASK_VALID[idx]! & VALID_IMM32) === 0) return undefinedInsn(c);
    logical32(c, opc, c.u32[n * 2]!, BITMASK_TABLE_U32[idx * 2]!, d);
  }
}

/** The 32-bit AND/ORR/EOR/ANDS (opc 0–3) of `a` and `b` into slot `d`, zero-extended; ANDS sets the flags (lazily). */
export function logical32(c: Cpu, opc: number, a: number, b: number, d: number): void {
  const u = c.u32;
  let r: number;
  switch (opc) {
    case 0: r = a & b; break;
    case 1: r = a | b; break;
    case 2: r = a ^ b; break;
    default:
      r = a & b;
      u[FLAG_R * 2] = r;
      c.u32[FLAG_KIND * 2] = FLAGS_LOGIC32;
  }
  u[d * 2] = r;
  u[d * 2 + 1] = 0;
}

/** MOVN/MOVZ/MOVK: sf opc 100101 hw imm16 Rd (opc=01 is unallocated and has no row). */
export function moveWide(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const opc = (w >>> 29) & 3;
  const hw = (w >>> 21) & 3;
  const sf = (w & 0x80000000) !== 0;
  if (!sf && hw >= 2) return undefinedInsn(c); // 32-bit with hw<1> = 1 is UNDEFINED
  const d = WRITE_ZR[w & 31]!;
  const pos = (hw & 1) * 16; // bit position of imm16 within its 32-bit half
  const half = d * 2 + (hw >>> 1); // the half that holds imm16
  const imm = ((w >>> 5) & 0xffff) << pos;
  if (opc === 3) {
    // MOVK keeps the other bits of the register
    u[half] = (u[half]! & ~(0xffff << pos)) | imm;
    if (!sf) u[d * 2 + 1] = 0;
    return;
  }
  const fill = opc === 0 ? 0xffffffff : 0; // MOVN writes NOT(imm16 << shift)
  u[d * 2] = fill;
  u[d * 2 + 1] = sf ? fill : 0;
  u[half] = fill ^ imm;
}

/** ADR/ADRP: op immlo 10000 immhi Rd, relative to this instruction (pcRelative); the sums run on the 32-bit halves. */
export function adr(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const imm = (((w << 8) >> 11) & ~3) | ((w >>> 29) & 3); // SignExtend(immhi:immlo, 21)
  const d = WRITE_ZR[w & 31]!;
  if ((w & 0x80000000) === 0) return pcRelative(u, d, imm);
  // ADRP: (this instruction's address with bits 11:0 cleared) + imm * 4096, |imm * 4096| <= 2^32
  pcRelative(u, TMP2, 0);
  u[TMP2 * 2] = u[TMP2 * 2]! & 0xfffff000;
  addHalves(u, d, TMP2, imm * 4096);
}

/**
 * SBFM/BFM/UBFM: sf opc 100110 N immr imms Rn Rd (opc=11 has no row). Arm pseudocode: with (wmask, tmask) =
 * DecodeBitMasks(N, imms, immr, FALSE), bot = (dst AND NOT wmask) OR (ROR(src, R) AND wmask),
 * top = SBFM ? Replicate(src<S>) : dst, result = (top AND NOT tmask) OR (bot AND tmask); dst = 0 unless BFM.
 */
export function bitfield(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const opc = (w >>> 29) & 3;
  const r = (w >>> 16) & 63;
  const s = (w >>> 10) & 63;
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const nBit = (w >>> 22) & 1;
  if ((w & 0x80000000) !== 0) {
    if (nBit !== 1) return undefinedInsn(c); // sf=1 needs N=1
    if (opc === 2 && s + 1 === r) {
      c.x[d] = c.x[n]! * POW2[63 - s]!; // LSL #(63 - S) alias
      return;
    }
    if (opc !== 1 && s === 63) {
      shift64(u, d, n, opc === 0 ? SHIFT_ASR : SHIFT_LSR, r); // ASR/LSR #R aliases
      return;
    }
    shift64(u, TMP2, n, SHIFT_ROR, r);
    const idx = bitmaskIndex(w);
    const wl = BITMASK_TABLE_U32[idx * 2]!, wh = BITMASK_TABLE_U32[idx * 2 + 1]!;
    const t = ((s - r) & 63) + 1; // tmask = Ones(diff + 1)
    const tl = onesLo(t), th = onesHi(t);
    const dl = opc === 1 ? u[d * 2]! : 0, dh = opc === 1 ? u[d * 2 + 1]! : 0;
    let topL = dl, topH = dh;
    if (opc === 0) {
      const sign = s < 32 ? (u[n * 2]! >>> s) & 1 : (u[n * 2 + 1]! >>> (s - 32)) & 1;
      topL = topH = -sign; // Replicate(src<S>)
    }
    const botL = (dl & ~wl) | (u[TMP2 * 2]! & wl);
    const botH = (dh & ~wh) | (u[TMP2 * 2 + 1]! & wh);
    u[d * 2] = (topL & ~tl) | (botL & tl);
    u[d * 2 + 1] = (topH & ~th) | (botH & th);
  } else {
    if (nBit !== 0 || r >= 32 || s >= 32) return undefinedInsn(c); // sf=0 needs N=0, immr<5>=imms<5>=0
    const src = u[n * 2]!;
    const wm = BITMASK_TABLE_U32[bitmaskIndex(w) * 2]!;
    const t = ((s - r) & 31) + 1;
    const tm = t === 32 ? -1 : (1 << t) - 1;
    const dst = opc === 1 ? u[d * 2]! : 0;
    const top = opc === 0 ? -((src >>> s) & 1) : dst;
    const rot = r === 0 ? src : (src >>> r) | (src << (32 - r));
    const bot = (dst & ~wm) | (rot & wm);
    u[d * 2] = (top & ~tm) | (bot & tm);
    u[d * 2 + 1] = 0;
  }
}

/** EXTR: sf 00 100111 N 0 Rm imms Rn Rd — bits lsb.. of the concatenation Rn:Rm. */
export function extract(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const u = c.u32;
  const lsb = (w >>> 10) & 63;
  const m = (w >>> 16) & 31;
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const nBit = (w >>> 22) & 1;
  if ((w & 0x80000000) !== 0) {
    if (nBit !== 1) return undefinedInsn(c); // sf=1 needs N=1
    // the 128-bit value Rn:Rm as four words w0 (lowest) .. w3
    let w0 = u[m * 2]!, w1 = u[m * 2 + 1]!, w2 = u[n * 2]!;
    let k = lsb;
    if (k >= 32) {
      w0 = w1;
      w1 = w2;
      w2 = u[n * 2 + 1]!;
      k -= 32;
    }
    u[d * 2] = k === 0 ? w0 : (w0 >>> k) | (w1 << (32 - k));
    u[d * 2 + 1] = k === 0 ? w1 : (w1 >>> k) | (w2 << (32 - k));
  } else {
    if (nBit !== 0 || lsb >= 32) return undefinedInsn(c); // sf=0 needs N=0 and imms<5>=0
    const lo = u[m * 2]!;
    u[d * 2] = lsb === 0 ? lo : (lo >>> lsb) | (u[n * 2]! << (32 - lsb));
    u[d * 2 + 1] = 0;
  }
}
