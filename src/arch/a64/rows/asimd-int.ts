// Encoding rows: Advanced SIMD integer instructions (ARM C4.1 "Advanced SIMD three same", opcodes without doubling;
// the logical group by its size field). Each row is more specific than the ASIMD_3SAME class row in fpsimd.ts, whose
// remaining encodings stay classes until they are rows; SQDMULH, SQRDMULH and PMUL are MUL_SAME rows.
// Reserved element sizes (per instruction: 64-bit lanes in a 64-bit vector, or 64-bit lanes at all) are UNDEFINED
// when executed (src/cpu/exec/asimd-int.ts THREE_SAME) and have no spelling.
import type { RowSpec } from '../encoding.ts';

/** How the three-same group's instructions treat the size field: `d`: every size, 64-bit lanes only with Q = 1;
 *  `no-d`: 8, 16 and 32-bit lanes only; `logic`: size is part of the opcode (the operation is bitwise). */
export type SizeRule = 'd' | 'no-d' | 'logic';

/** [id, mnemonic, U, opcode (5 bits), size rule, fixed size for the logical rows]. */
const THREE_SAME: readonly (readonly [string, string, number, string, SizeRule, string?])[] = [
  ['SHADD', 'shadd', 0, '00000', 'no-d'], ['UHADD', 'uhadd', 1, '00000', 'no-d'],
  ['SRHADD', 'srhadd', 0, '00010', 'no-d'], ['URHADD', 'urhadd', 1, '00010', 'no-d'],
  ['SHSUB', 'shsub', 0, '00100', 'no-d'], ['UHSUB', 'uhsub', 1, '00100', 'no-d'],
  ['CMGT_reg', 'cmgt', 0, '00110', 'd'], ['CMHI_reg', 'cmhi', 1, '00110', 'd'],
  ['CMGE_reg', 'cmge', 0, '00111', 'd'], ['CMHS_reg', 'cmhs', 1, '00111', 'd'],
  ['SMAX', 'smax', 0, '01100', 'no-d'], ['UMAX', 'umax', 1, '01100', 'no-d'],
  ['SMIN', 'smin', 0, '01101', 'no-d'], ['UMIN', 'umin', 1, '01101', 'no-d'],
  ['SABD', 'sabd', 0, '01110', 'no-d'], ['UABD', 'uabd', 1, '01110', 'no-d'],
  ['SABA', 'saba', 0, '01111', 'no-d'], ['UABA', 'uaba', 1, '01111', 'no-d'],
  ['ADD_v', 'add', 0, '10000', 'd'], ['SUB_v', 'sub', 1, '10000', 'd'],
  ['CMTST', 'cmtst', 0, '10001', 'd'], ['CMEQ_reg', 'cmeq', 1, '10001', 'd'],
  ['MLA_v', 'mla', 0, '10010', 'no-d'], ['MLS_v', 'mls', 1, '10010', 'no-d'],
  ['MUL_v', 'mul', 0, '10011', 'no-d'],
  ['SMAXP', 'smaxp', 0, '10100', 'no-d'], ['UMAXP', 'umaxp', 1, '10100', 'no-d'],
  ['SMINP', 'sminp', 0, '10101', 'no-d'], ['UMINP', 'uminp', 1, '10101', 'no-d'],
  ['ADDP_v', 'addp', 0, '10111', 'd'],
  ['SQADD_v', 'sqadd', 0, '00001', 'd'], ['UQADD_v', 'uqadd', 1, '00001', 'd'],
  ['SQSUB_v', 'sqsub', 0, '00101', 'd'], ['UQSUB_v', 'uqsub', 1, '00101', 'd'],
  ['SSHL_v', 'sshl', 0, '01000', 'd'], ['USHL_v', 'ushl', 1, '01000', 'd'],
  ['SQSHL_v', 'sqshl', 0, '01001', 'd'], ['UQSHL_v', 'uqshl', 1, '01001', 'd'],
  ['SRSHL_v', 'srshl', 0, '01010', 'd'], ['URSHL_v', 'urshl', 1, '01010', 'd'],
  ['SQRSHL_v', 'sqrshl', 0, '01011', 'd'], ['UQRSHL_v', 'uqrshl', 1, '01011', 'd'],
  ['AND_v', 'and', 0, '00011', 'logic', '00'], ['BIC_v', 'bic', 0, '00011', 'logic', '01'],
  ['ORR_v', 'orr', 0, '00011', 'logic', '10'], ['ORN_v', 'orn', 0, '00011', 'logic', '11'],
  ['EOR_v', 'eor', 1, '00011', 'logic', '00'], ['BSL', 'bsl', 1, '00011', 'logic', '01'],
  ['BIT', 'bit', 1, '00011', 'logic', '10'], ['BIF', 'bif', 1, '00011', 'logic', '11'],
];

/** The saturating adds and subtracts and the shifts by register (opcodes 00x01, 010xx): exec/asimd-sat.ts runs them. */
export const SAT_SAME_IDS: readonly string[] = THREE_SAME.filter(([, , , op]) => /^00[01]01$|^010/.test(op)).map(([id]) => id);

const RULE = new Map<string, SizeRule>();

/** The size rule of a three-same row, or undefined for any other row. */
export function threeSameRule(id: string): SizeRule | undefined {
  return RULE.get(id);
}

