// Encoding rows: data processing — immediate (ARM C4.1.86).
import type { EncodingSpec } from '../encoding.ts';
import { addSubImm } from '../exec/dp-imm.ts';

export const DP_IMM: readonly EncodingSpec[] = [
  { id: 'ADD_imm', mnemonic: 'add', cls: 'dp-imm', diagram: 'sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5', exec: addSubImm },
  { id: 'ADDS_imm', mnemonic: 'adds', cls: 'dp-imm', diagram: 'sf:1 0 1 100010 sh:1 imm12:12 Rn:5 Rd:5', exec: addSubImm },
  { id: 'SUB_imm', mnemonic: 'sub', cls: 'dp-imm', diagram: 'sf:1 1 0 100010 sh:1 imm12:12 Rn:5 Rd:5', exec: addSubImm },
  { id: 'SUBS_imm', mnemonic: 'subs', cls: 'dp-imm', diagram: 'sf:1 1 1 100010 sh:1 imm12:12 Rn:5 Rd:5', exec: addSubImm },
];
