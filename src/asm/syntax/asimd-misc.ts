// Syntax of the Advanced SIMD two-register miscellaneous rows (src/arch/a64/rows/asimd-misc.ts): `op Vd.T, Vn.T, #0`
// for the compares against zero, no `.1d` form (size:Q = 110 is reserved); and of the narrowing shifts
// (rows/asimd-shift.ts): `shrn Vd.8b, Vn.8h, #shift`, `shrn2 Vd.16b, Vn.8h, #shift`; and of the lengthening shifts
// `sshll Vd.8h, Vn.8b, #shift`, `sshll2 Vd.8h, Vn.16b, #shift`, `sxtl Vd.8h, Vn.8b` for a shift of 0.
import { COMPARE_ZERO_IDS, INT_MISC, miscSizeOk, type IntMiscShape, type MiscSizes } from '../../arch/a64/rows/asimd-misc.ts';
import { LONG_SHIFT, NARROW_SHIFT, narrowSize } from '../../arch/a64/rows/asimd-shift.ts';
import type { FieldSet, Fields, Form, OpKind } from '../forms.ts';
import { rowById } from '../../arch/a64/table.ts';
import { fail } from '../diagnostics.ts';
import { imm, immValue, need } from '../kinds.ts';
import { arrSQ } from '../kinds-simd.ts';

/** `#0`: the only value the compare-against-zero forms take. */
export const zero = imm({
  get: () => 0n,
  set(v, _fs, col) {
    if (v !== 0n) fail('the comparison is against #0', col);
  },
}, 'dec');

/** SADDLP's Vd: lanes twice as wide as Vn's, in a vector of the same width (4h/8h, 2s/4s, 1d/2d by size and Q). */
const LONG = ['4h', '8h', '2s', '4s', '1d', '2d'];
const longArr = (field: string): OpKind => ({
  print: (f) => `v${f[field]!}.${LONG[f.size! * 2 + f.Q!]}`,
  match(ops, i, fs) {
    const o = need(ops, i);
    const a = o.k === 'vreg' && o.index === undefined ? LONG.indexOf(o.arr) : -1;
    if (o.k !== 'vreg' || a < 0) fail(`operand ${i + 1} must be a vector of ${LONG.join(', ')}`, o.col);
    fs.set('size', a >> 1, 'the wide lanes must be twice as wide as the narrow ones', o.col);
    fs.set('Q', a & 1, 'arrangements do not agree', o.col);
    fs.set(field, o.n);
    return i + 1;
  },
});

/** SHLL's `#shift`: the narrow element size, the only value it takes. */
const esizeShift: OpKind = {
  print: (f) => `#${8 << f.size!}`,
  match(ops, i, fs, env) {
    const o = need(ops, i);
    const esize = 8 << fs.get('size')!;
    if (immValue(o, env) !== BigInt(esize)) fail(`the shift must be #${esize}, the element size`, o.col);
    return i + 1;
  },
};

/** The spellings of an integer two-register misc row (rows/asimd-misc.ts INT_MISC), as objdump prints them. */
function intMiscForms(id: string, mn: string, sizes: MiscSizes, shape: IntMiscShape): Form[] {
  const ok = (f: Fields) => miscSizeOk(sizes, f.size ?? 0, f.Q!);
  if (shape === 'narrow' || shape === 'shll') {
    return [0, 1].map((q): Form => ({
      mn: q === 1 ? `${mn}2` : mn,
      ops: shape === 'narrow' ? [narrowArr('Rd', q, 'size'), wideArr('Rn', 'size')] : [wideArr('Rd', 'size'), narrowArr('Rn', q, 'size'), esizeShift],
      when: (f) => f.Q === q && ok(f),
      fixed: { Q: q },
    }));
  }
  if (shape === 'pair') return [{ mn, ops: [longArr('Rd'), arrSQ('Rn')], when: ok }];
  const bytes = typeof sizes === 'number';
  const ops = [arrSQ('Rd', bytes), arrSQ('Rn', bytes)];
  if (id === 'NOT') return [{ mn: 'mvn', ops }, { mn, ops, only: 'asm' }]; // objdump prints NOT as its alias MVN
  return [{ mn, ops, when: ok }];
}

export const ASIMD_MISC_SYNTAX: Record<string, readonly Form[]> = {
  ...Object.fromEntries(COMPARE_ZERO_IDS.map((id) => [id, [{ mn: rowById(id)!.mnemonic, ops: [arrSQ('Rd'), arrSQ('Rn'), zero], when: (f: Fields) => !(f.size === 3 && f.Q === 0) }]])),
  ...Object.fromEntries(INT_MISC.map(([id, mn, , , sizes, shape]) => [id, intMiscForms(id, mn, sizes, shape)])),
};

const NARROW = [['8b', '16b'], ['4h', '8h'], ['2s', '4s']] as const;
const WIDE = ['8h', '4s', '2d'] as const;

/** Where the narrow element size comes from: immh (shift by immediate; the assembler's pseudo-field $nsize) or the
 *  size field (two-register misc). */
type SizeFrom = 'immh' | 'size';

const sizeOf = (f: Fields, by: SizeFrom): number => (by === 'size' ? f.size! : narrowSize(f.immh!));

