// Advanced SIMD floating-point multiplies by element (ARM C7.2 FMLA, FMLS, FMUL, FMULX (by element), vector and
// scalar) through src/arch/fp, FPCR and the FPSR flags as for scalar FP: every lane of Vn (one for the scalar
// forms) with the element Vm[index]. Registers are copied into a scratch array first (Vd may be Vn or Vm); a
// 64-bit or scalar result zeroes the rest of Vd. Nothing is allocated per instruction.
import { fpMul32, fpMul64, fpMulAdd32, fpMulAdd64, fpMulX32, fpMulX64, fpNeg } from '../../arch/fp/fp.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { begin, end, st } from './fp-status.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** Scratch (word indices): Vn, Vd (the FMLA/FMLS accumulator), the result, the element (two words). */
const t = new Uint32Array(14);
const N = 0, D = 4, R = 8, E = 12;

/** One lane at word offset o: opcode bits 15:12 (0001 FMLA, 0101 FMLS, 1001 FMUL/FMULX by U). */
function lane(opcode: number, u: number, dbl: boolean, o: number): void {
  if (opcode === 0b1001) {
    if (u === 1) {
      if (dbl) fpMulX64(t, R + o, N + o, E, st);
      else fpMulX32(t, R + o, N + o, E, st);
    } else if (dbl) fpMul64(t, R + o, N + o, E, st);
    else fpMul32(t, R + o, N + o, E, st);
    return;
  }
  if (opcode === 0b0101) fpNeg(dbl ? 64 : 32, t, N + o, N + o); // FMLS: element1 = FPNeg(element1)
  if (dbl) fpMulAdd64(t, R + o, D + o, N + o, E, st);
  else fpMulAdd32(t, R + o, D + o, N + o, E, st);
}

/** By element, vector (bit 28 = 0: Q lanes) or scalar (bit 28 = 1: one lane). */
export function fpByElement(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const scalar = ((w >>> 28) & 1) === 1;
  const q = scalar ? 0 : (w >>> 30) & 1;
  const sz = (w >>> 22) & 1;
  const l = (w >>> 21) & 1, h = (w >>> 11) & 1;
  if (sz === 1 && (l === 1 || (!scalar && q === 0))) return undefinedInsn(c); // reserved: sz:L = 11, sz:Q = 10
  if (fpAccessTrapped(c)) return;
  const d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31; // Vm = M:Rm
  const v = c.v32;
  for (let i = 0; i < 4; i++) {
    t[N + i] = v[n * 4 + i]!;
    t[D + i] = v[d * 4 + i]!;
  }
  const at = m * 4 + (sz === 1 ? h * 2 : (h << 1) | l); // Vm[H] (doubles) or Vm[H:L] (singles)
  t[E] = v[at]!;
  t[E + 1] = sz === 1 ? v[at + 1]! : 0;
  const words = scalar ? sz + 1 : q === 1 ? 4 : 2;
  const opcode = (w >>> 12) & 15, u = (w >>> 29) & 1;
  begin(c);
  for (let o = 0; o < words; o += sz + 1) lane(opcode, u, sz === 1, o);
  end(c);
  for (let i = 0; i < 4; i++) v[d * 4 + i] = i < words ? t[R + i]! : 0;
}
