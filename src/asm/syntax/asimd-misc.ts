// Syntax of the Advanced SIMD two-register miscellaneous rows (src/arch/a64/rows/asimd-misc.ts): `op Vd.T, Vn.T, #0`
// for the compares against zero, no `.1d` form (size:Q = 110 is reserved); and of the narrowing shifts
// (rows/asimd-shift.ts): `shrn Vd.8b, Vn.8h, #shift`, `shrn2 Vd.16b, Vn.8h, #shift`.
import { ASIMD_MISC } from '../../arch/a64/rows/asimd-misc.ts';
import { NARROW_SHIFT, narrowSize } from '../../arch/a64/rows/asimd-shift.ts';
import type { Fields, Form, OpKind } from '../forms.ts';
import { fail } from '../diagnostics.ts';
import { imm, immValue, need } from '../kinds.ts';
import { arrSQ } from '../kinds-simd.ts';

/** `#0`: the only value the compare-against-zero forms take. */
const zero = imm({
  get: () => 0n,
  set(v, _fs, col) {
    if (v !== 0n) fail('the comparison is against #0', col);
  },
}, 'dec');

export const ASIMD_MISC_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  ASIMD_MISC.map((r) => [r.id, [{ mn: r.mnemonic, ops: [arrSQ('Rd'), arrSQ('Rn'), zero], when: (f: Fields) => !(f.size === 3 && f.Q === 0) }]]),
);

const NARROW = [['8b', '16b'], ['4h', '8h'], ['2s', '4s']] as const;
const WIDE = ['8h', '4s', '2d'] as const;

/** SHRN's Vd: the narrow arrangement the instruction's Q and immh give (8b/4h/2s, or 16b/8h/4s for the "2" form). */
function narrowDst(q: number): OpKind {
  return {
    print: (f) => `v${f.Rd!}.${NARROW[narrowSize(f.immh!)]![q]}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      const s = o.k === 'vreg' && o.index === undefined ? NARROW.findIndex((a) => a[q] === o.arr) : -1;
      if (o.k !== 'vreg' || s < 0) fail(`operand 1 must be a vector of ${NARROW.map((a) => a[q]).join(', ')}`, o.col);
      fs.set('$nsize', s, 'arrangements do not agree', o.col);
      fs.set('Rd', o.n);
      return i + 1;
    },
  };
}

/** SHRN's Vn: lanes twice as wide as Vd's, in a 128-bit vector. */
const wideSrc: OpKind = {
  print: (f) => `v${f.Rn!}.${WIDE[narrowSize(f.immh!)]}`,
  match(ops, i, fs) {
    const o = need(ops, i);
    const s = o.k === 'vreg' && o.index === undefined ? WIDE.indexOf(o.arr as (typeof WIDE)[number]) : -1;
    if (o.k !== 'vreg' || s < 0) fail('operand 2 must be a vector of 8h, 4s or 2d', o.col);
    fs.set('$nsize', s, 'the source lanes must be twice as wide as the destination\'s', o.col);
    fs.set('Rn', o.n);
    return i + 1;
  },
};

/** `#shift`, 1 ≤ shift ≤ esize, encoded as immh:immb = 2·esize − shift. */
const narrowShift: OpKind = {
  print: (f) => `#${2 * (8 << narrowSize(f.immh!)) - ((f.immh! << 3) | f.immb!)}`,
  match(ops, i, fs, env) {
    const o = need(ops, i);
    const esize = 8 << fs.get('$nsize')!;
    const v = immValue(o, env);
    if (v < 1n || v > BigInt(esize)) fail(`shift #${v} is outside 1..${esize}`, o.col);
    const code = 2 * esize - Number(v);
    fs.set('immh', code >> 3);
    fs.set('immb', code & 7);
    return i + 1;
  },
};

const valid = (f: Fields): boolean => narrowSize(f.immh!) >= 0;

/** SHRN/RSHRN and their "2" forms (Q = 1), as objdump names them. */
export const NARROW_SHIFT_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  NARROW_SHIFT.map((r) => [r.id, [
    { mn: r.mnemonic, ops: [narrowDst(0), wideSrc, narrowShift], when: (f: Fields) => f.Q === 0 && valid(f), fixed: { Q: 0 } },
    { mn: `${r.mnemonic}2`, ops: [narrowDst(1), wideSrc, narrowShift], when: (f: Fields) => f.Q === 1 && valid(f), fixed: { Q: 1 } },
  ]]),
);
