// Exception entry, routing and return for AArch64 EL0–EL2 (ARM §D1.4; J1.1 AArch64.TakeException,
// AArch64.ExceptionReturn; ARCH-NOTES §13). No EL3 is implemented (QEMU virt with virtualization=on).
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';
import { packSpsr, writeNzcv } from './pstate.ts';
import { PC } from './state.ts';

/** Exception classes (ESR_ELx.EC, ARCH-NOTES §7e). */
export const EC_UNKNOWN = 0x00;
export const EC_WFX = 0x01;
export const EC_FP = 0x07;
export const EC_ILLEGAL = 0x0e;
export const EC_SVC = 0x15;
export const EC_HVC = 0x16;
export const EC_SMC = 0x17;
export const EC_SYSREG = 0x18;
export const EC_IABT_LOWER = 0x20;
export const EC_IABT_SAME = 0x21;
export const EC_PC_ALIGN = 0x22;
export const EC_DABT_LOWER = 0x24;
export const EC_DABT_SAME = 0x25;
export const EC_SP_ALIGN = 0x26;
export const EC_BRK = 0x3c;

const HCR_TGE = 1 << 27;
const HCR_RW_HI = 1 << 31; // HCR_EL2.RW is bit 31 of the low word

/** Vector-table group offsets (ARCH-NOTES §13). */
const VEC_CUR_SP0 = 0x000;
const VEC_CUR_SPX = 0x200;
const VEC_LOWER_A64 = 0x400;
const VEC_LOWER_A32 = 0x600;

/** HCR_EL2 low 32 bits. */
export function hcrLo(c: Cpu): number {
  return c.sr32[SR.HCR_EL2 * 2]!;
}

/** Target EL of a synchronous exception that the architecture routes to "EL1 or EL2 by TGE" (ARM §D24.2.62 TGE). */
export function syncTarget(c: Cpu): number {
  if (c.el === 2) return 2;
  return c.el === 0 && (hcrLo(c) & HCR_TGE) !== 0 ? 2 : 1;
}

/** AArch64.TakeException with a 64-bit preferred return address held in `retSlot` of the register file. */
export function takeException(c: Cpu, target: number, ec: number, iss: number, retSlot: number, vecBase = 0): void {
  const from = c.el;
  let offset: number;
  if (target === from) offset = c.spsel === 1 ? VEC_CUR_SPX : VEC_CUR_SP0;
  // Lower EL using AArch64: for EL2 that is EL1's state per HCR_EL2.RW (ARCH-NOTES §13)
  else offset = target === 2 && (hcrLo(c) & HCR_RW_HI) === 0 ? VEC_LOWER_A32 : VEC_LOWER_A64;
  const spsrIdx = target === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1;
  const elrIdx = target === 2 ? SR.ELR_EL2 : SR.ELR_EL1;
  const esrIdx = target === 2 ? SR.ESR_EL2 : SR.ESR_EL1;
  const vbarIdx = target === 2 ? SR.VBAR_EL2 : SR.VBAR_EL1;
  c.sr[spsrIdx] = packSpsr(c);
  c.sr[elrIdx] = c.x[retSlot]!;
  // ESR_ELx: EC[31:26], IL[25] = 1 (32-bit A64 instruction; RES1 for the other classes), ISS[24:0]
  c.sr[esrIdx] = BigInt(((ec << 26) | (1 << 25) | (iss & 0x1ffffff)) >>> 0);
  c.setElSp(target, 1);
  c.daif = 0x3c0; // PSTATE.{D,A,I,F} = 1
  c.il = 0;
  c.ss = 0;
  c.x[PC] = c.sr[vbarIdx]! + BigInt(offset + vecBase);
  c.contextSync();
}

/** Preferred return address = this instruction (sync exceptions other than SVC/HVC/SMC). */
export function raiseHere(c: Cpu, target: number, ec: number, iss: number): void {
  c.x[c.scratchSlot] = c.x[PC]! - 4n;
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
export function unallocated(c: Cpu, _w: number): void {
  undefinedInsn(c);
}

/** ERET (ARM J1.1 AArch64.ExceptionReturn; illegal returns per ARM J1.3 IllegalExceptionReturn, ARCH-NOTES §13). */
export function exceptionReturn(c: Cpu): void {
  const spsrIdx = c.el === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1;
  const elrIdx = c.el === 2 ? SR.ELR_EL2 : SR.ELR_EL1;
  const spsr = c.sr32[spsrIdx * 2]!;
  const hcr = hcrLo(c); // the values from before this ERET's own synchronization (ARCH-NOTES §10)
  const m = spsr & 0x1f;
  const nRW = (m >> 4) & 1;
  const tEl = (m >> 2) & 3;
  const rw = (hcr & HCR_RW_HI) !== 0;
  const illegal =
    (nRW === 0 && (m & 2) !== 0) || // M[1] must be 0 (reserved mode)
    (nRW === 0 && tEl === 0 && (m & 1) !== 0) || // EL0 with SP_ELx selected
    tEl > c.el || // return to a higher EL
    tEl === 3 || // EL3 not implemented
    (nRW === 0 && tEl === 1 && !rw) || // AArch64 EL1 while HCR_EL2.RW says AArch32
    (nRW === 0 && tEl === 0 && c.el === 2 && !rw) || // AArch64 EL0 while EL1 is AArch32 (ARCH-NOTES §3; QEMU D2 differs)
    (nRW === 0 && tEl === 0 && c.el === 1 && !rw) ||
    (tEl === 1 && c.el === 2 && (hcr & HCR_TGE) !== 0); // EL1 while HCR_EL2.TGE=1
  c.x[PC] = c.sr[elrIdx]!;
  writeNzcv(c, spsr);
  c.daif = spsr & 0x3c0;
  c.ss = (spsr >>> 21) & 1;
  c.exclAddr = -1; // ClearExclusiveLocal on exception return
  if (illegal) {
    // IllegalExceptionReturn: EL, nRW and SP unchanged, PSTATE.IL = 1
    c.il = 1;
  } else if (nRW === 1) {
    c.il = (spsr >>> 20) & 1;
    c.stopAarch32(tEl);
    return;
  } else {
    c.il = (spsr >>> 20) & 1;
    c.setElSp(tEl, m & 1);
  }
  c.contextSync();
}
