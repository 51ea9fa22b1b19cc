// Syntax of the SIMD&FP register loads and stores (src/arch/a64/rows/fpsimd.ts FP_LDST), generated from the rows:
// the id names the register width (STR_Q_V_uoff → q) and fpLdstForm the addressing form.
import { FP_LDST, fpLdstForm } from '../../arch/a64/rows/fpsimd.ts';
import type { Form } from '../forms.ts';
import { freg, num } from '../kinds.ts';
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

export const FPSIMD_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(FP_LDST.map((r) => [r.id, formsFor(r.id, r.mnemonic)]));
