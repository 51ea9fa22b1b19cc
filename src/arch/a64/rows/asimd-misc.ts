// Encoding rows: Advanced SIMD two-register miscellaneous (ARM C4.1 "Advanced SIMD two-register miscellaneous",
// `0 Q U 01110 size 10000 opcode 10 Rn Rd`), the integer instructions: the compares against zero (C7.2
// CMGT/CMEQ/CMLT/CMGE/CMLE (zero)) and the rest of the integer group (INT_MISC), carved out of the group's class row,
// which keeps the FP opcodes' leftovers. size:Q = 110 (a 64-bit vector of 64-bit lanes) is reserved for every row, and
// each row's other reserved sizes (INT_MISC's `sizes`) too: the handler raises UNDEFINED and there is no spelling.
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, U, opcode] */
const COMPARE_ZERO: readonly (readonly [string, string, number, string])[] = [
  ['CMGT_zero', 'cmgt', 0, '01000'], ['CMEQ_zero', 'cmeq', 0, '01001'], ['CMLT_zero', 'cmlt', 0, '01010'],
  ['CMGE_zero', 'cmge', 1, '01000'], ['CMLE_zero', 'cmle', 1, '01001'],
];

export const COMPARE_ZERO_IDS: readonly string[] = COMPARE_ZERO.map(([id]) => id);


/** Which sizes a two-register misc row allows: `bhs` size ≠ 11, `bh` size 0x, `all` every size but 64-bit lanes in a
 *  64-bit vector; a number: the size is fixed in the encoding (part of the opcode). */
export type MiscSizes = 'bhs' | 'bh' | 'all' | number;

/** How a row reads and writes: lane for lane (`same`), pairs of lanes into one twice as wide (`pair`: SADDLP …), the
 *  lanes of Vn into half of Vd, half as wide (`narrow`: XTN …), or half of Vn's lanes, twice as wide (`shll`). */
export type IntMiscShape = 'same' | 'pair' | 'narrow' | 'shll';

/** [id, mnemonic, U, opcode, sizes, shape] of the integer two-register misc instructions other than CMxx #0. */
export const INT_MISC: readonly (readonly [string, string, number, string, MiscSizes, IntMiscShape])[] = [
  ['REV64', 'rev64', 0, '00000', 'bhs', 'same'], ['REV16_v', 'rev16', 0, '00001', 0, 'same'],
  ['SADDLP', 'saddlp', 0, '00010', 'bhs', 'pair'], ['SUQADD', 'suqadd', 0, '00011', 'all', 'same'],
  ['CLS_v', 'cls', 0, '00100', 'bhs', 'same'], ['CNT', 'cnt', 0, '00101', 0, 'same'],
  ['SADALP', 'sadalp', 0, '00110', 'bhs', 'pair'], ['SQABS', 'sqabs', 0, '00111', 'all', 'same'],
  ['ABS', 'abs', 0, '01011', 'all', 'same'], ['XTN', 'xtn', 0, '10010', 'bhs', 'narrow'],
  ['SQXTN', 'sqxtn', 0, '10100', 'bhs', 'narrow'],
  ['REV32_v', 'rev32', 1, '00000', 'bh', 'same'], ['UADDLP', 'uaddlp', 1, '00010', 'bhs', 'pair'],
  ['USQADD', 'usqadd', 1, '00011', 'all', 'same'], ['CLZ_v', 'clz', 1, '00100', 'bhs', 'same'],
  ['NOT', 'not', 1, '00101', 0, 'same'], ['RBIT_v', 'rbit', 1, '00101', 1, 'same'],
  ['UADALP', 'uadalp', 1, '00110', 'bhs', 'pair'], ['SQNEG', 'sqneg', 1, '00111', 'all', 'same'],
  ['NEG', 'neg', 1, '01011', 'all', 'same'], ['SQXTUN', 'sqxtun', 1, '10010', 'bhs', 'narrow'],
  ['SHLL', 'shll', 1, '10011', 'bhs', 'shll'], ['UQXTN', 'uqxtn', 1, '10100', 'bhs', 'narrow'],
];

export const INT_MISC_IDS: readonly string[] = INT_MISC.map(([id]) => id);

/** Whether size:Q is allocated for a row allowing `sizes` (size:Q = 110 never is). */
export function miscSizeOk(sizes: MiscSizes, size: number, q: number): boolean {
  if (typeof sizes === 'number') return true;
  if (sizes === 'all') return !(size === 3 && q === 0);
  return sizes === 'bh' ? size < 2 : size < 3;
}

export const ASIMD_MISC: readonly RowSpec[] = [
  ...COMPARE_ZERO.map(([id, mnemonic, u, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 size:2 10000 ${opcode} 10 Rn:5 Rd:5`,
  })),
  ...INT_MISC.map(([id, mnemonic, u, opcode, sizes]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD',
    diagram: `0 Q:1 ${u} 01110 ${typeof sizes === 'number' ? sizes.toString(2).padStart(2, '0') : 'size:2'} 10000 ${opcode} 10 Rn:5 Rd:5`,
  })),
];
