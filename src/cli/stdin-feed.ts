// The terminal's keystrokes for the guest's UART, as QEMU's `-nographic` gives them; the machine's run loop takes what
// has arrived between slices, synchronously. Two readers:
// - stdin a terminal: a worker thread reads fd 0 (blocking reads are fine there) into a ring in shared memory; stdin is
//   put in raw mode for the run (so Ctrl-C goes to the guest, as on QEMU) and Ctrl-A x stops the run, QEMU's escape.
// - anything else (a pipe, a socket, a file, /dev/null): this thread reads fd 0 itself between slices, at most every
//   POLL_MS, never blocking (below). A worker thread is a second Node start-up: ≈ 0.1 CPU s on a 2-core machine,
//   measured as 0.86× the CPU of a whole CoreMark run without it (10 pairs, stop 40).
import { readSync } from 'node:fs';
import { createRequire } from 'node:module';

const RING = 4096;
const HEAD = 0; // Int32 slots: write position, read position (2: the reader finished, 3: its wait word)
const TAIL = 1;
const CTRL_A = 0x01;

/** Worker body (CommonJS, eval'd): read the terminal on fd 0 until EOF into the ring, waiting while it is full. */
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
  /** Bytes typed since the last call (empty when none). `quit` is set once the user typed Ctrl-A x. `pending`: the bytes
   *  taken before that the guest has not read yet — a stream that is not a terminal is read only while fewer than RING
   *  wait, so that a guest that reads nothing does not queue /dev/zero for ever (keystrokes all come: a person types). */
  take(pending: number): { bytes: Uint8Array; quit: boolean };
  /** Restore the terminal; the reader thread does not keep the process alive. */
  close(): void;
}

export function stdinFeed(): InputFeed {
  // process.stdin made here, at the start, on purpose: for a pipe or a socket on fd 0 libuv then puts the descriptor in
  // non-blocking mode, so a read returns EAGAIN instead of waiting (asking isatty(0) instead saved ≈ 7 ms of start-up
  // and hung `boot` at its end while stdin stayed open: stop 39). A file or a character device that is not a terminal
  // (/dev/null, /dev/zero) never waits anyway.
  return process.stdin.isTTY === true ? terminalFeed() : pollingFeed();
}

/** Wall-clock ms between two reads of a stdin that is not a terminal (each EAGAIN is a thrown error). */
const POLL_MS = 10;

/** Stdin that is not a terminal, read on this thread: up to RING bytes a read, until EOF or an error. */
function pollingFeed(): InputFeed {
  const buf = Buffer.alloc(RING);
  let open = true;
  let last = -Infinity;
  return {
    take(pending) {
      const now = performance.now();
      let n = 0;
      if (open && pending < RING && now - last >= POLL_MS) {
        last = now;
        try {
          n = readSync(0, buf, 0, RING - pending, null);
          if (n === 0) open = false; // EOF
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') open = false; // no stdin to read (EBADF, EIO…); EAGAIN: none yet
        }
      }
      return { bytes: new Uint8Array(buf.subarray(0, n)), quit: false }; // a copy: buf is read into again
    },
    close() {
      process.stdin.pause();
    },
  };
}

/** Stdin a terminal: raw mode and a reader thread (blocking reads), started once the run outlasts its first slice. */
function terminalFeed(): InputFeed {
  const shared = new SharedArrayBuffer(16 + RING);
  const meta = new Int32Array(shared, 0, 4);
  const ring = new Uint8Array(shared, 16);
  // The reader starts at the second take(), once the run has outlasted its first slice: a run that ends within it (a
  // short program) does not pay for a thread (tens of ms of CPU); what was typed before waits in the terminal.
  let takes = 0;
  let started = false;
  let escape = false;
  return {
    take() {
      if (!started && ++takes === 2) {
        started = true;
        process.stdin.setRawMode(true);
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
        if (escape) {
          escape = false;
          if (b === 0x78) quit = true; // Ctrl-A x
          else out.push(b === CTRL_A ? CTRL_A : b); // Ctrl-A Ctrl-A sends one Ctrl-A
        } else if (b === CTRL_A) escape = true;
        else out.push(b);
      }
      Atomics.store(meta, TAIL, t);
      return { bytes: Uint8Array.from(out), quit };
    },
    close() {
      if (started) process.stdin.setRawMode(false);
      process.stdin.pause();
    },
  };
}
