// Encoding rows: scalar floating-point data processing (ARM C4.1 "Floating-point data-processing (1 source)",
// "(2 source)", "(3 source)", "Floating-point compare", "conditional compare", "conditional select", "Conversion
// between floating-point and integer", "Conversion between floating-point and fixed-point"). Each row is more
// specific than its group's class row in fpsimd.ts. ARMv8.0 forms only: single and double precision (ftype 00,
// 01: bit 23 = 0, ftype = bit 22), and the FCVT conversions to and from half precision; half-precision arithmetic
// (ftype 11 elsewhere) is FEAT_FP16 and stays with the class rows, UNDEFINED.
import type { RowSpec } from '../encoding.ts';

const insn = (id: string, mnemonic: string, diagram: string): RowSpec => ({ id, mnemonic, cls: 'fpsimd', feature: 'FP', diagram });

/** 1-source, S/D: [id, mnemonic, opcode (6 bits)]; FMOV (register, 000000) is FMOV_reg in fpsimd.ts. */
export const FP_DP1_OPS: readonly (readonly [string, string, string])[] = [
  ['FABS', 'fabs', '000001'], ['FNEG', 'fneg', '000010'], ['FSQRT', 'fsqrt', '000011'],
  ['FRINTN', 'frintn', '001000'], ['FRINTP', 'frintp', '001001'], ['FRINTM', 'frintm', '001010'],
  ['FRINTZ', 'frintz', '001011'], ['FRINTA', 'frinta', '001100'], ['FRINTX', 'frintx', '001110'],
  ['FRINTI', 'frinti', '001111'],
];

/** FCVT between precisions: [id, ftype (source), opc (destination)] — 00 single, 01 double, 11 half. */
export const FCVT_PAIRS: readonly (readonly [string, string, string])[] = [
  ['FCVT_S2D', '00', '01'], ['FCVT_S2H', '00', '11'], ['FCVT_D2S', '01', '00'],
  ['FCVT_D2H', '01', '11'], ['FCVT_H2S', '11', '00'], ['FCVT_H2D', '11', '01'],
];

/** 2-source: [id, mnemonic, opcode (4 bits)]. */
export const FP_DP2_OPS: readonly (readonly [string, string, string])[] = [
  ['FMUL', 'fmul', '0000'], ['FDIV', 'fdiv', '0001'], ['FADD', 'fadd', '0010'], ['FSUB', 'fsub', '0011'],
  ['FMAX', 'fmax', '0100'], ['FMIN', 'fmin', '0101'], ['FMAXNM', 'fmaxnm', '0110'], ['FMINNM', 'fminnm', '0111'],
  ['FNMUL', 'fnmul', '1000'],
];

/** 3-source: [id, mnemonic, o1, o0]. */
export const FP_DP3_OPS: readonly (readonly [string, string, string, string])[] = [
  ['FMADD', 'fmadd', '0', '0'], ['FMSUB', 'fmsub', '0', '1'], ['FNMADD', 'fnmadd', '1', '0'], ['FNMSUB', 'fnmsub', '1', '1'],
];

/** FP ↔ integer conversions: [id, mnemonic, rmode, opcode]; opcodes 110/111 are the FMOV rows of fpsimd.ts. */
export const FP_INT_OPS: readonly (readonly [string, string, string, string])[] = [
  ['FCVTNS_int', 'fcvtns', '00', '000'], ['FCVTNU_int', 'fcvtnu', '00', '001'],
  ['SCVTF_int', 'scvtf', '00', '010'], ['UCVTF_int', 'ucvtf', '00', '011'],
  ['FCVTAS_int', 'fcvtas', '00', '100'], ['FCVTAU_int', 'fcvtau', '00', '101'],
  ['FCVTPS_int', 'fcvtps', '01', '000'], ['FCVTPU_int', 'fcvtpu', '01', '001'],
  ['FCVTMS_int', 'fcvtms', '10', '000'], ['FCVTMU_int', 'fcvtmu', '10', '001'],
  ['FCVTZS_int', 'fcvtzs', '11', '000'], ['FCVTZU_int', 'fcvtzu', '11', '001'],
];

/** FP ↔ fixed-point conversions: [id, mnemonic, rmode, opcode]; fbits = 64 − scale. */
export const FP_FIX_OPS: readonly (readonly [string, string, string, string])[] = [
  ['FCVTZS_fix', 'fcvtzs', '11', '000'], ['FCVTZU_fix', 'fcvtzu', '11', '001'],
  ['SCVTF_fix', 'scvtf', '00', '010'], ['UCVTF_fix', 'ucvtf', '00', '011'],
];

export const FP_DP: readonly RowSpec[] = [
  ...FP_DP1_OPS.map(([id, mn, op]) => insn(id, mn, `0 0 0 11110 0 ftype:1 1 ${op} 10000 Rn:5 Rd:5`)),
  ...FCVT_PAIRS.map(([id, from, to]) => insn(id, 'fcvt', `0 0 0 11110 ${from} 1 0001 ${to} 10000 Rn:5 Rd:5`)),
  ...FP_DP2_OPS.map(([id, mn, op]) => insn(id, mn, `0 0 0 11110 0 ftype:1 1 Rm:5 ${op} 10 Rn:5 Rd:5`)),
  ...FP_DP3_OPS.map(([id, mn, o1, o0]) => insn(id, mn, `0 0 0 11111 0 ftype:1 ${o1} Rm:5 ${o0} Ra:5 Rn:5 Rd:5`)),
  // compare: opcode2 = opc:2 000; the #0.0 forms ignore Rm (as QEMU and objdump do)
  insn('FCMP', 'fcmp', '0 0 0 11110 0 ftype:1 1 Rm:5 00 1000 Rn:5 00000'),
  insn('FCMP_zero', 'fcmp', '0 0 0 11110 0 ftype:1 1 Rm:5 00 1000 Rn:5 01000'),
  insn('FCMPE', 'fcmpe', '0 0 0 11110 0 ftype:1 1 Rm:5 00 1000 Rn:5 10000'),
  insn('FCMPE_zero', 'fcmpe', '0 0 0 11110 0 ftype:1 1 Rm:5 00 1000 Rn:5 11000'),
  insn('FCCMP', 'fccmp', '0 0 0 11110 0 ftype:1 1 Rm:5 cond:4 01 Rn:5 0 nzcv:4'),
  insn('FCCMPE', 'fccmpe', '0 0 0 11110 0 ftype:1 1 Rm:5 cond:4 01 Rn:5 1 nzcv:4'),
  insn('FCSEL', 'fcsel', '0 0 0 11110 0 ftype:1 1 Rm:5 cond:4 11 Rn:5 Rd:5'),
  ...FP_INT_OPS.map(([id, mn, rmode, op]) => insn(id, mn, `sf:1 0 0 11110 0 ftype:1 1 ${rmode} ${op} 000000 Rn:5 Rd:5`)),
  ...FP_FIX_OPS.map(([id, mn, rmode, op]) => insn(id, mn, `sf:1 0 0 11110 0 ftype:1 0 ${rmode} ${op} scale:6 Rn:5 Rd:5`)),
];
