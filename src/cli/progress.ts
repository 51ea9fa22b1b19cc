// A one-line progress indicator on a terminal: a spinner and a message, redrawn at most every 0.5 s and only once a
// run has lasted 0.5 s (short runs stay quiet); nothing at all when the stream is not a TTY.
const FRAMES = '|/-\\';
const EVERY_MS = 500;

export interface Progress {
  update(message: string): void;
  /** Erase the line (if one was drawn) and start timing afresh. */
  clear(): void;
}

export function progressLine(stream: { isTTY?: boolean; write(s: string): unknown }, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true) return { update: () => {}, clear: () => {} };
  let started = now();
  let last = started;
  let frame = 0;
  let width = 0;
  return {
    update(message) {
      const t = now();
      if (t - started < EVERY_MS || t - last < EVERY_MS) return;
      last = t;
      const line = `${FRAMES[frame++ % FRAMES.length]} ${message}`;
      stream.write('\r' + line.padEnd(width));
      width = line.length;
    },
    clear() {
      if (width > 0) stream.write('\r' + ' '.repeat(width) + '\r');
      width = 0;
      started = last = now();
    },
  };
}
