// The `twostage` command line as a program: one file per command (DESIGN.md §4). Errors are one line on stderr and
// a non-zero exit status, never a stack trace; 70 is kept for a bug in twostage itself.
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

export const EXIT_INTERNAL = 70; // EX_SOFTWARE (sysexits.h): a bug in twostage itself

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** `stdin: false`: `boot` gives its guest no keyboard (as `< /dev/null`), for command lines run in-process. */
export function buildProgram(opts: { readonly stdin?: boolean } = {}): Command {
  const program = new Command();
  program
    .name('twostage')
    .description('An executable ARMv8-A virtualization lab: A64 CPU, two-stage MMU, reference hypervisor')
    .version(version())
    .exitOverride()
    .showHelpAfterError(false);
  registerBoot(program, opts.stdin ?? true);
  registerBuild(program);
  registerRun(program);
  registerAsm(program);
  registerDisasm(program);
  registerWalk(program);
  registerAudit(program);
  registerCheck(program, version());
  return program;
}

/**
 * Run one command line (`argv` as process.argv: node, script, command, …) in this process and return its exit
 * status; output goes to process.stdout and process.stderr. `stdin: false` gives a `boot` guest no keyboard: a
 * caller running many command lines in threads (the input fuzzer) must not leave a reader blocked on its stdin.
 */
export function runCli(argv: readonly string[], opts: { readonly stdin?: boolean } = {}): number {
  process.exitCode = undefined;
  try {
    buildProgram(opts).parse([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message; help and --version are successes, anything else a usage error
      return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    process.stderr.write(`twostage: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_INTERNAL;
  }
  return Number(process.exitCode ?? 0);
}
