// Encoding rows: Advanced SIMD floating-point vector instructions, three same (ARM C4.1 "Advanced SIMD three same",
// opcodes 11xxx) and two-register miscellaneous (ARM C4.1 "Advanced SIMD two-register miscellaneous", the FP
// opcodes), where size<1> is part of the opcode and size<0> = sz picks single or double lanes. Each row is more
// specific than the ASIMD_3SAME / ASIMD_2REG_MISC class row in fpsimd.ts. sz = 1 with Q = 0 (a one-lane double
// vector) is reserved: UNDEFINED when executed (src/cpu/exec/asimd-fp*.ts) and without a spelling.
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, U, size<1>, opcode (5 bits)]. */
export const FP_THREE_SAME: readonly (readonly [string, string, number, number, string])[] = [
  ['FMAXNM_v', 'fmaxnm', 0, 0, '11000'], ['FMLA_v', 'fmla', 0, 0, '11001'], ['FADD_v', 'fadd', 0, 0, '11010'],
  ['FMULX_v', 'fmulx', 0, 0, '11011'], ['FCMEQ_v', 'fcmeq', 0, 0, '11100'], ['FMAX_v', 'fmax', 0, 0, '11110'],
  ['FRECPS_v', 'frecps', 0, 0, '11111'],
  ['FMINNM_v', 'fminnm', 0, 1, '11000'], ['FMLS_v', 'fmls', 0, 1, '11001'], ['FSUB_v', 'fsub', 0, 1, '11010'],
  ['FMIN_v', 'fmin', 0, 1, '11110'], ['FRSQRTS_v', 'frsqrts', 0, 1, '11111'],
  ['FMAXNMP_v', 'fmaxnmp', 1, 0, '11000'], ['FADDP_v', 'faddp', 1, 0, '11010'], ['FMUL_v', 'fmul', 1, 0, '11011'],
  ['FCMGE_v', 'fcmge', 1, 0, '11100'], ['FACGE_v', 'facge', 1, 0, '11101'], ['FMAXP_v', 'fmaxp', 1, 0, '11110'],
  ['FDIV_v', 'fdiv', 1, 0, '11111'],
  ['FMINNMP_v', 'fminnmp', 1, 1, '11000'], ['FABD_v', 'fabd', 1, 1, '11010'], ['FCMGT_v', 'fcmgt', 1, 1, '11100'],
  ['FACGT_v', 'facgt', 1, 1, '11101'], ['FMINP_v', 'fminp', 1, 1, '11110'],
];

/** The scalar forms (ARM C4.1 "Advanced SIMD scalar three same", the FP opcodes of ARMv8.0): [id, mnemonic, U,
 *  size<1>, opcode]; element 0 of S or D registers by sz, the rest of Vd cleared. */
export const FP_SCALAR_THREE_SAME: readonly (readonly [string, string, number, number, string])[] = [
  ['FMULX_s', 'fmulx', 0, 0, '11011'], ['FCMEQ_s', 'fcmeq', 0, 0, '11100'], ['FRECPS_s', 'frecps', 0, 0, '11111'],
  ['FRSQRTS_s', 'frsqrts', 0, 1, '11111'],
  ['FCMGE_s', 'fcmge', 1, 0, '11100'], ['FACGE_s', 'facge', 1, 0, '11101'],
  ['FABD_s', 'fabd', 1, 1, '11010'], ['FCMGT_s', 'fcmgt', 1, 1, '11100'], ['FACGT_s', 'facgt', 1, 1, '11101'],
];