function setSize(fs: FieldSet, by: SizeFrom, s: number, why: string, col: number): void {
  fs.set(by === 'size' ? 'size' : '$nsize', s, why, col);
}

/** A vector of narrow lanes in `field`, operand `i`: the arrangement the instruction's Q and element size give
 *  (8b/4h/2s, or 16b/8h/4s for the "2" forms) — SHRN's and XTN's Vd, SSHLL's and SHLL's Vn. */
function narrowArr(field: string, q: number, by: SizeFrom = 'immh'): OpKind {
  return {
    print: (f) => `v${f[field]!}.${NARROW[sizeOf(f, by)]![q]}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      const s = o.k === 'vreg' && o.index === undefined ? NARROW.findIndex((a) => a[q] === o.arr) : -1;
      if (o.k !== 'vreg' || s < 0) fail(`operand ${i + 1} must be a vector of ${NARROW.map((a) => a[q]).join(', ')}`, o.col);
      setSize(fs, by, s, 'arrangements do not agree', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** A vector of lanes twice as wide as the narrow ones, in a 128-bit vector — SHRN's and XTN's Vn, SSHLL's and SHLL's
 *  Vd. */
function wideArr(field: string, by: SizeFrom = 'immh'): OpKind {
  return {
    print: (f) => `v${f[field]!}.${WIDE[sizeOf(f, by)]}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      const s = o.k === 'vreg' && o.index === undefined ? WIDE.indexOf(o.arr as (typeof WIDE)[number]) : -1;
      if (o.k !== 'vreg' || s < 0) fail(`operand ${i + 1} must be a vector of 8h, 4s or 2d`, o.col);
      setSize(fs, by, s, 'the wide lanes must be twice as wide as the narrow ones', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** `#shift`, 1 ≤ shift ≤ esize, encoded as immh:immb = 2·esize − shift. */
export const narrowShift: OpKind = {
  print: (f) => `#${2 * (8 << narrowSize(f.immh!)) - ((f.immh! << 3) | f.immb!)}`,
  match(ops, i, fs, env) {
    const o = need(ops, i);
    const esize = 8 << fs.get('$nsize')!;
    const v = immValue(o, env);
    if (v < 1n || v > BigInt(esize)) fail(`shift #${v} is outside 1..${esize}`, o.col);
    setShift(fs, 2 * esize - Number(v));
    return i + 1;
  },
};

/** `#shift` of SSHLL/USHLL, 0 ≤ shift < esize (the narrow lane's), encoded as immh:immb = esize + shift. */
const longShift: OpKind = {
  print: (f) => `#${((f.immh! << 3) | f.immb!) - (8 << narrowSize(f.immh!))}`,
  match(ops, i, fs, env) {
    const o = need(ops, i);
    const esize = 8 << fs.get('$nsize')!;
    const v = immValue(o, env);
    if (v < 0n || v >= BigInt(esize)) fail(`shift #${v} is outside 0..${esize - 1}`, o.col);
    setShift(fs, esize + Number(v));
    return i + 1;
  },
};

/** immh:immb = immhb. */
function setShift(fs: FieldSet, immhb: number): void {
  fs.set('immh', immhb >> 3);
  fs.set('immb', immhb & 7);
}

const valid = (f: Fields): boolean => narrowSize(f.immh!) >= 0;
/** SXTL/UXTL: SSHLL/USHLL by #0 (immh:immb = esize, immh a power of two and immb = 0). */
const unshifted = (f: Fields): boolean => valid(f) && f.immb === 0 && (f.immh! & (f.immh! - 1)) === 0;

/** SHRN/RSHRN and their "2" forms (Q = 1), as objdump names them. */
export const NARROW_SHIFT_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  NARROW_SHIFT.map((r) => [r.id, [
    { mn: r.mnemonic, ops: [narrowArr('Rd', 0), wideArr('Rn'), narrowShift], when: (f: Fields) => f.Q === 0 && valid(f), fixed: { Q: 0 } },
    { mn: `${r.mnemonic}2`, ops: [narrowArr('Rd', 1), wideArr('Rn'), narrowShift], when: (f: Fields) => f.Q === 1 && valid(f), fixed: { Q: 1 } },
  ]]),
);

/** SSHLL/USHLL and their "2" forms, SXTL/UXTL(2) when the shift is 0 (objdump's preferred spelling). */
export const LONG_SHIFT_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  LONG_SHIFT.map((r) => {
    const ext = r.id === 'SSHLL' ? 'sxtl' : 'uxtl';
    const zero = (fs: FieldSet) => setShift(fs, 8 << fs.get('$nsize')!);
    return [r.id, [0, 1].flatMap((q): Form[] => {
      const two = q === 1 ? '2' : '';
      return [
        { mn: `${ext}${two}`, ops: [wideArr('Rd'), narrowArr('Rn', q)], when: (f) => f.Q === q && unshifted(f), fixed: { Q: q }, derive: zero },
        { mn: `${r.mnemonic}${two}`, ops: [wideArr('Rd'), narrowArr('Rn', q), longShift], when: (f) => f.Q === q && valid(f), fixed: { Q: q } },
      ];
    })];
  }),
);
