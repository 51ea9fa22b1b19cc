// Data processing — immediate (ARM C4.1.86 / C6.2): handlers. Field extraction is inline bit arithmetic;
// 64-bit results go straight into the BigUint64Array register file (no untruncated BigInt temporaries),
// 32-bit results through the Uint32Array view with the upper half cleared.
import type { Cpu } from '../cpu.ts';
import { FLAG_A, FLAG_B, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_SUB32, FLAGS_SUB64, REG_SP, WRITE_ZR } from '../state.ts';

/** ADD/ADDS/SUB/SUBS (immediate): sf op S 100010 sh imm12 Rn Rd. Rn is SP-capable; Rd is SP unless S=1. */
export function addSubImm(c: Cpu, w: number): void {
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
      x[FLAG_B] = BigInt(imm);
      if (sub) x[FLAG_R] = x[FLAG_A]! - x[FLAG_B]!;
      else x[FLAG_R] = x[FLAG_A]! + x[FLAG_B]!;
      x[d] = x[FLAG_R]!;
      c.flagKind = sub ? FLAGS_SUB64 : FLAGS_ADD64;
    } else if (sub) {
      x[d] = x[n]! - BigInt(imm);
    } else {
      x[d] = x[n]! + BigInt(imm);
    }
  } else {
    const a = u[n * 2]!;
    const r = (sub ? a - imm : a + imm) >>> 0;
    if (setFlags) {
      u[FLAG_A * 2] = a;
      u[FLAG_B * 2] = imm;
      u[FLAG_R * 2] = r;
      c.flagKind = sub ? FLAGS_SUB32 : FLAGS_ADD32;
    }
    u[d * 2] = r;
    u[d * 2 + 1] = 0;
  }
}
