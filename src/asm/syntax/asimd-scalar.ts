// Syntax of the Advanced SIMD scalar integer rows (src/arch/a64/rows/asimd-scalar.ts): `op Dd, Dn, Dm` for the
// 64-bit-only instructions, `op <B|H|S|D>d, …` with the size field for the others; the shifts by immediate
// `op Dd, Dn, #n`, `sqshl Bd, Bn, #n` (size from immh), `sqshrn Bd, Hn, #n`.
import { SCALAR_MISC, SCALAR_SHIFT, SCALAR_THREE_SAME } from '../../arch/a64/rows/asimd-scalar.ts';
import { narrowSize } from '../../arch/a64/rows/asimd-shift.ts';
import { fail } from '../diagnostics.ts';
import type { Fields, Form, OpKind } from '../forms.ts';
import { freg, need } from '../kinds.ts';
import { elem5, scalarBySize, shiftImmh } from '../kinds-simd.ts';
import { narrowShift, zero } from './asimd-misc.ts';
import { arrFixed } from '../kinds-simd.ts';
import { imm5Size } from '../../arch/a64/simd.ts';

const hsb = (immh: number): number => 31 - Math.clz32(immh); // HighestSetBit(immh)

/** A scalar register whose width is HighestSetBit(immh) + `wider` (b, h, s, d), among `allowed` widths; it sets the
 *  element size the shift operand reads ($size, or $nsize for the narrowing shifts' destination). */
function immhScalar(field: string, allowed: string, wider: number, key: '$size' | '$nsize'): OpKind {
  return {
    print: (f) => `${'bhsd'[hsb(f.immh!) + wider]}${f[field]!}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      if (o.k !== 'freg' || !allowed.includes(o.width)) fail(`operand ${i + 1} must be a scalar ${allowed.split('').join(', ')} register`, o.col);
      fs.set(key, 'bhsd'.indexOf(o.width) - wider, 'the registers\' widths do not agree', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

function shiftForms(mn: string, which: 'd' | 'all' | 'narrow'): Form[] {
  if (which === 'narrow') {
    return [{ mn, ops: [immhScalar('Rd', 'bhs', 0, '$nsize'), immhScalar('Rn', 'hsd', 1, '$nsize'), narrowShift], when: (f: Fields) => narrowSize(f.immh!) >= 0 }];
  }
  const left = mn === 'shl' || mn === 'sli' || mn.startsWith('sqshl') || mn === 'uqshl';
  const regs = which === 'd' ? 'd' : 'bhsd';
  return [{ mn, ops: [immhScalar('Rd', regs, 0, '$size'), immhScalar('Rn', regs, 0, '$size'), shiftImmh(left)], when: (f: Fields) => (which === 'd' ? f.immh! >= 8 : f.immh !== 0) }];
}

/** DUP (element) scalar's Vd: the scalar register of the element's size (from imm5). */
const imm5Scalar: OpKind = {
  print: (f) => `${'bhsd'[imm5Size(f.imm5!)]}${f.Rd!}`,
  match(ops, i, fs) {
    const o = need(ops, i);
    if (o.k !== 'freg' || o.width === 'q') fail(`operand ${i + 1} must be a scalar b, h, s or d register`, o.col);
    fs.set('$size', 'bhsd'.indexOf(o.width), 'the register and the element do not agree', o.col);
    fs.set('Rd', o.n);
    return i + 1;
  },
};

export const ASIMD_SCALAR_SYNTAX: Record<string, readonly Form[]> = {
  ADDP_s: [{ mn: 'addp', ops: [freg('Rd', 'd'), arrFixed('Rn', '2d')] }],
  DUP_elem_s: [
    { mn: 'mov', ops: [imm5Scalar, elem5('Rn')], when: (f: Fields) => imm5Size(f.imm5!) < 4 },
    { mn: 'dup', ops: [imm5Scalar, elem5('Rn')], only: 'asm' },
  ],
  ...Object.fromEntries(SCALAR_THREE_SAME.map(([id, mn, , , sizes]) => [id, [{
    mn,
    ops: sizes === 'd' ? [freg('Rd', 'd'), freg('Rn', 'd'), freg('Rm', 'd')] : [scalarBySize('Rd', 0), scalarBySize('Rn', 0), scalarBySize('Rm', 0)],
  }] as Form[]])),
  ...Object.fromEntries(SCALAR_SHIFT.map(([id, mn, , , which]) => [id, shiftForms(mn, which)])),
  ...Object.fromEntries(SCALAR_MISC.map(([id, mn, , , which]): [string, Form[]] => {
    if (which === 'narrow') return [id, [{ mn, ops: [scalarBySize('Rd', 0), scalarBySize('Rn', 1)], when: (f: Fields) => f.size! < 3 }]];
    if (which === 'all') return [id, [{ mn, ops: [scalarBySize('Rd', 0), scalarBySize('Rn', 0)] }]];
    return [id, [{ mn, ops: id.includes('_zero') ? [freg('Rd', 'd'), freg('Rn', 'd'), zero] : [freg('Rd', 'd'), freg('Rn', 'd')] }]];
  })),
};
