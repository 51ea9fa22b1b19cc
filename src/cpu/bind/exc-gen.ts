// Handlers of the exception-generation and exception-return rows (src/arch/a64/rows/exc-gen.ts), by row id.
import { unallocated } from '../exception.ts';
import { brk, eret, hlt, hvc, smc, svc } from '../exec/exc-gen.ts';
import type { Bindings } from '../handler.ts';

export const EXC_GEN_HANDLERS: Bindings = {
  SVC: svc, HVC: hvc, SMC: smc, BRK: brk, HLT: hlt, ERET: eret,
  // UNDEFINED outside Debug state, which this model never enters (ARM C6.2 DCPS1-3, DRPS)
  DCPS1: unallocated, DCPS2: unallocated, DCPS3: unallocated, DRPS: unallocated,
  // the permanently undefined encoding (ARM C6.2 UDF)
  UDF: unallocated,
};
