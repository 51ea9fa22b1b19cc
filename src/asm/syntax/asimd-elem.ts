// Syntax of the integer by-element rows (src/arch/a64/rows/asimd-elem.ts), as objdump 2.40 prints them: `mul v0.4h,
// v1.4h, v2.h[3]`, `smull2 v0.4s, v1.8h, v15.h[7]`, scalar `sqdmulh h0, h1, v2.h[3]` / `sqdmlal d0, s1, v31.s[3]`. A
// 16-bit element comes from V0–V15 (index H:L:M), a 32-bit one from any register (Vm = M:Rm, index H:L).
import { INT_BY_ELEMENT, type ElemShape } from '../../arch/a64/rows/asimd-elem.ts';
import { fail } from '../diagnostics.ts';
import type { Form, OpKind } from '../forms.ts';
import { freg, need } from '../kinds.ts';
import { arrFixed } from '../kinds-simd.ts';

/** The element operand of size 1 (`.h`) or 2 (`.s`). */
function element(size: number): OpKind {
  const e = size === 1 ? 'h' : 's';
  return {
    print: (f) => size === 1
      ? `v${f.Rm!}.h[${(f.H! << 2) | (f.L! << 1) | f.M!}]`
      : `v${(f.M! << 4) | f.Rm!}.s[${(f.H! << 1) | f.L!}]`,
    match(ops, i, fs) {
      const o = need(ops, i);
      if (o.k !== 'vreg' || o.arr !== e || o.index === undefined) fail(`operand ${i + 1} must be an element v<n>.${e}[<index>]`, o.col);
      if (o.index >= 16 >> size) fail(`element index ${o.index} out of range 0..${(16 >> size) - 1} for .${e}`, o.col);
      if (size === 1) {
        if (o.n > 15) fail(`a 16-bit element comes from v0–v15, not v${o.n}`, o.col);
        fs.set('Rm', o.n);
        fs.set('H', o.index >>> 2);
        fs.set('L', (o.index >>> 1) & 1);
        fs.set('M', o.index & 1);
      } else {
        fs.set('Rm', o.n & 15);
        fs.set('M', o.n >>> 4);
        fs.set('H', o.index >>> 1);
        fs.set('L', o.index & 1);
      }
      return i + 1;
    },
  };
}

/** Arrangements by size (1, 2): [Q = 0, Q = 1, the long result]. */
const ARRS: readonly (readonly [string, string, string])[] = [['4h', '8h', '4s'], ['2s', '4s', '2d']];

function forms(mn: string, shape: ElemShape, scalar: boolean): Form[] {
  return [1, 2].flatMap((size): Form[] => {
    const [a0, a1, wide] = ARRS[size - 1]!;
    const el = element(size);
    if (scalar) {
      const narrow = size === 1 ? 'h' : 's';
      return [{ mn, ops: [freg('Rd', shape === 'long' ? (size === 1 ? 's' : 'd') : narrow), freg('Rn', narrow), el], fixed: { size } }];
    }
    return [0, 1].map((Q): Form => {
      const arr = Q === 1 ? a1 : a0;
      if (shape === 'same') return { mn, ops: [arrFixed('Rd', arr), arrFixed('Rn', arr), el], fixed: { size, Q } };
      return { mn: Q === 1 ? `${mn}2` : mn, ops: [arrFixed('Rd', wide), arrFixed('Rn', arr), el], fixed: { size, Q } };
    });
  });
}

export const ASIMD_ELEM_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  INT_BY_ELEMENT.map(([id, mn, , , shape, scalar]) => [id, forms(mn, shape, scalar)]),
);
