// Bit-exact ARMv8.0 floating point (Cortex-A57: no FEAT_FP16 arithmetic, no FEAT_AFP, no FEAT_RPRES): the Arm
// pseudocode FP functions (ARM J1.1/J1.3; ARCH-NOTES §15) as pure, allocation-free functions of raw bits. The
// executor calls them straight on the register file's typed-array views; nothing here knows about registers.
//
// Interface
// - Operands and results live in a caller's Uint32Array — the V-register view (4 words per register), the
//   X-register view for integer conversions, or any scratch array — and are named by word index: a half or
//   single at v[k] (a half in its low 16 bits), a double at v[k] (bits 31:0) and v[k + 1] (bits 63:32).
//   `fpAdd32(v, d, n, m, st)` computes v[d] = FPAdd(v[n], v[m]); `…64` functions do the same on doubles;
//   conversions take a destination array and index and a source array and index. Only the result's own words
//   are written (the executor zeroes the rest of a V register, V[] setter) and every operand is read before the
//   result is written, so d may equal n or m. No number outside the small-integer range crosses a call (V8
//   would box it): that is what keeps the entry points allocation-free.
// - Control and flags: an FPStatus record the caller owns. `fpcr` is read (RMode, FZ, DN, AHP; trap enables are
//   RAZ/WI as on QEMU, so no FP exception ever traps); the cumulative flags IOC, DZC, OFC, UFC, IXC and IDC are
//   OR-ed into `fpsr` (FPProcessException). Clearing FPSR is the caller's business. QC is never touched.
// - Operations with a rounding mode of their own (FCVT[NPMZA]*, FRINT[NPMZA], FCVTXN) take a `Rounding`; the
//   others read FPCR.RMode (`fpcrRounding` gives it for FRINTI/FRINTX, FCVT, SCVTF/UCVTF). Negated forms
//   (FNMUL, FNMADD, FMSUB, FNMSUB, FMLS, FABD, FACGE …) are composed by the caller with fpNeg/fpAbs on operands
//   or results, as their pseudocode does.
//
// Exactness: see arith.ts (host fast paths and why they are exact), core.ts and exact.ts (the exact path on
// integer significands with error-free transformations). The rounder is round.ts (FPRoundBase).
export {
  FPCR_AHP, FPCR_DN, FPCR_FZ, fpcrRounding, FPStatus, IDC, IOC, IXC, DZC, OFC, UFC, RA, RM, RN, RO, RP, RZ,
  type Rounding, type Width,
} from './format.ts';
export {
  fpAdd32, fpAdd64, fpDiv32, fpDiv64, fpMul32, fpMul64, fpMulAdd32, fpMulAdd64, fpMulX32, fpMulX64,
  fpRecipStepFused32, fpRecipStepFused64, fpRSqrtStepFused32, fpRSqrtStepFused64, fpSqrt32, fpSqrt64, fpSub32, fpSub64,
} from './arith.ts';
export {
  CMP_EQ, CMP_GE, CMP_GT, fpAbs, fpCompare, fpCompareRel, fpMax32, fpMax64, fpMaxNum32, fpMaxNum64, fpMin32, fpMin64,
  fpMinNum32, fpMinNum64, fpNeg, NZCV_EQ, NZCV_GT, NZCV_LT, NZCV_UN, type Relation,
} from './minmax.ts';
export { fixedToFP, fpConvert, fpRoundInt, fpToFixed } from './convert.ts';
export {
  fpRecipEstimate, fpRecpX, fpRSqrtEstimate, unsignedRecipEstimate, unsignedRSqrtEstimate,
} from './estimate.ts';
