// The FP library's status record for the executing instruction (src/arch/fp FPStatus): FPCR loaded from the
// register file before an FP operation, the cumulative flags it raised stored back to FPSR after it
// (FPProcessException). One record for the executor: an instruction runs to completion before the next.
import { FPStatus } from '../../arch/fp/fp.ts';
import { SR } from '../../arch/sysreg-table.ts';
import type { Cpu } from '../cpu.ts';

export const st = new FPStatus();

const FPCR_AT = SR.FPCR * 2;
const FPSR_AT = SR.FPSR * 2;

/** st = FPCR and FPSR of c. */
export function begin(c: Cpu): void {
  st.fpcr = c.sr32[FPCR_AT]!;
  st.fpsr = c.sr32[FPSR_AT]!;
}

/** FPSR = st's flags (the operation only ORs flags in). */
export function end(c: Cpu): void {
  c.sr32[FPSR_AT] = st.fpsr;
}

/** FPSR.QC = 1: an AdvSIMD saturating instruction saturated (the pseudocode's FPSR.QC = '1'; never cleared here). */
export function setQC(c: Cpu): void {
  c.sr32[FPSR_AT] = c.sr32[FPSR_AT]! | (1 << 27);
}
