// The terminal's keystrokes for the guest's UART, as QEMU's `-nographic` gives them: a worker thread reads fd 0
// (blocking reads are fine there) into a ring in shared memory, and the machine's run loop takes what has arrived
// between slices, synchronously. On a terminal, stdin is put in raw mode for the run (so Ctrl-C goes to the guest,
// as on QEMU) and Ctrl-A x stops the run, QEMU's escape.
import { createRequire } from 'node:module';

const RING = 4096;
const HEAD = 0; // Int32 slots: write position, read position (2: the reader finished, 3: its wait word)
const TAIL = 1;
const CTRL_A = 0x01;

/** Worker body (CommonJS, eval'd): read fd 0 until EOF into the ring, waiting while it is full. */
const READER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const meta = new Int32Array(workerData, 0, 4);
const ring = new Uint8Array(workerData, 16);
const tmp = Buffer.alloc(256);
for (;;) {
  let n = 0;
  try { n = fs.readSync(0, tmp, 0, tmp.length, null); }
  catch (e) { if (e.code === 'EAGAIN') { Atomics.wait(meta, 3, 0, 20); continue; } break; }
  if (n === 0) break;
  for (let i = 0; i < n; i++) {
    while ((Atomics.load(meta, 0) + 1) % ring.length === Atomics.load(meta, 1)) Atomics.wait(meta, 3, 0, 10);
    const h = Atomics.load(meta, 0);
    ring[h] = tmp[i];
    Atomics.store(meta, 0, (h + 1) % ring.length);
  }
}
Atomics.store(meta, 2, 1);
`;

export interface InputFeed {
  /** Bytes typed since the last call (empty when none). `quit` is set once the user typed Ctrl-A x. */
  take(): { bytes: Uint8Array; quit: boolean };
  /** Restore the terminal; the reader thread does not keep the process alive. */
  close(): void;
}

export function stdinFeed(): InputFeed {
  const shared = new SharedArrayBuffer(16 + RING);
  const meta = new Int32Array(shared, 0, 4);
  const ring = new Uint8Array(shared, 16);
  // process.stdin made here, at the start, on purpose: for a pipe or a socket on fd 0 libuv then puts the descriptor in
  // non-blocking mode, so the reader polls (EAGAIN) and never sits in a read(2) that would hold the process's exit
  // (asking isatty(0) instead saved ≈ 7 ms of start-up and hung `boot` at its end while stdin stayed open: stop 39)
  const tty = process.stdin.isTTY === true;
  // The reader starts at the second take(), once the run has outlasted its first slice: a run that ends within it (a
  // short program) does not pay for a thread (tens of ms of CPU); what was typed before waits in the terminal or pipe.
  let takes = 0;
  let started = false;
  let escape = false;
  return {
    take() {
      if (!started && ++takes === 2) {
        started = true;
        if (tty) process.stdin.setRawMode(true);
        // node:worker_threads is loaded here, not at start-up: ≈ 2 ms a run that needs no reader saves
        const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
        new Worker(READER, { eval: true, workerData: shared }).unref();
      }
      const out: number[] = [];
      let quit = false;
      let t = Atomics.load(meta, TAIL);
      const h = Atomics.load(meta, HEAD);
      while (t !== h) {
        const b = ring[t]!;
        t = (t + 1) % RING;
        if (tty && escape) {
          escape = false;
          if (b === 0x78) quit = true; // Ctrl-A x
          else out.push(b === CTRL_A ? CTRL_A : b); // Ctrl-A Ctrl-A sends one Ctrl-A
        } else if (tty && b === CTRL_A) escape = true;
        else out.push(b);
      }
      Atomics.store(meta, TAIL, t);
      return { bytes: Uint8Array.from(out), quit };
    },
    close() {
      if (tty && started) process.stdin.setRawMode(false);
      process.stdin.pause();
    },
  };
}
