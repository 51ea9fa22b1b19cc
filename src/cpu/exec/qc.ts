// Saturation of the Advanced SIMD saturating instructions (SatQ) and FPSR.QC, its cumulative flag: set, never
// cleared here (`if sat then FPSR.QC = '1'` in their pseudocode).
import { SR } from '../../arch/sysreg-table.ts';
import type { Cpu } from '../cpu.ts';

const FPSR_AT = SR.FPSR * 2;
const QC = 1 << 27; // FPSR.QC, bit 27

/** FPSR.QC = 1. */
export function setQC(c: Cpu): void {
  c.sr32[FPSR_AT] = (c.sr32[FPSR_AT]! | QC) >>> 0;
}

/** SatQ(x, bits, unsigned) for an integer x held exactly in a number; QC when it saturates. */
export function satQ(c: Cpu, x: number, bits: number, unsigned: boolean): number {
  const max = unsigned ? 2 ** bits - 1 : 2 ** (bits - 1) - 1; // UnsignedSatQ / SignedSatQ bounds
  const min = unsigned ? 0 : -(2 ** (bits - 1));
  if (x <= max && x >= min) return x;
  setQC(c);
  return x > max ? max : min;
}

/** SatQ to 32 bits of the 64-bit integer hi:lo (signed when `srcSigned`), as a 32-bit pattern; QC when it saturates. */
export function satNarrow64(c: Cpu, lo: number, hi: number, srcSigned: boolean, dstSigned: boolean): number {
  const neg = srcSigned && hi >>> 31 === 1;
  if (dstSigned ? (hi | 0) === (lo | 0) >> 31 : !neg && hi === 0) return lo;
  setQC(c);
  return dstSigned ? (neg ? 0x80000000 : 0x7fffffff) : neg ? 0 : 0xffffffff;
}
