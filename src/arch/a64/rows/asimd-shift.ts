// Encoding rows: Advanced SIMD shift by immediate, vector forms without rounding, saturation or narrowing/widening
// (ARM C4.1 "Advanced SIMD shift by immediate": SSHR, USHR, SSRA, USRA, SRI, SHL, SLI). immh = 0000 is the
// modified-immediate group (more specific rows in asimd-int.ts); an immh of 0000 left to these rows, and 64-bit lanes
// (immh = 1xxx) in a 64-bit vector, are UNDEFINED when executed (src/cpu/exec/asimd-shift.ts) and have no spelling.
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, U, opcode (5 bits)]. */
const SHIFT_IMM: readonly (readonly [string, string, number, string])[] = [
  ['SSHR', 'sshr', 0, '00000'], ['USHR', 'ushr', 1, '00000'],
  ['SSRA', 'ssra', 0, '00010'], ['USRA', 'usra', 1, '00010'],
  ['SRI', 'sri', 1, '01000'],
  ['SHL', 'shl', 0, '01010'], ['SLI', 'sli', 1, '01010'],
];

/** The shift-by-immediate rows' ids. */
export const SHIFT_IMM_IDS: readonly string[] = SHIFT_IMM.map(([id]) => id);

/** Whether a shift-by-immediate row shifts left (SHL, SLI: shift = immh:immb − esize; the others esize·2 − immh:immb). */
export function shiftsLeft(id: string): boolean {
  return id === 'SHL' || id === 'SLI';
}

export const ASIMD_SHIFT: readonly RowSpec[] = SHIFT_IMM.map(([id, mnemonic, u, opcode]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${u} 011110 immh:4 immb:3 ${opcode} 1 Rn:5 Rd:5`,
}));
