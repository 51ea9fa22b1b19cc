// Syntax of the Advanced SIMD shift-by-immediate rows (src/arch/a64/rows/asimd-shift.ts): `op Vd.T, Vn.T, #shift`
// with T from immh and Q; no spelling for immh = 0000 or 64-bit lanes in a 64-bit vector.
import { ASIMD_SHIFT, SAME_SHIFT_IDS, shiftsLeft } from '../../arch/a64/rows/asimd-shift.ts';
import type { Fields, Form } from '../forms.ts';
import { arrImmh, shiftImmh } from '../kinds-simd.ts';

const allocated = (f: Fields): boolean => f.immh !== 0 && !(f.immh! >= 8 && f.Q === 0);

export const ASIMD_SHIFT_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(ASIMD_SHIFT.filter((r) => SAME_SHIFT_IDS.includes(r.id)).map((r) => [
  r.id, [{ mn: r.mnemonic, ops: [arrImmh('Rd'), arrImmh('Rn'), shiftImmh(shiftsLeft(r.id))], when: allocated }] as Form[],
]));
