// Exception entry, routing and return for AArch64 EL0–EL2 (ARM §D1.4; J1.1 AArch64.TakeException,
// AArch64.ExceptionReturn; J1.3 IllegalExceptionReturn; ARCH-NOTES §13). No EL3 is implemented (QEMU virt with
// virtualization=on). PSTATE.SS follows software step (src/cpu/debug.ts); FAR_ELx is written only by the callers
// that report an address (aborts, PC alignment, watchpoints) and otherwise keeps its value (ARCH-NOTES §14 D8).
import { HCR } from '../arch/hcr.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';
import { exceptionReturnSs, stepEret, stepInterrupted } from './debug.ts';
import { branchTo } from './exec/branch.ts';
import { pmuSync } from './pmu.ts';
import { packSpsr, writeNzcv } from './pstate.ts';
import { PC, PC_AHEAD } from './state.ts';
import { STATS_IRQ } from './stats.ts';
import { EC_UNKNOWN, ESR_EC_SHIFT, ESR_IL, ESR_ISS } from '../arch/syndrome.ts';

/** Vector-table group offsets (ARCH-NOTES §13). */
const VEC_CUR_SP0 = 0x000;
const VEC_CUR_SPX = 0x200;
const VEC_LOWER_A64 = 0x400;

/** HCR_EL2 low 32 bits. */
export function hcrLo(c: Cpu): number {
  return c.sr32[SR.HCR_EL2 * 2]!;
}

/** Target EL of a synchronous exception that the architecture routes to "EL1 or EL2 by TGE" (ARM §D24.2.62 TGE). */
export function syncTarget(c: Cpu): number {
  if (c.el === 2) return 2;
  return c.el === 0 && (hcrLo(c) & HCR.TGE) !== 0 ? 2 : 1;
}

/** AArch64.TakeException with a 64-bit preferred return address held in `retSlot` of the register file. */
export function takeException(c: Cpu, target: number, ec: number, iss: number, retSlot: number, vecBase = 0): void {
  const from = c.el;
  c.stats.exceptions[vecBase === 0 || ec !== 0 ? ec : STATS_IRQ]++;
  let offset: number;
  if (target === from) offset = c.spsel === 1 ? VEC_CUR_SPX : VEC_CUR_SP0;
  // From a lower EL: +0x600 if ELUsingAArch32(target - 1), else +0x400. No EL implements AArch32 (the Cpu constructor
  // refuses a profile that says otherwise) and HCR_EL2.RW is RAO/WI (ARCH-NOTES §3): always +0x400.
  else offset = VEC_LOWER_A64;
  const spsrIdx = target === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1;
  const elrIdx = target === 2 ? SR.ELR_EL2 : SR.ELR_EL1;
  const esrIdx = target === 2 ? SR.ESR_EL2 : SR.ESR_EL1;
  const vbarIdx = target === 2 ? SR.VBAR_EL2 : SR.VBAR_EL1;
  if (c.pmu.active) pmuSync(c); // the PMU's EL filters: count what ran at the EL being left
  c.sr[spsrIdx] = packSpsr(c); // GetPSRFromPSTATE(AArch64_NonDebugState)
  c.sr[elrIdx] = c.x[retSlot]!;
  // ESR_ELx: EC[31:26], IL[25] = 1 (every exception from A64 reports a 32-bit instruction or IL RES1), ISS[24:0];
  // synchronous exceptions (vecBase 0) and SErrors (EC 0x2F) have a syndrome: an IRQ or FIQ (src/cpu/interrupt.ts,
  // ec 0) leaves it
  if (vecBase === 0 || ec !== 0) {
    c.sr32[esrIdx * 2] = (ec << ESR_EC_SHIFT) | ESR_IL | (iss & ESR_ISS); // written on the halves: ESR[63:32] RES0
    c.sr32[esrIdx * 2 + 1] = 0;
  }
  c.setElSp(target, 1); // PSTATE.EL = target, PSTATE.SP = 1 (SP_ELx)
  c.daif = 0x3c0; // PSTATE.{D,A,I,F} = '1111'
  c.il = 0;
  c.ss = 0;
  stepInterrupted(c); // an instruction being stepped did not complete (SPSR.SS keeps PSTATE.SS)
  // VBAR_ELx<63:11>:vect_offset<10:0> — VBAR[10:0] are RES0 (masked on write), so the offset never carries
  c.u32[PC * 2] = c.sr32[vbarIdx * 2]! + offset + vecBase;
  c.u32[PC * 2 + 1] = c.sr32[vbarIdx * 2 + 1]!;
  c.contextSync();
  if (c.pmu.active) c.timerChanged?.(c); // the next counter overflow depends on the EL
  if (c.traceException !== null) c.traceException(c, from);
}

/** The executing instruction's address: PC_AHEAD before the PC slot (state.ts: the PC convention). */
export function thisInsn(c: Cpu): bigint {
  return c.x[PC]! - BigInt(PC_AHEAD);
}

/** A fault found at fetch, before the instruction at PC runs: step into the handler convention, so that the fault
 *  reports that instruction through raiseHere / Cpu.abort like any other. */
export function fetchFault(c: Cpu): void {
  c.x[PC] = c.x[PC]! + BigInt(PC_AHEAD);
}

