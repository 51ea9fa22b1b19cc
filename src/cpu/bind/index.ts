// Every handler binding of the executor: row id → handler, one file per instruction class. The dispatch
// (src/cpu/dispatch.ts) checks that each row of the encoding table has exactly one and none names a missing row.
import { UNALLOCATED } from '../../arch/a64/table.ts';
import { unallocated } from '../exception.ts';
import type { Bindings } from '../handler.ts';
import { BRANCH_HANDLERS } from './branch.ts';
import { DP_IMM_HANDLERS } from './dp-imm.ts';
import { DP_REG_HANDLERS } from './dp-reg.ts';
import { EXC_GEN_HANDLERS } from './exc-gen.ts';
import { FPSIMD_HANDLERS } from './fpsimd.ts';
import { LDST_HANDLERS } from './ldst.ts';
import { SYSTEM_HANDLERS } from './system.ts';

/** Per class, so that a row bound twice (in two classes) is reported rather than silently overwritten. */
export const BINDINGS: readonly Bindings[] = [
  { [UNALLOCATED]: unallocated },
  DP_IMM_HANDLERS, BRANCH_HANDLERS, EXC_GEN_HANDLERS, DP_REG_HANDLERS, LDST_HANDLERS, SYSTEM_HANDLERS, FPSIMD_HANDLERS,
];
