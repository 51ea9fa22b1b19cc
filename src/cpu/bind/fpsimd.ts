// Handlers of the FP/SIMD rows (src/arch/a64/rows/fpsimd.ts), by row id. Those rows are still encoding classes:
// each runs the FP/SIMD access traps, else UNDEFINED (src/cpu/exec/fpsimd.ts). A row that becomes an instruction
// gets its own handler here instead.
import { fpsimd } from '../exec/fpsimd.ts';
import type { Bindings } from '../handler.ts';

const CLASSES = [
  'CRYPTO_AES', 'CRYPTO_SHA1_3REG', 'CRYPTO_SHA256_3REG', 'CRYPTO_SHA256SU1', 'CRYPTO_SHA1_2REG', 'CRYPTO_SHA256SU0',
  'ASIMD_SCALAR_COPY', 'ASIMD_SCALAR_2REG_MISC', 'ASIMD_SCALAR_PAIRWISE', 'ASIMD_SCALAR_3DIFF', 'ASIMD_SCALAR_3SAME',
  'ASIMD_SCALAR_SHIFT_IMM', 'ASIMD_SCALAR_INDEXED', 'ASIMD_TBL', 'ASIMD_PERMUTE', 'ASIMD_EXTRACT', 'ASIMD_COPY',
  'ASIMD_2REG_MISC', 'ASIMD_ACROSS_LANES', 'ASIMD_3DIFF', 'ASIMD_3SAME', 'ASIMD_MODIFIED_IMM', 'ASIMD_SHIFT_IMM',
  'ASIMD_INDEXED', 'FP_FIXED_CONV', 'FP_INT_CONV', 'FP_DP1', 'FP_COMPARE', 'FP_IMM', 'FP_CCMP', 'FP_DP2', 'FP_CSEL',
  'FP_DP3', 'ASIMD_LDST_MULT', 'ASIMD_LDST_MULT_POST', 'ASIMD_LDST_SINGLE', 'ASIMD_LDST_SINGLE_POST',
  'LDR_lit_fpsimd_SD', 'LDR_lit_fpsimd_Q', 'LDSTP_fpsimd_SD', 'LDSTP_fpsimd_Q', 'LDST_fpsimd_unscaled',
  'LDST_fpsimd_prepost', 'LDST_fpsimd_regoff', 'LDST_fpsimd_uimm', 'LDST_fpsimd_Q_unscaled', 'LDST_fpsimd_Q_prepost',
  'LDST_fpsimd_Q_regoff', 'LDST_fpsimd_Q_uimm',
] as const;

export const FPSIMD_HANDLERS: Bindings = Object.fromEntries(CLASSES.map((id) => [id, fpsimd]));
