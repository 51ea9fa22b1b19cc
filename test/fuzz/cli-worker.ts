// The worker side of test/fuzz/harness.ts: runs command lines with runCli in this thread and sends back the exit
// status and what was written (the first CAPTURE bytes of each stream, and how many there were).
import { parentPort } from 'node:worker_threads';
import { runCli } from '../../src/cli/program.ts';

const CAPTURE = 16 << 10;

interface Request {
  readonly id: number;
  readonly argv: readonly string[];
}

type Write = typeof process.stdout.write;

/** A stream's write, replaced by one that keeps the first CAPTURE bytes and counts the rest. */
function capture(into: { text: string; bytes: number }): Write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    into.bytes += s.length;
    if (into.text.length < CAPTURE) into.text += s.slice(0, CAPTURE - into.text.length);
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as Write;
}

/** Runs one request at a time: the captured streams are process-wide while a command line awaits. */
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (m: Request) => {
  queue = queue.then(() => serve(m));
});

async function serve(m: Request): Promise<void> {
  const stdout = { text: '', bytes: 0 };
  const stderr = { text: '', bytes: 0 };
  const saved = [process.stdout.write, process.stderr.write] as const;
  process.stdout.write = capture(stdout);
  process.stderr.write = capture(stderr);
  const start = performance.now();
  let status: number;
  try {
    status = await runCli(['node', 'twostage', ...m.argv], { stdin: false });
  } finally {
    [process.stdout.write, process.stderr.write] = saved;
  }
  parentPort!.postMessage({ id: m.id, status, stdout, stderr, ms: performance.now() - start });
}
