// Handlers of the data-processing (register) rows (src/arch/a64/rows/dp-reg.ts), by row id.
import {
  addSubCarry, addSubExtended, addSubShifted, condCompare, condSelect, crc32, dataProc1, dataProc2,
  logicalShifted, mulAdd, mulAddLong, mulHigh,
} from '../exec/dp-reg.ts';
import type { Bindings } from '../handler.ts';

export const DP_REG_HANDLERS: Bindings = {
  AND_shift: logicalShifted, BIC_shift: logicalShifted, ORR_shift: logicalShifted, ORN_shift: logicalShifted,
  EOR_shift: logicalShifted, EON_shift: logicalShifted, ANDS_shift: logicalShifted, BICS_shift: logicalShifted,
  ADD_shift: addSubShifted, ADDS_shift: addSubShifted, SUB_shift: addSubShifted, SUBS_shift: addSubShifted,
  ADD_ext: addSubExtended, ADDS_ext: addSubExtended, SUB_ext: addSubExtended, SUBS_ext: addSubExtended,
  ADC: addSubCarry, ADCS: addSubCarry, SBC: addSubCarry, SBCS: addSubCarry,
  CCMN_reg: condCompare, CCMP_reg: condCompare, CCMN_imm: condCompare, CCMP_imm: condCompare,
  CSEL: condSelect, CSINC: condSelect, CSINV: condSelect, CSNEG: condSelect,
  MADD: mulAdd, MSUB: mulAdd,
  SMADDL: mulAddLong, SMSUBL: mulAddLong, UMADDL: mulAddLong, UMSUBL: mulAddLong,
  SMULH: mulHigh, UMULH: mulHigh,
  UDIV: dataProc2, SDIV: dataProc2, LSLV: dataProc2, LSRV: dataProc2, ASRV: dataProc2, RORV: dataProc2,
  CRC32B: crc32, CRC32H: crc32, CRC32W: crc32, CRC32X: crc32, CRC32CB: crc32, CRC32CH: crc32, CRC32CW: crc32, CRC32CX: crc32,
  RBIT: dataProc1, REV16: dataProc1, REV32: dataProc1, REV_32: dataProc1, REV_64: dataProc1, CLZ: dataProc1, CLS: dataProc1,
};
