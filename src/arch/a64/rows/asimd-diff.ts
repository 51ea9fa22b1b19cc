// Encoding rows: Advanced SIMD three different (ARM C4.1 "Advanced SIMD three different", `0 Q U 01110 size 1 Rm
// opcode 00 Rn Rd`, and "Advanced SIMD scalar three different"): one row per instruction; Q = 1 is the "2" form (the
// upper halves of the narrow operands, or of Vd for the narrowing ones). Element sizes an instruction does not have
// (size = 11, and 00 for the saturating doubling ones) are UNDEFINED when executed and have no spelling; PMULL has a
// row per allowed size (8-bit, and 64-bit under ID_AA64ISAR0_EL1.AES = 2), its other sizes stay with the class row.
import type { RowSpec } from '../encoding.ts';

/** How the operands are shaped: `long` Vd 2·esize from Vn, Vm esize; `wide` Vd, Vn 2·esize and Vm esize; `narrow`
 *  Vd esize from Vn, Vm 2·esize. */
export type DiffShape = 'long' | 'wide' | 'narrow';

/** [id, mnemonic, U, opcode, shape, sizes allowed as a bit mask over size (bit 0: size 00)]. */
export const THREE_DIFF: readonly (readonly [string, string, number, string, DiffShape, number])[] = [
  ['SADDL', 'saddl', 0, '0000', 'long', 7], ['UADDL', 'uaddl', 1, '0000', 'long', 7],
  ['SADDW', 'saddw', 0, '0001', 'wide', 7], ['UADDW', 'uaddw', 1, '0001', 'wide', 7],
  ['SSUBL', 'ssubl', 0, '0010', 'long', 7], ['USUBL', 'usubl', 1, '0010', 'long', 7],
  ['SSUBW', 'ssubw', 0, '0011', 'wide', 7], ['USUBW', 'usubw', 1, '0011', 'wide', 7],
  ['ADDHN', 'addhn', 0, '0100', 'narrow', 7], ['RADDHN', 'raddhn', 1, '0100', 'narrow', 7],
  ['SABAL', 'sabal', 0, '0101', 'long', 7], ['UABAL', 'uabal', 1, '0101', 'long', 7],
  ['SUBHN', 'subhn', 0, '0110', 'narrow', 7], ['RSUBHN', 'rsubhn', 1, '0110', 'narrow', 7],
  ['SABDL', 'sabdl', 0, '0111', 'long', 7], ['UABDL', 'uabdl', 1, '0111', 'long', 7],
  ['SMLAL', 'smlal', 0, '1000', 'long', 7], ['UMLAL', 'umlal', 1, '1000', 'long', 7],
  ['SQDMLAL', 'sqdmlal', 0, '1001', 'long', 6],
  ['SMLSL', 'smlsl', 0, '1010', 'long', 7], ['UMLSL', 'umlsl', 1, '1010', 'long', 7],
  ['SQDMLSL', 'sqdmlsl', 0, '1011', 'long', 6],
  ['SMULL', 'smull', 0, '1100', 'long', 7], ['UMULL', 'umull', 1, '1100', 'long', 7],
  ['SQDMULL', 'sqdmull', 0, '1101', 'long', 6],
];

/** The scalar saturating doubling forms (H and S elements): [id, mnemonic, opcode]. */
export const SCALAR_DIFF: readonly (readonly [string, string, string])[] = [
  ['SQDMLAL_s', 'sqdmlal', '1001'], ['SQDMLSL_s', 'sqdmlsl', '1011'], ['SQDMULL_s', 'sqdmull', '1101'],
];

export const ASIMD_DIFF: readonly RowSpec[] = [
  ...THREE_DIFF.map(([id, mnemonic, u, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 01110 size:2 1 Rm:5 ${opcode} 00 Rn:5 Rd:5`,
  })),
  // PMULL/PMULL2 (C7.2): 8-bit polynomials (AdvSIMD), 64-bit ones (the Crypto extension's PMULL)
  { id: 'PMULL_8', mnemonic: 'pmull', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '0 Q:1 0 01110 00 1 Rm:5 1110 00 Rn:5 Rd:5' },
  { id: 'PMULL_64', mnemonic: 'pmull', cls: 'fpsimd', feature: 'PMULL', diagram: '0 Q:1 0 01110 11 1 Rm:5 1110 00 Rn:5 Rd:5' },
  ...SCALAR_DIFF.map(([id, mnemonic, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `01 0 11110 size:2 1 Rm:5 ${opcode} 00 Rn:5 Rd:5`,
  })),
];
