// Syntax of branches, exception generation and exception return.
import { fail } from '../diagnostics.ts';
import type { Fields, Form } from '../forms.ts';
import { COND_NAMES, condNote, imm, label, num, reg, type Width } from '../kinds.ts';

const imm26 = label(num('imm26', { signed: true, scale: 4, what: 'branch target', pm: true }));
const imm19 = label(num('imm19', { signed: true, scale: 4, what: 'branch target', pm: true }));
const imm14 = label(num('imm14', { signed: true, scale: 4, what: 'branch target', pm: true }));
const Rt = reg('Rt');
/** TBZ/TBNZ: printed as X when the tested bit is ≥ 32 (b5 = 1); an X register may test any bit, a W one < 32. */
const tbReg = reg('Rt', { pseudo: '$x', isX: (f) => f.b5 === 1 } satisfies Width);
const bitNum = num(['b5', 'b40'], { what: 'bit number' });
const tbBit = imm(
  {
    get: bitNum.get,
    set(v, fs, col) {
      if (fs.get('$x') === 0 && (v < 0n || v > 31n)) fail('bit number out of range 0..31 for a w register', col);
      bitNum.set(v, fs, col);
    },
  },
  'dec',
);

/** B.<cond>: one spelling per condition (plus GNU as's b.hs / b.lo), objdump's `// b.none` note. */
function bcond(): Form[] {
  const forms: Form[] = COND_NAMES.map((c, k) => ({
    mn: `b.${c}`,
    ops: [imm19],
    fixed: { cond: k },
    comment: { text: (f: Fields) => condNote(COND_NAMES[f.cond!]!, true), style: 'space2' as const },
  }));
  forms.push({ mn: 'b.hs', ops: [imm19], fixed: { cond: 2 }, only: 'asm' }, { mn: 'b.lo', ops: [imm19], fixed: { cond: 3 }, only: 'asm' });
  return forms;
}

const exc = (mn: string, optional = false): readonly Form[] =>
  optional ? [{ mn, ops: [], fixed: { imm16: 0 } }, { mn, ops: [imm(num('imm16'))] }] : [{ mn, ops: [imm(num('imm16'))] }];

export const BRANCH_SYNTAX: Record<string, readonly Form[]> = {
  B: [{ mn: 'b', ops: [imm26] }],
  BL: [{ mn: 'bl', ops: [imm26] }],
  B_cond: bcond(),
  CBZ: [{ mn: 'cbz', ops: [Rt, imm19] }],
  CBNZ: [{ mn: 'cbnz', ops: [Rt, imm19] }],
  TBZ: [{ mn: 'tbz', ops: [tbReg, tbBit, imm14] }],
  TBNZ: [{ mn: 'tbnz', ops: [tbReg, tbBit, imm14] }],
  BR: [{ mn: 'br', ops: [reg('Rn', 'x')] }],
  BLR: [{ mn: 'blr', ops: [reg('Rn', 'x')] }],
  RET: [{ mn: 'ret', ops: [], fixed: { Rn: 30 } }, { mn: 'ret', ops: [reg('Rn', 'x')] }],
  SVC: exc('svc'),
  HVC: exc('hvc'),
  SMC: exc('smc'),
  BRK: exc('brk'),
  HLT: exc('hlt'),
  DCPS1: exc('dcps1', true),
  DCPS2: exc('dcps2', true),
  DCPS3: exc('dcps3', true),
  UDF: [{ mn: 'udf', ops: [imm(num('imm16'), 'dec')] }], // objdump prints UDF's immediate in decimal
  ERET: [{ mn: 'eret', ops: [] }],
  DRPS: [{ mn: 'drps', ops: [] }],
};
