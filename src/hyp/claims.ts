// What the README's hosting table claims of each hosting mode (scenarios/seed.yaml: native apps at VAs ≥ 2^44 next
// to VMs): the verdicts each mode is expected to fail. `twostage run --hosting all` (`npm start`) holds every mode's
// report against this, so a comparison that stops showing what the README says — a safe mode failing, or a mode the
// README calls broken passing — is reported and exits 1.
import type { Verdict, VerdictId } from './run.ts';
import type { HostingMode } from './scenario.ts';

export const EXPECTED_FAILURES: Readonly<Record<HostingMode, readonly VerdictId[]>> = {
  'el1-shim': [],
  'el1-shim-s2': [],
  // stage 1 off, VA == IPA: VAs ≥ 2^44 are beyond the 44-bit IPA (ARCH-NOTES §5)
  's2-only': ['va48'],
  // TGE=1, E2H=0 turns the EL1&0 stage 1 off and stage 2 is off: VA == PA, every PA reachable (ARCH-NOTES §2)
  'seed-tge': ['va48', 'isolation'],
  // the note's snippets: VMID written into BADDR, HCR_EL2 clobbered (IMO = 0), so the app keeps the CPU
  'seed-literal': ['va48', 'vmids', 'isolation', 'stale', 'run-ended'],
};

export interface ClaimCheck {
  /** Verdicts that failed although the README says this mode meets them. */
  readonly unexpectedFailures: readonly Verdict[];
  /** Verdicts the README says this mode fails that passed (the claim, or the scenario, no longer shows it). */
  readonly unexpectedPasses: readonly Verdict[];
}

/** Compare a mode's verdicts with the README's claims; n/a (a requirement the scenario does not exercise) matches either. */
export function checkClaims(mode: HostingMode, verdicts: readonly Verdict[]): ClaimCheck {
  const expected = new Set(EXPECTED_FAILURES[mode]);
  return {
    unexpectedFailures: verdicts.filter((v) => v.status === 'fail' && !expected.has(v.id)),
    unexpectedPasses: verdicts.filter((v) => v.status === 'pass' && expected.has(v.id)),
  };
}
