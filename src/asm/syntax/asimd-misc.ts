// Syntax of the Advanced SIMD two-register miscellaneous rows (src/arch/a64/rows/asimd-misc.ts): `op Vd.T, Vn.T, #0`
// for the compares against zero; no `.1d` form (size:Q = 110 is reserved).
import { ASIMD_MISC } from '../../arch/a64/rows/asimd-misc.ts';
import type { Fields, Form } from '../forms.ts';
import { fail } from '../diagnostics.ts';
import { imm } from '../kinds.ts';
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
