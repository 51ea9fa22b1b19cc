// LD1–LD4 and ST1–ST4 (multiple and single structures) and LD1R–LD4R. Multiple structures (ARM C7.2, shared decode
// "Advanced SIMD load/store multiple structures"): `rpt` groups of `selem`-element structures, element by element
// as the pseudocode walks them — for r < rpt, for e < elements, for s < selem: register (Rt + r + s) MOD 32, element e, at the next `ebytes` of memory. Each element
// is one access through Cpu.load/store (its alignment checked at its own size), so a fault part way leaves the
// registers loaded so far, as QEMU 7.2's element loop does; the loaded registers' bits 127:64 are cleared for the
// 64-bit forms at the end. Post-index adds the transfer size (Rm = 31) or Xm, only after the last access succeeded.
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';
import { translate } from '../../mmu/translate.ts';
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
      // LD1/ST1: QEMU's doubleword that spans two pages faults before any of its elements (doublewordPagesFault)
      if (selem === 1 && ((e << size) & 7) === 0 && (u[TMP0 * 2]! & 0xfff) > 0xff8 && doublewordPagesFault(c, load, ebytes)) return;
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
  if ((w & (1 << 23)) !== 0) postIndex(c, w, n, regs * (q ? 16 : 8));
}

/**
 * QEMU 7.2 performs LD1/ST1 (multiple structures) as doubleword accesses (translate-a64.c disas_ldst_multiple_struct
 * promotes "consecutive little-endian elements from a single register", alignment still checked at the element size),
 * and translates both pages of a doubleword that spans two before accessing any byte. The architecture permits both
 * that and element order (ARM §D1.4.1.4 R TNVSL: what an aborted access would write is UNKNOWN). So before the
 * elements of a doubleword at VA = x[TMP0] that crosses a page: translate its first page (the element's alignment
 * checked) and then the second; on a fault take it — FAR the doubleword's first byte, or the second page's — and
 * return true, nothing accessed.
 */
function doublewordPagesFault(c: Cpu, load: boolean, ebytes: number): boolean {
  const u = c.u32;
  const acc = load ? ACC_READ : ACC_WRITE;
  const lo = u[TMP0 * 2]!;
  const hi = u[TMP0 * 2 + 1]!;
  if (!translate(c, lo, hi, acc, ebytes, c.el, c.tr)) {
    c.abort(c.tr, c.x[TMP0]!, acc, 0);
    return true;
  }
  const first = 0x1000 - (lo & 0xfff);
  const lo2 = (lo + first) >>> 0;
  const hi2 = lo2 === 0 ? (hi + 1) >>> 0 : hi;
  if (!translate(c, lo2, hi2, acc, 1, c.el, c.tr)) {
    c.abort(c.tr, c.x[TMP0]! + BigInt(first), acc, 0); // a fault path: the BigInt FAR is built once
    return true;
  }
  return false;
}

/** Post-index: Rm = 31 adds the bytes transferred, another Rm adds Xm (XZR never: 31 is the immediate form). */
function postIndex(c: Cpu, w: number, n: number, bytes: number): void {
  const u = c.u32;
  const m = (w >>> 16) & 31;
  if (m === 31) addHalves(u, n, n, bytes);
  else {
    // Xn + Xm on the 32-bit halves (no BigInt on the execute path)
    const lo = u[n * 2]! + u[m * 2]!;
    u[n * 2] = lo >>> 0;
    u[n * 2 + 1] = (u[n * 2 + 1]! + u[m * 2 + 1]! + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  }
}

/**
 * LD1–LD4/ST1–ST4 (single structure) and LD1R–LD4R (shared decode "Advanced SIMD load/store single structure"): selem
 * = opcode<0>:R + 1 consecutive registers (modulo 32), one element each at consecutive addresses, element by element
 * (a fault part way leaves the registers loaded so far, as QEMU 7.2's loop does). A lane load writes only its lane; a
 * replicating load writes the element to every lane (Q = 0: bits 127:64 cleared). The rows carve out exactly the
 * allocated encodings, so the lane index and element size come straight from the word.
 */
export function ldstSingle(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64 comes first
  const w = c.u32[INSN * 2]!;
  const rn = (w >>> 5) & 31;
  if (rn === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  const q = (w >>> 30) & 1;
  const sBit = (w >>> 12) & 1;
  const size = (w >>> 10) & 3;
  const scale = (w >>> 14) & 3; // opcode<2:1>
  const replicate = scale === 3;
  // element size and index (the pseudocode's case on scale): B Q:S:size, H Q:S:size<1>, S Q:S, D Q
  const esize = replicate ? size : scale === 2 ? (size === 1 ? 3 : 2) : scale;
  const index = esize === 0 ? (q << 3) | (sBit << 2) | size : esize === 1 ? (q << 2) | (sBit << 1) | (size >>> 1) : esize === 2 ? (q << 1) | sBit : q;
  const selem = ((((w >>> 13) & 1) << 1) | ((w >>> 21) & 1)) + 1;
  const load = (w & (1 << 22)) !== 0;
  const rt = w & 31;
  const ebytes = 1 << esize;
  const u = c.u32;
  const n = REG_SP[rn]!;
  u[TMP0 * 2] = u[n * 2]!;
  u[TMP0 * 2 + 1] = u[n * 2 + 1]!;
  for (let s = 0; s < selem; s++) {
    const t = (rt + s) & 31;
    if (!load) {
      elementOut(c, t, index, esize);
      if (!c.store(ebytes, TMP1)) return;
    } else {
      if (!c.load(ebytes)) return;
      if (!replicate) elementIn(c, t, index, esize);
      else {
        // Replicate(element, datasize DIV esize): every lane, then a 64-bit form clears bits 127:64
        const lanes = (q ? 16 : 8) >>> esize;
        for (let e = 0; e < lanes; e++) elementIn(c, t, e, esize);
        if (q === 0) c.v32[t * 4 + 2] = c.v32[t * 4 + 3] = 0;
      }
    }
    addHalves(u, TMP0, TMP0, ebytes);
  }
  if ((w & (1 << 23)) !== 0) postIndex(c, w, n, selem * ebytes);
}
