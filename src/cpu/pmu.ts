// The Performance Monitors Extension (PMUv3) of one PE as Cortex-A57 has it (ARM §D12 "The Performance Monitors
// Extension", registers §D24.5; QEMU 7.2 target/arm/helper.c pmu_* and pmreg_* as the executable reference): six
// 32-bit event counters and the 64-bit cycle counter, their enable, overflow and interrupt-enable set/clear pairs,
// PMSELR_EL0 with the PMXEV* views, PMSWINC_EL0, the EL filters of PMEVTYPER<n>_EL0/PMCCFILTR_EL0, and MDCR_EL2.HPMN
// splitting the counters between EL0/EL1 and EL2 (HPME enables the upper ones). Also the OS lock (OSLAR_EL1 writes
// OSLSR_EL1.OSLK), the one debug register with a side effect.
//
// Events: SW_INCR (0x00), INST_RETIRED (0x08) and CPU_CYCLES (0x11), which in this model are the same thing — time is
// the retired-instruction count (one cycle per instruction, the count the generic timers use). Other event numbers
// count nothing (PMCEID0/1_EL0 say which are implemented). Counting is lazy: the counters are brought up to date
// (pmuSync) before any PMU register access, before every change of exception level (the EL filters), and at the
// machine's deadlines; nextPmuOverflow tells the machine when the next overflow falls, so the overflow interrupt
// (PPI 7, INTID 23) rises at the exact instruction.
import { field, lowMask, lowMasks } from '../arch/reg-fields.ts';
import { PMU_COUNTERS, SR, sysregMasks } from '../arch/sysreg-table.ts';
import type { Cpu } from './cpu.ts';

export const PMU_INTID = 23; // PPI 7: QEMU virt.c VIRTUAL_PMU_IRQ
const CYCLE = 31; // bit of the cycle counter in PMCNTEN*, PMOVS*, PMINTEN*; PMSELR_EL0.SEL value of PMCCFILTR_EL0
const PMCR = lowMasks('PMCR_EL0'); // E, P, C, D, X, DP, LC, N (src/arch/sysreg-table.ts)
const PMCR_WRITABLE = PMCR.E | PMCR.D | PMCR.X | PMCR.DP | PMCR.LC; // PMCR_EL0: P and C are write-only actions, N/IDCODE/IMP read-only
const PMCR_N_SHIFT = field('PMCR_EL0', 'N').lo;
const MDCR = lowMasks('MDCR_EL2');
const FILTER = lowMasks('PMCCFILTR_EL0'); // P: not at EL1, U: not at EL0, NSH: at EL2 (the same bits in PMEVTYPER<n>_EL0)
// evtCount[9:0] (v8.0); the rows made per counter carry no literal field names, so the name is checked at load only
const EVT_MASK = lowMask('PMEVTYPER0_EL0', 'evtCount' as never);
const EVT_SW_INCR = 0x00;
const EVT_INST_RETIRED = 0x08;
const EVT_CPU_CYCLES = 0x11;
/** PMCEID0_EL0: bit e = common event e implemented (SW_INCR, INST_RETIRED, CPU_CYCLES). */
const PMCEID0 = (1 << EVT_SW_INCR) | (1 << EVT_INST_RETIRED) | (1 << EVT_CPU_CYCLES);
const OSLSR_OSLK = lowMask('OSLSR_EL1', 'OSLK');
const OSLAR_OSLK = lowMask('OSLAR_EL1', 'OSLK');
const PMSELR_SEL = lowMask('PMSELR_EL0', 'SEL');
const TWO32 = 2 ** 32;
const EXACT = 2 ** 53;

const EVCNTR = Array.from({ length: PMU_COUNTERS }, (_, n) => SR[`PMEVCNTR${n}_EL0` as keyof typeof SR]);
const EVTYPER = Array.from({ length: PMU_COUNTERS }, (_, n) => SR[`PMEVTYPER${n}_EL0` as keyof typeof SR]);
/** Register index → counter number for PMEVCNTR<n>/PMEVTYPER<n>, else -1. */
const COUNTER_OF = new Int8Array(Object.keys(SR).length).fill(-1);
EVCNTR.forEach((r, n) => (COUNTER_OF[r] = n));
EVTYPER.forEach((r, n) => (COUNTER_OF[r] = n));

/** The PMU's bookkeeping beside its registers (which live in the system-register file). */
export class PmuState {
  /** Retired-instruction count up to which the counters are current. */
  since = 0;
  /** Cycles towards the next PMCCNTR increment while PMCR_EL0.D = 1 (0..63). */
  divided = 0;
  /** Some counter is enabled: EL changes must bring the counters up to date first. */
  active = false;

