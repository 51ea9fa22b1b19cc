// Syntax of the Advanced SIMD floating-point rows (src/arch/a64/rows/asimd-fp.ts), as objdump 2.40 prints them:
// arrangements 2s/4s (sz = 0, by Q) and 2d (sz = 1, Q = 1); the reserved one-lane double form has no spelling.
import { FP_THREE_SAME } from '../../arch/a64/rows/asimd-fp.ts';
import type { Form } from '../forms.ts';
import { arrQ } from '../kinds-simd.ts';

const threeSame = (mn: string): Form[] => [
  { mn, ops: [arrQ('Rd', '2s', '4s'), arrQ('Rn', '2s', '4s'), arrQ('Rm', '2s', '4s')], fixed: { sz: 0 } },
  { mn, ops: [arrQ('Rd', undefined, '2d'), arrQ('Rn', undefined, '2d'), arrQ('Rm', undefined, '2d')], fixed: { sz: 1 }, when: (f) => f.Q === 1 },
];

export const ASIMD_FP_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(FP_THREE_SAME.map(([id, mn]) => [id, threeSame(mn)]));
