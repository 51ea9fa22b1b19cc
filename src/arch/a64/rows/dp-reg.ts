// Encoding rows: data processing — register (ARM C4.1.88).
import type { RowSpec } from '../encoding.ts';

const cls = 'dp-reg';

export const DP_REG: readonly RowSpec[] = [
  // Logical (shifted register): opc and N select the operation
  { id: 'AND_shift', mnemonic: 'and', cls, diagram: 'sf:1 00 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'BIC_shift', mnemonic: 'bic', cls, diagram: 'sf:1 00 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'ORR_shift', mnemonic: 'orr', cls, diagram: 'sf:1 01 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'ORN_shift', mnemonic: 'orn', cls, diagram: 'sf:1 01 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'EOR_shift', mnemonic: 'eor', cls, diagram: 'sf:1 10 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'EON_shift', mnemonic: 'eon', cls, diagram: 'sf:1 10 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'ANDS_shift', mnemonic: 'ands', cls, diagram: 'sf:1 11 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'BICS_shift', mnemonic: 'bics', cls, diagram: 'sf:1 11 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5' },
  // Add/subtract (shifted register)
  { id: 'ADD_shift', mnemonic: 'add', cls, diagram: 'sf:1 0 0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'ADDS_shift', mnemonic: 'adds', cls, diagram: 'sf:1 0 1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'SUB_shift', mnemonic: 'sub', cls, diagram: 'sf:1 1 0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  { id: 'SUBS_shift', mnemonic: 'subs', cls, diagram: 'sf:1 1 1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5' },
  // Add/subtract (extended register): opt=00 (other values unallocated)
  { id: 'ADD_ext', mnemonic: 'add', cls, diagram: 'sf:1 0 0 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5' },
  { id: 'ADDS_ext', mnemonic: 'adds', cls, diagram: 'sf:1 0 1 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5' },
  { id: 'SUB_ext', mnemonic: 'sub', cls, diagram: 'sf:1 1 0 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5' },
  { id: 'SUBS_ext', mnemonic: 'subs', cls, diagram: 'sf:1 1 1 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5' },
  // Add/subtract (with carry)
  { id: 'ADC', mnemonic: 'adc', cls, diagram: 'sf:1 0 0 11010000 Rm:5 000000 Rn:5 Rd:5' },
  { id: 'ADCS', mnemonic: 'adcs', cls, diagram: 'sf:1 0 1 11010000 Rm:5 000000 Rn:5 Rd:5' },
  { id: 'SBC', mnemonic: 'sbc', cls, diagram: 'sf:1 1 0 11010000 Rm:5 000000 Rn:5 Rd:5' },
  { id: 'SBCS', mnemonic: 'sbcs', cls, diagram: 'sf:1 1 1 11010000 Rm:5 000000 Rn:5 Rd:5' },
  // Conditional compare (register / immediate): o2=0, o3=0
  { id: 'CCMN_reg', mnemonic: 'ccmn', cls, diagram: 'sf:1 0 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4' },
  { id: 'CCMP_reg', mnemonic: 'ccmp', cls, diagram: 'sf:1 1 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4' },
  { id: 'CCMN_imm', mnemonic: 'ccmn', cls, diagram: 'sf:1 0 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4' },
  { id: 'CCMP_imm', mnemonic: 'ccmp', cls, diagram: 'sf:1 1 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4' },
  // Conditional select: S=0, op2<1>=0
  { id: 'CSEL', mnemonic: 'csel', cls, diagram: 'sf:1 0 0 11010100 Rm:5 cond:4 0 0 Rn:5 Rd:5' },
  { id: 'CSINC', mnemonic: 'csinc', cls, diagram: 'sf:1 0 0 11010100 Rm:5 cond:4 0 1 Rn:5 Rd:5' },
  { id: 'CSINV', mnemonic: 'csinv', cls, diagram: 'sf:1 1 0 11010100 Rm:5 cond:4 0 0 Rn:5 Rd:5' },
  { id: 'CSNEG', mnemonic: 'csneg', cls, diagram: 'sf:1 1 0 11010100 Rm:5 cond:4 0 1 Rn:5 Rd:5' },
  // Data-processing (3 source); the long and high forms exist only with sf=1
  { id: 'MADD', mnemonic: 'madd', cls, diagram: 'sf:1 00 11011 000 Rm:5 0 Ra:5 Rn:5 Rd:5' },
  { id: 'MSUB', mnemonic: 'msub', cls, diagram: 'sf:1 00 11011 000 Rm:5 1 Ra:5 Rn:5 Rd:5' },
  { id: 'SMADDL', mnemonic: 'smaddl', cls, diagram: '1 00 11011 001 Rm:5 0 Ra:5 Rn:5 Rd:5' },
  { id: 'SMSUBL', mnemonic: 'smsubl', cls, diagram: '1 00 11011 001 Rm:5 1 Ra:5 Rn:5 Rd:5' },
  { id: 'UMADDL', mnemonic: 'umaddl', cls, diagram: '1 00 11011 101 Rm:5 0 Ra:5 Rn:5 Rd:5' },
  { id: 'UMSUBL', mnemonic: 'umsubl', cls, diagram: '1 00 11011 101 Rm:5 1 Ra:5 Rn:5 Rd:5' },
  // SMULH/UMULH: Ra is (1)(1)(1)(1)(1) in the Arm ARM (Encoding.sbo: any value executes, as on QEMU 7.2)
  { id: 'SMULH', mnemonic: 'smulh', cls, diagram: '1 00 11011 010 Rm:5 0 (1)(1)(1)(1)(1) Rn:5 Rd:5' },
  { id: 'UMULH', mnemonic: 'umulh', cls, diagram: '1 00 11011 110 Rm:5 0 (1)(1)(1)(1)(1) Rn:5 Rd:5' },
  // Data-processing (2 source)
  { id: 'UDIV', mnemonic: 'udiv', cls, diagram: 'sf:1 0 0 11010110 Rm:5 000010 Rn:5 Rd:5' },
  { id: 'SDIV', mnemonic: 'sdiv', cls, diagram: 'sf:1 0 0 11010110 Rm:5 000011 Rn:5 Rd:5' },
  { id: 'LSLV', mnemonic: 'lslv', cls, diagram: 'sf:1 0 0 11010110 Rm:5 001000 Rn:5 Rd:5' },
  { id: 'LSRV', mnemonic: 'lsrv', cls, diagram: 'sf:1 0 0 11010110 Rm:5 001001 Rn:5 Rd:5' },
  { id: 'ASRV', mnemonic: 'asrv', cls, diagram: 'sf:1 0 0 11010110 Rm:5 001010 Rn:5 Rd:5' },
  { id: 'RORV', mnemonic: 'rorv', cls, diagram: 'sf:1 0 0 11010110 Rm:5 001011 Rn:5 Rd:5' },
  { id: 'CRC32B', mnemonic: 'crc32b', cls, feature: 'CRC32', diagram: '0 0 0 11010110 Rm:5 010 0 00 Rn:5 Rd:5' },
  { id: 'CRC32H', mnemonic: 'crc32h', cls, feature: 'CRC32', diagram: '0 0 0 11010110 Rm:5 010 0 01 Rn:5 Rd:5' },
  { id: 'CRC32W', mnemonic: 'crc32w', cls, feature: 'CRC32', diagram: '0 0 0 11010110 Rm:5 010 0 10 Rn:5 Rd:5' },
  { id: 'CRC32X', mnemonic: 'crc32x', cls, feature: 'CRC32', diagram: '1 0 0 11010110 Rm:5 010 0 11 Rn:5 Rd:5' },
  { id: 'CRC32CB', mnemonic: 'crc32cb', cls, feature: 'CRC32', diagram: '0 0 0 11010110 Rm:5 010 1 00 Rn:5 Rd:5' },
  { id: 'CRC32CH', mnemonic: 'crc32ch', cls, feature: 'CRC32', diagram: '0 0 0 11010110 Rm:5 010 1 01 Rn:5 Rd:5' },
  { id: 'CRC32CW', mnemonic: 'crc32cw', cls, feature: 'CRC32', diagram: '0 0 0 11010110 Rm:5 010 1 10 Rn:5 Rd:5' },
  { id: 'CRC32CX', mnemonic: 'crc32cx', cls, feature: 'CRC32', diagram: '1 0 0 11010110 Rm:5 010 1 11 Rn:5 Rd:5' },
  // Data-processing (1 source): opcode2=00000; REV32 and the 64-bit REV exist only with sf=1
  { id: 'RBIT', mnemonic: 'rbit', cls, diagram: 'sf:1 1 0 11010110 00000 000000 Rn:5 Rd:5' },
  { id: 'REV16', mnemonic: 'rev16', cls, diagram: 'sf:1 1 0 11010110 00000 000001 Rn:5 Rd:5' },
  { id: 'REV32', mnemonic: 'rev32', cls, diagram: '1 1 0 11010110 00000 000010 Rn:5 Rd:5' },
  { id: 'REV_32', mnemonic: 'rev', cls, diagram: '0 1 0 11010110 00000 000010 Rn:5 Rd:5' },
  { id: 'REV_64', mnemonic: 'rev', cls, diagram: '1 1 0 11010110 00000 000011 Rn:5 Rd:5' },
  { id: 'CLZ', mnemonic: 'clz', cls, diagram: 'sf:1 1 0 11010110 00000 000100 Rn:5 Rd:5' },
  { id: 'CLS', mnemonic: 'cls', cls, diagram: 'sf:1 1 0 11010110 00000 000101 Rn:5 Rd:5' },
];
