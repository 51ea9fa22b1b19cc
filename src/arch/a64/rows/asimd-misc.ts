// Encoding rows: Advanced SIMD two-register miscellaneous (ARM C4.1 "Advanced SIMD two-register miscellaneous",
// `0 Q U 01110 size 10000 opcode 10 Rn Rd`): the compares against zero (C7.2 CMGT/CMEQ/CMLT/CMGE/CMLE (zero)),
// carved out of the group's class row, which keeps the rest. size:Q = 110 (a 64-bit vector of 64-bit lanes) is
// reserved: the handler raises UNDEFINED.
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, U, opcode] */
const COMPARE_ZERO: readonly (readonly [string, string, number, string])[] = [
  ['CMGT_zero', 'cmgt', 0, '01000'], ['CMEQ_zero', 'cmeq', 0, '01001'], ['CMLT_zero', 'cmlt', 0, '01010'],
  ['CMGE_zero', 'cmge', 1, '01000'], ['CMLE_zero', 'cmle', 1, '01001'],
];

export const COMPARE_ZERO_IDS: readonly string[] = COMPARE_ZERO.map(([id]) => id);

export const ASIMD_MISC: readonly RowSpec[] = COMPARE_ZERO.map(([id, mnemonic, u, opcode]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 size:2 10000 ${opcode} 10 Rn:5 Rd:5`,
}));