  reset(): void {
    this.since = 0;
    this.divided = 0;
    this.active = false;
  }
}

const lo = (c: Cpu, i: number): number => c.sr32[i * 2]!;
const hpmn = (c: Cpu): number => lo(c, SR.MDCR_EL2) & MDCR.HPMN;

/** Counters this EL may see (ARM §D12 "HPMN"): all at EL2, those below MDCR_EL2.HPMN at EL0/EL1; bit 31 the cycle counter. */
function accessible(c: Cpu, el: number): number {
  const n = el === 2 ? PMU_COUNTERS : Math.min(hpmn(c), PMU_COUNTERS);
  return ((1 << n) - 1) | (1 << CYCLE);
}

/** Counter n (or CYCLE) is enabled: PMCNTENSET_EL0 and PMCR_EL0.E, or MDCR_EL2.HPME for n >= HPMN (ARM §D12 counter enables). */
function enabled(c: Cpu, n: number): boolean {
  if ((lo(c, SR.PMCNTENSET_EL0) & (1 << n)) === 0) return false;
  if (n !== CYCLE && n >= hpmn(c)) return (lo(c, SR.MDCR_EL2) & MDCR.HPME) !== 0;
  return (lo(c, SR.PMCR_EL0) & PMCR.E) !== 0;
}

/** The filter (PMEVTYPER<n>_EL0 or PMCCFILTR_EL0) lets the counter count at `el` (Non-secure, no EL3). */
function counts(filter: number, el: number): boolean {
  if (el === 0) return (filter & FILTER.U) === 0;
  if (el === 1) return (filter & FILTER.P) === 0;
  return (filter & FILTER.NSH) !== 0;
}

/** Event counter n counts retired instructions at `el` (INST_RETIRED or CPU_CYCLES, enabled, not filtered out). */
function countsInstructions(c: Cpu, n: number, el: number): boolean {
  const t = lo(c, EVTYPER[n]!);
  const e = t & EVT_MASK;
  return (e === EVT_INST_RETIRED || e === EVT_CPU_CYCLES) && enabled(c, n) && counts(t, el);
}

function cycleCounts(c: Cpu, el: number): boolean {
  return enabled(c, CYCLE) && counts(lo(c, SR.PMCCFILTR_EL0), el);
}

function setOverflow(c: Cpu, n: number): void {
  c.sr32[SR.PMOVSSET_EL0 * 2] = (lo(c, SR.PMOVSSET_EL0) | (1 << n)) >>> 0;
}

/** Add `k` events to 32-bit event counter n, raising its overflow flag on a wrap. */
function addEvents(c: Cpu, n: number, k: number): void {
  const v = lo(c, EVCNTR[n]!) + k;
  if (v >= TWO32) setOverflow(c, n); // PMOVSSET_EL0[n]: the counter wrapped
  c.sr32[EVCNTR[n]! * 2] = v % TWO32;
}

/** Add `k` cycles to PMCCNTR_EL0 (every 64th with PMCR_EL0.D); it overflows at 2^32 (LC = 0) or 2^64 (LC = 1). */
function addCycles(c: Cpu, k: number): void {
  const pmcr = lo(c, SR.PMCR_EL0);
  if ((pmcr & PMCR.D) !== 0) {
    const t = c.pmu.divided + k;
    c.pmu.divided = t % 64;
    k = Math.floor(t / 64);
  }
  if (k === 0) return;
  const i = SR.PMCCNTR_EL0;
  const l = lo(c, i) + k;
  const carry = Math.floor(l / TWO32);
  const h = c.sr32[i * 2 + 1]! + carry;
  if ((pmcr & PMCR.LC) === 0 ? carry > 0 : h >= TWO32) setOverflow(c, CYCLE);
  c.sr32[i * 2] = l % TWO32;
  c.sr32[i * 2 + 1] = h % TWO32;
}

/** Bring the counters up to the current retired-instruction count, counting the instructions since at the current EL. */
export function pmuSync(c: Cpu): void {
  const now = c.retired();
  const k = now - c.pmu.since;
  c.pmu.since = now;
  if (k <= 0 || !c.pmu.active) return;
  const el = c.el;
  for (let n = 0; n < PMU_COUNTERS; n++) if (countsInstructions(c, n, el)) addEvents(c, n, k);
  if (cycleCounts(c, el)) addCycles(c, k);
}

