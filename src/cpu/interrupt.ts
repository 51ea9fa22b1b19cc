// Physical IRQ and FIQ delivery (ARM §D1.3.6 "Asynchronous exception routing", §D1.3.7 masking; J1.1
// AArch64.TakePhysicalIRQException, AArch64.TakePhysicalFIQException). The machine drives Cpu.physIrq / physFiq from
// the GIC's CPU-interface outputs (a GICv2 signals IRQ only; a GICv3 signals Group 0 as FIQ, Group 1 as IRQ); the run
// loop calls takeInterrupt before an instruction it reaches through its slow path while Cpu.irqLine is asserted.
// No EL3 (QEMU virt with virtualization=on): SCR_EL3 routing does not arise. Virtual IRQs (HCR_EL2.VI, or the GIC
// virtual CPU interface's output) are taken to EL1 from EL0/EL1 when HCR_EL2.IMO = 1 and TGE = 0, masked by PSTATE.I
// (ARM §D1.3.6 virtual interrupts; J1.1 AArch64.TakeVirtualIRQException); likewise a virtual FIQ (HCR_EL2.VF or the
// GICv3 virtual interface's Group 0 output, FMO, PSTATE.F) and a virtual SError (HCR_EL2.VSE, AMO, PSTATE.A). Among several pending, QEMU's order (target/arm/cpu.c
// arm_cpu_exec_interrupt): physical FIQ, physical IRQ, virtual IRQ, virtual FIQ, virtual SError. Physical SError has
// no source on this board (no external abort is asynchronous).
import { HCR } from '../arch/hcr.ts';
import { EC_SERROR } from '../arch/syndrome.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';
import { takeException } from './exception.ts';
import { PC } from './state.ts';

/** Entry offsets within a vector group (ARCH-NOTES §13: sync 0x000, IRQ 0x080, FIQ 0x100, SError 0x180). */
export const VEC_IRQ = 0x80;
const VEC_FIQ = 0x100;
const VEC_SERROR = 0x180;
const PSTATE_I = 1 << 7; // PSTATE.I in the SPSR position (c.daif bits 9:6)
const PSTATE_F = 1 << 6;
const PSTATE_A = 1 << 8;

/**
 * The EL a physical interrupt routed by HCR_EL2 bit `route` (IMO for IRQ, FMO for FIQ) and masked by PSTATE bit
 * `mask` (I, F) would be taken to now, or -1 when it is masked or cannot be taken at the current EL. Routing:
 * HCR_EL2.TGE = 1 or the routing bit = 1 sends it to EL2, else to EL1. Masking: one for EL2 taken from EL0/EL1 ignores
 * the PSTATE mask; one for the current EL, or for EL1 from EL0, is masked by it; one for a lower EL is never taken.
 */
function physicalTarget(c: Cpu, route: number, mask: number): number {
  const hcr = c.sr32[SR.HCR_EL2 * 2]!;
  // HCR_EL2.TGE = 1 routes every physical IRQ/FIQ to EL2 (IMO/FMO behave as 1); IMO/FMO = 1 does so for EL0/EL1
  const target = (hcr & (HCR.TGE | route)) !== 0 ? 2 : 1;
  if (target < c.el) return -1; // routing bit 0, TGE = 0 at EL2: the interrupt is for EL1, never taken at EL2
  if (target === 2 && c.el < 2) return 2; // to EL2 from EL0/EL1: the PSTATE mask has no effect
  return (c.daif & mask) === 0 ? target : -1; // to the current EL, or to EL1 from EL0: masked by PSTATE.I / F
}

/** The EL a physical IRQ would be taken to now (HCR_EL2.IMO, PSTATE.I), or -1. */
export function irqTarget(c: Cpu): number {
  return physicalTarget(c, HCR.IMO, PSTATE_I);
}

/** The EL a physical FIQ would be taken to now (HCR_EL2.FMO, PSTATE.F), or -1. */
export function fiqTarget(c: Cpu): number {
  return physicalTarget(c, HCR.FMO, PSTATE_F);
}

