// Scalar floating-point data processing (ARM C7.2 FABS … FRINTI, FCVT, FMUL … FNMUL, FMADD … FNMSUB, FCMP/FCMPE,
// FCCMP/FCCMPE, FCSEL, FCVT{N,P,M,Z,A}{S,U}, SCVTF/UCVTF, integer and fixed point), executed by the bit-exact FP
// library (src/arch/fp): FPCR is read and the cumulative FPSR flags are set there. Each handler opens with the
// FP access check (AArch64.CheckFPAdvSIMDEnabled); a scalar result zeroes the rest of V[d] (V[] setter,
// ZeroExtend to 128). Operands are copied into a scratch array first, so that the negated forms can negate them
// without touching the registers; nothing is allocated per instruction.
import {
  fixedToFP, fpAbs, fpAdd32, fpAdd64, fpCompare, fpConvert, fpcrRounding, fpDiv32, fpDiv64, fpMax32, fpMax64,
  fpMaxNum32, fpMaxNum64, fpMin32, fpMin64, fpMinNum32, fpMinNum64, fpMul32, fpMul64, fpMulAdd32, fpMulAdd64, fpNeg,
  fpRoundInt, fpSqrt32, fpSqrt64, type FPStatus, fpSub32, fpSub64, fpToFixed, RA, RM, RN, RP, RZ, type Rounding, type Width,
} from '../../arch/fp/fp.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { conditionHolds, writeNzcvNibble } from '../pstate.ts';
import { INSN, WRITE_ZR } from '../state.ts';
import { begin, end, st } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Operand and result scratch (word indices): the addend, operand 1, operand 2, the result; two words each. */
const t = new Uint32Array(8);
const A = 0, N = 2, M = 4, R = 6;

/** V[reg]'s low 32 (single, half) or 64 bits (double) into scratch slot k. */
function load(c: Cpu, k: number, reg: number, dbl: number): void {
  t[k] = c.v32[reg * 4]!;
  t[k + 1] = dbl === 1 ? c.v32[reg * 4 + 1]! : 0;
}

/** V[d] = ZeroExtend(the result, 128): t[R] alone for a single or half result, t[R], t[R + 1] for a double. */
function store(c: Cpu, d: number, dbl: number): void {
  const v = c.v32;
  v[d * 4] = t[R]!;
  v[d * 4 + 1] = dbl === 1 ? t[R + 1]! : 0;
  v[d * 4 + 2] = 0;
  v[d * 4 + 3] = 0;
}

const WIDTH: readonly Width[] = [32, 64, 32, 16]; // by ftype: 00 single, 01 double, 11 half (10 never reaches here)
/** FRINTN/P/M/Z/A (opcode 0010xx, 001100): the rounding named by the instruction (FPDecodeRounding order). */
const FRINT_ROUNDING: readonly Rounding[] = [RN, RP, RM, RZ, RA];

/** FABS, FNEG, FSQRT, FRINT{N,P,M,Z,A,X,I} (1 source): opcode bits 20:15, ftype bit 22. */
export function fpDp1(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const dbl = (w >>> 22) & 1;
  const fw = dbl === 1 ? 64 : 32;
  const op = (w >>> 15) & 63;
  load(c, N, (w >>> 5) & 31, dbl);
  begin(c);
  if (op === 1) fpAbs(fw, t, R, N); // FPAbs: no exception, no flush
  else if (op === 2) fpNeg(fw, t, R, N); // FPNeg
  else if (op === 3) {
    if (dbl === 1) fpSqrt64(t, R, N, st);
    else fpSqrt32(t, R, N, st);
  } else if (op === 14) fpRoundInt(fw, t, R, N, fpcrRounding(st.fpcr), true, st); // FRINTX: FPCR.RMode, exact
  else if (op === 15) fpRoundInt(fw, t, R, N, fpcrRounding(st.fpcr), false, st); // FRINTI: FPCR.RMode
  else fpRoundInt(fw, t, R, N, FRINT_ROUNDING[op - 8]!, false, st);
  end(c);
  store(c, w & 31, dbl);
}

/** FCVT between precisions: source ftype bits 23:22, destination opc bits 16:15 (FPConvert, FPCR.RMode). */
export function fcvtPrecision(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const from = WIDTH[(w >>> 22) & 3]!;
  const to = WIDTH[(w >>> 15) & 3]!;
  const n = (w >>> 5) & 31;
  t[N] = from === 16 ? c.v32[n * 4]! & 0xffff : c.v32[n * 4]!;
  t[N + 1] = from === 64 ? c.v32[n * 4 + 1]! : 0;
  begin(c);
  fpConvert(from, to, t, R, t, N, fpcrRounding(st.fpcr), st);
  end(c);
  store(c, w & 31, to === 64 ? 1 : 0);
}

type Op2 = (v: Uint32Array, d: number, n: number, m: number, st: FPStatus) => void;
/** 2-source by opcode (bits 15:12): FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL (= FPNeg(FPMul)). */
const DP2_32: readonly Op2[] = [fpMul32, fpDiv32, fpAdd32, fpSub32, fpMax32, fpMin32, fpMaxNum32, fpMinNum32, fpMul32];
const DP2_64: readonly Op2[] = [fpMul64, fpDiv64, fpAdd64, fpSub64, fpMax64, fpMin64, fpMaxNum64, fpMinNum64, fpMul64];