/** Recompute PmuState.active after a change of the enables, PMCR_EL0 or MDCR_EL2. */
function refreshActive(c: Cpu): void {
  let any = false;
  for (let n = 0; n < PMU_COUNTERS && !any; n++) any = enabled(c, n);
  c.pmu.active = any || enabled(c, CYCLE);
}

/** MDCR_EL2 is about to be written (HPMN, HPME move counters between enables): count up to here first. */
export function pmuBeforeMdcrWrite(c: Cpu): void {
  pmuSync(c);
}

/** MDCR_EL2 was written. */
export function pmuAfterMdcrWrite(c: Cpu): void {
  refreshActive(c);
  c.timerChanged?.(c);
}

/** The overflow interrupt request (ARM §D12 "Generating overflow interrupt requests"): an enabled counter's flag with its interrupt enable. */
export function pmuInterrupt(c: Cpu): boolean {
  const pending = lo(c, SR.PMOVSSET_EL0) & lo(c, SR.PMINTENSET_EL1);
  if (pending === 0) return false;
  for (let n = 0; n < PMU_COUNTERS; n++) {
    if ((pending & (1 << n)) === 0) continue;
    if (n >= hpmn(c) ? (lo(c, SR.MDCR_EL2) & MDCR.HPME) !== 0 : (lo(c, SR.PMCR_EL0) & PMCR.E) !== 0) return true;
  }
  return (pending & (1 << CYCLE)) !== 0 && (lo(c, SR.PMCR_EL0) & PMCR.E) !== 0;
}

/** The retired-instruction count at which the next counter overflows at the current EL (Infinity: none). */
export function nextPmuOverflow(c: Cpu): number {
  if (!c.pmu.active) return Infinity;
  const el = c.el;
  const since = c.pmu.since;
  let next = Infinity;
  for (let n = 0; n < PMU_COUNTERS; n++) if (countsInstructions(c, n, el)) next = Math.min(next, since + TWO32 - lo(c, EVCNTR[n]!));
  if (cycleCounts(c, el)) {
    const pmcr = lo(c, SR.PMCR_EL0);
    const left = (pmcr & PMCR.LC) === 0 ? TWO32 - lo(c, SR.PMCCNTR_EL0) : (TWO32 - 1 - c.sr32[SR.PMCCNTR_EL0 * 2 + 1]!) * TWO32 + TWO32 - lo(c, SR.PMCCNTR_EL0);
    next = Math.min(next, since + ((pmcr & PMCR.D) !== 0 ? left * 64 - c.pmu.divided : left));
  }
  return next < EXACT ? next : Infinity;
}

/** target(): the access reads as zero and ignores writes. */
const RAZ_WI = -2;

/** PMSELR_EL0.SEL names a register this EL may access through PMXEV* (else the access is UNDEFINED). */
function selected(c: Cpu, typer: boolean): number {
  const sel = lo(c, SR.PMSELR_EL0) & PMSELR_SEL;
  // PMXEVCNTR_EL0 with SEL = 31 is CONSTRAINED UNPREDICTABLE: RAZ/WI, as QEMU (RAZ_WI below)
  if (sel === CYCLE) return typer ? SR.PMCCFILTR_EL0 : RAZ_WI;
  if (sel >= PMU_COUNTERS || (accessible(c, c.el) & (1 << sel)) === 0) return -1;
  return typer ? EVTYPER[sel]! : EVCNTR[sel]!;
}

/**
 * The register an access to `i` reaches (PMXEV* through PMSELR_EL0), RAZ_WI, or -1 for UNDEFINED: a counter at or above
 * MDCR_EL2.HPMN from EL0/EL1 (ARM §D24.5 PMEVCNTR<n>_EL0 accessibility: n >= GetNumEventCountersAccessible()).
 */
function target(c: Cpu, i: number): number {
  if (i === SR.PMXEVTYPER_EL0) return selected(c, true);
  if (i === SR.PMXEVCNTR_EL0) return selected(c, false);
  const n = COUNTER_OF[i]!;
  return n >= 0 && (accessible(c, c.el) & (1 << n)) === 0 ? -1 : i;
}

