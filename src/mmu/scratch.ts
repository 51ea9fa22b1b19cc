// The preallocated records one PE's translations, address translations (AT) and speculative fills work in, so that
// the hot path allocates nothing (DESIGN.md §3). Owned by the PE (Cpu.scratch, reached as TranslationContext.scratch):
// two PEs never share them. A PE finishes one translation before it starts another; tools that translate on a PE's
// behalf (explain, the checker's fills) do so between its instructions.
import { TranslateResult } from './result.ts';
import type { WalkTrace } from './trace.ts';
import { TlbFill } from './tlb.ts';
import { WalkOut, WalkParams } from './walk.ts';

export class MmuScratch {
  // translate() and prefetch(): the stage-1 and stage-2 walks, their results, the entry they cache
  readonly s1p = new WalkParams();
  readonly s2p = new WalkParams();
  readonly s1o = new WalkOut();
  readonly s2o = new WalkOut();
  readonly fill = new TlbFill();
  /** prefetch()'s result: its faults are never reported. */
  readonly prefetch = new TranslateResult();
  // at()
  readonly atS1 = new WalkParams();
  readonly atS2 = new WalkParams();
  readonly atO1 = new WalkOut();
  readonly atO2 = new WalkOut();
  // speculativeFill()
  readonly specS1 = new WalkParams();
  readonly specS2 = new WalkParams();
  readonly specO2 = new WalkOut();
  readonly specR = new TranslateResult();
  /** The descriptor the speculative descent last chose (halves). */
  specDescLo = 0;
  specDescHi = 0;
  /** Observer of every descriptor this PE's walks read (`twostage walk`, explain.ts), or null. */
  walkTrace: WalkTrace | null = null;
}