const threeSameRows: RowSpec[] = THREE_SAME.map(([id, mnemonic, u, opcode, rule, size]) => {
  RULE.set(id, rule);
  return { id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 ${size ?? 'size:2'} 1 Rm:5 ${opcode} 1 Rn:5 Rd:5` };
});

/**
 * The modified-immediate group (ARM C4.1 "Advanced SIMD modified immediate", AdvSIMDExpandImm): [id, mnemonic, op,
 * cmode bits (sh: the shift field)], o2 = 0; o2 = 1 (FP16 FMOV, v8.2) stays with the class row, UNDEFINED.
 */
const MODIFIED_IMM: readonly (readonly [string, string, number, string])[] = [
  ['MOVI_s32', 'movi', 0, '0 sh:2 0'], ['ORR_s32', 'orr', 0, '0 sh:2 1'],
  ['MVNI_s32', 'mvni', 1, '0 sh:2 0'], ['BIC_s32', 'bic', 1, '0 sh:2 1'],
  ['MOVI_s16', 'movi', 0, '10 sh:1 0'], ['ORR_s16', 'orr', 0, '10 sh:1 1'],
  ['MVNI_s16', 'mvni', 1, '10 sh:1 0'], ['BIC_s16', 'bic', 1, '10 sh:1 1'],
  ['MOVI_msl', 'movi', 0, '110 sh:1'], ['MVNI_msl', 'mvni', 1, '110 sh:1'],
  ['MOVI_8', 'movi', 0, '1110'], ['MOVI_64', 'movi', 1, '1110'],
  ['FMOV_v_s', 'fmov', 0, '1111'], ['FMOV_v_d', 'fmov', 1, '1111'],
];

/** The modified-immediate rows' ids. */
export const MODIFIED_IMM_IDS: readonly string[] = MODIFIED_IMM.map(([id]) => id);

const modifiedImmRows: RowSpec[] = MODIFIED_IMM.map(([id, mnemonic, op, cmode]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${op} 0111100000 abc:3 ${cmode} 0 1 defgh:5 Rd:5`,
}));

/** The permutes (ARM C4.1 "Advanced SIMD permute"): [id, mnemonic, opcode]; opcodes 000 and 100 are unallocated. */
const PERMUTE: readonly (readonly [string, string, string])[] = [
  ['UZP1', 'uzp1', '001'], ['TRN1', 'trn1', '010'], ['ZIP1', 'zip1', '011'],
  ['UZP2', 'uzp2', '101'], ['TRN2', 'trn2', '110'], ['ZIP2', 'zip2', '111'],
];

/** The permute rows' ids. */
export const PERMUTE_IDS: readonly string[] = PERMUTE.map(([id]) => id);

/** The integer across-lanes reductions (ARM C4.1 "Advanced SIMD across lanes"): [id, mnemonic, U, opcode]. */
const ACROSS: readonly (readonly [string, string, number, string])[] = [
  ['SADDLV', 'saddlv', 0, '00011'], ['UADDLV', 'uaddlv', 1, '00011'],
  ['SMAXV', 'smaxv', 0, '01010'], ['UMAXV', 'umaxv', 1, '01010'],
  ['SMINV', 'sminv', 0, '11010'], ['UMINV', 'uminv', 1, '11010'],
  ['ADDV', 'addv', 0, '11011'],
];

/** The across-lanes rows' ids. */
export const ACROSS_IDS: readonly string[] = ACROSS.map(([id]) => id);

/**
 * Three-same multiplies with handlers of their own: [id, mnemonic, U, opcode, size (fixed bits, or `size:2`), scalar].
 * SQDMULH/SQRDMULH (16 and 32-bit elements; sizes 00 and 11 UNDEFINED when executed, no spelling), vector and
 * scalar ("Advanced SIMD scalar three same"); PMUL (size = 00 only, the other sizes stay with the class row).
 */
export const MUL_SAME: readonly (readonly [string, string, number, string, string, boolean])[] = [
  ['SQDMULH_v', 'sqdmulh', 0, '10110', 'size:2', false], ['SQRDMULH_v', 'sqrdmulh', 1, '10110', 'size:2', false],
  ['SQDMULH_s', 'sqdmulh', 0, '10110', 'size:2', true], ['SQRDMULH_s', 'sqrdmulh', 1, '10110', 'size:2', true],
  ['PMUL', 'pmul', 1, '10011', '00', false],
];

export const ASIMD_INT: readonly RowSpec[] = [
  ...threeSameRows,
  ...MUL_SAME.map(([id, mnemonic, u, opcode, size, scalar]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `${scalar ? '01' : '0 Q:1'} ${u} ${scalar ? '11110' : '01110'} ${size} 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
  })),
  ...modifiedImmRows,
  ...PERMUTE.map(([id, mnemonic, opcode]): RowSpec => ({ id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 001110 size:2 0 Rm:5 0 ${opcode} 10 Rn:5 Rd:5` })),
  ...ACROSS.map(([id, mnemonic, u, opcode]): RowSpec => ({ id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 size:2 11000 ${opcode} 10 Rn:5 Rd:5` })),
  // EXT (ARM C4.1 "Advanced SIMD extract", op2 = 00)
  { id: 'EXT', mnemonic: 'ext', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '0 Q:1 101110 00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5' },
];
