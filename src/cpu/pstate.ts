// PSTATE packing and lazy NZCV (ARM §D1.4; SPSR layout ARCH-NOTES §13).
import {
  FLAG_A, FLAG_B, FLAG_KIND, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC32, FLAGS_LOGIC64, FLAGS_NZCV, FLAGS_SUB32,
  FLAGS_SUB64, NZCV, type CpuState,
} from './state.ts';

/**
 * NZCV as a nibble (N Z C V in bits 3:0), computing lazily recorded flags (FLAGS_*) on demand. Works on the 32-bit
 * halves of the FLAG_* slots: no BigInt arithmetic (which would allocate) on this path, taken by every conditional
 * branch; and it returns a small integer, where bits 31:28 would be boxed by a call that is not inlined.
 */
function nzcvNibble(c: CpuState): number {
  const u = c.u32;
  switch (u[FLAG_KIND * 2]) {
    case FLAGS_NZCV:
      return u[NZCV * 2]! >>> 28;
    case FLAGS_ADD64:
    case FLAGS_SUB64: {
      const aLo = u[FLAG_A * 2]!, aHi = u[FLAG_A * 2 + 1]!;
      const bLo = u[FLAG_B * 2]!, bHi = u[FLAG_B * 2 + 1]!;
      const rLo = u[FLAG_R * 2]!, rHi = u[FLAG_R * 2 + 1]!;
      const n = rHi >>> 31;
      const z = (rHi | rLo) === 0 ? 1 : 0;
      let cy: number;
      let v: number;
      if (u[FLAG_KIND * 2] === FLAGS_ADD64) {
        cy = rHi < aHi || (rHi === aHi && rLo < aLo) ? 1 : 0; // carry out: the truncated sum wrapped below a
        v = (~(aHi ^ bHi) & (aHi ^ rHi)) >>> 31; // same-sign operands, different-sign result
      } else {
        cy = aHi > bHi || (aHi === bHi && aLo >= bLo) ? 1 : 0; // C = NOT borrow: a >= b unsigned
        v = ((aHi ^ bHi) & (aHi ^ rHi)) >>> 31;
      }
      return (n << 3) | (z << 2) | (cy << 1) | v;
    }
    case FLAGS_ADD32:
    case FLAGS_SUB32: {
      const a = u[FLAG_A * 2]!, b = u[FLAG_B * 2]!, r = u[FLAG_R * 2]!;
      const n = r >>> 31;
      const z = r === 0 ? 1 : 0;
      let cy: number;
      let v: number;
      if (u[FLAG_KIND * 2] === FLAGS_ADD32) {
        cy = r < a ? 1 : 0;
        v = (~(a ^ b) & (a ^ r)) >>> 31;
      } else {
        cy = a >= b ? 1 : 0;
        v = ((a ^ b) & (a ^ r)) >>> 31;
      }
      return (n << 3) | (z << 2) | (cy << 1) | v;
    }
    case FLAGS_LOGIC64: {
      const rLo = u[FLAG_R * 2]!, rHi = u[FLAG_R * 2 + 1]!;
      return ((rHi >>> 31) << 3) | ((rHi | rLo) === 0 ? 4 : 0);
    }
    case FLAGS_LOGIC32: {
      const r = u[FLAG_R * 2]!;
      return ((r >>> 31) << 3) | (r === 0 ? 4 : 0);
    }
    default:
      return u[NZCV * 2]! >>> 28;
  }
}

/** NZCV in bits 31:28. */
export function readNzcv(c: CpuState): number {
  return (nzcvNibble(c) << 28) >>> 0;
}

/** Z alone, without computing the other flags (B.EQ/B.NE, CSEL EQ/NE are the common conditions). */
function zeroFlag(c: CpuState): boolean {
  const u = c.u32;
  switch (u[FLAG_KIND * 2]) {
    case FLAGS_NZCV:
      return (u[NZCV * 2]! & 0x40000000) !== 0;
    case FLAGS_ADD64:
    case FLAGS_SUB64:
    case FLAGS_LOGIC64:
      return (u[FLAG_R * 2]! | u[FLAG_R * 2 + 1]!) === 0;
    default:
      return u[FLAG_R * 2] === 0;
  }
}

export function writeNzcv(c: CpuState, nzcv: number): void {
  writeNzcvNibble(c, nzcv >>> 28);
}

/** PSTATE.NZCV = a nibble (N Z C V in bits 3:0). The shift happens here: a value ≥ 2^30 passed to a call that is not
 * inlined would be boxed (FPCompare results, FCCMP's nzcv field). */
export function writeNzcvNibble(c: CpuState, nzcv: number): void {
  const u = c.u32;
  u[FLAG_KIND * 2] = FLAGS_NZCV;
  u[NZCV * 2] = ((nzcv & 15) << 28) >>> 0;
}

/** ConditionHolds (ARM J1.3 shared/functions/system/ConditionHolds) for cond[3:0]. */
export function conditionHolds(c: CpuState, cond: number): boolean {
  if (cond <= 1) return zeroFlag(c) !== (cond === 1); // EQ / NE
  const f = nzcvNibble(c);
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
