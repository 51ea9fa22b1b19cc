// Syntax of the Advanced SIMD floating-point rows (src/arch/a64/rows/asimd-fp.ts), as objdump 2.40 prints them:
// arrangements 2s/4s (sz = 0, by Q) and 2d (sz = 1, Q = 1); the reserved one-lane double form has no spelling. The
// narrowing and widening conversions name the half they write or read with a `2` suffix (Q = 1).
import {
  FP_ACROSS, FP_BY_ELEMENT, FP_FIXED_SHIFT, FP_PAIRWISE, FP_SCALAR_MISC, FP_SCALAR_THREE_SAME, FP_THREE_SAME, FP_TWO_REG_MISC, type MiscShape,
  UNSIGNED_ESTIMATE,
} from '../../arch/a64/rows/asimd-fp.ts';
import { fail } from '../diagnostics.ts';
import type { Form, OpKind } from '../forms.ts';
import { freg, imm, need, type Acc } from '../kinds.ts';
import { arrFixed, arrQ } from '../kinds-simd.ts';
import { zeroFp } from './fp-dp.ts';

const threeSame = (mn: string): Form[] => [
  { mn, ops: [arrQ('Rd', '2s', '4s'), arrQ('Rn', '2s', '4s'), arrQ('Rm', '2s', '4s')], fixed: { sz: 0 } },
  { mn, ops: [arrQ('Rd', undefined, '2d'), arrQ('Rn', undefined, '2d'), arrQ('Rm', undefined, '2d')], fixed: { sz: 1 }, when: (f) => f.Q === 1 },
];

/** `#fbits` of a fixed-point conversion by immediate, 1..esize: esize − fb (immh:immb = esize + fb). */
function fracBits(esize: number): Acc {
  return {
    get: (f) => BigInt(esize - f.fb!),
    set(v, fs, col) {
      if (v < 1n || v > BigInt(esize)) fail(`fixed-point fraction bits out of range 1..${esize}`, col);
      fs.set('fb', esize - Number(v));
    },
  };
}

/** Narrow (FCVTN, FCVTXN) and long (FCVTL): [sz, the narrow arrangement for Q = 0, for Q = 1, the wide one]. */
const WIDTHS: readonly (readonly [number, string, string, string])[] = [[0, '4h', '8h', '4s'], [1, '2s', '4s', '2d']];

function twoRegMisc(mn: string, shape: MiscShape): Form[] {
  switch (shape) {
    case 'same':
    case 'zero': {
      const z = shape === 'zero' ? [zeroFp] : [];
      return [
        { mn, ops: [arrQ('Rd', '2s', '4s'), arrQ('Rn', '2s', '4s'), ...z], fixed: { sz: 0 } },
        { mn, ops: [arrQ('Rd', undefined, '2d'), arrQ('Rn', undefined, '2d'), ...z], fixed: { sz: 1 }, when: (f) => f.Q === 1 },
      ];
    }
    case 'narrow':
      return WIDTHS.filter(([sz]) => mn !== 'fcvtxn' || sz === 1).flatMap(([sz, n0, n1, wide]) => [
        { mn, ops: [arrFixed('Rd', n0), arrFixed('Rn', wide)], fixed: { sz, Q: 0 } },
        { mn: `${mn}2`, ops: [arrFixed('Rd', n1), arrFixed('Rn', wide)], fixed: { sz, Q: 1 } },
      ]);
    case 'long':
      return WIDTHS.flatMap(([sz, n0, n1, wide]) => [
        { mn, ops: [arrFixed('Rd', wide), arrFixed('Rn', n0)], fixed: { sz, Q: 0 } },
        { mn: `${mn}2`, ops: [arrFixed('Rd', wide), arrFixed('Rn', n1)], fixed: { sz, Q: 1 } },
      ]);
  }
}

