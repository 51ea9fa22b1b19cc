// `twostage audit [SCENARIO] [--hosting MODE] [--format text|json]`: what each context can ever reach, from the
// built image's tables and context table alone. Exit 1 on a violation of the protection table or on PA ranges the
// machine backs with the same bytes, 0 when clean, 2 on bad input.
import type { Command } from 'commander';
import { audit } from '../check/audit.ts';
import { auditJson, formatAudit } from '../check/audit-report.ts';
import { BuildError, buildImage } from '../hyp/image.ts';
import { HOSTING_MODES } from '../hyp/scenario.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { loadScenario, parseHosting } from './build.ts';
import { DEFAULT_SCENARIO } from './run.ts';

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('prove from the image alone which physical memory each context can reach, and check it against the protection table')
    .argument('[scenario]', 'scenario file (YAML)', DEFAULT_SCENARIO)
    .option('--hosting <mode>', `override the hosting mode: ${HOSTING_MODES.join(' | ')}`)
    .option('--format <format>', 'text | json', 'text')
    .action((file: string, opts: { hosting?: string; format: string }) => {
      const hosting = opts.hosting === undefined ? undefined : parseHosting(opts.hosting);
      if ((opts.hosting !== undefined && hosting === undefined) || !['text', 'json'].includes(opts.format)) {
        process.stderr.write(`twostage: bad ${hosting === undefined && opts.hosting !== undefined ? `--hosting '${opts.hosting}'` : `--format '${opts.format}' (text | json)`}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const s = loadScenario(file);
      if (s === undefined) {
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      let img;
      try {
        img = buildImage(s, file, hosting);
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        process.stderr.write(e.message + '\n');
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const a = audit(img);
      process.stdout.write(opts.format === 'json' ? JSON.stringify(auditJson(a), null, 2) + '\n' : formatAudit(a));
      process.exitCode = a.violations.length > 0 || a.aliases.length > 0 ? 1 : 0;
    });
}
