// Handlers of the data-processing (immediate) rows (src/arch/a64/rows/dp-imm.ts), by row id.
import { addSubImm, adr, bitfield, extract, logicalImm, moveWide } from '../exec/dp-imm.ts';
import type { Bindings } from '../handler.ts';

export const DP_IMM_HANDLERS: Bindings = {
  ADR: adr, ADRP: adr,
  ADD_imm: addSubImm, ADDS_imm: addSubImm, SUB_imm: addSubImm, SUBS_imm: addSubImm,
  AND_imm: logicalImm, ORR_imm: logicalImm, EOR_imm: logicalImm, ANDS_imm: logicalImm,
  MOVN: moveWide, MOVZ: moveWide, MOVK: moveWide,
  SBFM: bitfield, BFM: bitfield, UBFM: bitfield,
  EXTR: extract,
};
