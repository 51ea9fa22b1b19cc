// Handlers of the branch rows (src/arch/a64/rows/branch.ts), by row id.
import { b, bCond, bl, blr, br, cbz, tbz } from '../exec/branch.ts';
import type { Bindings } from '../handler.ts';

export const BRANCH_HANDLERS: Bindings = {
  B: b, BL: bl, B_cond: bCond,
  CBZ: cbz, CBNZ: cbz, TBZ: tbz, TBNZ: tbz,
  BR: br, BLR: blr, RET: br,
};
