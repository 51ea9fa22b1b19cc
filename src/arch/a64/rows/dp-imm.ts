// Encoding rows: data processing — immediate (ARM C4.1.86).
import type { RowSpec } from '../encoding.ts';

const cls = 'dp-imm';

export const DP_IMM: readonly RowSpec[] = [
  // PC-relative addressing (C4.1.86.1)
  { id: 'ADR', mnemonic: 'adr', cls, diagram: '0 immlo:2 10000 immhi:19 Rd:5' },
  { id: 'ADRP', mnemonic: 'adrp', cls, diagram: '1 immlo:2 10000 immhi:19 Rd:5' },
  // Add/subtract (immediate)
  { id: 'ADD_imm', mnemonic: 'add', cls, diagram: 'sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5' },
  { id: 'ADDS_imm', mnemonic: 'adds', cls, diagram: 'sf:1 0 1 100010 sh:1 imm12:12 Rn:5 Rd:5' },
  { id: 'SUB_imm', mnemonic: 'sub', cls, diagram: 'sf:1 1 0 100010 sh:1 imm12:12 Rn:5 Rd:5' },
  { id: 'SUBS_imm', mnemonic: 'subs', cls, diagram: 'sf:1 1 1 100010 sh:1 imm12:12 Rn:5 Rd:5' },
  // Logical (immediate): N:immr:imms is a DecodeBitMasks bitmask
  { id: 'AND_imm', mnemonic: 'and', cls, diagram: 'sf:1 00 100100 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  { id: 'ORR_imm', mnemonic: 'orr', cls, diagram: 'sf:1 01 100100 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  { id: 'EOR_imm', mnemonic: 'eor', cls, diagram: 'sf:1 10 100100 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  { id: 'ANDS_imm', mnemonic: 'ands', cls, diagram: 'sf:1 11 100100 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  // Move wide (immediate); opc=01 is unallocated
  { id: 'MOVN', mnemonic: 'movn', cls, diagram: 'sf:1 00 100101 hw:2 imm16:16 Rd:5' },
  { id: 'MOVZ', mnemonic: 'movz', cls, diagram: 'sf:1 10 100101 hw:2 imm16:16 Rd:5' },
  { id: 'MOVK', mnemonic: 'movk', cls, diagram: 'sf:1 11 100101 hw:2 imm16:16 Rd:5' },
  // Bitfield; opc=11 is unallocated
  { id: 'SBFM', mnemonic: 'sbfm', cls, diagram: 'sf:1 00 100110 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  { id: 'BFM', mnemonic: 'bfm', cls, diagram: 'sf:1 01 100110 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  { id: 'UBFM', mnemonic: 'ubfm', cls, diagram: 'sf:1 10 100110 N:1 immr:6 imms:6 Rn:5 Rd:5' },
  // Extract: op21=00, o0=0 (other values unallocated)
  { id: 'EXTR', mnemonic: 'extr', cls, diagram: 'sf:1 00 100111 N:1 0 Rm:5 imms:6 Rn:5 Rd:5' },
];
