// Encoding rows: system instructions (ARM C4.1 "System instructions"; C6.2 MSR/MRS, HINT, barriers, SYS/SYSL).
// TLBI/AT/DC/IC are SYS aliases: their names come from src/arch/sysops.ts; register names from the sysreg table.
import type { RowSpec } from '../encoding.ts';

export const SYSTEM: readonly RowSpec[] = [
  { id: 'MSR_reg', mnemonic: 'msr', cls: 'system', diagram: '1101010100 0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5' },
  { id: 'MRS', mnemonic: 'mrs', cls: 'system', diagram: '1101010100 1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5' },
  { id: 'MSR_imm', mnemonic: 'msr', cls: 'system', diagram: '1101010100 0 00 op1:3 0100 CRm:4 op2:3 11111' },
  // HINT space (CRm:op2); the named hints first, every other hint executes as NOP
  { id: 'NOP', mnemonic: 'nop', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 000 11111' },
  { id: 'YIELD', mnemonic: 'yield', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 001 11111' },
  { id: 'WFE', mnemonic: 'wfe', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 010 11111' },
  { id: 'WFI', mnemonic: 'wfi', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 011 11111' },
  { id: 'SEV', mnemonic: 'sev', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 100 11111' },
  { id: 'SEVL', mnemonic: 'sevl', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 101 11111' },
  { id: 'HINT', mnemonic: 'hint', cls: 'system', diagram: '1101010100 0 00 011 0010 CRm:4 op2:3 11111' },
  // Barriers and CLREX (CRm is the option / ignored)
  { id: 'CLREX', mnemonic: 'clrex', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 010 11111' },
  { id: 'DSB', mnemonic: 'dsb', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 100 11111' },
  { id: 'DMB', mnemonic: 'dmb', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 101 11111' },
  { id: 'ISB', mnemonic: 'isb', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 110 11111' },
  // SYS / SYSL (op0 = 01)
  { id: 'SYS', mnemonic: 'sys', cls: 'system', diagram: '1101010100 0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5' },
  { id: 'SYSL', mnemonic: 'sysl', cls: 'system', diagram: '1101010100 1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5' },
];
