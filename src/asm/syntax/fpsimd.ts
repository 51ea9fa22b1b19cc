// Syntax of the FP/SIMD instruction rows (src/arch/a64/rows/fpsimd.ts): the SIMD&FP register loads and stores
// (FP_LDST), generated from the rows — the id names the register width (STR_Q_V_uoff → q) and fpLdstForm the
// addressing form — and the moves (FP_MOVES), spelled as objdump prints them (INS is always `mov`; UMOV of a word
// or doubleword is `mov`).
import { FP_LDST, fpLdstForm } from '../../arch/a64/rows/fpsimd.ts';
import { imm5Size } from '../../arch/a64/simd.ts';
import { fail } from '../diagnostics.ts';
import type { FieldSet, Fields, Form } from '../forms.ts';
import { freg, num, reg, type Width } from '../kinds.ts';
import { arr5, elem4, elem5, fpImm8, upperD } from '../kinds-simd.ts';
import { literal, memOff, memPost, memPre, memReg } from '../kinds-mem.ts';
import type { FpWidth } from '../operands.ts';

const SCALE: Readonly<Record<FpWidth, number>> = { b: 0, h: 1, s: 2, d: 3, q: 4 };
const simm9 = num('imm9', { signed: true, what: 'offset' });

function formsFor(id: string, mn: string): Form[] {
  const width = id.split('_')[1]!.toLowerCase() as FpWidth;
  const scale = SCALE[width];
  const rt = freg('Rt', width);
  switch (fpLdstForm(id)!) {
    case 'uoff':
      return [{ mn, ops: [rt, memOff('Rn', num('imm12', { scale: 1 << scale, what: 'offset' }))] }];
    case 'pre':
      return [{ mn, ops: [rt, memPre('Rn', simm9)] }];
    case 'post':
      return [{ mn, ops: [rt, memPost('Rn', simm9)] }];
    case 'reg':
      return [{ mn, ops: [rt, memReg(scale)], when: (f) => (f.option! & 2) !== 0 }]; // option<1> = 0 is unallocated
    case 'unscaled':
      // GNU as turns `ldr q0, [x1, #-8]` (no scaled encoding) into LDUR; accept that spelling too
      return [{ mn, ops: [rt, memOff('Rn', simm9)] }, { mn: mn.replace('ur', 'r'), ops: [rt, memOff('Rn', simm9, false, false)], only: 'asm', prio: 1 }];
    case 'lit':
      return [{ mn, ops: [rt, literal(num('imm19', { signed: true, scale: 4, what: 'literal', pm: true }), false)] }];
    case 'pair': {
      const off = num('imm7', { signed: true, scale: 1 << scale, what: 'offset' });
      const mem = id.endsWith('_pre') ? memPre('Rn', off) : id.endsWith('_post') ? memPost('Rn', off) : memOff('Rn', off);
      return [{ mn, ops: [rt, freg('Rt2', width), mem] }];
    }
  }
}

/** A general-purpose register that is X exactly for doubleword elements (DUP, INS from a register). */
const GPR_BY_SIZE: Width = { pseudo: '$x', isX: (f) => imm5Size(f.imm5!) === 3 };

/** Assembly: imm5 from the arrangement's size (DUP general), and the register's width checked against it. */
function sizeFromArrangement(fs: FieldSet): void {
  const s = fs.get('$size')!;
  if (!fs.has('imm5')) fs.set('imm5', 1 << s);
  if ((fs.get('$x') === 1) !== (s === 3)) fail(s === 3 ? 'doubleword elements take an X register' : 'elements narrower than 64 bits take a W register');
}

const size5 = (f: Fields): number => imm5Size(f.imm5!);
/** Not reserved: imm5<3:0> ≠ 0000, and no 64-bit elements in a 64-bit vector. */
const vecOk = (f: Fields): boolean => size5(f) < 4 && !(size5(f) === 3 && f.Q === 0);

const MOVES: Record<string, readonly Form[]> = {
  DUP_elem: [{ mn: 'dup', ops: [arr5('Rd'), elem5('Rn')], when: vecOk }],
  DUP_gen: [{ mn: 'dup', ops: [arr5('Rd'), reg('Rn', GPR_BY_SIZE)], when: vecOk, derive: sizeFromArrangement }],
  SMOV: [{ mn: 'smov', ops: [reg('Rd', { field: 'Q', x: 1, w: 0 }), elem5('Rn')], when: (f) => size5(f) < 2 + f.Q! }],
  UMOV: [
    { mn: 'mov', ops: [reg('Rd', { field: 'Q', x: 1, w: 0 }), elem5('Rn')], when: (f) => size5(f) === 2 + f.Q! },
    { mn: 'umov', ops: [reg('Rd', { field: 'Q', x: 1, w: 0 }), elem5('Rn')], when: (f) => (f.Q === 1 ? size5(f) === 3 : size5(f) < 3) },
  ],
  INS_gen: [
    { mn: 'mov', ops: [elem5('Rd'), reg('Rn', GPR_BY_SIZE)], when: (f) => size5(f) < 4, derive: sizeFromArrangement },
    { mn: 'ins', ops: [elem5('Rd'), reg('Rn', GPR_BY_SIZE)], derive: sizeFromArrangement, only: 'asm' },
  ],
  INS_elem: [
    { mn: 'mov', ops: [elem5('Rd'), elem4('Rn')], when: (f) => size5(f) < 4 },
    { mn: 'ins', ops: [elem5('Rd'), elem4('Rn')], only: 'asm' },
  ],
  FMOV_W_S: [{ mn: 'fmov', ops: [reg('Rd', 'w'), freg('Rn', 's')] }],
  FMOV_S_W: [{ mn: 'fmov', ops: [freg('Rd', 's'), reg('Rn', 'w')] }],
  FMOV_X_D: [{ mn: 'fmov', ops: [reg('Rd', 'x'), freg('Rn', 'd')] }],
  FMOV_D_X: [{ mn: 'fmov', ops: [freg('Rd', 'd'), reg('Rn', 'x')] }],
  FMOV_X_V1: [{ mn: 'fmov', ops: [reg('Rd', 'x'), upperD('Rn')] }],
  FMOV_V1_X: [{ mn: 'fmov', ops: [upperD('Rd'), reg('Rn', 'x')] }],
  FMOV_reg: [
    { mn: 'fmov', ops: [freg('Rd', 's'), freg('Rn', 's')], fixed: { ftype: 0 } },
    { mn: 'fmov', ops: [freg('Rd', 'd'), freg('Rn', 'd')], fixed: { ftype: 1 } },
  ],
  FMOV_imm: [
    { mn: 'fmov', ops: [freg('Rd', 's'), fpImm8()], fixed: { ftype: 0 } },
    { mn: 'fmov', ops: [freg('Rd', 'd'), fpImm8()], fixed: { ftype: 1 } },
  ],
};

export const FPSIMD_SYNTAX: Record<string, readonly Form[]> = {
  ...Object.fromEntries(FP_LDST.map((r) => [r.id, formsFor(r.id, r.mnemonic)])),
  ...MOVES,
};