/** The by-element operand: Vm = M:Rm, element .s[H:L] (sz = 0) or .d[H] (sz = 1, L = 0). */
function fpElement(sz: number): OpKind {
  return {
    print: (f) => `v${(f.M! << 4) | f.Rm!}.${sz === 1 ? `d[${f.H!}]` : `s[${(f.H! << 1) | f.L!}]`}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      const letter = sz === 1 ? 'd' : 's';
      if (o.k !== 'vreg' || o.arr !== letter || o.index === undefined) fail(`operand ${i + 1} must be an element v<n>.${letter}[<index>]`, o.col);
      if (o.index > (sz === 1 ? 1 : 3)) fail(`element index ${o.index} out of range 0..${sz === 1 ? 1 : 3}`, o.col);
      fs.set('M', o.n >> 4);
      fs.set('Rm', o.n & 15);
      fs.set('H', sz === 1 ? o.index : o.index >> 1);
      fs.set('L', sz === 1 ? 0 : o.index & 1);
      return i + 1;
    },
  };
}

function byElement(mn: string, scalar: boolean): Form[] {
  if (scalar) {
    return [
      { mn, ops: [freg('Rd', 's'), freg('Rn', 's'), fpElement(0)], fixed: { sz: 0 } },
      { mn, ops: [freg('Rd', 'd'), freg('Rn', 'd'), fpElement(1)], fixed: { sz: 1 }, when: (f) => f.L === 0 },
    ];
  }
  return [
    { mn, ops: [arrQ('Rd', '2s', '4s'), arrQ('Rn', '2s', '4s'), fpElement(0)], fixed: { sz: 0 } },
    { mn, ops: [arrQ('Rd', undefined, '2d'), arrQ('Rn', undefined, '2d'), fpElement(1)], fixed: { sz: 1 }, when: (f) => f.Q === 1 && f.L === 0 },
  ];
}

export const ASIMD_FP_SYNTAX: Record<string, readonly Form[]> = {
  ...Object.fromEntries(FP_THREE_SAME.map(([id, mn]) => [id, threeSame(mn)])),
  ...Object.fromEntries(FP_SCALAR_THREE_SAME.map(([id, mn]) => [id, [
    { mn, ops: [freg('Rd', 's'), freg('Rn', 's'), freg('Rm', 's')], fixed: { sz: 0 } },
    { mn, ops: [freg('Rd', 'd'), freg('Rn', 'd'), freg('Rm', 'd')], fixed: { sz: 1 } },
  ]])),
  ...Object.fromEntries(FP_SCALAR_MISC.map(([id, mn, , , , shape]): [string, Form[]] => {
    if (shape === 'narrow') return [id, [{ mn, ops: [freg('Rd', 's'), freg('Rn', 'd')] }]];
    const z = shape === 'zero' ? [zeroFp] : [];
    return [id, [
      { mn, ops: [freg('Rd', 's'), freg('Rn', 's'), ...z], fixed: { sz: 0 } },
      { mn, ops: [freg('Rd', 'd'), freg('Rn', 'd'), ...z], fixed: { sz: 1 } },
    ]];
  })),
  ...Object.fromEntries(FP_FIXED_SHIFT.map(([id, mn, , , scalar, esize]): [string, Form[]] => {
    const fb = imm(fracBits(esize), 'dec');
    if (scalar) return [id, [{ mn, ops: [freg('Rd', esize === 32 ? 's' : 'd'), freg('Rn', esize === 32 ? 's' : 'd'), fb] }]];
    if (esize === 32) return [id, [{ mn, ops: [arrQ('Rd', '2s', '4s'), arrQ('Rn', '2s', '4s'), fb] }]];
    return [id, [{ mn, ops: [arrQ('Rd', undefined, '2d'), arrQ('Rn', undefined, '2d'), fb], when: (f) => f.Q === 1 }]];
  })),
  ...Object.fromEntries(UNSIGNED_ESTIMATE.map(([id, mn]) => [id, [{ mn, ops: [arrQ('Rd', '2s', '4s'), arrQ('Rn', '2s', '4s')] }]])),
  ...Object.fromEntries(FP_TWO_REG_MISC.map(([id, mn, , , , shape]) => [id, twoRegMisc(mn, shape)])),
  ...Object.fromEntries(FP_ACROSS.map(([id, mn]) => [id, [{ mn, ops: [freg('Rd', 's'), arrFixed('Rn', '4s')], fixed: { sz: 0, Q: 1 } }]])),
  ...Object.fromEntries(FP_PAIRWISE.map(([id, mn]) => [id, [
    { mn, ops: [freg('Rd', 's'), arrFixed('Rn', '2s')], fixed: { sz: 0 } },
    { mn, ops: [freg('Rd', 'd'), arrFixed('Rn', '2d')], fixed: { sz: 1 } },
  ]])),
  ...Object.fromEntries(FP_BY_ELEMENT.map(([id, mn, , , scalar]) => [id, byElement(mn, scalar)])),
};
