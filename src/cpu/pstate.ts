// PSTATE packing and lazy NZCV (ARM §D1.4; SPSR layout ARCH-NOTES §13).
import {
  FLAG_A, FLAG_B, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC32, FLAGS_LOGIC64, FLAGS_NZCV, FLAGS_SUB32,
  FLAGS_SUB64, type CpuState,
} from './state.ts';

/** NZCV in bits 31:28, computing lazily recorded flags (FLAGS_*) on demand. */
export function readNzcv(c: CpuState): number {
  const x = c.x;
  switch (c.flagKind) {
    case FLAGS_NZCV:
      return c.nzcv;
    case FLAGS_ADD64: {
      const a = x[FLAG_A]!, b = x[FLAG_B]!, r = x[FLAG_R]!;
      const n = r >> 63n === 1n ? 8 : 0;
      const z = r === 0n ? 4 : 0;
      const cy = r < a ? 2 : 0; // unsigned carry out: the truncated sum wrapped
      const v = ((~(a ^ b) & (a ^ r)) >> 63n) & 1n ? 1 : 0; // same-sign operands, different-sign result
      return ((n | z | cy | v) << 28) >>> 0;
    }
    case FLAGS_SUB64: {
      const a = x[FLAG_A]!, b = x[FLAG_B]!, r = x[FLAG_R]!;
      const n = r >> 63n === 1n ? 8 : 0;
      const z = r === 0n ? 4 : 0;
      const cy = a >= b ? 2 : 0; // C = NOT borrow
      const v = (((a ^ b) & (a ^ r)) >> 63n) & 1n ? 1 : 0;
      return ((n | z | cy | v) << 28) >>> 0;
    }
    case FLAGS_ADD32: {
      const u = c.u32, a = u[FLAG_A * 2]!, b = u[FLAG_B * 2]!, r = u[FLAG_R * 2]!;
      const n = r >>> 31 ? 8 : 0;
      const z = r === 0 ? 4 : 0;
      const cy = r < a ? 2 : 0;
      const v = (~(a ^ b) & (a ^ r)) >>> 31 ? 1 : 0;
      return ((n | z | cy | v) << 28) >>> 0;
    }
    case FLAGS_SUB32: {
      const u = c.u32, a = u[FLAG_A * 2]!, b = u[FLAG_B * 2]!, r = u[FLAG_R * 2]!;
      const n = r >>> 31 ? 8 : 0;
      const z = r === 0 ? 4 : 0;
      const cy = a >= b ? 2 : 0;
      const v = ((a ^ b) & (a ^ r)) >>> 31 ? 1 : 0;
      return ((n | z | cy | v) << 28) >>> 0;
    }
    case FLAGS_LOGIC64: {
      const r = x[FLAG_R]!;
      return (((r >> 63n === 1n ? 8 : 0) | (r === 0n ? 4 : 0)) << 28) >>> 0;
    }
    case FLAGS_LOGIC32: {
      const r = c.u32[FLAG_R * 2]!;
      return (((r >>> 31 ? 8 : 0) | (r === 0 ? 4 : 0)) << 28) >>> 0;
    }
    default:
      return c.nzcv;
  }
}

export function writeNzcv(c: CpuState, nzcv: number): void {
  c.flagKind = FLAGS_NZCV;
  c.nzcv = (nzcv & 0xf0000000) >>> 0;
}

/** ConditionHolds (ARM J1.3 shared/functions/system/ConditionHolds) for cond[3:0]. */
export function conditionHolds(c: CpuState, cond: number): boolean {
  const f = readNzcv(c) >>> 28;
  const n = (f >> 3) & 1, z = (f >> 2) & 1, cy = (f >> 1) & 1, v = f & 1;
  let r: boolean;
  switch (cond >> 1) {
    case 0: r = z === 1; break; // EQ
    case 1: r = cy === 1; break; // CS
    case 2: r = n === 1; break; // MI
    case 3: r = v === 1; break; // VS
    case 4: r = cy === 1 && z === 0; break; // HI
    case 5: r = n === v; break; // GE
    case 6: r = n === v && z === 0; break; // GT
    default: r = true; // AL (and NV, which also means "always" in A64)
  }
  return (cond & 1) === 1 && cond !== 15 ? !r : r;
}

/** PSTATE as an SPSR value for AArch64 (M[3:0] = EL:SP, nRW = 0). */
export function packSpsr(c: CpuState): bigint {
  const v =
    readNzcv(c) | (c.ss << 21) | (c.il << 20) | (c.daif & 0x3c0) | (c.el << 2) | (c.el === 0 ? 0 : c.spsel);
  return BigInt(v >>> 0);
}