export const ASIMD_FP: readonly RowSpec[] = [
  ...FP_THREE_SAME.map(([id, mnemonic, u, a, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 ${a} sz:1 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
  })),
  ...FP_SCALAR_THREE_SAME.map(([id, mnemonic, u, a, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `01 ${u} 11110 ${a} sz:1 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
  })),
];

/** How a two-register misc row reads and writes: lane for lane (`same`), against +0.0 (`zero`), or between widths:
 *  FCVTN/FCVTXN narrow into half of Vd (`narrow`), FCVTL widens half of Vn (`long`). */
export type MiscShape = 'same' | 'zero' | 'narrow' | 'long';

/** [id, mnemonic, U, size<1>, opcode (5 bits), shape]; URECPE/URSQRTE (integer) are UNSIGNED_ESTIMATE. */
export const FP_TWO_REG_MISC: readonly (readonly [string, string, number, number, string, MiscShape])[] = [
  ['FCVTN_v', 'fcvtn', 0, 0, '10110', 'narrow'], ['FCVTL_v', 'fcvtl', 0, 0, '10111', 'long'],
  ['FCVTXN_v', 'fcvtxn', 1, 0, '10110', 'narrow'],
  ['FRINTN_v', 'frintn', 0, 0, '11000', 'same'], ['FRINTM_v', 'frintm', 0, 0, '11001', 'same'],
  ['FCVTNS_v', 'fcvtns', 0, 0, '11010', 'same'], ['FCVTMS_v', 'fcvtms', 0, 0, '11011', 'same'],
  ['FCVTAS_v', 'fcvtas', 0, 0, '11100', 'same'], ['SCVTF_v', 'scvtf', 0, 0, '11101', 'same'],
  ['FCMGT_zero_v', 'fcmgt', 0, 1, '01100', 'zero'], ['FCMEQ_zero_v', 'fcmeq', 0, 1, '01101', 'zero'],
  ['FCMLT_zero_v', 'fcmlt', 0, 1, '01110', 'zero'], ['FABS_v', 'fabs', 0, 1, '01111', 'same'],
  ['FRINTP_v', 'frintp', 0, 1, '11000', 'same'], ['FRINTZ_v', 'frintz', 0, 1, '11001', 'same'],
  ['FCVTPS_v', 'fcvtps', 0, 1, '11010', 'same'], ['FCVTZS_v', 'fcvtzs', 0, 1, '11011', 'same'],
  ['FRECPE_v', 'frecpe', 0, 1, '11101', 'same'],
  ['FRINTA_v', 'frinta', 1, 0, '11000', 'same'], ['FRINTX_v', 'frintx', 1, 0, '11001', 'same'],
  ['FCVTNU_v', 'fcvtnu', 1, 0, '11010', 'same'], ['FCVTMU_v', 'fcvtmu', 1, 0, '11011', 'same'],
  ['FCVTAU_v', 'fcvtau', 1, 0, '11100', 'same'], ['UCVTF_v', 'ucvtf', 1, 0, '11101', 'same'],
  ['FCMGE_zero_v', 'fcmge', 1, 1, '01100', 'zero'], ['FCMLE_zero_v', 'fcmle', 1, 1, '01101', 'zero'],
  ['FNEG_v', 'fneg', 1, 1, '01111', 'same'], ['FRINTI_v', 'frinti', 1, 1, '11001', 'same'],
  ['FCVTPU_v', 'fcvtpu', 1, 1, '11010', 'same'], ['FCVTZU_v', 'fcvtzu', 1, 1, '11011', 'same'],
  ['FRSQRTE_v', 'frsqrte', 1, 1, '11101', 'same'], ['FSQRT_v', 'fsqrt', 1, 1, '11111', 'same'],
];

/** The scalar forms (ARM C4.1 "Advanced SIMD scalar two-register miscellaneous", the FP opcodes of ARMv8.0):
 *  [id, mnemonic, U, size<1>, opcode, shape]; element 0 of S or D registers by sz, the rest of Vd cleared. FRECPX
 *  has no vector form; FCVTXN narrows D to S (sz = 0 stays with the class row). */
export const FP_SCALAR_MISC: readonly (readonly [string, string, number, number, string, MiscShape])[] = [
  ['FCVTNS_vs', 'fcvtns', 0, 0, '11010', 'same'], ['FCVTMS_vs', 'fcvtms', 0, 0, '11011', 'same'],
  ['FCVTAS_vs', 'fcvtas', 0, 0, '11100', 'same'], ['SCVTF_vs', 'scvtf', 0, 0, '11101', 'same'],
  ['FCMGT_zero_vs', 'fcmgt', 0, 1, '01100', 'zero'], ['FCMEQ_zero_vs', 'fcmeq', 0, 1, '01101', 'zero'],
  ['FCMLT_zero_vs', 'fcmlt', 0, 1, '01110', 'zero'], ['FCVTPS_vs', 'fcvtps', 0, 1, '11010', 'same'],
  ['FCVTZS_vs', 'fcvtzs', 0, 1, '11011', 'same'], ['FRECPE_vs', 'frecpe', 0, 1, '11101', 'same'],
  ['FRECPX', 'frecpx', 0, 1, '11111', 'same'],
  ['FCVTXN_vs', 'fcvtxn', 1, 0, '10110', 'narrow'],
  ['FCVTNU_vs', 'fcvtnu', 1, 0, '11010', 'same'], ['FCVTMU_vs', 'fcvtmu', 1, 0, '11011', 'same'],
  ['FCVTAU_vs', 'fcvtau', 1, 0, '11100', 'same'], ['UCVTF_vs', 'ucvtf', 1, 0, '11101', 'same'],
  ['FCMGE_zero_vs', 'fcmge', 1, 1, '01100', 'zero'], ['FCMLE_zero_vs', 'fcmle', 1, 1, '01101', 'zero'],
  ['FCVTPU_vs', 'fcvtpu', 1, 1, '11010', 'same'], ['FCVTZU_vs', 'fcvtzu', 1, 1, '11011', 'same'],
  ['FRSQRTE_vs', 'frsqrte', 1, 1, '11101', 'same'],
];

/** URECPE/URSQRTE ([id, mnemonic, U]): the integer estimates in the FP opcode space (size<1> = 1, opcode 11100), 32-bit
 *  lanes only (sz = 0 fixed; sz = 1 stays with the class row: UNDEFINED, no spelling). */
export const UNSIGNED_ESTIMATE: readonly (readonly [string, string, number])[] = [['URECPE', 'urecpe', 0], ['URSQRTE', 'ursqrte', 1]];

/**
 * The fixed-point conversions of the shift-by-immediate groups (ARM C4.1 "Advanced SIMD (scalar) shift by
 * immediate", opcodes 11100 and 11111): [id, mnemonic, U, opcode, scalar, esize], one row per element size: immh =
 * 01xx converts singles, 1xxx doubles, fbits = 2·esize − immh:immb = esize − fb (immh:immb = esize + fb). immh = 00xx
 * (half precision, ARMv8.2) stays with the class rows; doubles in a 64-bit vector are UNDEFINED when executed and
 * have no spelling.
 */
export const FP_FIXED_SHIFT: readonly (readonly [string, string, number, string, boolean, 32 | 64])[] = ([
  ['SCVTF_v_fix', 'scvtf', 0, '11100', false], ['UCVTF_v_fix', 'ucvtf', 1, '11100', false],
  ['FCVTZS_v_fix', 'fcvtzs', 0, '11111', false], ['FCVTZU_v_fix', 'fcvtzu', 1, '11111', false],
  ['SCVTF_s_fix', 'scvtf', 0, '11100', true], ['UCVTF_s_fix', 'ucvtf', 1, '11100', true],
  ['FCVTZS_s_fix', 'fcvtzs', 0, '11111', true], ['FCVTZU_s_fix', 'fcvtzu', 1, '11111', true],
] as const).flatMap(([id, mn, u, opcode, scalar]) => [[`${id}32`, mn, u, opcode, scalar, 32], [`${id}64`, mn, u, opcode, scalar, 64]] as const);

export const ASIMD_FP_MISC: readonly RowSpec[] = [
  ...FP_FIXED_SHIFT.map(([id, mnemonic, u, opcode, scalar, esize]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD',
    diagram: `${scalar ? '01' : '0 Q:1'} ${u} ${scalar ? '111110' : '011110'} ${esize === 32 ? '01 fb:5' : '1 fb:6'} ${opcode} 1 Rn:5 Rd:5`,
  })),
  ...FP_TWO_REG_MISC.map(([id, mnemonic, u, a, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 ${a} sz:1 10000 ${opcode} 10 Rn:5 Rd:5`,
  })),
  ...FP_SCALAR_MISC.map(([id, mnemonic, u, a, opcode, shape]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `01 ${u} 11110 ${a} ${shape === 'narrow' ? '1' : 'sz:1'} 10000 ${opcode} 10 Rn:5 Rd:5`,
  })),
  ...UNSIGNED_ESTIMATE.map(([id, mnemonic, u]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 1 0 10000 11100 10 Rn:5 Rd:5`,
  })),
];

/**
 * FP reductions (ARM C4.1 "Advanced SIMD across lanes" and "Advanced SIMD scalar pairwise", U = 1, the FP opcodes):
 * [id, mnemonic, size<1>, opcode]. Across lanes takes 4s only in ARMv8.0 (sz = 1 or Q = 0 is reserved: UNDEFINED when
 * executed, no spelling); scalar pairwise reduces the two lanes of a 2s (sz = 0) or 2d (sz = 1) vector.
 */
export const FP_ACROSS: readonly (readonly [string, string, number, string])[] = [
  ['FMAXNMV', 'fmaxnmv', 0, '01100'], ['FMINNMV', 'fminnmv', 1, '01100'], ['FMAXV', 'fmaxv', 0, '01111'], ['FMINV', 'fminv', 1, '01111'],
];
export const FP_PAIRWISE: readonly (readonly [string, string, number, string])[] = [
  ['FMAXNMP_s', 'fmaxnmp', 0, '01100'], ['FMINNMP_s', 'fminnmp', 1, '01100'], ['FADDP_s', 'faddp', 0, '01101'],
  ['FMAXP_s', 'fmaxp', 0, '01111'], ['FMINP_s', 'fminp', 1, '01111'],
];

export const ASIMD_FP_REDUCE: readonly RowSpec[] = [
  ...FP_ACROSS.map(([id, mnemonic, a, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 1 01110 ${a} sz:1 11000 ${opcode} 10 Rn:5 Rd:5`,
  })),
  ...FP_PAIRWISE.map(([id, mnemonic, a, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `01 1 11110 ${a} sz:1 11000 ${opcode} 10 Rn:5 Rd:5`,
  })),
];