/** A virtual IRQ is pending (HCR_EL2.VI or the virtual interface) and may be taken now: EL0/EL1, IMO = 1, TGE = 0, PSTATE.I = 0. */
function virtualIrqTakeable(c: Cpu): boolean {
  const hcr = c.sr32[SR.HCR_EL2 * 2]!;
  if (!c.virtIrq && (hcr & HCR.VI) === 0) return false;
  return c.el < 2 && (hcr & (HCR.IMO | HCR.TGE)) === HCR.IMO && (c.daif & PSTATE_I) === 0;
}

/** HCR_EL2.VF/VSE (`pending`) is set, or `line` (the GICv3's virtual FIQ) asserted, and may be taken now: EL0/EL1,
 *  its routing bit (FMO/AMO) set, TGE = 0 (which makes VF/VSE behave as 0), its PSTATE mask clear. */
function virtualTakeable(c: Cpu, pending: number, route: number, mask: number, line = false): boolean {
  const hcr = c.sr32[SR.HCR_EL2 * 2]!;
  return (line || (hcr & pending) !== 0) && c.el < 2 && (hcr & (route | HCR.TGE)) === route && (c.daif & mask) === 0;
}

/**
 * Whether an asynchronous exception could be taken now were one pending: routing and PSTATE masks only (physical IRQ,
 * FIQ and SError — this board has no source of a physical SError, but HCR_EL2.AMO would route one past PSTATE.A —
 * and the virtual IRQ, FIQ and SError, whatever HCR_EL2.VI/VF/VSE and the virtual interface say).
 */
export function anyInterruptTakeable(c: Cpu): boolean {
  return irqTarget(c) >= 0 || fiqTarget(c) >= 0 || physicalTarget(c, HCR.AMO, PSTATE_A) >= 0
    || virtualTakeable(c, 0, HCR.IMO, PSTATE_I, true) || virtualTakeable(c, 0, HCR.FMO, PSTATE_F, true) || virtualTakeable(c, 0, HCR.AMO, PSTATE_A, true);
}

/** Take a physical FIQ or IRQ if routing and PSTATE let it in, else a virtual IRQ, FIQ or SError; true if taken. The
 *  PC is the next instruction not executed (the preferred return address of each). */
export function takeInterrupt(c: Cpu): boolean {
  c.x[c.scratchSlot] = c.x[PC]!;
  const fiq = c.physFiq ? fiqTarget(c) : -1;
  if (fiq >= 0) {
    // AArch64.TakePhysicalFIQException: no syndrome
    takeException(c, fiq, 0, 0, c.scratchSlot, VEC_FIQ);
    return true;
  }
  let target = c.physIrq ? irqTarget(c) : -1;
  if (target < 0 && virtualIrqTakeable(c)) target = 1; // AArch64.TakeVirtualIRQException: to EL1
  if (target >= 0) {
    // AArch64.TakePhysicalIRQException: no syndrome
    takeException(c, target, 0, 0, c.scratchSlot, VEC_IRQ);
    return true;
  }
  // AArch64.TakeVirtualFIQException (HCR_EL2.VF or the GICv3 virtual interface): to EL1, no syndrome; VF stays set
  if (virtualTakeable(c, HCR.VF, HCR.FMO, PSTATE_F, c.virtFiq)) {
    takeException(c, 1, 0, 0, c.scratchSlot, VEC_FIQ);
    return true;
  }
  if (virtualTakeable(c, HCR.VSE, HCR.AMO, PSTATE_A)) {
    // AArch64.TakeVirtualSErrorException: ClearPendingVirtualSError (HCR_EL2.VSE = 0); without FEAT_RAS the syndrome
    // is IMPLEMENTATION DEFINED: ISS 0, as QEMU (ESR_EL1 = EC 0x2F, IL)
    c.sr32[SR.HCR_EL2 * 2] = c.sr32[SR.HCR_EL2 * 2]! & ~HCR.VSE;
    takeException(c, 1, EC_SERROR, 0, c.scratchSlot, VEC_SERROR);
    c.updateIrqLine();
    return true;
  }
  return false;
}

/** Just after an exception entry (a traceException hook): was it an IRQ? Its vector offset says so. */
export function enteredIrq(c: Cpu): boolean {
  const vbar = c.sr[c.el === 2 ? SR.VBAR_EL2 : SR.VBAR_EL1]!;
  return (Number((c.x[PC]! - vbar) & 0x7ffn) & 0x180) === VEC_IRQ;
}
