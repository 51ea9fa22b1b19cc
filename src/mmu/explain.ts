// One translation, recorded for a person to read (`twostage walk`): every descriptor read, in walk order, with the
// stage-2 sub-walk of each stage-1 descriptor address walked in full (nothing is served from a TLB), and the outcome.
// It runs the real translate() on a private, empty TLB with a WalkTrace installed, so it shows exactly what the
// model does; the PE's own TLB and host cache are neither used nor changed.
import { ACC_EXEC, TranslateResult } from './result.ts';
import { Tlb } from './tlb.ts';
import { translate, type TranslationContext } from './translate.ts';

export interface DescriptorRead {
  readonly stage: number;
  readonly level: number;
  /** Table base: an IPA for stage 1 under stage 2, else a PA. */
  readonly table: number;
  readonly index: number;
  /** Where the descriptor was read (PA). */
  readonly pa: number;
  readonly lo: number;
  readonly hi: number;
}

export interface Explanation {
  readonly reads: readonly DescriptorRead[];
  readonly ok: boolean;
  /** pa/attr/sh on success; the fault (kind, level, stage2, s1ptw, ipa) otherwise. */
  readonly result: TranslateResult;
}

/** Translate VA (lo, hi) for `acc` at `el` as the model does, recording the walk. */
export function explainTranslation(ctx: TranslationContext, lo: number, hi: number, acc: number, el: number): Explanation {
  const tlb = new Tlb(1, 1);
  const view: TranslationContext = { sr: ctx.sr, sr32: ctx.sr32, profile: ctx.profile, mem: ctx.mem, tlb, scratch: ctx.scratch };
  const reads: DescriptorRead[] = [];
  const result = new TranslateResult();
  const scratch = ctx.scratch;
  const before = scratch.walkTrace;
  scratch.walkTrace = {
    descriptor(stage, level, table, index, pa, dlo, dhi) {
      reads.push({ stage, level, table, index, pa, lo: dlo, hi: dhi });
      // a stage-1 descriptor's sub-walk is over: forget its stage-2 entry so the next one is walked in full too
      if (stage === 1) tlb.clear();
    },
  };
  try {
    const ok = translate(view, lo, hi, acc, acc === ACC_EXEC ? 4 : 1, el, result);
    return { reads, ok, result };
  } finally {
    scratch.walkTrace = before;
  }
}

/** Whether an access would succeed (for the permissions summary): the same translation, not recorded. */
export function allowed(ctx: TranslationContext, lo: number, hi: number, acc: number, el: number): boolean {
  const view: TranslationContext = { sr: ctx.sr, sr32: ctx.sr32, profile: ctx.profile, mem: ctx.mem, tlb: new Tlb(1, 1), scratch: ctx.scratch };
  return translate(view, lo, hi, acc, acc === ACC_EXEC ? 4 : 1, el, new TranslateResult());
}
