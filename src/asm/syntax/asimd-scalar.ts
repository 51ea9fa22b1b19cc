// Syntax of the Advanced SIMD scalar integer rows (src/arch/a64/rows/asimd-scalar.ts): `op Dd, Dn, Dm` for the
// 64-bit-only instructions, `op <B|H|S|D>d, …` with the size field for the others.
import { SCALAR_THREE_SAME } from '../../arch/a64/rows/asimd-scalar.ts';
import type { Form } from '../forms.ts';
import { freg } from '../kinds.ts';
import { scalarBySize } from '../kinds-simd.ts';

export const ASIMD_SCALAR_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  SCALAR_THREE_SAME.map(([id, mn, , , sizes]) => [id, [{
    mn,
    ops: sizes === 'd' ? [freg('Rd', 'd'), freg('Rn', 'd'), freg('Rm', 'd')] : [scalarBySize('Rd', 0), scalarBySize('Rn', 0), scalarBySize('Rm', 0)],
  }] as Form[]]),
);
