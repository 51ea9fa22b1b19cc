// Encoding rows: Advanced SIMD shift by immediate (ARM C4.1 "Advanced SIMD shift by immediate",
// `0 Q U 011110 immh immb opcode 1 Rn Rd`, immh ≠ 0000: immh = 0000 is the modified-immediate group, whose rows are
// more specific and win): the narrowing shifts SHRN/RSHRN (+2), carved out of the group's class row. The element
// size is 8 << HighestSetBit(immh); immh = 1xxx (no narrower element of a 64-bit one) is reserved.
import type { RowSpec } from '../encoding.ts';

export const NARROW_SHIFT_IDS = ['SHRN', 'RSHRN'] as const;

export const ASIMD_SHIFT: readonly RowSpec[] = [
  { id: 'SHRN', mnemonic: 'shrn', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '0 Q:1 0 011110 immh:4 immb:3 100001 Rn:5 Rd:5' },
  { id: 'RSHRN', mnemonic: 'rshrn', cls: 'fpsimd', feature: 'AdvSIMD', diagram: '0 Q:1 0 011110 immh:4 immb:3 100011 Rn:5 Rd:5' },
];

/** log2 of the narrow element's bytes for immh (0 for 0001, 1 for 001x, 2 for 01xx), or -1 when reserved. */
export function narrowSize(immh: number): number {
  return immh === 0 || immh >= 8 ? -1 : 31 - Math.clz32(immh);
}
