// The `twostage` process: runs the command line (program.ts) with this process's arguments. src/cli/main.ts calls it
// under tsx (development, tests); the built launcher (launch.ts, dist/main.js) calls it from the bundle.
import { runCli } from './program.ts';

export async function main(): Promise<void> {
  // A reader that stops early (`twostage run --json | head`) closes the pipe: end quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await runCli(process.argv);
}
