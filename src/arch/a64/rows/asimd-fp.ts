// Encoding rows: Advanced SIMD floating-point vector instructions, three same (ARM C4.1 "Advanced SIMD three same",
// opcodes 11xxx, where size<1> is part of the opcode and size<0> = sz picks single or double lanes). Each row is
// more specific than the ASIMD_3SAME class row in fpsimd.ts. sz = 1 with Q = 0 (a one-lane double vector) is
// reserved: UNDEFINED when executed (src/cpu/exec/asimd-fp.ts) and without a spelling.
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

export const ASIMD_FP: readonly RowSpec[] = FP_THREE_SAME.map(([id, mnemonic, u, a, opcode]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 ${a} sz:1 1 Rm:5 ${opcode} 1 Rn:5 Rd:5`,
}));
