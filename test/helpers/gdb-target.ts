// A twostage command serving gdb (`--gdb tcp::PORT -S`) for the gdb-multiarch session tests: started on a free port,
// resolved once it waits for the debugger, with its output collected and its exit status to await.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { CLI } from './cli.ts';

export interface GdbTarget {
  readonly port: number;
  /** Resolves with the exit status once the command has ended. */
  readonly exited: Promise<number | null>;
  /** What it printed so far. */
  out(): string;
  err(): string;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** `twostage ARGS --gdb tcp::PORT -S` on a free port, once it is waiting for gdb. */
export async function gdbTarget(args: readonly string[]): Promise<GdbTarget> {
  const port = await freePort();
  const target = spawn(process.execPath, [...CLI, ...args, '--gdb', `tcp::${port}`, '-S'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  target.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => target.on('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    target.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('waiting for gdb')) resolve();
    });
    target.on('exit', () => reject(new Error(`twostage exited before listening: ${err}`)));
  });
  return { port, exited, out: () => out, err: () => err };
}
