// TLB maintenance (TLBI) and address translation (AT) operations, called by the CPU's SYS handler after it has
// checked legality (EL, traps). Scope and operand formats: ARCH-NOTES §9, §11.
// Until the architectural TLB lands (MMU issue), translations are not cached, so TLBI has nothing to remove.
import type { TranslationContext } from './translate.ts';

/** Context for maintenance: translation inputs plus the EL the instruction executes at. */
export interface MaintenanceContext extends TranslationContext {
  readonly el: number;
}

/** TLBI <op>, Xt: `op` is the operation's name as in the Arm ARM (e.g. 'VMALLE1IS'); Xt as two 32-bit halves. */
export function tlbi(_ctx: MaintenanceContext, _op: string, _xtLo: number, _xtHi: number): void {
  // No TLB yet: nothing is cached, so there is nothing to invalidate.
}

/** AT <op>, Xt: returns the new PAR_EL1 value (64-bit format, ARCH-NOTES §11). */
export function at(_ctx: MaintenanceContext, _op: string, _vaLo: number, _vaHi: number): bigint {
  return 1n; // PAR_EL1.F = 1: placeholder until the MMU issue implements AT
}
