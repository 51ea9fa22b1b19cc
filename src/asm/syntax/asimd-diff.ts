// Syntax of the three-different rows (src/arch/a64/rows/asimd-diff.ts), as objdump 2.40 prints them: one form per
// allowed size and Q, the "2" mnemonic for Q = 1 (`saddl2 v0.8h, v1.16b, v2.16b`); PMULL's 64-bit form names its
// result `.1q`; the scalar forms `sqdmlal s0, h1, h2`.
import { SCALAR_DIFF, THREE_DIFF, type DiffShape } from '../../arch/a64/rows/asimd-diff.ts';
import type { Form } from '../forms.ts';
import { freg } from '../kinds.ts';
import { arrFixed } from '../kinds-simd.ts';

/** Arrangements by size: [narrow for Q = 0, narrow for Q = 1, wide]. */
const ARRS: readonly (readonly [string, string, string])[] = [['8b', '16b', '8h'], ['4h', '8h', '4s'], ['2s', '4s', '2d']];

function forms(mn: string, shape: DiffShape, sizes: number): Form[] {
  const out: Form[] = [];
  for (let size = 0; size < 3; size++) {
    if (((sizes >>> size) & 1) === 0) continue;
    const [n0, n1, wide] = ARRS[size]!;
    for (const Q of [0, 1]) {
      const narrow = Q === 1 ? n1 : n0;
      const [d, n, m] = shape === 'long' ? [wide, narrow, narrow] : shape === 'wide' ? [wide, wide, narrow] : [narrow, wide, wide];
      out.push({ mn: Q === 1 ? `${mn}2` : mn, ops: [arrFixed('Rd', d), arrFixed('Rn', n), arrFixed('Rm', m)], fixed: { size, Q } });
    }
  }
  return out;
}

const pmull = (d: string, n0: string, n1: string): Form[] => [0, 1].map((Q) => ({
  mn: Q === 1 ? 'pmull2' : 'pmull', ops: [arrFixed('Rd', d), arrFixed('Rn', Q === 1 ? n1 : n0), arrFixed('Rm', Q === 1 ? n1 : n0)], fixed: { Q },
}));

export const ASIMD_DIFF_SYNTAX: Record<string, readonly Form[]> = {
  ...Object.fromEntries(THREE_DIFF.map(([id, mn, , , shape, sizes]) => [id, forms(mn, shape, sizes)])),
  PMULL_8: pmull('8h', '8b', '16b'),
  PMULL_64: pmull('1q', '1d', '2d'),
  ...Object.fromEntries(SCALAR_DIFF.map(([id, mn]) => [id, [
    { mn, ops: [freg('Rd', 's'), freg('Rn', 'h'), freg('Rm', 'h')], fixed: { size: 1 } },
    { mn, ops: [freg('Rd', 'd'), freg('Rn', 's'), freg('Rm', 's')], fixed: { size: 2 } },
  ] as Form[]])),
};
