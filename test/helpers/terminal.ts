// Test helper: a command run on a pseudo-terminal, made by script(1) (util-linux's, in Debian's essential bsdutils),
// as a person at a terminal runs it: stdin is a terminal, so `boot` takes raw keystrokes through its reader thread.
import { spawn, spawnSync } from 'node:child_process';
import { exitWithin } from './child.ts';

/** Whether script(1) is installed. */
export function haveScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** `node ...args` on a pseudo-terminal with `typed` written to it at once; its exit status (or why it was killed after
 *  60 s) and everything the terminal showed (its own echo of what was typed before raw mode included). */
export async function onTerminal(args: readonly string[], typed: string, cwd: string): Promise<{ status: number | string; out: string }> {
  const command = [process.execPath, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString('latin1')));
  child.stdin!.write(typed);
  const status = await exitWithin(child);
  child.stdin!.destroy();
  return { status, out };
}
