// The `twostage` command line: one file per command (DESIGN.md §4). Errors are one line on stderr and a
// non-zero exit status, never a stack trace.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAsm } from './asm.ts';
import { EXIT_BAD_INPUT, registerBoot } from './boot.ts';
import { registerBuild } from './build.ts';
import { registerRun } from './run.ts';
import { registerDisasm } from './disasm.ts';
import { registerWalk } from './walk.ts';
import { registerAudit } from './audit.ts';
import { registerCheck } from './check.ts';

const EXIT_INTERNAL = 70; // EX_SOFTWARE (sysexits.h): a bug in twostage itself

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('twostage')
    .description('An executable ARMv8-A virtualization lab: A64 CPU, two-stage MMU, reference hypervisor')
    .version(version())
    .exitOverride()
    .showHelpAfterError(false);
  registerBoot(program);
  registerBuild(program);
  registerRun(program);
  registerAsm(program);
  registerDisasm(program);
  registerWalk(program);
  registerAudit(program);
  registerCheck(program, version());
  return program;
}

export function main(argv: readonly string[]): void {
  try {
    buildProgram().parse([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message; help and --version are successes, anything else a usage error
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
      return;
    }
    process.stderr.write(`twostage: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT_INTERNAL;
  }
}

// A reader that stops early (`twostage run --json | head`) closes the pipe: end quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv);
