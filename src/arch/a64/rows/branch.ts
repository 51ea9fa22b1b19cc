// Encoding rows: branches (ARM C4.1.87: conditional branch (immediate), unconditional branch (immediate),
// compare and branch, test and branch, unconditional branch (register)). Encodings of the register-branch space
// not listed here (BRAA/RETAA/… of FEAT_PAuth, op2/op3/op4 ≠ the values below) are unallocated on v8.0.
import type { RowSpec } from '../encoding.ts';

export const BRANCH: readonly RowSpec[] = [
  { id: 'B', mnemonic: 'b', cls: 'branch', diagram: '0 00101 imm26:26' },
  { id: 'BL', mnemonic: 'bl', cls: 'branch', diagram: '1 00101 imm26:26' },
  { id: 'B_cond', mnemonic: 'b.cond', cls: 'branch', diagram: '0101010 0 imm19:19 0 cond:4' },
  { id: 'CBZ', mnemonic: 'cbz', cls: 'branch', diagram: 'sf:1 011010 0 imm19:19 Rt:5' },
  { id: 'CBNZ', mnemonic: 'cbnz', cls: 'branch', diagram: 'sf:1 011010 1 imm19:19 Rt:5' },
  { id: 'TBZ', mnemonic: 'tbz', cls: 'branch', diagram: 'b5:1 011011 0 b40:5 imm14:14 Rt:5' },
  { id: 'TBNZ', mnemonic: 'tbnz', cls: 'branch', diagram: 'b5:1 011011 1 b40:5 imm14:14 Rt:5' },
  { id: 'BR', mnemonic: 'br', cls: 'branch', diagram: '1101011 0000 11111 000000 Rn:5 00000' },
  { id: 'BLR', mnemonic: 'blr', cls: 'branch', diagram: '1101011 0001 11111 000000 Rn:5 00000' },
  { id: 'RET', mnemonic: 'ret', cls: 'branch', diagram: '1101011 0010 11111 000000 Rn:5 00000' },
];
