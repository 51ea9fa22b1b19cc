// Encoding rows: Advanced SIMD table lookup (ARM C4.1 "Advanced SIMD table lookup", op2 = 00; C7.2 TBL, TBX): one row
// per instruction and table length (len + 1 consecutive registers, modulo 32, each a 16-byte table part). op2 ≠ 00
// is unallocated and stays with the ASIMD_TBL class row.
import type { RowSpec } from '../encoding.ts';

/** [id, mnemonic, op, registers in the table]. */
export const TABLE_LOOKUP: readonly (readonly [string, string, number, number])[] = [1, 2, 3, 4].flatMap((regs) => [
  [`TBL_${regs}`, 'tbl', 0, regs] as const,
  [`TBX_${regs}`, 'tbx', 1, regs] as const,
]);

export const ASIMD_TBL: readonly RowSpec[] = TABLE_LOOKUP.map(([id, mnemonic, op, regs]) => ({
  id, mnemonic, cls: 'fpsimd', feature: 'AdvSIMD',
  diagram: `0 Q:1 001110 00 0 Rm:5 0 ${(regs - 1).toString(2).padStart(2, '0')} ${op} 00 Rn:5 Rd:5`,
}));