/** Preferred return address = this instruction (sync exceptions other than SVC/HVC/SMC). */
export function raiseHere(c: Cpu, target: number, ec: number, iss: number): void {
  c.x[c.scratchSlot] = thisInsn(c);
  takeException(c, target, ec, iss, c.scratchSlot);
}

/** Preferred return address = next instruction (SVC, HVC, SMC when not trapped). */
export function raiseNext(c: Cpu, target: number, ec: number, iss: number): void {
  c.x[c.scratchSlot] = c.x[PC]!;
  takeException(c, target, ec, iss, c.scratchSlot);
}

/** The UNDEFINED exception (EC 0x00) routed per TGE (ARM J1.1 AArch64.UndefinedFault). */
export function undefinedInsn(c: Cpu): void {
  raiseHere(c, syncTarget(c), EC_UNKNOWN, 0);
}

/** Unallocated encodings: the decoder's op 0 handler. */
export function unallocated(c: Cpu): void {
  undefinedInsn(c);
}

/** Which check of IllegalExceptionReturn (ARM J1.3) an ERET fails (for reports: src/check/eret-outcome.ts). */
export type IllegalReturn =
  | 'aarch32' // SPSR.M[4] = 1: ELFromM32 finds no valid mode, no EL implements AArch32
  | 'reserved-mode' // ELFromSPSR: EL3 (not implemented), M[1] = 1, EL0 with M[0] = 1
  | 'higher-el' // a return to a higher EL
  | 'el1-tge'; // HCR_EL2.TGE = 1: a return to EL1

/**
 * The EL an ERET at `from` returns to with this SPSR, or the check of IllegalExceptionReturn (ARM J1.3) it fails.
 * `hcr` is HCR_EL2[31:0] as it is before the ERET's own synchronization (ARCH-NOTES §10); both default to the PE's.
 */
export function returnOutcome(c: Cpu, spsr: number, from = c.el, hcr = hcrLo(c)): number | IllegalReturn {
  // SPSR.M[4] = nRW: a return to AArch32. ELFromM32 finds no valid mode, since no EL implements AArch32
  // (ID_AA64PFR0_EL1.EL0..EL2 = 0b0001; HaveAArch32EL is FALSE): an illegal return, whatever M[3:0] says
  if ((spsr & 0x10) !== 0) return 'aarch32';
  const el = (spsr >>> 2) & 3;
  if (el === 3) return 'reserved-mode'; // ELFromSPSR: EL3 not implemented
  if ((spsr & 2) !== 0) return 'reserved-mode'; // ELFromSPSR: M[1] must be 0
  if (el === 0 && (spsr & 1) !== 0) return 'reserved-mode'; // ELFromSPSR: EL0 with M[0] = 1
  if (el > from) return 'higher-el'; // return to a higher EL
  // ELUsingAArch32K(EL1) is FALSE (HCR_EL2.RW RAO/WI), so no register-width mismatch can arise
  if (el === 1 && (hcr & HCR.TGE) !== 0) return 'el1-tge'; // HCR_EL2.TGE = 1: a return to EL1 is illegal
  return el;
}

/** The EL an ERET returns to with this SPSR, or -1 when IllegalExceptionReturn (ARM J1.3) holds. */
export function returnTarget(c: Cpu, spsr: number): number {
  const r = returnOutcome(c, spsr);
  return typeof r === 'number' ? r : -1;
}

/** ERET (ARM J1.1 AArch64.ExceptionReturn, J1.3 SetPSTATEFromPSR). The caller has made it UNDEFINED at EL0. */
export function exceptionReturn(c: Cpu): void {
  const from = c.el;
  if (c.pmu.active) pmuSync(c); // the PMU's EL filters: count what ran at the EL being left
  const spsr = c.sr32[(from === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1) * 2]!;
  const target = returnTarget(c, spsr);
  const ss = exceptionReturnSs(c, spsr, target < 0 ? from : target); // DebugExceptionReturnSS, from the state before
  const elr = c.scratchSlot;
  c.x[elr] = c.sr[from === 2 ? SR.ELR_EL2 : SR.ELR_EL1]!;
  // Reinstated whether or not the return is illegal: N, Z, C, V and (PSTATE.nRW staying 0 when illegal) D, A, I, F
  writeNzcv(c, spsr);
  c.daif = spsr & 0x3c0;
  c.ss = ss;
  stepEret(c); // a stepped ERET sets PSTATE.SS itself (no SSAdvance)
  c.exclAddr = -1; // ClearExclusiveLocal
  if (target < 0) {
    // Illegal return: EL, nRW and SP unchanged, PSTATE.IL = 1; the next instruction takes EC 0x0E.
    c.il = 1;
    if ((spsr & 0x10) !== 0) c.x[PC] = c.x[elr]!; // PC[63:32,1:0] UNKNOWN: this model keeps ELR's bits
    else branchTo(c, elr); // ELR[63:56] may hold a tag: AArch64.BranchAddr at the current EL
  } else {
    c.il = (spsr >>> 20) & 1;
    c.setElSp(target, spsr & 1); // PSTATE.EL = SPSR.M[3:2], PSTATE.SP = SPSR.M[0]
    branchTo(c, elr); // AArch64.BranchAddr at the EL returned to
  }
  c.contextSync();
  if (c.pmu.active) c.timerChanged?.(c); // the next counter overflow depends on the EL
}
