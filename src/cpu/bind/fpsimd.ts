// Handlers of the FP/SIMD rows (src/arch/a64/rows/fpsimd.ts), by row id. The SIMD&FP register loads and stores are
// instructions (exec/fp-ldst.ts), and so are the moves (exec/fp-move.ts); the other rows are still encoding classes: each runs the FP/SIMD access traps,
// else UNDEFINED (exec/fpsimd.ts). A class row that becomes instructions gets their handlers here instead.
import { SCALAR_DIFF, THREE_DIFF } from '../../arch/a64/rows/asimd-diff.ts';
import { INT_BY_ELEMENT } from '../../arch/a64/rows/asimd-elem.ts';
import {
  FP_ACROSS, FP_BY_ELEMENT, FP_FIXED_SHIFT, FP_PAIRWISE, FP_SCALAR_MISC, FP_SCALAR_THREE_SAME, FP_THREE_SAME, FP_TWO_REG_MISC, UNSIGNED_ESTIMATE,
} from '../../arch/a64/rows/asimd-fp.ts';
import { ACROSS_IDS, ASIMD_INT, MODIFIED_IMM_IDS, MUL_SAME, PERMUTE_IDS, SAT_SAME_IDS, threeSameRule } from '../../arch/a64/rows/asimd-int.ts';
import { COMPARE_ZERO_IDS, INT_MISC_IDS } from '../../arch/a64/rows/asimd-misc.ts';
import { SCALAR_MISC, SCALAR_SHIFT, SCALAR_THREE_SAME } from '../../arch/a64/rows/asimd-scalar.ts';
import { ASIMD_SINGLE, ASIMD_STRUCT } from '../../arch/a64/rows/asimd-struct.ts';
import { TABLE_LOOKUP } from '../../arch/a64/rows/asimd-tbl.ts';
import { CRYPTO_OPS } from '../../arch/a64/rows/crypto.ts';
import {
  FCVT_PAIRS, FP_DP1_OPS, FP_DP2_OPS, FP_DP3_OPS, FP_FIX_OPS, FP_INT_OPS,
} from '../../arch/a64/rows/fp-dp.ts';
import { NARROW_SHIFT, SAT_SHIFT_IDS, SHIFT_IMM_IDS } from '../../arch/a64/rows/asimd-shift.ts';
import { FP_LDST, fpLdstForm, type FpLdstForm } from '../../arch/a64/rows/fpsimd.ts';
import { pmul, scalarDiff, threeDiff } from '../exec/asimd-diff.ts';
import { byElement, mulHighSame } from '../exec/asimd-elem.ts';
import { fpThreeSame } from '../exec/asimd-fp.ts';
import { fpByElement } from '../exec/asimd-fp-elem.ts';
import { fpFixedShift, fpTwoRegMisc, unsignedEstimate } from '../exec/asimd-fp-misc.ts';
import { fpAcrossLanes, fpScalarPairwise } from '../exec/asimd-fp-reduce.ts';
import { acrossLanes, ext, modifiedImm, permute, threeSame } from '../exec/asimd-int.ts';
import { compareZero, intTwoRegMisc } from '../exec/asimd-misc.ts';
import { scalarThreeSame, threeSameSat } from '../exec/asimd-sat.ts';
import { addpScalar, dupElementScalar } from '../exec/asimd-scalar.ts';
import { ldstMultiple, ldstSingle } from '../exec/asimd-struct.ts';
import { tableLookup } from '../exec/asimd-tbl.ts';
import { aes, sha2Reg, sha3Reg } from '../exec/crypto.ts';
import { shiftImm, shiftLeftLong, shiftLeftSat, shiftRightNarrow } from '../exec/asimd-shift.ts';
import {
  fpLdrLiteral, fpLdstPair, fpLdstPostIndex, fpLdstPreIndex, fpLdstRegisterOffset, fpLdstUnscaled, fpLdstUnsignedOffset,
} from '../exec/fp-ldst.ts';
import {
  dupElement, dupGeneral, fmovFromGeneral, fmovFromUpper, fmovImmediate, fmovRegister, fmovToGeneral, fmovToUpper,
  insElement, insGeneral, smov, umov,
} from '../exec/fp-move.ts';
import {
  fccmp, fcmp, fcsel, fcvtPrecision, fpDp1, fpDp2, fpDp3, fpFixedConvert, fpIntConvert,
} from '../exec/fp-dp.ts';
import { fpsimd } from '../exec/fpsimd.ts';
import type { Bindings, Handler } from '../handler.ts';

