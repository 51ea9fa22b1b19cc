// The `twostage` command line as a program: one file per command (DESIGN.md §4). Errors are one line on stderr and
// a non-zero exit status, never a stack trace; 70 is kept for a bug in twostage itself.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_INTERNAL } from './exit-status.ts';

type Register = (program: Command) => void;

/** `stdin: false`: `boot` gives its guest no keyboard (as `< /dev/null`), for command lines run in-process. */
export interface ProgramOptions {
  readonly stdin?: boolean;
}

/**
 * Each command's module, in the order `--help` lists them. Only the module of the command the command line names is
 * loaded (none for --version, all of them for help or an unknown command): `twostage boot` then starts without the
 * assembler's, the hypervisor builder's and the YAML/schema libraries' load time.
 */
const COMMANDS: Readonly<Record<string, (opts: ProgramOptions) => Promise<Register>>> = {
  boot: async (opts) => {
    const { registerBoot } = await import('./boot.ts');
    return (program) => registerBoot(program, opts.stdin ?? true);
  },
  build: async () => (await import('./build.ts')).registerBuild,
  run: async () => (await import('./run.ts')).registerRun,
  asm: async () => (await import('./asm.ts')).registerAsm,
  disasm: async () => (await import('./disasm.ts')).registerDisasm,
  walk: async () => (await import('./walk.ts')).registerWalk,
  audit: async () => (await import('./audit.ts')).registerAudit,
  check: async () => {
    const { registerCheck } = await import('./check.ts');
    return (program) => registerCheck(program, version());
  },
};

/** The package's version, or a word that says it is unknown: an installation of dist/ without its package.json still
 *  runs every command (they print the version only for --version and in `check`'s reports). */
function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    if (typeof pkg.version === 'string') return pkg.version;
  } catch {
    // missing or not JSON: below
  }
  return 'unknown (no package.json beside dist/)';
}

/** The command line with the commands `argv` may run: the one it names, or all of them. */
export async function buildProgram(argv: readonly string[], opts: ProgramOptions = {}): Promise<Command> {
  const program = new Command();
  program
    .name('twostage')
    .description('An executable ARMv8-A virtualization lab: A64 CPU, two-stage MMU, reference hypervisor')
    .version(version())
    .exitOverride()
    .showHelpAfterError(false);
  const first = argv[2];
  const named = first === '-V' || first === '--version' ? [] : first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  for (const register of await Promise.all(named.map((name) => COMMANDS[name]!(opts)))) register(program);
  return program;
}

/**
 * Run one command line (`argv` as process.argv: node, script, command, …) in this process and return its exit
 * status; output goes to process.stdout and process.stderr. `stdin: false` gives a `boot` guest no keyboard: a
 * caller running many command lines in threads (the input fuzzer) must not leave a reader blocked on its stdin.
 */
export async function runCli(argv: readonly string[], opts: ProgramOptions = {}): Promise<number> {
  process.exitCode = undefined;
  try {
    await (await buildProgram(argv, opts)).parseAsync([...argv]);
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