/** MRS of a 'pmu' register into slot d; false when the access is UNDEFINED. */
export function pmuRead(c: Cpu, i: number, d: number): boolean {
  const j = target(c, i);
  if (j === RAZ_WI) c.x[d] = 0n;
  if (j < 0) return j === RAZ_WI;
  pmuSync(c);
  const mask = accessible(c, c.el);
  let v: number;
  switch (j) {
    case SR.PMCR_EL0: {
      // N reads as MDCR_EL2.HPMN from EL0/EL1 (ARM §D24.5 PMCR_EL0.N); P and C are write-only (read 0)
      const n = c.el === 2 ? PMU_COUNTERS : hpmn(c);
      v = ((lo(c, j) & ~(PMCR.P | PMCR.C) & ~PMCR.N) | (n << PMCR_N_SHIFT)) >>> 0;
      break;
    }
    case SR.PMCNTENSET_EL0:
    case SR.PMCNTENCLR_EL0:
      v = (lo(c, SR.PMCNTENSET_EL0) & mask) >>> 0;
      break;
    case SR.PMOVSSET_EL0:
    case SR.PMOVSCLR_EL0:
      v = (lo(c, SR.PMOVSSET_EL0) & mask) >>> 0;
      break;
    case SR.PMINTENSET_EL1:
    case SR.PMINTENCLR_EL1:
      v = (lo(c, SR.PMINTENSET_EL1) & mask) >>> 0;
      break;
    case SR.PMCEID0_EL0:
      v = PMCEID0;
      break;
    case SR.PMCEID1_EL0:
      v = 0;
      break;
    default:
      c.x[d] = c.sr[j]!; // counters, types, filters, PMSELR_EL0, OSLSR_EL1
      return true;
  }
  c.u32[d * 2] = v;
  c.u32[d * 2 + 1] = 0;
  return true;
}

/** MSR to a 'pmu' register from slot t; false when the access is UNDEFINED. */
export function pmuWrite(c: Cpu, i: number, t: number): boolean {
  const j = target(c, i);
  if (j < 0) return j === RAZ_WI;
  pmuSync(c);
  const v = c.u32[t * 2]!;
  const mask = accessible(c, c.el);
  const u = c.sr32;
  switch (j) {
    case SR.PMCR_EL0:
      u[j * 2] = ((lo(c, j) & ~PMCR_WRITABLE) | (v & PMCR_WRITABLE)) >>> 0;
      // P: zero the event counters this EL may access (ARM §D24.5 PMCR_EL0.P); C: zero the cycle counter
      if ((v & PMCR.P) !== 0) for (let n = 0; n < PMU_COUNTERS; n++) if ((mask & (1 << n)) !== 0) c.sr[EVCNTR[n]!] = 0n;
      if ((v & PMCR.C) !== 0) {
        c.sr[SR.PMCCNTR_EL0] = 0n;
        c.pmu.divided = 0;
      }
      break;
    case SR.PMCNTENSET_EL0:
      u[j * 2] = (lo(c, j) | (v & mask)) >>> 0;
      break;
    case SR.PMCNTENCLR_EL0:
      u[SR.PMCNTENSET_EL0 * 2] = (lo(c, SR.PMCNTENSET_EL0) & ~(v & mask)) >>> 0;
      break;
    case SR.PMOVSSET_EL0:
      u[j * 2] = (lo(c, j) | (v & mask)) >>> 0;
      break;
    case SR.PMOVSCLR_EL0:
      u[SR.PMOVSSET_EL0 * 2] = (lo(c, SR.PMOVSSET_EL0) & ~(v & mask)) >>> 0;
      break;
    case SR.PMINTENSET_EL1:
      u[j * 2] = (lo(c, j) | (v & mask)) >>> 0;
      break;
    case SR.PMINTENCLR_EL1:
      u[SR.PMINTENSET_EL1 * 2] = (lo(c, SR.PMINTENSET_EL1) & ~(v & mask)) >>> 0;
      break;
    case SR.PMSWINC_EL0:
      // each counter written 1 that is enabled, counts SW_INCR and is not filtered at this EL counts one (ARM §D12 SW_INCR)
      for (let n = 0; n < PMU_COUNTERS; n++) {
        const typ = lo(c, EVTYPER[n]!);
        if ((v & mask & (1 << n)) !== 0 && (typ & EVT_MASK) === EVT_SW_INCR && enabled(c, n) && counts(typ, c.el)) addEvents(c, n, 1);
      }
      break;
    case SR.OSLAR_EL1:
      // OSLAR_EL1.OSLK → OSLSR_EL1.OSLK (ARM §D24.3 OSLAR_EL1)
      u[SR.OSLSR_EL1 * 2] = (lo(c, SR.OSLSR_EL1) & ~OSLSR_OSLK) | ((v & OSLAR_OSLK) !== 0 ? OSLSR_OSLK : 0);
      return true;
    default: {
      // counters, types, filters, PMSELR_EL0, PMCCNTR_EL0: RES0 bits cleared
      c.sr[j] = c.x[t]! & sysregMasks(c.profile).keep[j]!;
    }
  }
  refreshActive(c);
  c.timerChanged?.(c);
  return true;
}
