// FPSR.QC, the cumulative saturation flag of the Advanced SIMD saturating instructions: set, never cleared here
// (`if sat then FPSR.QC = '1'` in their pseudocode).
import { SR } from '../../arch/sysreg-table.ts';
import type { Cpu } from '../cpu.ts';

const FPSR_AT = SR.FPSR * 2;
const QC = 1 << 27; // FPSR.QC, bit 27

/** FPSR.QC = 1. */
export function setQC(c: Cpu): void {
  c.sr32[FPSR_AT] = (c.sr32[FPSR_AT]! | QC) >>> 0;
}