/** FMUL … FNMUL (2 source). */
export function fpDp2(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const dbl = (w >>> 22) & 1;
  const op = (w >>> 12) & 15;
  load(c, N, (w >>> 5) & 31, dbl);
  load(c, M, (w >>> 16) & 31, dbl);
  begin(c);
  (dbl === 1 ? DP2_64 : DP2_32)[op]!(t, R, N, M, st);
  if (op === 8) fpNeg(dbl === 1 ? 64 : 32, t, R, R); // FNMUL: result = FPNeg(FPMul(op1, op2)), NaNs included
  end(c);
  store(c, w & 31, dbl);
}

/** FMADD, FMSUB, FNMADD, FNMSUB: FPMulAdd(a, n, m) with op1 negated when o1 ≠ o0 and the addend when o1 = 1. */
export function fpDp3(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const dbl = (w >>> 22) & 1;
  const fw = dbl === 1 ? 64 : 32;
  const o1 = (w >>> 21) & 1;
  const o0 = (w >>> 15) & 1;
  load(c, A, (w >>> 10) & 31, dbl);
  load(c, N, (w >>> 5) & 31, dbl);
  load(c, M, (w >>> 16) & 31, dbl);
  if (o1 === 1) fpNeg(fw, t, A, A); // FNMADD, FNMSUB: operanda = FPNeg(operanda)
  if (o1 !== o0) fpNeg(fw, t, N, N); // FMSUB, FNMADD: operand1 = FPNeg(operand1)
  begin(c);
  if (dbl === 1) fpMulAdd64(t, R, A, N, M, st);
  else fpMulAdd32(t, R, A, N, M, st);
  end(c);
  store(c, w & 31, dbl);
}

/** PSTATE.NZCV = FPCompare(op1, op2, signal_nans), NZCV as a nibble. */
function compareInto(c: Cpu, w: number, signal: boolean): void {
  const dbl = (w >>> 22) & 1;
  begin(c);
  const nzcv = fpCompare(dbl === 1 ? 64 : 32, t, N, M, signal, st);
  end(c);
  writeNzcvNibble(c, nzcv);
}

/** FCMP, FCMPE (opc<1> = bit 4: any NaN signals) against Vm or, opc<0> = bit 3, against +0.0 (Rm ignored). */
export function fcmp(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const dbl = (w >>> 22) & 1;
  load(c, N, (w >>> 5) & 31, dbl);
  if ((w & 8) !== 0) t[M] = t[M + 1] = 0; // FCMP #0.0: operand2 = Zeros()
  else load(c, M, (w >>> 16) & 31, dbl);
  compareInto(c, w, (w & 16) !== 0);
}

/** FCCMP, FCCMPE (op = bit 4): if ConditionHolds(cond) the flags of FPCompare, else NZCV = the nzcv field. */
export function fccmp(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  if (!conditionHolds(c, (w >>> 12) & 15)) return writeNzcvNibble(c, w & 15);
  const dbl = (w >>> 22) & 1;
  load(c, N, (w >>> 5) & 31, dbl);
  load(c, M, (w >>> 16) & 31, dbl);
  compareInto(c, w, (w & 16) !== 0);
}

/** FCSEL: V[d] = ConditionHolds(cond) ? V[n] : V[m], no FP exception. */
export function fcsel(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  const dbl = (w >>> 22) & 1;
  const from = conditionHolds(c, (w >>> 12) & 15) ? (w >>> 5) & 31 : (w >>> 16) & 31;
  load(c, R, from, dbl);
  store(c, w & 31, dbl);
}

/** FCVT{N,P,M,Z} by rmode (bits 20:19): FPDecodeRounding order; FCVTA* (opcode 10x) round ties away. */
const CVT_ROUNDING: readonly Rounding[] = [RN, RP, RM, RZ];

/** FP → W/X (opcode<2:1> = 00, 10) or W/X → FP (01), with fbits fraction bits. */
function convert(c: Cpu, w: number, fbits: number): void {
  const sf = w >>> 31;
  const dbl = (w >>> 22) & 1;
  const opcode = (w >>> 16) & 7;
  const unsigned = (opcode & 1) === 1;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  begin(c);
  if ((opcode & 6) === 2) {
    // SCVTF/UCVTF: FixedToFP(X[n], fbits, unsigned, fpcr, FPCR.RMode); Rn = 31 is the zero register
    fixedToFP(sf === 1 ? 64 : 32, dbl === 1 ? 64 : 32, t, R, c.u32, n * 2, fbits, unsigned, fpcrRounding(st.fpcr), st);
    end(c);
    store(c, d, dbl);
    return;
  }
  // FCVT*: FPToFixed(V[n], fbits, unsigned, fpcr, rounding) into Wd/Xd (a W result zero-extended)
  const rounding = (opcode & 4) !== 0 ? RA : CVT_ROUNDING[(w >>> 19) & 3]!;
  const r = WRITE_ZR[d]!;
  fpToFixed(dbl === 1 ? 64 : 32, sf === 1 ? 64 : 32, c.u32, r * 2, c.v32, n * 4, fbits, unsigned, rounding, st);
  if (sf === 0) c.u32[r * 2 + 1] = 0;
  end(c);
}

/** FCVT{N,P,M,Z,A}{S,U}, SCVTF, UCVTF (integer). */
export function fpIntConvert(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (fpAccessTrapped(c)) return;
  convert(c, w, 0);
}

/** FCVTZS, FCVTZU, SCVTF, UCVTF (fixed point): fbits = 64 − scale; a 32-bit form needs scale<5> = 1. */
export function fpFixedConvert(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const scale = (w >>> 10) & 63;
  if (w >>> 31 === 0 && scale < 32) return undefinedInsn(c); // sf = 0 && scale<5> = 0: UNDEFINED
  if (fpAccessTrapped(c)) return;
  convert(c, w, 64 - scale);
}
