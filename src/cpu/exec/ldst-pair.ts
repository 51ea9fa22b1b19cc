// Load/store pair (ARM C4.1.88 "Load/store register pair", C6.2 LDP/STP/LDPSW/LDNP/STNP):
// opc 101 0 idx L imm7 Rt2 Rn Rt, idx 000 no-allocate offset, 001 post-index, 010 offset, 011 pre-index.
// Two accesses at VA and VA + size, no instruction syndrome (ISV=0: not a single-register access).
import type { Cpu } from '../cpu.ts';
import { addHalves, INSN, REG_SP, TMP0, TMP1, TMP2, WRITE_ZR } from '../state.ts';
import { spAlignmentFault, spMisaligned } from './ldst-access.ts';
import { Tlb } from '../../mmu/tlb.ts';
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';

/**
 * LDP/STP/LDPSW/LDNP/STNP, all index forms. opc 00 → 32-bit, 10 → 64-bit, 01 → LDPSW (rows exclude opc 11,
 * STGP and LDNPSW, which are unallocated here).
 * CONSTRAINED UNPREDICTABLE cases, resolved as QEMU does (disas_ldst_pair):
 * - LDP with Rt == Rt2: Rt gets the first value (Rt2 is written first, Rt last).
 * - writeback with Rn == Rt or Rn == Rt2 (Rn != SP): a load leaves Rn = the written-back address; a store
 *   stores the registers' old values.
 * A fault on either access leaves every register unchanged (a store may have written its first half).
 */
export function ldstPair(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  const x = c.x;
  const opc = w >>> 30;
  const idx = (w >>> 23) & 3;
  const load = (w & (1 << 22)) !== 0;
  const scale = 2 + (opc >>> 1); // log2 of the register size in bytes
  const bytes = 1 << scale;
  const offset = ((w << 10) >> 25) * bytes; // imm7, sign-extended, scaled
  const rn = (w >>> 5) & 31;
  const rt = w & 31;
  const rt2 = (w >>> 10) & 31;
  if (rn === 31 && spMisaligned(c)) return spAlignmentFault(c); // AArch64.CheckSPAlignment
  const n = REG_SP[rn]!;
  const u = c.u32;
  addHalves(u, TMP0, n, idx === 1 ? 0 : offset); // post-index uses the base as is
  if (pairFromHostCache(c, u, load, opc, scale, rt, rt2)) {
    // writeback (idx 01 post, 11 pre): TMP0 is still VA
    if (idx === 1) addHalves(u, n, TMP0, offset);
    else if (idx === 3) addHalves(u, n, TMP0, 0);
    return;
  }
  if (load) {
    if (!c.load(bytes)) return;
    x[TMP2] = x[TMP1]!; // first value, kept until the second access succeeded
    addHalves(c.u32, TMP0, TMP0, bytes);
    if (!c.load(bytes)) return;
    if (opc === 1) {
      // LDPSW: both words sign-extended to 64 bits
      signExtendWord(c, WRITE_ZR[rt2]!, TMP1);
      signExtendWord(c, WRITE_ZR[rt]!, TMP2);
    } else {
      x[WRITE_ZR[rt2]!] = x[TMP1]!; // zero-extended by c.load (W pairs clear bits 63:32)
      x[WRITE_ZR[rt]!] = x[TMP2]!;
    }
  } else {
    if (!c.store(bytes, rt)) return; // register 31 is XZR (slot 31 reads 0)
    addHalves(c.u32, TMP0, TMP0, bytes);
    if (!c.store(bytes, rt2)) return;
  }
  // writeback (idx 01 post, 11 pre): TMP0 is now VA + bytes
  if (idx === 1) addHalves(c.u32, n, TMP0, offset - bytes);
  else if (idx === 3) addHalves(c.u32, n, TMP0, -bytes);
}

/**
 * The common case without Cpu.load/store: both registers of the pair in one 4 KiB page, VA aligned to the register
 * size, served by the host cache from RAM (a store not to a page holding decoded code, which Cpu.store invalidates).
 * Moves the pair as the two accesses would (LDP Rt == Rt2: Rt gets the first value) and returns true; false: nothing
 * was done, take the general path.
 */
function pairFromHostCache(c: Cpu, u: Uint32Array, load: boolean, opc: number, scale: number, rt: number, rt2: number): boolean {
  const lo = u[TMP0 * 2]!;
  if ((lo & 0xfff) > 0x1000 - (2 << scale)) return false; // the second register in the next page
  const t = c.tlb;
  const s = Tlb.hostLookup(t, c.el, load ? ACC_READ : ACC_WRITE, lo, u[TMP0 * 2 + 1]! | 0, 1 << scale);
  if (s < 0) return false;
  const page = t.hcPage[s]!;
  const m = page.u32;
  const wi = t.hcWord[s]! + ((lo & 0xfff) >>> 2);
  if (load) {
    const d1 = WRITE_ZR[rt]!, d2 = WRITE_ZR[rt2]!;
    if (scale === 3) {
      const l1 = m[wi]!, h1 = m[wi + 1]!;
      u[d2 * 2] = m[wi + 2]!;
      u[d2 * 2 + 1] = m[wi + 3]!;
      u[d1 * 2] = l1;
      u[d1 * 2 + 1] = h1;
    } else {
      const v1 = m[wi]!, v2 = m[wi + 1]!;
      u[d2 * 2] = v2;
      u[d2 * 2 + 1] = opc === 1 ? -(v2 >>> 31) : 0; // LDPSW: SignExtend(word, 64); LDP W: zero-extended
      u[d1 * 2] = v1;
      u[d1 * 2 + 1] = opc === 1 ? -(v1 >>> 31) : 0;
    }
  } else {
    if (page.ops !== undefined) return false;
    m[wi] = u[rt * 2]!; // register 31 is XZR (slot 31 reads 0)
    if (scale === 3) {
      m[wi + 1] = u[rt * 2 + 1]!;
      m[wi + 2] = u[rt2 * 2]!;
      m[wi + 3] = u[rt2 * 2 + 1]!;
    } else {
      m[wi + 1] = u[rt2 * 2]!;
    }
  }
  c.stats.hostHits += 2;
  return true;
}

/** x[dst] = SignExtend(word in slot src, 64), through the 32-bit views. */
function signExtendWord(c: Cpu, dst: number, src: number): void {
  const v = c.i32[src * 2]!;
  c.i32[dst * 2] = v;
  c.i32[dst * 2 + 1] = v >> 31;
}
