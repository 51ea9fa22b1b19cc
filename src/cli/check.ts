// `twostage check SWITCH.S --scenario S --from A --to B [--format text|json|sarif]`: the quick syntactic rules
// over a switch sequence, against the target's intended values from the scenario. Exit 1 when an error is
// found, 0 when none, 2 on bad input (unreadable or unassemblable source, bad scenario or context names).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { findingsJson, formatFindings } from '../check/findings.ts';
import { lint, type LintContext } from '../check/lint.ts';
import { loadProgram } from '../check/program.ts';
import { toSarif } from '../check/sarif.ts';
import { formatDiagnostics } from '../asm/diagnostics.ts';
import { BuildError, buildImage } from '../hyp/image.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { loadScenario } from './build.ts';
import { DEFAULT_SCENARIO } from './run.ts';

interface CheckOptions {
  scenario: string;
  from?: string;
  to?: string;
  format: string;
}

const bad = (msg: string): void => {
  process.stderr.write(`twostage: ${msg}\n`);
  process.exitCode = EXIT_BAD_INPUT;
};

/** The target's intended HCR_EL2 from the scenario's image, or a reason it cannot be had. */
function targetContext(opts: CheckOptions): LintContext | string {
  if (opts.to === undefined) return {};
  const s = loadScenario(opts.scenario);
  if (s === undefined) return `cannot load scenario ${opts.scenario}`;
  try {
    const img = buildImage(s, opts.scenario);
    for (const name of [opts.from, opts.to]) {
      if (name !== undefined && !img.contexts.some((c) => c.name === name)) return `no context '${name}' in ${opts.scenario} (${img.contexts.map((c) => c.name).join(', ')})`;
    }
    const to = img.contexts.find((c) => c.name === opts.to)!;
    return { intendedHcr: to.regs.hcr, target: to.name };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return e.message;
  }
}

export function registerCheck(program: Command, version: string): void {
  program
    .command('check')
    .description('check a switch sequence: the quick rules (HCR_EL2 clobbers, VMID placement, TLBI/DSB/ISB order)')
    .argument('<switch>', 'assembly source of the switch sequence')
    .option('--scenario <file>', 'scenario that gives the contexts\' intended values', DEFAULT_SCENARIO)
    .option('--from <context>', 'the context that was running')
    .option('--to <context>', 'the context the ERET enters')
    .option('--format <format>', 'text | json | sarif', 'text')
    .action((file: string, opts: CheckOptions) => {
      if (!['text', 'json', 'sarif'].includes(opts.format)) return bad(`bad --format '${opts.format}' (text | json | sarif)`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return bad(`cannot read ${file}`);
      }
      const p = loadProgram(file, text);
      if (p.diagnostics.length > 0) {
        process.stderr.write(formatDiagnostics(p.diagnostics, (f) => p.sources.get(f)));
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const ctx = targetContext(opts);
      if (typeof ctx === 'string') return bad(ctx);
      const findings = lint(p, ctx);
      const out = opts.format === 'sarif' ? JSON.stringify(toSarif(findings, version), null, 2) + '\n' : opts.format === 'json' ? JSON.stringify(findingsJson(findings), null, 2) + '\n' : formatFindings(findings);
      process.stdout.write(out);
      process.exitCode = findings.some((f) => f.level === 'error') ? 1 : 0;
    });
}
