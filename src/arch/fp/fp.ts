// Bit-exact ARMv8.0 floating point (Cortex-A57: no FEAT_FP16 arithmetic, no FEAT_AFP, no FEAT_RPRES): the Arm
// pseudocode FP functions (ARM J1.1/J1.3; ARCH-NOTES §15) as pure, allocation-free functions of raw bits. The
// executor calls them straight from the register file's typed-array views; nothing here knows about registers.
//
// Interface
// - Values are raw bits. Half and single precision: one uint32 (a number). Double precision: two uint32 halves,
//   passed as (lo, hi) = (bits 31:0, bits 63:32) — the order of a little-endian Uint32Array view of a V register.
// - Results. `…32` functions return the binary32 bits. `…64` functions write the double to out[o] (lo) and
//   out[o + 1] (hi) of a caller's Uint32Array (e.g. the V-register view, o = 4 × register number). Functions whose
//   result width is a parameter (fpConvert, fpToFixed, fixedToFP, the estimates) leave it in the result
//   registers `resLo`/`resHi` (live bindings, valid until the next call).
// - Control and flags: an FPStatus record the caller owns. `fpcr` is read (RMode, FZ, DN, AHP; trap enables are
//   RAZ/WI as on QEMU, so no FP exception ever traps); the cumulative flags IOC, DZC, OFC, UFC, IXC and IDC are
//   OR-ed into `fpsr` (FPProcessException). Clearing FPSR is the caller's business. QC is never touched.
// - Operations with a rounding mode of their own (FCVT[NPMZA]*, FRINT[NPMZA], FCVTXN) take a `Rounding`; the
//   rest use FPCR.RMode (`fpcrRounding`). Negated forms (FNMUL, FNMADD, FMSUB, FNMSUB, FMLS, FABD …) are
//   composed by the caller with fpNeg/fpAbs on the operand or result bits, as their pseudocode does.
//
// Exactness: see arith.ts (host fast paths and why they are exact), core.ts and exact.ts (the exact path on
// integer significands with error-free transformations). The rounder is round.ts (FPRoundBase).
export {
  FPCR_AHP, FPCR_DN, FPCR_FZ, fpcrRounding, FPStatus, IDC, IOC, IXC, DZC, OFC, UFC, RA, RM, RN, RO, RP, RZ, resHi, resLo,
  type Rounding, type Width,
} from './format.ts';
export {
  fpAdd32, fpAdd64, fpDiv32, fpDiv64, fpMul32, fpMul64, fpMulAdd32, fpMulAdd64, fpMulX32, fpMulX64,
  fpRecipStepFused32, fpRecipStepFused64, fpRSqrtStepFused32, fpRSqrtStepFused64, fpSqrt32, fpSqrt64, fpSub32, fpSub64,
} from './arith.ts';
export {
  CMP_EQ, CMP_GE, CMP_GT, fpAbs32, fpCompare32, fpCompare64, fpCompareRel32, fpCompareRel64, fpMax32, fpMax64,
  fpMaxNum32, fpMaxNum64, fpMin32, fpMin64, fpMinNum32, fpMinNum64, fpNeg32, NZCV_EQ, NZCV_GT, NZCV_LT, NZCV_UN,
  type Relation,
} from './minmax.ts';
export { fixedToFP, fpConvert, fpRoundInt32, fpRoundInt64, fpToFixed } from './convert.ts';
export {
  fpRecipEstimate, fpRecpX, fpRSqrtEstimate, unsignedRecipEstimate, unsignedRSqrtEstimate,
} from './estimate.ts';
