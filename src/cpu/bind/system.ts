// Handlers of the system-instruction rows (src/arch/a64/rows/system.ts), by row id.
import { barrier, clrex, hintNop, isb, msrImm, msrMrs, sys, sysl, wfx } from '../exec/system.ts';
import type { Bindings } from '../handler.ts';

export const SYSTEM_HANDLERS: Bindings = {
  MSR_reg: msrMrs, MRS: msrMrs, MSR_imm: msrImm,
  NOP: hintNop, YIELD: hintNop, SEV: hintNop, SEVL: hintNop, HINT: hintNop, WFE: wfx, WFI: wfx,
  CLREX: clrex, DSB: barrier, DMB: barrier, ISB: isb,
  SYS: sys, SYSL: sysl,
};
