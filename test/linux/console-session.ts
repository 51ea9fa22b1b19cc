// A console session with a guest's interactive shell: the program runs with its stdin a pipe, and each line of
// `typed` is written once the shell has printed its prompt again, as a person at the terminal would. Shared by the
// bare-metal boot test (kernel-boot.ts: `twostage boot` and QEMU, the console on stdout) and the Linux VM test
// (linux-vm.ts: `twostage run`, the VM's console shown on stderr as it comes, its lines prefixed with its name).
import { spawn } from 'node:child_process';

export interface SessionResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/**
 * Run `cmd` in `cwd`, watching `console` for `prompt` (matched against what it printed up to and including a "# ",
 * carriage returns removed) and typing the next line of `typed` after each; resolves when it exits (or is killed
 * after `timeoutMs`).
 */
export function consoleSession(cmd: string, args: string[], opts: { cwd: string; typed: readonly string[]; prompt: RegExp; console: 'stdout' | 'stderr'; timeoutMs: number }): Promise<SessionResult> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    let next = 0;
    let seen = 0; // where the last prompt was found
    for (const name of ['stdout', 'stderr'] as const) {
      p[name].on('data', (d: Buffer) => {
        out[name] += d.toString('latin1');
        if (name !== opts.console) return;
        const text = out[name];
        const at = text.indexOf('# ', seen);
        if (at >= 0 && next < opts.typed.length && opts.prompt.test(text.slice(0, at + 2).split('\r').join(''))) {
          seen = at + 2;
          p.stdin.write(opts.typed[next++]! + '\n');
        }
      });
    }
    const timer = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ ...out, status });
    });
  });
}
