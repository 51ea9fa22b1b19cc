// Encoding rows: system instructions (ARM C4.1 "System instructions"; C6.2 MSR/MRS, HINT, barriers, SYS/SYSL).
// TLBI/AT/DC/IC are SYS aliases: their names come from src/arch/sysops.ts; register names from the sysreg table.
import type { EncodingSpec } from '../encoding.ts';
import { barrier, clrex, hintNop, isb, msrImm, msrMrs, sys, sysl, wfx } from '../exec/system.ts';

export const SYSTEM: readonly EncodingSpec[] = [
  { id: 'MSR_reg', mnemonic: 'msr', cls: 'system', diagram: '1101010100 0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5', exec: msrMrs },
  { id: 'MRS', mnemonic: 'mrs', cls: 'system', diagram: '1101010100 1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5', exec: msrMrs },
  { id: 'MSR_imm', mnemonic: 'msr', cls: 'system', diagram: '1101010100 0 00 op1:3 0100 CRm:4 op2:3 11111', exec: msrImm },
  // HINT space (CRm:op2); the named hints first, every other hint executes as NOP
  { id: 'NOP', mnemonic: 'nop', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 000 11111', exec: hintNop },
  { id: 'YIELD', mnemonic: 'yield', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 001 11111', exec: hintNop },
  { id: 'WFE', mnemonic: 'wfe', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 010 11111', exec: wfx },
  { id: 'WFI', mnemonic: 'wfi', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 011 11111', exec: wfx },
  { id: 'SEV', mnemonic: 'sev', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 100 11111', exec: hintNop },
  { id: 'SEVL', mnemonic: 'sevl', cls: 'system', diagram: '1101010100 0 00 011 0010 0000 101 11111', exec: hintNop },
  { id: 'HINT', mnemonic: 'hint', cls: 'system', diagram: '1101010100 0 00 011 0010 CRm:4 op2:3 11111', exec: hintNop },
  // Barriers and CLREX (CRm is the option / ignored)
  { id: 'CLREX', mnemonic: 'clrex', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 010 11111', exec: clrex },
  { id: 'DSB', mnemonic: 'dsb', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 100 11111', exec: barrier },
  { id: 'DMB', mnemonic: 'dmb', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 101 11111', exec: barrier },
  { id: 'ISB', mnemonic: 'isb', cls: 'system', diagram: '1101010100 0 00 011 0011 CRm:4 110 11111', exec: isb },
  // SYS / SYSL (op0 = 01)
  { id: 'SYS', mnemonic: 'sys', cls: 'system', diagram: '1101010100 0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', exec: sys },
  { id: 'SYSL', mnemonic: 'sysl', cls: 'system', diagram: '1101010100 1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', exec: sysl },
];