/**
 * FP multiplies by element (ARM C4.1 "Advanced SIMD vector x indexed element" and "scalar x indexed element", size<1>
 * = 1): [id, mnemonic, U, opcode, scalar]. The element is Vm[H:L] (singles, Vm = M:Rm) or Vm[H] (doubles; L = 1 is
 * reserved, as is a one-lane double vector: UNDEFINED when executed, no spelling).
 */
export const FP_BY_ELEMENT: readonly (readonly [string, string, number, string, boolean])[] = [
  ['FMLA_elem', 'fmla', 0, '0001', false], ['FMLS_elem', 'fmls', 0, '0101', false],
  ['FMUL_elem', 'fmul', 0, '1001', false], ['FMULX_elem', 'fmulx', 1, '1001', false],
  ['FMLA_elem_s', 'fmla', 0, '0001', true], ['FMLS_elem_s', 'fmls', 0, '0101', true],
  ['FMUL_elem_s', 'fmul', 0, '1001', true], ['FMULX_elem_s', 'fmulx', 1, '1001', true],
];

export const ASIMD_FP_ELEM: readonly RowSpec[] = FP_BY_ELEMENT.map(([id, mnemonic, u, opcode, scalar]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD',
  diagram: `${scalar ? '01' : '0 Q:1'} ${u} ${scalar ? '11111' : '01111'} 1 sz:1 L:1 M:1 Rm:4 ${opcode} H:1 0 Rn:5 Rd:5`,
}));