const CLASSES = [
  'CRYPTO_AES', 'CRYPTO_SHA1_3REG', 'CRYPTO_SHA256_3REG', 'CRYPTO_SHA256SU1', 'CRYPTO_SHA1_2REG', 'CRYPTO_SHA256SU0',
  'ASIMD_SCALAR_COPY', 'ASIMD_SCALAR_2REG_MISC', 'ASIMD_SCALAR_PAIRWISE', 'ASIMD_SCALAR_3DIFF', 'ASIMD_SCALAR_3SAME',
  'ASIMD_SCALAR_SHIFT_IMM', 'ASIMD_SCALAR_INDEXED', 'ASIMD_TBL', 'ASIMD_PERMUTE', 'ASIMD_EXTRACT', 'ASIMD_COPY',
  'ASIMD_2REG_MISC', 'ASIMD_ACROSS_LANES', 'ASIMD_3DIFF', 'ASIMD_3SAME', 'ASIMD_MODIFIED_IMM', 'ASIMD_SHIFT_IMM',
  'ASIMD_INDEXED', 'FP_FIXED_CONV', 'FP_INT_CONV', 'FP_DP1', 'FP_COMPARE', 'FP_IMM', 'FP_CCMP', 'FP_DP2', 'FP_CSEL',
  'FP_DP3', 'ASIMD_LDST_MULT', 'ASIMD_LDST_MULT_POST', 'ASIMD_LDST_SINGLE', 'ASIMD_LDST_SINGLE_POST',
] as const;

const BY_FORM: Readonly<Record<FpLdstForm, Handler>> = {
  uoff: fpLdstUnsignedOffset, post: fpLdstPostIndex, pre: fpLdstPreIndex, unscaled: fpLdstUnscaled,
  reg: fpLdstRegisterOffset, lit: fpLdrLiteral, pair: fpLdstPair,
};

