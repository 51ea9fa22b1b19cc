// Shared pieces of the integer load/store handlers: the stack-pointer alignment check, alignment faults raised
// by the instruction itself (exclusives, acquire/release), the data-abort instruction syndrome, and the
// single-register transfer (access + zero/sign extension into Rt through the 32-bit view).
import { lowMask } from '../../arch/reg-fields.ts';
import { SR } from '../../arch/sysreg-table.ts';
import { FAULT_ALIGNMENT } from '../../mmu/result.ts';
import type { Cpu } from '../cpu.ts';
import { raiseHere, syncTarget } from '../exception.ts';
import { EC_SP_ALIGN, ISS_ISV, ISS_SAS_SHIFT, ISS_SF, ISS_SRT_SHIFT, ISS_SSE } from '../../arch/syndrome.ts';
import { SP, TMP0, TMP1, WRITE_ZR } from '../state.ts';
import { Tlb } from '../../mmu/tlb.ts';
import { ACC_READ, ACC_WRITE } from '../../mmu/result.ts';

const SCTLR_SA = lowMask('SCTLR_EL1', 'SA'); // SCTLR_ELx.SA: SP alignment check at the regime's own EL (same bit in SCTLR_EL2)
const SCTLR_SA0 = lowMask('SCTLR_EL1', 'SA0'); // SCTLR_EL1.SA0: SP alignment check at EL0


/**
 * Syndrome of a single-register load/store without writeback: ISV, SAS = size, SSE, SRT = Rt, SF.
 * `opc` is the load/store opc (00 store, 01 load, 10 signed load to X, 11 signed load to W). Cpu.abort keeps
 * these bits only for stage-2 aborts taken to EL2 (ISV is 0 for every other data abort).
 */
export function singleIss(size: number, opc: number, rt: number): number {
  const sf = opc === 2 || (size === 3 && opc < 2) ? ISS_SF : 0;
  return ISS_ISV | (size << ISS_SAS_SHIFT) | (opc >= 2 ? ISS_SSE : 0) | (rt << ISS_SRT_SHIFT) | sf;
}

/** AArch64.CheckSPAlignment: SP (the base register) is not 16-byte aligned and SCTLR_ELx.SA/SA0 asks for a check. */
export function spMisaligned(c: Cpu): boolean {
  if ((c.u32[SP * 2]! & 15) === 0) return false;
  const el = c.el;
  // EL2 uses SCTLR_EL2.SA; EL1 SCTLR_EL1.SA; EL0 (EL1&0 regime, no VHE) SCTLR_EL1.SA0
  if (el === 2) return (c.sr32[SR.SCTLR_EL2 * 2]! & SCTLR_SA) !== 0;
  return (c.sr32[SR.SCTLR_EL1 * 2]! & (el === 0 ? SCTLR_SA0 : SCTLR_SA)) !== 0;
}

/** AArch64.SPAlignmentFault: EC 0x26, ISS 0, preferred return = this instruction, routed like other sync exceptions. */
export function spAlignmentFault(c: Cpu): void {
  raiseHere(c, syncTarget(c), EC_SP_ALIGN, 0);
}

/** True when VA x[TMP0] is a multiple of `bytes` (a power of two ≤ 16). */
export function vaAligned(c: Cpu, bytes: number): boolean {
  return (c.u32[TMP0 * 2]! & (bytes - 1)) === 0;
}

/**
 * AArch64.CheckAlignment for accesses that must be aligned whatever the memory type (exclusives,
 * load-acquire/store-release): Alignment fault (DFSC 0x21) on VA x[TMP0], taken before translation.
 */
export function alignmentFault(c: Cpu, acc: number): void {
  const tr = c.tr;
  tr.reset();
  tr.fault = FAULT_ALIGNMENT;
  c.abort(tr, c.x[TMP0]!, acc, 0);
}

/**
 * The access of a single-register load/store at VA x[TMP0] with `opc` as in the load/store register classes:
 * 00 store Rt, 01 load zero-extended, 10 load sign-extended to 64 bits, 11 load sign-extended to 32 bits.
 * `el` is the EL whose permissions apply (differs from PSTATE.EL only for LDTR/STTR). False if an exception
 * was taken (Rt is then unchanged). `rt` is the Rt field (not the word: see Handler in handler.ts).
 */
export function transfer(c: Cpu, rt: number, size: number, opc: number, iss: number, el: number): boolean {
  // small, so that V8 inlines it and the host-cache path into the handlers; the rest is transferThrough
  return (size >= 2 && opc <= 1 && transferFromHostCache(c, rt, size, opc, el)) || transferThrough(c, rt, size, opc, iss, el);
}

/**
 * The common case without Cpu.load/store: an aligned W or X load (opc 01) or store (00) that the host cache serves from
 * RAM (not a page holding decoded code, which a store must invalidate: Cpu.store does that). False: nothing was done.
 */
function transferFromHostCache(c: Cpu, rt: number, size: number, opc: number, el: number): boolean {
  const u = c.u32;
  const t = c.tlb;
  const s = Tlb.hostLookup(t, el, opc === 0 ? ACC_WRITE : ACC_READ, u[TMP0 * 2]!, u[TMP0 * 2 + 1]! | 0, 1 << size);
  if (s < 0) return false;
  const page = t.hcPage[s]!;
  const wi = t.hcWord[s]! + ((u[TMP0 * 2]! & 0xfff) >>> 2);
  if (opc === 1) {
    const d = WRITE_ZR[rt]!;
    u[d * 2] = page.u32[wi]!;
    u[d * 2 + 1] = size === 3 ? page.u32[wi + 1]! : 0;
  } else {
    if (page.ops !== undefined) return false;
    page.u32[wi] = u[rt * 2]!;
    if (size === 3) page.u32[wi + 1] = u[rt * 2 + 1]!;
  }
  c.stats.hostHits++;
  return true;
}

/** The access through Cpu.load/store (translation, devices, faults, code pages), then Rt extended as `opc` says. */
function transferThrough(c: Cpu, rt: number, size: number, opc: number, iss: number, el: number): boolean {
  if (opc === 0) return c.store(1 << size, rt, iss, el); // Rt = 31 stores XZR: slot 31 always reads 0
  if (!c.load(1 << size, iss, el)) return false;
  const t = WRITE_ZR[rt]!;
  if (opc === 1) {
    // c.load zero-extends: a W destination gets bits 63:32 cleared (32-bit copies: no BigInt on this path)
    const u = c.u32;
    u[t * 2] = u[TMP1 * 2]!;
    u[t * 2 + 1] = u[TMP1 * 2 + 1]!;
    return true;
  }
  // SignExtend(data, regsize): through the 32-bit views, no BigInt
  const s = 32 - (8 << size); // 24 byte, 16 halfword, 0 word
  const v = (c.u32[TMP1 * 2]! << s) >> s;
  const i32 = c.i32;
  i32[t * 2] = v;
  i32[t * 2 + 1] = opc === 2 ? v >> 31 : 0; // opc=10: 64-bit register; opc=11: W register, upper half zero
  return true;
}
