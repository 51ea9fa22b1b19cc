// Timing a child process in CPU seconds (user + system), start-up included: what the benchmarks compare, as other
// load on a shared machine changes it less than wall-clock time.
import { spawnSync } from 'node:child_process';

export interface Timed {
  status: number | null;
  stdout: string;
  stderr: string;
  cpuSeconds: number;
}

/** Run a command in `cwd` and take its CPU time from the shell's `times` (getrusage of its children), written on fd 3. */
export function timed(argv: readonly string[], cwd: string): Timed {
  const r = spawnSync('bash', ['-c', '"$@"; rc=$?; times >&3; exit $rc', 'bash', ...argv], {
    cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 26, timeout: 600_000,
  });
  const times = r.output[3]?.toString() ?? '';
  const children = times.trim().split('\n')[1]?.match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  if (r.error !== undefined || children === undefined || children === null) throw new Error(`${argv.join(' ')}: ${r.error?.message ?? `no times: ${times}`}`);
  const [, um, us, sm, ss] = children.map(Number) as [number, number, number, number, number];
  return { status: r.status, stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), cpuSeconds: um * 60 + us + sm * 60 + ss };
}
