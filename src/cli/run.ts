// `twostage run [SCENARIO] [--hosting MODE|all] [--json]`: build the scenario's image, boot it on the model with
// the hypervisor observed, and print the timeline, the per-switch costs and the verdict per requirement.
import type { Command } from 'commander';
import { BuildError, buildImage } from '../hyp/image.ts';
import { formatComparison, formatReport, toJson } from '../hyp/report.ts';
import { DEFAULT_BUDGET, runImage, type RunReport } from '../hyp/run.ts';
import { HOSTING_MODES, type HostingMode } from '../hyp/scenario.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { loadScenario, parseHosting } from './build.ts';

export const DEFAULT_SCENARIO = 'scenarios/seed.yaml';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a scenario under the reference hypervisor: timeline, switch costs, isolation verdict')
    .argument('[scenario]', 'scenario file (YAML)', DEFAULT_SCENARIO)
    .option('--hosting <mode>', `hosting mode, or 'all' for a comparison: ${HOSTING_MODES.join(' | ')} | all`)
    .option('--json', 'print the report as JSON')
    .option('--no-timeline', 'leave the timeline out of the text report')
    .option('--max-insns <N>', 'instruction budget', String(DEFAULT_BUDGET))
    .action((file: string, opts: { hosting?: string; json?: boolean; timeline: boolean; maxInsns: string }) => {
      const s = loadScenario(file);
      if (s === undefined) {
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const modes: HostingMode[] | undefined = opts.hosting === 'all' ? [...HOSTING_MODES] : opts.hosting === undefined ? [s.hosting] : [parseHosting(opts.hosting)!].filter((m) => m !== undefined);
      const budget = Number(opts.maxInsns);
      if (modes.length === 0 || !Number.isSafeInteger(budget) || budget <= 0) {
        process.stderr.write(`twostage: bad --hosting or --max-insns\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const rows: { hosting: string; report: RunReport }[] = [];
      try {
        for (const mode of modes) {
          if (process.stderr.isTTY && modes.length > 1) process.stderr.write(`\rrunning ${mode}…          `);
          const img = buildImage(s, file, mode);
          const report = runImage(img, budget);
          rows.push({ hosting: mode, report });
          if (!opts.json) process.stdout.write((modes.length > 1 ? '\n' : '') + formatReport(img, report, { timeline: opts.timeline }));
        }
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        process.stderr.write(e.message + '\n');
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      if (process.stderr.isTTY && modes.length > 1) process.stderr.write('\r' + ' '.repeat(30) + '\r');
      if (opts.json) {
        process.stdout.write(toJson(rows.map((r) => ({ ...r.report, observation: undefined }))) + '\n');
      } else if (modes.length > 1) {
        process.stdout.write('\n== comparison\n' + formatComparison(rows));
      }
      // exit status: 0 when every verdict of the (single) mode passes or is n/a
      if (modes.length === 1 && rows[0]!.report.verdicts.some((v) => v.status === 'fail')) process.exitCode = 1;
    });
}
