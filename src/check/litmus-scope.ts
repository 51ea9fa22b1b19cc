// Which litmus tests twostage's model can answer (issue 16): it models one PE of ARMv8.0-A, so a test with more
// than one PE is out of scope, and one that needs a later feature is not applicable — each with its reason.
import type { LitmusTest } from './litmus-reader.ts';

export type LitmusScope =
  | { readonly kind: 'selected' }
  | { readonly kind: 'multi-pe'; readonly pes: number }
  | { readonly kind: 'not-applicable'; readonly feature: string };

// Mnemonics whose feature ARMv8.0 lacks: FEAT_LSE atomics (ARMv8.1), FEAT_LRCPC's LDAPR (ARMv8.3).
const LATER_MNEMONICS: readonly [RegExp, string][] = [
  [/^(LD(ADD|CLR|EOR|SET|SMAX|SMIN|UMAX|UMIN)|ST(ADD|CLR|EOR|SET)|SWP|CAS)/, 'FEAT_LSE'],
  [/^LDAPR/, 'FEAT_LRCPC'],
];

export function litmusScope(test: LitmusTest): LitmusScope {
  if (test.code.length > 1) return { kind: 'multi-pe', pes: test.code.length };
  // TTHM (herd's translation-table hardware management) HA/HD: the hardware sets AF/DB — FEAT_HAFDBS (ARMv8.1)
  const tthm = test.header.get('TTHM');
  if (tthm !== undefined && /(^|\s)(P0:)?H[AD]\b/.test(tthm)) return { kind: 'not-applicable', feature: 'FEAT_HAFDBS' };
  for (const line of test.code[0]) {
    const mnemonic = line.replace(/^\w+:\s*/, '').trim().toUpperCase();
    for (const [re, feature] of LATER_MNEMONICS) if (re.test(mnemonic)) return { kind: 'not-applicable', feature };
  }
  return { kind: 'selected' };
}
