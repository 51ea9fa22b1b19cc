// Throughput measurement shared by the benchmarks: operations per CPU second of this process (user + system), so
// that other load on a shared machine lowers the figures less than wall-clock time would.

/** CPU seconds (user + system) this process has used since `t0` (a process.cpuUsage() value). */
function cpuSince(t0: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1e6;
}

/** Best rate (operations per CPU second) of `body(n)` over 3 runs of about `seconds` each. */
export function rate(body: (n: number) => number, seconds = 0.7): { perSecond: number; check: number } {
  let n = 1 << 16;
  let check = 0;
  for (;;) {
    const t0 = process.cpuUsage();
    check = body(n);
    const dt = cpuSince(t0);
    if (dt > 0.05) {
      n = Math.ceil((n * seconds) / dt);
      break;
    }
    n *= 4;
  }
  let best = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    check = body(n);
    const dt = cpuSince(t0);
    best = Math.max(best, n / dt);
  }
  return { perSecond: best, check };
}
