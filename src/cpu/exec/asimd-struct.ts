// LD1–LD4 and ST1–ST4 (multiple structures; ARM C7.2, shared decode "Advanced SIMD load/store multiple structures"):
// `rpt` groups of `selem`-element structures, element by element as the pseudocode walks them — for r < rpt, for
// e < elements, for s < selem: register (Rt + r + s) MOD 32, element e, at the next `ebytes` of memory. Each element
// is one access through Cpu.load/store (its alignment checked at its own size), so a fault part way leaves the
// registers loaded so far, as QEMU 7.2's element loop does; the loaded registers' bits 127:64 are cleared for the
// 64-bit forms at the end. Post-index adds the transfer size (Rm = 31) or Xm, only after the last access succeeded.
import type { Cpu } from '../cpu.ts';
import { undefinedInsn } from '../exception.ts';
import { addHalves, INSN, REG_SP, TMP0, TMP1 } from '../state.ts';
import { fpAccessTrapped } from './fpsimd.ts';
import { spAlignmentFault, spMisaligned } from './ldst-access.ts';

/** By opcode (bits 15:12): registers × 8 + selem, 0 for an unallocated opcode (those rows do not exist). */
const SHAPE = new Uint8Array(16);
for (const [opcode, regs, selem] of [[0b0111, 1, 1], [0b1010, 2, 1], [0b0110, 3, 1], [0b0010, 4, 1], [0b1000, 2, 2], [0b0100, 3, 3], [0b0000, 4, 4]] as const) {
  SHAPE[opcode] = regs * 8 + selem;
}

/** One element of V[t] (e < 16 >> size) into TMP1, zero-extended. */
function elementOut(c: Cpu, t: number, e: number, size: number): void {
  const u = c.u32;
  const v = c.v32;
  if (size === 3) {
    u[TMP1 * 2] = v[t * 4 + 2 * e]!;
    u[TMP1 * 2 + 1] = v[t * 4 + 2 * e + 1]!;
    return;
  }
  u[TMP1 * 2] = size === 2 ? v[t * 4 + e]! : size === 1 ? c.v16[t * 8 + e]! : c.v8[t * 16 + e]!;
  u[TMP1 * 2 + 1] = 0;
}

/** TMP1's low `8 << size` bits into element e of V[t]. */
function elementIn(c: Cpu, t: number, e: number, size: number): void {
  const u = c.u32;
  const v = c.v32;
  if (size === 3) {
    v[t * 4 + 2 * e] = u[TMP1 * 2]!;
    v[t * 4 + 2 * e + 1] = u[TMP1 * 2 + 1]!;
  } else if (size === 2) v[t * 4 + e] = u[TMP1 * 2]!;
  else if (size === 1) c.v16[t * 8 + e] = u[TMP1 * 2]!;
  else c.v8[t * 16 + e] = u[TMP1 * 2]!;
}

/** LD1–LD4/ST1–ST4 (multiple structures), with or without post-index. */
export function ldstMultiple(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64 comes first
  const w = c.u32[INSN * 2]!;
  const shape = SHAPE[(w >>> 12) & 15]!;
  const regs = shape >>> 3;
  const selem = shape & 7;
  const size = (w >>> 10) & 3;
  const q = (w >>> 30) & 1;
  if (size === 3 && q === 0 && selem !== 1) return undefinedInsn(c); // size:Q = 110 is reserved for LD2–LD4/ST2–ST4
  const rn = (w >>> 5) & 31;
  if (rn === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  const rt = w & 31;
  const load = (w & (1 << 22)) !== 0;
  const rpt = regs / selem;
  const elements = (q ? 16 : 8) >>> size;
  const ebytes = 1 << size;
  const u = c.u32;
  const n = REG_SP[rn]!;
  u[TMP0 * 2] = u[n * 2]!;
  u[TMP0 * 2 + 1] = u[n * 2 + 1]!;
  for (let r = 0; r < rpt; r++) {
    for (let e = 0; e < elements; e++) {
      for (let s = 0; s < selem; s++) {
        const t = (rt + r + s) & 31;
        if (load) {
          if (!c.load(ebytes)) return;
          elementIn(c, t, e, size);
        } else {
          elementOut(c, t, e, size);
          if (!c.store(ebytes, TMP1)) return;
        }
        addHalves(u, TMP0, TMP0, ebytes);
      }
    }
  }
  // a 64-bit form writes the register's low half and clears the rest (the pseudocode's 64-bit rval)
  if (load && q === 0) {
    for (let k = 0; k < regs; k++) {
      const t = (rt + k) & 31;
      c.v32[t * 4 + 2] = 0;
      c.v32[t * 4 + 3] = 0;
    }
  }
  if ((w & (1 << 23)) === 0) return;
  // post-index: Rm = 31 adds the bytes transferred, another Rm adds Xm (XZR never: 31 is the immediate form)
  const m = (w >>> 16) & 31;
  if (m === 31) addHalves(u, n, n, regs * (q ? 16 : 8));
  else {
    // Xn + Xm on the 32-bit halves (no BigInt on the execute path)
    const lo = u[n * 2]! + u[m * 2]!;
    u[n * 2] = lo >>> 0;
    u[n * 2 + 1] = (u[n * 2 + 1]! + u[m * 2 + 1]! + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  }
}
