// Encoding rows: Advanced SIMD shift by immediate (ARM C4.1 "Advanced SIMD shift by immediate",
// `0 Q U 011110 immh immb opcode 1 Rn Rd`), vector forms: the same-width shifts (SSHR, USHR, SSRA, USRA, SRSHR,
// URSHR, SRSRA, URSRA, SRI, SHL, SLI) and saturating left shifts (SQSHLU, SQSHL, UQSHL), the narrowing shifts (SHRN,
// RSHRN and the saturating SQSHRUN … UQRSHRN, +2) and the lengthening SSHLL/USHLL (+2, aliases SXTL/UXTL).
// immh = 0000 is the modified-immediate group (more specific rows in asimd-int.ts win); an immh of 0000 left to these
// rows, 64-bit lanes (immh = 1xxx) in a 64-bit vector, and for the narrowing and lengthening shifts immh = 1xxx (no
// 64-bit lane has a narrower or wider partner) are UNDEFINED when executed and have no spelling. The rest of the
// group (the fixed-point conversions) are rows of asimd-fp.ts.
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, U, opcode (5 bits)]. */
const SHIFT_IMM: readonly (readonly [string, string, number, string])[] = [
  ['SSHR', 'sshr', 0, '00000'], ['USHR', 'ushr', 1, '00000'],
  ['SSRA', 'ssra', 0, '00010'], ['USRA', 'usra', 1, '00010'],
  ['SRSHR', 'srshr', 0, '00100'], ['URSHR', 'urshr', 1, '00100'],
  ['SRSRA', 'srsra', 0, '00110'], ['URSRA', 'ursra', 1, '00110'],
  ['SRI', 'sri', 1, '01000'],
  ['SHL', 'shl', 0, '01010'], ['SLI', 'sli', 1, '01010'],
  ['SQSHLU', 'sqshlu', 1, '01100'],
  ['SQSHL_imm', 'sqshl', 0, '01110'], ['UQSHL_imm', 'uqshl', 1, '01110'],
];

/** The saturating left shifts (SQSHLU, SQSHL, UQSHL by immediate): the rows exec/asimd-shift-sat.ts runs. */
export const SAT_SHIFT_IDS: readonly string[] = ['SQSHLU', 'SQSHL_imm', 'UQSHL_imm'];

/** The shift-by-immediate rows' ids (not the narrowing, lengthening or saturating ones). */
export const SHIFT_IMM_IDS: readonly string[] = SHIFT_IMM.map(([id]) => id).filter((id) => !SAT_SHIFT_IDS.includes(id));

/** The vector shift-by-immediate rows spelled `op Vd.T, Vn.T, #shift`. */
export const SAME_SHIFT_IDS: readonly string[] = SHIFT_IMM.map(([id]) => id);

/** Whether a shift-by-immediate row shifts left (SHL, SLI, SQSHLU, SQSHL, UQSHL: shift = immh:immb − esize; the
 *  others esize·2 − immh:immb). */
export function shiftsLeft(id: string): boolean {
  return id === 'SHL' || id === 'SLI' || SAT_SHIFT_IDS.includes(id);
}

/** [id, mnemonic, U, opcode] of the narrowing shifts: SHRN, RSHRN, and the saturating SQSHRUN, SQRSHRUN, SQSHRN,
 *  UQSHRN, SQRSHRN, UQRSHRN (opcode<0> = round). */
const NARROW: readonly (readonly [string, string, number, string])[] = [
  ['SHRN', 'shrn', 0, '10000'], ['RSHRN', 'rshrn', 0, '10001'],
  ['SQSHRUN', 'sqshrun', 1, '10000'], ['SQRSHRUN', 'sqrshrun', 1, '10001'],
  ['SQSHRN', 'sqshrn', 0, '10010'], ['UQSHRN', 'uqshrn', 1, '10010'],
  ['SQRSHRN', 'sqrshrn', 0, '10011'], ['UQRSHRN', 'uqrshrn', 1, '10011'],
];

export const NARROW_SHIFT: readonly RowSpec[] = NARROW.map(([id, mnemonic, u, opcode]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 011110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
}));

/** SSHLL and USHLL (opcode 10100): each narrow lane of Vn's lower (Q = 0) or upper half, extended and shifted left. */
export const LONG_SHIFT: readonly RowSpec[] = [
  { id: 'SSHLL', mnemonic: 'sshll', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '0 Q:1 0 011110 immh:4 immb:3 101001 Rn:5 Rd:5' },
  { id: 'USHLL', mnemonic: 'ushll', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '0 Q:1 1 011110 immh:4 immb:3 101001 Rn:5 Rd:5' },
];

/** log2 of the narrow element's bytes for immh (0 for 0001, 1 for 001x, 2 for 01xx), or -1 when reserved. */
export function narrowSize(immh: number): number {
  return immh === 0 || immh >= 8 ? -1 : 31 - Math.clz32(immh);
}

export const ASIMD_SHIFT: readonly RowSpec[] = [
  ...SHIFT_IMM.map(([id, mnemonic, u, opcode]): RowSpec => ({
    id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 011110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
  })),
  ...NARROW_SHIFT,
  ...LONG_SHIFT,
];
