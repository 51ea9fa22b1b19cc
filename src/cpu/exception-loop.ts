// An exception loop: the instruction at an exception vector raises, at the same EL, the very exception that brought
// the PE there, with every interrupt that could end it masked — a VBAR_ELx left at 0 with nothing at its entry, say.
// The PE then repeats one faulting instruction until the run's budget runs out, architecturally correct and silent
// (the design note's app in `seed-literal` spent 50 M instructions so, ≈ 9 CPU s of every `npm start`).
// watchExceptionLoops (`boot`, `run`) names the loop at its second identical entry and stops the run there, with the
// outcome its budget would have had.
//
// Why the loop cannot end: between two entries exactly one instruction ran, the one at the vector (Cpu.retired()
// counts a faulting instruction), and it did not complete (ELR_ELx is its own address; the next one for SVC, HVC and
// SMC, which have no other effect). A synchronous exception leaves general-purpose registers and memory as they were
// (a store that faults part-way wrote bytes that the next attempt writes again, the same), so the state before the
// next attempt is the state before this one but for what the entry writes — PC, PSTATE, SPSR_ELx, ELR_ELx, ESR_ELx,
// FAR_ELx — which the watch finds written with the values they already held. Only an asynchronous exception could
// intervene, and the entry masked every one that targets its EL (PSTATE.{D,A,I,F} = '1111', AArch64.TakeException);
// so the loop is certain only when none is routed above it (anyInterruptTakeable: HCR_EL2.IMO/FMO/AMO/TGE at EL1).
// Debug exceptions at the same EL are masked by PSTATE.D, PSTATE.SS is 0 after an entry. A CPU with a SyncModel
// (`--sync architectural`) is never judged: its choices may differ from one attempt to the next.
import { hex64 } from '../bits/bits.ts';
import { SR } from '../arch/sysreg-table.ts';
import { EC_HVC, EC_SMC, EC_SVC, ecOf } from '../arch/syndrome.ts';
import type { Cpu } from './cpu.ts';
import { anyInterruptTakeable } from './interrupt.ts';
import { PC } from './state.ts';

/** Vector offsets of the asynchronous entries within a group (IRQ 0x080, FIQ 0x100, SError 0x180): not 0 here. */
const ASYNC_ENTRY = 0x180;

/** The registers an entry writes, as 32-bit halves of the register file (sr32), and the PC's (u32). */
const ENTRY_WORDS = 12;

export class ExceptionLoopWatch {
  /** The previous entry: Cpu.retired() then, and its ENTRY_WORDS; retired −2 when there was none. */
  private retired = -2;
  private readonly last = new Uint32Array(ENTRY_WORDS);
  private readonly now = new Uint32Array(ENTRY_WORDS);

  /**
   * After an exception entry from `from` (the EL before it): the loop in words (what the PE does in it) when this
   * entry repeats the previous one and nothing can end the repetition (see above); else undefined.
   */
  entered(c: Cpu, from: number): string | undefined {
    const retired = c.retired();
    const once = retired === this.retired + 1;
    this.retired = retired;
    const el = c.el;
    const now = this.now;
    now[0] = c.u32[PC * 2]!;
    now[1] = c.u32[PC * 2 + 1]!;
    this.half(c, 2, el === 2 ? SR.ELR_EL2 : SR.ELR_EL1);
    this.half(c, 4, el === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1);
    this.half(c, 6, el === 2 ? SR.ESR_EL2 : SR.ESR_EL1);
    this.half(c, 8, el === 2 ? SR.FAR_EL2 : SR.FAR_EL1);
    now[10] = el;
    now[11] = from;
    let same = true;
    for (let i = 0; i < ENTRY_WORDS; i++) same &&= now[i] === this.last[i];
    this.last.set(now);
    if (!once || !same || from !== el || c.sync !== null) return undefined;
    // a synchronous entry (VBAR_ELx[10:0] are RES0, so the offset is PC[10:0])
    if ((now[0]! & ASYNC_ENTRY) !== 0) return undefined;
    const esr = now[6]!;
    const ec = ecOf(esr);
    // the instruction at the vector raised it: ELR_ELx = its address (SVC/HVC/SMC: the next one, their preferred return)
    const ahead = ec === EC_SVC || ec === EC_HVC || ec === EC_SMC ? 4 : 0;
    const carry = now[0]! + ahead > 0xffff_ffff ? 1 : 0;
    if (now[2] !== ((now[0]! + ahead) >>> 0) || now[3] !== ((now[1]! + carry) >>> 0)) return undefined;
    if (anyInterruptTakeable(c)) return undefined;
    const reg = (lo: number): bigint => (BigInt(now[lo + 1]!) << 32n) | BigInt(now[lo]!);
    const vbar = c.sr[el === 2 ? SR.VBAR_EL2 : SR.VBAR_EL1]!;
    return `EL${el} takes the same exception at its own vector entry ${hex64(reg(0))}, again and again (EC 0x${ec.toString(16).padStart(2, '0')}, ` +
      `ESR ${hex64(reg(6))}, ELR ${hex64(reg(2))}, FAR ${hex64(reg(8))}; VBAR_EL${el} = ${hex64(vbar)}), every interrupt that could break the loop masked`;
  }

  /** Register `r`'s two 32-bit halves into now[at], now[at + 1]. */
  private half(c: Cpu, at: number, r: number): void {
    this.now[at] = c.sr32[r * 2]!;
    this.now[at + 1] = c.sr32[r * 2 + 1]!;
  }
}

/** Chain an ExceptionLoopWatch onto cpu.traceException: the run stops (kind 'loop') at the loop, saying what it is. */
export function watchExceptionLoops(cpu: Cpu): void {
  const watch = new ExceptionLoopWatch();
  const chained = cpu.traceException;
  cpu.traceException = (c, from) => {
    chained?.(c, from);
    const loop = watch.entered(c, from);
    if (loop !== undefined) c.halt({ kind: 'loop', why: loop });
  };
}
