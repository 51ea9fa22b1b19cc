// The Advanced SIMD instructions that exist only as scalars (ARM C7.2 ADDP (scalar), DUP (element) scalar — objdump's
// MOV): one result element, zero-extended into Vd. 64-bit values on their 32-bit halves (no BigInt, no allocation).
import { imm5Size } from '../../arch/a64/simd.ts';
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { INSN } from '../state.ts';
import { lane64, writeResult } from './asimd-int.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** ADDP Dd, Vn.2d: Vn.d[0] + Vn.d[1] (the row fixes size = 11). */
export function addpScalar(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const w = c.u32[INSN * 2]!;
  const n = (w >>> 5) & 31;
  lane64(c, 0, 0b10111, n * 4, n * 4 + 2, 0); // the three-same ADDP's 64-bit pair sum
  writeResult(c, w & 31, 0);
}

/** DUP (element) scalar: Vd = ZeroExtend(Elem[Vn, index, esize]), size and index from imm5 (x0000 reserved). */
export function dupElementScalar(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const imm5 = (w >>> 16) & 31;
  const s = imm5Size(imm5);
  if (s === 4) return undefinedInsn(c); // imm5 = x0000: reserved
  if (fpAccessTrapped(c)) return;
  const n = (w >>> 5) & 31;
  const from = n * 16 + (imm5 >>> (s + 1)) * (1 << s);
  c.vt32[0] = c.vt32[1] = 0;
  for (let b = 0; b < 1 << s; b++) c.vt8[b] = c.v8[from + b]!;
  writeResult(c, w & 31, 0);
}
