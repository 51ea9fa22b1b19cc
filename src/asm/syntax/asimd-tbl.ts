// Syntax of TBL/TBX (src/arch/a64/rows/asimd-tbl.ts): `tbl Vd.T, {Vn.16b, …}, Vm.T` with T = 8b or 16b by Q; the
// table registers are always `.16b`.
import { TABLE_LOOKUP } from '../../arch/a64/rows/asimd-tbl.ts';
import type { Form } from '../forms.ts';
import { arrQ, vlist } from '../kinds-simd.ts';

export const ASIMD_TBL_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(TABLE_LOOKUP.map(([id, mn, , regs]) => [
  id, [{ mn, ops: [arrQ('Rd', '8b', '16b'), vlist('Rn', regs, '16b'), arrQ('Rm', '8b', '16b')] }],
]));
