// Encoding rows: Advanced SIMD scalar integer instructions (ARM C4.1 "Advanced SIMD scalar three same",
// `01 U 11110 size 1 Rm opcode 1 Rn Rd`): one element of Vn and Vm (the low b, h, s or d), the result zero-extended
// into Vd. The D-only instructions (ADD, SUB, CMxx, CMTST, SSHL/USHL, SRSHL/URSHL) fix size = 11 in their row (the
// other sizes stay with the class row: UNDEFINED, no spelling); SQDMULH/SQRDMULH are rows of asimd-int.ts. And
// "Advanced SIMD scalar shift by immediate" (`01 U 111110 immh immb opcode 1 Rn Rd`): the D-only shifts (immh = 0xxx
// UNDEFINED when executed, no spelling), the saturating left shifts on B/H/S/D and the saturating narrowing shifts
// (H/S/D to B/H/S; immh = 1xxx UNDEFINED); immh = 0000 is unallocated. The fixed-point conversions are rows of
// asimd-fp.ts.
// And the integer scalar two-register misc instructions (SCALAR_MISC; D-only ones fix size = 11, the narrowing ones
// UNDEFINED for size = 11).
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, U, opcode, `d` (64-bit only) or `all` sizes]. */
export const SCALAR_THREE_SAME: readonly (readonly [string, string, number, string, 'd' | 'all'])[] = [
  ['SQADD_s', 'sqadd', 0, '00001', 'all'], ['UQADD_s', 'uqadd', 1, '00001', 'all'],
  ['SQSUB_s', 'sqsub', 0, '00101', 'all'], ['UQSUB_s', 'uqsub', 1, '00101', 'all'],
  ['CMGT_reg_s', 'cmgt', 0, '00110', 'd'], ['CMHI_reg_s', 'cmhi', 1, '00110', 'd'],
  ['CMGE_reg_s', 'cmge', 0, '00111', 'd'], ['CMHS_reg_s', 'cmhs', 1, '00111', 'd'],
  ['SSHL_s', 'sshl', 0, '01000', 'd'], ['USHL_s', 'ushl', 1, '01000', 'd'],
  ['SQSHL_s', 'sqshl', 0, '01001', 'all'], ['UQSHL_s', 'uqshl', 1, '01001', 'all'],
  ['SRSHL_s', 'srshl', 0, '01010', 'd'], ['URSHL_s', 'urshl', 1, '01010', 'd'],
  ['SQRSHL_s', 'sqrshl', 0, '01011', 'all'], ['UQRSHL_s', 'uqrshl', 1, '01011', 'all'],
  ['ADD_s', 'add', 0, '10000', 'd'], ['SUB_s', 'sub', 1, '10000', 'd'],
  ['CMTST_s', 'cmtst', 0, '10001', 'd'], ['CMEQ_reg_s', 'cmeq', 1, '10001', 'd'],
];

/** [id, mnemonic, U, opcode, which: `d` (D only), `all` (B/H/S/D), `narrow`] of the scalar shifts by immediate. */
export const SCALAR_SHIFT: readonly (readonly [string, string, number, string, 'd' | 'all' | 'narrow'])[] = [
  ['SSHR_s', 'sshr', 0, '00000', 'd'], ['USHR_s', 'ushr', 1, '00000', 'd'],
  ['SSRA_s', 'ssra', 0, '00010', 'd'], ['USRA_s', 'usra', 1, '00010', 'd'],
  ['SRSHR_s', 'srshr', 0, '00100', 'd'], ['URSHR_s', 'urshr', 1, '00100', 'd'],
  ['SRSRA_s', 'srsra', 0, '00110', 'd'], ['URSRA_s', 'ursra', 1, '00110', 'd'],
  ['SRI_s', 'sri', 1, '01000', 'd'], ['SHL_s', 'shl', 0, '01010', 'd'], ['SLI_s', 'sli', 1, '01010', 'd'],
  ['SQSHLU_s', 'sqshlu', 1, '01100', 'all'],
  ['SQSHL_imm_s', 'sqshl', 0, '01110', 'all'], ['UQSHL_imm_s', 'uqshl', 1, '01110', 'all'],
  ['SQSHRUN_s', 'sqshrun', 1, '10000', 'narrow'], ['SQRSHRUN_s', 'sqrshrun', 1, '10001', 'narrow'],
  ['SQSHRN_s', 'sqshrn', 0, '10010', 'narrow'], ['UQSHRN_s', 'uqshrn', 1, '10010', 'narrow'],
  ['SQRSHRN_s', 'sqrshrn', 0, '10011', 'narrow'], ['UQRSHRN_s', 'uqrshrn', 1, '10011', 'narrow'],
];

/** [id, mnemonic, U, opcode, which: `d` (D only), `all` (B/H/S/D), `narrow` (H/S/D to B/H/S)] of the scalar
 *  two-register misc integer instructions ("Advanced SIMD scalar two-register miscellaneous",
 *  `01 U 11110 size 10000 opcode 10 Rn Rd`); the FP ones stay with the class row. */
export const SCALAR_MISC: readonly (readonly [string, string, number, string, 'd' | 'all' | 'narrow'])[] = [
  ['SUQADD_s', 'suqadd', 0, '00011', 'all'], ['SQABS_s', 'sqabs', 0, '00111', 'all'],
  ['CMGT_zero_s', 'cmgt', 0, '01000', 'd'], ['CMEQ_zero_s', 'cmeq', 0, '01001', 'd'], ['CMLT_zero_s', 'cmlt', 0, '01010', 'd'],
  ['ABS_s', 'abs', 0, '01011', 'd'], ['SQXTN_s', 'sqxtn', 0, '10100', 'narrow'],
  ['USQADD_s', 'usqadd', 1, '00011', 'all'], ['SQNEG_s', 'sqneg', 1, '00111', 'all'],
  ['CMGE_zero_s', 'cmge', 1, '01000', 'd'], ['CMLE_zero_s', 'cmle', 1, '01001', 'd'],
  ['NEG_s', 'neg', 1, '01011', 'd'], ['SQXTUN_s', 'sqxtun', 1, '10010', 'narrow'], ['UQXTN_s', 'uqxtn', 1, '10100', 'narrow'],
];

/** The scalar-only instructions: ADDP (scalar), Dd = the sum of Vn's two doublewords (size = 11; the other sizes
 *  stay with the class row); DUP (element) scalar, objdump's MOV: element imm5 of Vn into Vd, zero-extended. */
export const SCALAR_ONLY: readonly RowSpec[] = [
  { id: 'ADDP_s', mnemonic: 'addp', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '01 0 11110 11 11000 11011 10 Rn:5 Rd:5' },
  { id: 'DUP_elem_s', mnemonic: 'mov', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '01 0 11110000 imm5:5 0 0000 1 Rn:5 Rd:5' },
];

export const ASIMD_SCALAR: readonly RowSpec[] = [
  ...SCALAR_ONLY,
  ...SCALAR_THREE_SAME.map(([id, mnemonic, u, opcode, sizes]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD',
    diagram: `01 ${u} 11110 ${sizes === 'd' ? '11' : 'size:2'} 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
  })),
  ...SCALAR_SHIFT.map(([id, mnemonic, u, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `01 ${u} 111110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
  })),
  ...SCALAR_MISC.map(([id, mnemonic, u, opcode, which]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `01 ${u} 11110 ${which === 'd' ? '11' : 'size:2'} 10000 ${opcode} 10 Rn:5 Rd:5`,
  })),
];
