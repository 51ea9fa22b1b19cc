// Test helper: a child process's end, bounded in time.
import type { ChildProcess } from 'node:child_process';

/** The exit status of `child`, or — killed after `seconds` — why it was killed. */
export function exitWithin(child: ChildProcess, seconds = 60): Promise<number | string> {
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(`still running after ${seconds} s`);
    }, seconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code ?? -1);
    });
  });
}
