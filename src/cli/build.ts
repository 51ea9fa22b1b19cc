// `twostage build SCENARIO -o image.elf`: the scenario's bootable image (hypervisor, page tables, context
// table and guests in one ELF), assembled by twostage's own assembler.
import type { Command } from 'commander';
import { MAX_SCENARIO_BYTES, readUserText } from '../asm/user-file.ts';
import { BuildError, buildImage } from '../hyp/image.ts';
import { HOSTING_MODES, parseScenario, ScenarioError, type HostingMode, type Scenario } from '../hyp/scenario.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { writeOutput } from './inputs.ts';

/** Read and validate a scenario: the scenario, or every problem found, one line each. */
export function readScenario(file: string): Scenario | string {
  const r = readUserText(file, MAX_SCENARIO_BYTES, 'utf8');
  if (!r.ok) return `twostage: ${file}: ${r.error}`;
  try {
    return parseScenario(r.text, file);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.message;
  }
}

/** Read and validate a scenario; prints diagnostics and returns undefined on failure. */
export function loadScenario(file: string): Scenario | undefined {
  const s = readScenario(file);
  if (typeof s !== 'string') return s;
  process.stderr.write(s + '\n');
  return undefined;
}

export function parseHosting(v: string): HostingMode | undefined {
  return (HOSTING_MODES as readonly string[]).includes(v) ? (v as HostingMode) : undefined;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build the bootable image of a scenario (hypervisor + page tables + guests)')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption('-o, --output <file>', 'ELF file to write')
    .option('--hosting <mode>', `override the hosting mode: ${HOSTING_MODES.join(' | ')}`)
    .action((file: string, opts: { output: string; hosting?: string }) => {
      const s = loadScenario(file);
      const hosting = opts.hosting === undefined ? undefined : parseHosting(opts.hosting);
      if (s === undefined || (opts.hosting !== undefined && hosting === undefined)) {
        if (hosting === undefined && opts.hosting !== undefined) process.stderr.write(`twostage: unknown hosting mode '${opts.hosting}'\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      try {
        const img = buildImage(s, file, hosting);
        const failed = writeOutput(opts.output, img.elf);
        if (failed !== undefined) {
          process.stderr.write(`twostage: ${failed}\n`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        for (const n of img.notes) process.stderr.write(`note: ${n}\n`);
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        process.stderr.write(e.message + '\n');
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
