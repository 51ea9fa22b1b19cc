// The generic timers of one PE (ARM §D11.2 "The AArch64 view of the Generic Timer"; registers §D24.11): the EL1
// physical timer CNTP_* (PPI 14, INTID 30), the EL1 virtual timer CNTV_* (PPI 11, INTID 27; it compares against
// CNTVCT = CNTPCT - CNTVOFF_EL2) and the EL2 physical timer CNTHP_* (PPI 10, INTID 26), wired to those PPIs as on
// QEMU's virt board (hw/arm/virt.c ARCH_TIMER_*_IRQ). The count is the system counter (Cpu.time): one tick per retired
// instruction, plus the ticks a WFI skipped while idle, so a timer fires at an exact, reproducible instruction. CNTFRQ_EL0 still says 62.5 MHz.
// Each timer's state lives in its system-register slots: CTL holds ENABLE and IMASK, CVAL the compare value; TVAL
// and ISTATUS are computed. The machine reads timerOutput at instruction boundaries and stops its runs at
// nextTimerEvent; Cpu.timerChanged tells it when a write moved a deadline.
import { SR, SYSREGS, sysregMasks } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';

export interface GenericTimer {
  readonly name: string;
  /** SR slots of its control, compare-value and timer-value registers. */
  readonly ctl: number;
  readonly cval: number;
  readonly tval: number;
  /** The GIC interrupt ID of its output (a PPI). */
  readonly intid: number;
  /** Compares against the virtual count CNTPCT - CNTVOFF_EL2. */
  readonly virtual: boolean;
}

export const TIMERS: readonly GenericTimer[] = [
  { name: 'CNTP', ctl: SR.CNTP_CTL_EL0, cval: SR.CNTP_CVAL_EL0, tval: SR.CNTP_TVAL_EL0, intid: 30, virtual: false },
  { name: 'CNTV', ctl: SR.CNTV_CTL_EL0, cval: SR.CNTV_CVAL_EL0, tval: SR.CNTV_TVAL_EL0, intid: 27, virtual: true },
  { name: 'CNTHP', ctl: SR.CNTHP_CTL_EL2, cval: SR.CNTHP_CVAL_EL2, tval: SR.CNTHP_TVAL_EL2, intid: 26, virtual: false },
];

/** The timer each register belongs to (index into TIMERS), -1 for the others. */
const TIMER_OF = Int8Array.from(SYSREGS, (_, i) => TIMERS.findIndex((t) => t.ctl === i || t.cval === i || t.tval === i));

const U64 = (1n << 64n) - 1n;
const CTL_ENABLE = 1; // CNTx_CTL.ENABLE
const CTL_IMASK = 2; // CNTx_CTL.IMASK
const CTL_ISTATUS = 4; // CNTx_CTL.ISTATUS (read-only)
const EXACT = 2n ** 53n; // counts at or beyond this are never reached by a JS-number instruction count

/** The count `t` compares against at physical count `now`: CNTPCT, or CNTVCT = CNTPCT - CNTVOFF_EL2 (mod 2^64). */
function countOf(c: Cpu, t: GenericTimer, now: number): bigint {
  const p = BigInt(now);
  return t.virtual ? (p - c.sr[SR.CNTVOFF_EL2]!) & U64 : p;
}

/** The timer condition: count - CVAL >= 0, compared as unsigned 64-bit values (ARM §D11.2.4 CompareValue view). */
export function conditionMet(c: Cpu, t: GenericTimer, now: number): boolean {
  return countOf(c, t, now) >= c.sr[t.cval]!;
}

/** The timer's interrupt output at count `now`: ENABLE = 1, IMASK = 0 and the condition met. */
export function timerOutput(c: Cpu, t: GenericTimer, now: number): boolean {
  return (c.sr32[t.ctl * 2]! & (CTL_ENABLE | CTL_IMASK)) === CTL_ENABLE && conditionMet(c, t, now);
}

/** The first count after `now` at which an enabled, unmasked timer's output may change; Infinity if none will. */
export function nextTimerEvent(c: Cpu, now: number): number {
  let next = Infinity;
  const n = BigInt(now);
  for (const t of TIMERS) {
    if ((c.sr32[t.ctl * 2]! & (CTL_ENABLE | CTL_IMASK)) !== CTL_ENABLE) continue;
    const cval = c.sr[t.cval]!;
    if (!t.virtual) {
      if (cval > n && cval < EXACT) next = Math.min(next, Number(cval));
      continue;
    }
    // the virtual count reaches CVAL at CNTPCT = CVAL + CNTVOFF, and wraps to 0 at CNTPCT = CNTVOFF (mod 2^64)
    const off = c.sr[SR.CNTVOFF_EL2]!;
    for (const at of [(cval + off) & U64, off]) if (at > n && at < EXACT) next = Math.min(next, Number(at));
  }
  return next;
}

/** MRS of a 'timer' register into slot d, at the count CNTPCT_EL0 reads in this instruction. */
export function timerRead(c: Cpu, i: number, d: number): void {
  const k = TIMER_OF[i]!;
  if (k < 0) {
    c.x[d] = c.sr[i]!; // CNTVOFF_EL2
    return;
  }
  const t = TIMERS[k]!;
  const now = c.time();
  if (i === t.ctl) {
    const ctl = c.sr32[t.ctl * 2]! & (CTL_ENABLE | CTL_IMASK);
    // ISTATUS: the condition, reported only while enabled (UNKNOWN when ENABLE = 0; 0 as QEMU)
    c.x[d] = BigInt((ctl & CTL_ENABLE) !== 0 && conditionMet(c, t, now) ? ctl | CTL_ISTATUS : ctl);
  } else if (i === t.tval) {
    c.x[d] = (c.sr[t.cval]! - countOf(c, t, now)) & 0xffff_ffffn; // TimerValue = (CVAL - count)[31:0], bits 63:32 RES0
  } else {
    c.x[d] = c.sr[t.cval]!;
  }
}

/** MSR to a 'timer' register from slot s; then the machine re-evaluates the timer outputs and deadlines. */
export function timerWrite(c: Cpu, i: number, s: number): void {
  const k = TIMER_OF[i]!;
  const t = k < 0 ? undefined : TIMERS[k]!;
  if (t !== undefined && i === t.tval) {
    // CVAL = count + SignExtend(TimerValue[31:0]) (ARM §D11.2.4 TimerValue view)
    c.sr[t.cval] = (countOf(c, t, c.time()) + BigInt.asIntN(32, c.x[s]!)) & U64;
  } else {
    c.sr[i] = c.x[s]! & sysregMasks(c.profile).keep[i]!; // CTL: ENABLE and IMASK only; CVAL, CNTVOFF_EL2: 64 bits
  }
  c.timerChanged?.(c);
}
