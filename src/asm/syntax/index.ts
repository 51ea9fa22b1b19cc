// The syntax table: for each encoding-row id, its spellings (aliases first, in objdump's order of preference,
// the row's own form last). Field layouts come only from the rows (src/arch/a64/rows/).
import type { Fields, Form } from '../forms.ts';
import { ASIMD_DIFF_SYNTAX } from './asimd-diff.ts';
import { ASIMD_ELEM_SYNTAX } from './asimd-elem.ts';
import { ASIMD_FP_SYNTAX } from './asimd-fp.ts';
import { ASIMD_INT_SYNTAX } from './asimd-int.ts';
import { ASIMD_MISC_SYNTAX, LONG_SHIFT_SYNTAX, NARROW_SHIFT_SYNTAX } from './asimd-misc.ts';
import { ASIMD_SCALAR_SYNTAX } from './asimd-scalar.ts';
import { ASIMD_SHIFT_SYNTAX } from './asimd-shift.ts';
import { ASIMD_STRUCT_SYNTAX } from './asimd-struct.ts';
import { ASIMD_TBL_SYNTAX } from './asimd-tbl.ts';
import { CRYPTO_SYNTAX } from './crypto.ts';
import { BRANCH_SYNTAX } from './branch.ts';
import { DP_IMM_SYNTAX } from './dp-imm.ts';
import { DP_REG_SYNTAX } from './dp-reg.ts';
import { FP_DP_SYNTAX } from './fp-dp.ts';
import { FPSIMD_SYNTAX } from './fpsimd.ts';
import { LDST_SYNTAX } from './ldst.ts';
import { SYSTEM_SUPPORTED, SYSTEM_SYNTAX } from './system.ts';

export const SYNTAX: ReadonlyMap<string, readonly Form[]> = new Map(Object.entries({ ...DP_IMM_SYNTAX, ...DP_REG_SYNTAX, ...BRANCH_SYNTAX, ...LDST_SYNTAX, ...FPSIMD_SYNTAX, ...ASIMD_INT_SYNTAX, ...ASIMD_STRUCT_SYNTAX, ...ASIMD_TBL_SYNTAX, ...ASIMD_DIFF_SYNTAX, ...ASIMD_ELEM_SYNTAX, ...ASIMD_MISC_SYNTAX, ...ASIMD_SHIFT_SYNTAX, ...NARROW_SHIFT_SYNTAX, ...LONG_SHIFT_SYNTAX, ...ASIMD_SCALAR_SYNTAX, ...FP_DP_SYNTAX, ...ASIMD_FP_SYNTAX, ...SYSTEM_SYNTAX, ...CRYPTO_SYNTAX }));

/** Rows whose encoding space is only partly supported (names objdump knows from later extensions): a word is
 *  inside the supported space when this holds. */
export const SUPPORTED: ReadonlyMap<string, (f: Fields) => boolean> = new Map(Object.entries(SYSTEM_SUPPORTED));
