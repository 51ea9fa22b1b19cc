// `twostage build SCENARIO -o image.elf`: the scenario's bootable image (hypervisor, page tables, context
// table and guests in one ELF), assembled by twostage's own assembler.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BuildError, buildImage } from '../hyp/image.ts';
import { HOSTING_MODES, parseScenario, ScenarioError, type HostingMode, type Scenario } from '../hyp/scenario.ts';
import { EXIT_BAD_INPUT } from './boot.ts';

/** Read and validate a scenario; prints diagnostics and returns undefined on failure. */
export function loadScenario(file: string): Scenario | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    process.stderr.write(`twostage: cannot read ${file}\n`);
    return undefined;
  }
  try {
    return parseScenario(text, file);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    process.stderr.write(e.message + '\n');
    return undefined;
  }
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
        writeFileSync(opts.output, img.elf);
        for (const n of img.notes) process.stderr.write(`note: ${n}\n`);
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        process.stderr.write(e.message + '\n');
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
