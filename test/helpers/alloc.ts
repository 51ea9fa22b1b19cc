// Test helper: the young-generation bytes a piece of code allocates, for the allocation-free hot-path tests
// (bytes counted, not time: a loaded machine changes nothing).
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function newSpaceUsed(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
}

/** Young-generation bytes allocated by run(), and the number of collections during it. */
export function allocatedBy(run: () => void): { bytes: number; gcs: number } {
  gc();
  const profiler = new v8.GCProfiler();
  const before = newSpaceUsed();
  profiler.start();
  run();
  const after = newSpaceUsed();
  const gcs = profiler.stop()?.statistics.length ?? 0;
  return { bytes: after - before, gcs };
}

/** The measurement's own bookkeeping: the most an empty run shows over a few tries, to subtract. */
export function allocationBaseline(): number {
  return Math.max(...Array.from({ length: 3 }, () => allocatedBy(() => {}).bytes));
}

/**
 * Runs `body` once to warm it, then up to `runs` times: undefined as soon as one run allocated at most `slack` bytes
 * over `baseline` with no collection, else what each run allocated (`N bytes/M GCs`).
 */
export function allocatingRuns(body: () => void, runs: number, slack: number, baseline: number): string[] | undefined {
  body();
  const seen: string[] = [];
  for (let run = 0; run < runs; run++) {
    const { bytes, gcs } = allocatedBy(body);
    if (gcs === 0 && bytes - baseline <= slack) return undefined;
    seen.push(`${bytes - baseline} bytes/${gcs} GCs`);
  }
  return seen;
}
