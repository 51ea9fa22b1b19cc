// Runs twostage command lines in a worker thread with a time limit and a memory limit, the way a user's process
// would meet them: a command that overruns is stopped (worker.terminate interrupts even a synchronous loop) and
// reported as a hang; one that makes the process's resident memory pass the limit, or the worker's heap overflow,
// is reported as unbounded memory. Time is CPU time (this process's, which is the worker's while this thread
// waits), so a loaded machine does not turn a slow case into a hang; a wall-clock backstop catches a command that
// blocks without computing. The worker's stack is about the size of the main thread's (984 KiB),
// so recursion that would overflow the real CLI overflows here too.
import { Worker } from 'node:worker_threads';

export interface RunLimits {
  /** CPU time one command line may take. */
  readonly cpuMs: number;
  /** Wall-clock time one command line may take. */
  readonly wallMs: number;
  /** Resident set size of the whole process (this thread and the worker) that counts as unbounded memory. */
  readonly rssMb: number;
}

/** A captured stream: its first bytes and its length. */
export interface Captured {
  readonly text: string;
  readonly bytes: number;
}

export type Outcome =
  | { readonly kind: 'exit'; readonly status: number; readonly stdout: Captured; readonly stderr: Captured; readonly ms: number }
  | { readonly kind: 'timeout' | 'memory' | 'crash'; readonly ms: number; readonly detail: string };

// the worker loads TypeScript through tsx, registered inside it (a worker does not inherit the parent's loader)
const BOOT = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./cli-worker.ts', import.meta.url).href)}); })`;

export class CliRunner {
  private worker: Worker | undefined;
  private nextId = 0;

  constructor(private readonly limits: RunLimits) {}

  private spawn(): Worker {
    const w = new Worker(BOOT, { eval: true, resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: Math.floor(this.limits.rssMb * 0.75) }, stdout: false, stderr: false });
    w.unref();
    return w;
  }

  /** Run `argv` (the arguments after `twostage`). */
  run(argv: readonly string[]): Promise<Outcome> {
    const w = (this.worker ??= this.spawn());
    const id = this.nextId++;
    const start = performance.now();
    return new Promise<Outcome>((resolve) => {
      const finish = (o: Outcome, kill: boolean): void => {
        clearTimeout(timer);
        clearInterval(watch);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (kill) {
          void w.terminate();
          this.worker = undefined;
        }
        resolve(o);
      };
      const ms = () => performance.now() - start;
      const onMessage = (m: { id: number; status: number; stdout: Captured; stderr: Captured; ms: number }) => {
        if (m.id === id) finish({ kind: 'exit', status: m.status, stdout: m.stdout, stderr: m.stderr, ms: m.ms }, false);
      };
      const onError = (e: Error & { code?: string }) =>
        finish({ kind: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', ms: ms(), detail: `${e.code ?? e.name}: ${e.message}` }, true);
      const onExit = (code: number) => finish({ kind: 'crash', ms: ms(), detail: `the worker exited (${code})` }, true);
      const cpu0 = process.cpuUsage();
      const timer = setTimeout(() => finish({ kind: 'timeout', ms: ms(), detail: `still running after ${this.limits.wallMs} ms (wall clock)` }, true), this.limits.wallMs);
      const watch = setInterval(() => {
        const rss = process.memoryUsage.rss() / 2 ** 20;
        if (rss > this.limits.rssMb) finish({ kind: 'memory', ms: ms(), detail: `resident memory ${rss.toFixed(0)} MiB > ${this.limits.rssMb} MiB` }, true);
        const used = process.cpuUsage(cpu0);
        const cpuMs = (used.user + used.system) / 1000;
        if (cpuMs > this.limits.cpuMs) finish({ kind: 'timeout', ms: ms(), detail: `still running after ${cpuMs.toFixed(0)} ms of CPU time` }, true);
      }, 20);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, argv });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
