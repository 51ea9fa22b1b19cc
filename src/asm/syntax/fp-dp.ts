// Syntax of the scalar floating-point data-processing rows (src/arch/a64/rows/fp-dp.ts), spelled as objdump 2.40
// prints them: S/D forms by ftype, conversions with W/X by sf, fixed point with `#fbits` (64 − scale), the compare
// against zero as `#0.0`, and the conditional forms with objdump's condition comment.
import {
  FCVT_PAIRS, FP_DP1_OPS, FP_DP2_OPS, FP_DP3_OPS, FP_FIX_OPS, FP_INT_OPS,
} from '../../arch/a64/rows/fp-dp.ts';
import { fail } from '../diagnostics.ts';
import type { Fields, Form, OpKind } from '../forms.ts';
import { cond, condComment, freg, imm, need, num, reg, SF, type Acc } from '../kinds.ts';
import type { FpWidth } from '../operands.ts';

const SD: readonly (readonly [FpWidth, number])[] = [['s', 0], ['d', 1]];

/** One form per precision: ops(width) with ftype fixed. */
const bySize = (mn: string, ops: (r: FpWidth) => OpKind[], extra: Partial<Form> = {}): Form[] =>
  SD.map(([r, ftype]) => ({ mn, ops: ops(r), fixed: { ftype }, ...extra }));

/** `#0.0` of FCMP/FCMPE (Rm is ignored, assembled as 0) and of the vector compares against zero. */
export const zeroFp: OpKind = {
  print: () => '#0.0',
  match(ops, i, _fs, env) {
    const o = need(ops, i);
    const zero = o.k === 'fimm' ? o.value === 0 : o.k === 'imm' && env.value(o.e) === 0n;
    if (!zero) fail('expected #0.0', o.col);
    return i + 1;
  },
};

/** The fixed-point `#fbits` = 64 − scale: 1..64 for X, 1..32 for W (scale<5> = 1). */
const fbits: Acc = {
  get: (f) => 64n - BigInt(f.scale!),
  set(v, fs, col) {
    const max = fs.get('sf') === 1 ? 64n : 32n;
    if (v < 1n || v > max) fail(`fixed-point fraction bits out of range 1..${max}`, col);
    fs.set('scale', Number(64n - v));
  },
};
const fixedOk = (f: Fields): boolean => f.sf === 1 || f.scale! >= 32;

const fcvtForms = (from: FpWidth, to: FpWidth): Form[] => [{ mn: 'fcvt', ops: [freg('Rd', to), freg('Rn', from)] }];
const WIDTH_OF = (code: string): FpWidth => (code === '00' ? 's' : code === '01' ? 'd' : 'h');

export const FP_DP_SYNTAX: Record<string, readonly Form[]> = {
  ...Object.fromEntries(FP_DP1_OPS.map(([id, mn]) => [id, bySize(mn, (r) => [freg('Rd', r), freg('Rn', r)])])),
  ...Object.fromEntries(FCVT_PAIRS.map(([id, from, to]) => [id, fcvtForms(WIDTH_OF(from), WIDTH_OF(to))])),
  ...Object.fromEntries(FP_DP2_OPS.map(([id, mn]) => [id, bySize(mn, (r) => [freg('Rd', r), freg('Rn', r), freg('Rm', r)])])),
  ...Object.fromEntries(FP_DP3_OPS.map(([id, mn]) => [id, bySize(mn, (r) => [freg('Rd', r), freg('Rn', r), freg('Rm', r), freg('Ra', r)])])),
  FCMP: bySize('fcmp', (r) => [freg('Rn', r), freg('Rm', r)]),
  FCMP_zero: bySize('fcmp', (r) => [freg('Rn', r), zeroFp]),
  FCMPE: bySize('fcmpe', (r) => [freg('Rn', r), freg('Rm', r)]),
  FCMPE_zero: bySize('fcmpe', (r) => [freg('Rn', r), zeroFp]),
  FCCMP: bySize('fccmp', (r) => [freg('Rn', r), freg('Rm', r), imm(num('nzcv')), cond('cond')], { comment: condComment('cond') }),
  FCCMPE: bySize('fccmpe', (r) => [freg('Rn', r), freg('Rm', r), imm(num('nzcv')), cond('cond')], { comment: condComment('cond') }),
  FCSEL: bySize('fcsel', (r) => [freg('Rd', r), freg('Rn', r), freg('Rm', r), cond('cond')], { comment: condComment('cond') }),
  ...Object.fromEntries(FP_INT_OPS.map(([id, mn]) => {
    const toFp = mn.endsWith('cvtf');
    return [id, bySize(mn, (r) => (toFp ? [freg('Rd', r), reg('Rn', SF)] : [reg('Rd', SF), freg('Rn', r)]))];
  })),
  ...Object.fromEntries(FP_FIX_OPS.map(([id, mn]) => {
    const toFp = mn.endsWith('cvtf');
    const fb = imm(fbits, 'dec');
    return [id, bySize(mn, (r) => (toFp ? [freg('Rd', r), reg('Rn', SF), fb] : [reg('Rd', SF), freg('Rn', r), fb]), { when: fixedOk })];
  })),
};
