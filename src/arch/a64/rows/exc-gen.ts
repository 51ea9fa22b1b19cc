// Encoding rows: exception generation (ARM C4.1.87: 11010100 opc LL=imm16 op2 LL) and exception return (from the
// unconditional branch (register) space). DCPS1–3 and DRPS are UNDEFINED outside Debug state, which this model never
// enters; every other encoding of the exception-generation space (op2 ≠ 000, TCANCEL, …) is unallocated.
import type { RowSpec } from '../encoding.ts';

export const EXC_GEN: readonly RowSpec[] = [
  { id: 'SVC', mnemonic: 'svc', cls: 'exception', diagram: '11010100 000 imm16:16 000 01' },
  { id: 'HVC', mnemonic: 'hvc', cls: 'exception', diagram: '11010100 000 imm16:16 000 10' },
  { id: 'SMC', mnemonic: 'smc', cls: 'exception', diagram: '11010100 000 imm16:16 000 11' },
  { id: 'BRK', mnemonic: 'brk', cls: 'exception', diagram: '11010100 001 imm16:16 000 00' },
  { id: 'HLT', mnemonic: 'hlt', cls: 'exception', diagram: '11010100 010 imm16:16 000 00' },
  { id: 'DCPS1', mnemonic: 'dcps1', cls: 'exception', diagram: '11010100 101 imm16:16 000 01' },
  { id: 'DCPS2', mnemonic: 'dcps2', cls: 'exception', diagram: '11010100 101 imm16:16 000 10' },
  { id: 'DCPS3', mnemonic: 'dcps3', cls: 'exception', diagram: '11010100 101 imm16:16 000 11' },
  // UDF: the permanently undefined encoding (ARM C6.2 UDF): executes as UNDEFINED, but objdump names it
  { id: 'UDF', mnemonic: 'udf', cls: 'exception', diagram: '0000000000000000 imm16:16' },
  { id: 'ERET', mnemonic: 'eret', cls: 'exception', diagram: '1101011 0100 11111 000000 11111 00000' },
  { id: 'DRPS', mnemonic: 'drps', cls: 'exception', diagram: '1101011 0101 11111 000000 11111 00000' },
];
