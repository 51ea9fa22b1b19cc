// The `twostage` executable: runs the command line (program.ts) with this process's arguments.
import { runCli } from './program.ts';

// A reader that stops early (`twostage run --json | head`) closes the pipe: end quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await runCli(process.argv);
