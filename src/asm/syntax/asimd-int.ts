// Syntax of the Advanced SIMD integer rows (src/arch/a64/rows/asimd-int.ts): `op Vd.T, Vn.T, Vm.T` with T from size
// and Q, spellings only for the element sizes the row allows (threeSameRule); ORR with Rn = Rm is `mov`, as objdump
// prints it.
import { ASIMD_INT, threeSameRule } from '../../arch/a64/rows/asimd-int.ts';
import type { Fields, Form } from '../forms.ts';
import { arrSQ } from '../kinds-simd.ts';

function formsFor(id: string, mn: string): Form[] {
  const rule = threeSameRule(id)!;
  if (rule === 'logic') {
    const ops = [arrSQ('Rd', true), arrSQ('Rn', true), arrSQ('Rm', true)];
    if (id !== 'ORR_v') return [{ mn, ops }];
    return [
      { mn: 'mov', ops: [arrSQ('Rd', true), arrSQ('Rn', true)], when: (f) => f.Rn === f.Rm, derive: (fs) => fs.set('Rm', fs.get('Rn')!) },
      { mn, ops },
    ];
  }
  const ok = rule === 'd' ? (f: Fields) => !(f.size === 3 && f.Q === 0) : (f: Fields) => f.size !== 3;
  return [{ mn, ops: [arrSQ('Rd'), arrSQ('Rn'), arrSQ('Rm')], when: ok }];
}

export const ASIMD_INT_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(ASIMD_INT.map((r) => [r.id, formsFor(r.id, r.mnemonic)]));
