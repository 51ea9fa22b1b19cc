// Encoding rows: Advanced SIMD integer multiplies by element (ARM C4.1 "Advanced SIMD vector x indexed element" and
// "Advanced SIMD scalar x indexed element", size = 01 or 10; the FP ones, size<1> = 1 with their own opcodes, are in
// asimd-fp.ts). The element is Vm[H:L:M] with Vm = 0:Rm (16-bit) or Vm[H:L] with Vm = M:Rm (32-bit); sizes 00 and 11
// are UNDEFINED when executed and have no spelling. The ARMv8.1 SQRDMLAH/SQRDMLSH (U = 1, opcodes 1101/1111) stay with
// the class rows.
import type { RowSpec } from '../encoding.ts';

/** `same`: Vd, Vn and the element of one size; `long`: Vd twice as wide (the "2" form reads Vn's upper half). */
export type ElemShape = 'same' | 'long';

/** [id, mnemonic, U, opcode, shape, scalar]. */
export const INT_BY_ELEMENT: readonly (readonly [string, string, number, string, ElemShape, boolean])[] = [
  ['MLA_elem', 'mla', 1, '0000', 'same', false], ['MLS_elem', 'mls', 1, '0100', 'same', false],
  ['MUL_elem', 'mul', 0, '1000', 'same', false],
  ['SMLAL_elem', 'smlal', 0, '0010', 'long', false], ['UMLAL_elem', 'umlal', 1, '0010', 'long', false],
  ['SMLSL_elem', 'smlsl', 0, '0110', 'long', false], ['UMLSL_elem', 'umlsl', 1, '0110', 'long', false],
  ['SMULL_elem', 'smull', 0, '1010', 'long', false], ['UMULL_elem', 'umull', 1, '1010', 'long', false],
  ['SQDMLAL_elem', 'sqdmlal', 0, '0011', 'long', false], ['SQDMLSL_elem', 'sqdmlsl', 0, '0111', 'long', false],
  ['SQDMULL_elem', 'sqdmull', 0, '1011', 'long', false],
  ['SQDMULH_elem', 'sqdmulh', 0, '1100', 'same', false], ['SQRDMULH_elem', 'sqrdmulh', 0, '1101', 'same', false],
  ['SQDMLAL_elem_s', 'sqdmlal', 0, '0011', 'long', true], ['SQDMLSL_elem_s', 'sqdmlsl', 0, '0111', 'long', true],
  ['SQDMULL_elem_s', 'sqdmull', 0, '1011', 'long', true],
  ['SQDMULH_elem_s', 'sqdmulh', 0, '1100', 'same', true], ['SQRDMULH_elem_s', 'sqrdmulh', 0, '1101', 'same', true],
];

export const ASIMD_ELEM: readonly RowSpec[] = INT_BY_ELEMENT.map(([id, mnemonic, u, opcode, , scalar]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD',
  diagram: `${scalar ? '01' : '0 Q:1'} ${u} ${scalar ? '11111' : '01111'} size:2 L:1 M:1 Rm:4 ${opcode} H:1 0 Rn:5 Rd:5`,
}));
