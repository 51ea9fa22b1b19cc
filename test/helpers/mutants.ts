// Test helper: checks that are tests of their own and run again against source mutants, one of which must fail.
export interface Check {
  readonly name: string;
  readonly run: () => void;
}

/** The checks that fail (throw) when run now. */
export function failingChecks(checks: readonly Check[]): Check[] {
  return checks.filter((c) => {
    try {
      c.run();
      return false;
    } catch {
      return true;
    }
  });
}