// One Object.assign of the groups: an object literal spreading them took twice as long at load (start-up, issue 15)
export const FPSIMD_HANDLERS: Bindings = Object.assign(
  {},
  Object.fromEntries(CLASSES.map((id) => [id, fpsimd])),
  Object.fromEntries(FP_LDST.map((r) => [r.id, BY_FORM[fpLdstForm(r.id)!]])),
  {
    DUP_elem: dupElement, DUP_gen: dupGeneral, SMOV: smov, UMOV: umov, INS_gen: insGeneral, INS_elem: insElement,
    FMOV_W_S: fmovToGeneral, FMOV_X_D: fmovToGeneral, FMOV_S_W: fmovFromGeneral, FMOV_D_X: fmovFromGeneral,
  },
  Object.fromEntries(ASIMD_INT.filter((r) => threeSameRule(r.id) !== undefined && !SAT_SAME_IDS.includes(r.id)).map((r) => [r.id, threeSame])),
  Object.fromEntries(SAT_SAME_IDS.map((id) => [id, threeSameSat])),
  Object.fromEntries(SCALAR_THREE_SAME.map(([id]) => [id, scalarThreeSame])),
  { ADDP_s: addpScalar, DUP_elem_s: dupElementScalar },
  Object.fromEntries(SCALAR_MISC.map(([id]) => [id, id.includes('_zero') ? compareZero : intTwoRegMisc])),
  Object.fromEntries(SCALAR_SHIFT.map(([id, , , , which]) => [id, which === 'd' ? shiftImm : which === 'all' ? shiftLeftSat : shiftRightNarrow])),
  Object.fromEntries(MODIFIED_IMM_IDS.map((id) => [id, modifiedImm])),
  Object.fromEntries(PERMUTE_IDS.map((id) => [id, permute])),
  Object.fromEntries(ACROSS_IDS.map((id) => [id, acrossLanes])),
  { EXT: ext },
  Object.fromEntries(CRYPTO_OPS.map(([id, , , shape]) => [id, shape === 'aes' ? aes : shape === 'vec2' || shape === 'sha1h' ? sha2Reg : sha3Reg])),
  Object.fromEntries(ASIMD_STRUCT.map((r) => [r.id, ldstMultiple])),
  Object.fromEntries(COMPARE_ZERO_IDS.map((id) => [id, compareZero])),
  Object.fromEntries(INT_MISC_IDS.map((id) => [id, intTwoRegMisc])),
  Object.fromEntries(NARROW_SHIFT.map((r) => [r.id, shiftRightNarrow])),
  Object.fromEntries(SAT_SHIFT_IDS.map((id) => [id, shiftLeftSat])),
  { SSHLL: shiftLeftLong, USHLL: shiftLeftLong },
  Object.fromEntries(SHIFT_IMM_IDS.map((id) => [id, shiftImm])),
  { FMOV_X_V1: fmovFromUpper, FMOV_V1_X: fmovToUpper, FMOV_reg: fmovRegister, FMOV_imm: fmovImmediate },
  Object.fromEntries(FP_DP1_OPS.map(([id]) => [id, fpDp1])),
  Object.fromEntries(FCVT_PAIRS.map(([id]) => [id, fcvtPrecision])),
  Object.fromEntries(FP_DP2_OPS.map(([id]) => [id, fpDp2])),
  Object.fromEntries(FP_DP3_OPS.map(([id]) => [id, fpDp3])),
  { FCMP: fcmp, FCMP_zero: fcmp, FCMPE: fcmp, FCMPE_zero: fcmp, FCCMP: fccmp, FCCMPE: fccmp, FCSEL: fcsel },
  Object.fromEntries(FP_INT_OPS.map(([id]) => [id, fpIntConvert])),
  Object.fromEntries(FP_FIX_OPS.map(([id]) => [id, fpFixedConvert])),
  Object.fromEntries(FP_THREE_SAME.map(([id]) => [id, fpThreeSame])),
  Object.fromEntries(FP_TWO_REG_MISC.map(([id]) => [id, fpTwoRegMisc])),
  Object.fromEntries(FP_ACROSS.map(([id]) => [id, fpAcrossLanes])),
  Object.fromEntries(FP_PAIRWISE.map(([id]) => [id, fpScalarPairwise])),
  Object.fromEntries(FP_BY_ELEMENT.map(([id]) => [id, fpByElement])),
  Object.fromEntries(TABLE_LOOKUP.map(([id]) => [id, tableLookup])),
  Object.fromEntries(ASIMD_SINGLE.map((r) => [r.id, ldstSingle])),
  Object.fromEntries(THREE_DIFF.map(([id]) => [id, threeDiff])),
  { PMULL_8: threeDiff, PMULL_64: threeDiff },
  Object.fromEntries(SCALAR_DIFF.map(([id]) => [id, scalarDiff])),
  Object.fromEntries(INT_BY_ELEMENT.map(([id]) => [id, byElement])),
  Object.fromEntries(FP_SCALAR_THREE_SAME.map(([id]) => [id, fpThreeSame])),
  Object.fromEntries(UNSIGNED_ESTIMATE.map(([id]) => [id, unsignedEstimate])),
  Object.fromEntries(FP_FIXED_SHIFT.map(([id]) => [id, fpFixedShift])),
  Object.fromEntries(FP_SCALAR_MISC.map(([id]) => [id, fpTwoRegMisc])),
  Object.fromEntries(MUL_SAME.map(([id]) => [id, id === 'PMUL' ? pmul : mulHighSame])),
);
