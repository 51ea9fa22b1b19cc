// Exception generation (ARM C4.1.87 "Exception generation") and exception return: handlers. The imm16 field is
// bits 20:5. This model has EL2 and no EL3 (QEMU virt, virtualization=on); PSCI is answered by the machine's SMC
// hook as QEMU's built-in firmware does, and semihosting by the HLT hook.
import { HCR } from '../../arch/hcr.ts';
import type { Cpu } from '../cpu.ts';
import { exceptionReturn, hcrLo, raiseHere, raiseNext, syncTarget, undefinedInsn } from '../exception.ts';
import { softwareBreakpointTarget, ssAdvance } from '../debug.ts';
import { EC_BRK, EC_HVC, EC_SMC, EC_SVC } from '../../arch/syndrome.ts';
import { INSN } from '../state.ts';

/** SVC #imm16: AArch64.CallSupervisor — EC 0x15 to EL1 (EL2 from EL0 when HCR_EL2.TGE = 1, EL2 at EL2). */
export function svc(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  ssAdvance(c); // the SVC completes a step: SPSR.SS = 0
  raiseNext(c, syncTarget(c), EC_SVC, (w >>> 5) & 0xffff);
}

/** HVC #imm16: UNDEFINED at EL0, and at EL1/EL2 when HCR_EL2.HCD = 1 (no EL3); else EC 0x16 to EL2 (ARM C6.2.174). */
export function hvc(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (c.el === 0 || (hcrLo(c) & HCR.HCD) !== 0) {
    undefinedInsn(c);
    return;
  }
  ssAdvance(c); // the HVC completes a step: SPSR.SS = 0
  raiseNext(c, 2, EC_HVC, (w >>> 5) & 0xffff);
}

/**
 * SMC #imm16 (ARM J1.1 AArch64.CheckForSMCUndefOrTrap): UNDEFINED at EL0; at EL1 with HCR_EL2.TSC = 1 (ignored when
 * TGE = 1) trapped to EL2 with EC 0x17 and ELR = the SMC (the IMPLEMENTATION DEFINED trap without EL3, as QEMU);
 * otherwise the firmware hook (PSCI), and UNDEFINED when it declines.
 */
export function smc(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (c.el === 0) {
    undefinedInsn(c);
    return;
  }
  const imm = (w >>> 5) & 0xffff;
  if (c.el === 1 && (hcrLo(c) & (HCR.TSC | HCR.TGE)) === HCR.TSC) {
    raiseHere(c, 2, EC_SMC, imm);
    return;
  }
  if (!c.hooks.smc(c, imm)) undefinedInsn(c);
}

/**
 * BRK #imm16: AArch64.SoftwareBreakpoint — EC 0x3C, ELR = the BRK; to the debug target EL (EL2 from EL0/EL1 when
 * HCR_EL2.TGE or MDCR_EL2.TDE is 1, else EL1) or the current EL when that is higher. Not subject to the debug
 * exception enables.
 */
export function brk(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  raiseHere(c, softwareBreakpointTarget(c), EC_BRK, (w >>> 5) & 0xffff);
}

/** HLT #imm16: the machine's hook first (semihosting on HLT #0xF000); with EDSCR.HDE = 0 it is UNDEFINED (C6.2.173). */
export function hlt(c: Cpu): void {
  const w = c.u32[INSN * 2]!;
  if (c.hooks.hlt(c, (w >>> 5) & 0xffff)) return;
  undefinedInsn(c);
}

/** ERET: UNDEFINED at EL0 (ARM C6.2.157); otherwise AArch64.ExceptionReturn. */
export function eret(c: Cpu): void {
  if (c.el === 0) {
    undefinedInsn(c);
    return;
  }
  exceptionReturn(c);
}
