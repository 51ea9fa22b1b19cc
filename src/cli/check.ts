// `twostage check SWITCH.S --scenario S --from A --to B [--errata] [--start STATE] [--format text|json|sarif]`: the quick syntactic
// rules over a switch sequence, against the target's intended values from the scenario; then, given both --from and
// --to, the exploration of every outcome the architecture allows from A to the ERET into B (src/check/explore.ts).
// `--reference` checks the scenario's own hypervisor switch path instead of a file. Exit 1 when an error is found,
// 0 when none, 2 on bad input (unreadable or unassemblable source, bad scenario or context names).
import type { Command } from 'commander';
import { type Finding, findingsJson, formatFindings } from '../check/findings.ts';
import { lint, type LintContext } from '../check/lint.ts';
import { explore, type ExploreStats, loadSwitch } from '../check/explore.ts';
import { loadProgram, type Program } from '../check/program.ts';
import { referenceSwitch } from '../check/reference-switch.ts';
import { toSarif } from '../check/sarif.ts';
import { formatDiagnostics } from '../asm/diagnostics.ts';
import { BuildError, buildImage, type BuiltImage } from '../hyp/image.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { loadScenario } from './build.ts';
import { readSource } from './inputs.ts';
import { DEFAULT_SCENARIO } from './run.ts';

interface CheckOptions {
  scenario: string;
  from?: string;
  to?: string;
  format: string;
  errata?: boolean;
  reference?: boolean;
  start: string;
}

const START_STATES = ['allocated', 'first-entry', 'rollover'];

const bad = (msg: string): void => {
  process.stderr.write(`twostage: ${msg}\n`);
  process.exitCode = EXIT_BAD_INPUT;
};

/** The scenario's image and the target's intended HCR_EL2, or a reason they cannot be had. */
function targetContext(opts: CheckOptions): { ctx: LintContext; img?: BuiltImage } | string {
  if (opts.to === undefined && opts.from === undefined && opts.reference !== true) return { ctx: {} };
  const s = loadScenario(opts.scenario);
  if (s === undefined) return `cannot load scenario ${opts.scenario}`;
  try {
    const img = buildImage(s, opts.scenario);
    for (const name of [opts.from, opts.to]) {
      if (name !== undefined && !img.contexts.some((c) => c.name === name)) return `no context '${name}' in ${opts.scenario} (${img.contexts.map((c) => c.name).join(', ')})`;
    }
    const to = img.contexts.find((c) => c.name === opts.to);
    return { ctx: to === undefined ? {} : { intendedHcr: to.regs.hcr, target: to.name }, img };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return e.message;
  }
}

/** One line of state counts. */
export function formatStats(from: string, to: string, st: ExploreStats): string {
  return `explored ${from} -> ${to}: ${st.runs} choice sequence(s), ${st.states} state(s) (${st.merged} run(s) merged into explored states), ${st.erets} ERET(s) checked, ${st.tlbEntries} starting TLB entr${st.tlbEntries === 1 ? 'y' : 'ies'}, ${st.ms.toFixed(0)} ms${st.evictions > 0 ? ` — ${st.evictions} TLB entr${st.evictions === 1 ? 'y' : 'ies'} evicted, NOT a proof` : st.complete ? '' : ' — bound reached, NOT every outcome explored'}\n`;
}

export function registerCheck(program: Command, version: string): void {
  program
    .command('check')
    .description('check a switch sequence: the quick rules (HCR_EL2 clobbers, VMID placement, TLBI/DSB/ISB order)')
    .argument('[switch]', 'assembly source of the switch sequence')
    .option('--scenario <file>', 'scenario that gives the contexts\' intended values', DEFAULT_SCENARIO)
    .option('--from <context>', 'the context that was running')
    .option('--to <context>', 'the context the ERET enters')
    .option('--format <format>', 'text | json | sarif', 'text')
    .option('--errata', 'also Cortex-A57 erratum 1319537: speculative EL1&0 walks at EL2 with mixed old and new registers')
    .option('--reference', 'check the scenario\'s own hypervisor switch path (switch_to … eret) instead of a file')
    .option('--start <state>', 'where the VMID allocator stands: allocated (every context entered once) | first-entry (the target never entered) | rollover (the target\'s entry starts a new VMID generation)', 'allocated')
    .action((file: string | undefined, opts: CheckOptions) => {
      if (!['text', 'json', 'sarif'].includes(opts.format)) return bad(`bad --format '${opts.format}' (text | json | sarif)`);
      if ((file === undefined) === (opts.reference !== true)) return bad('give a switch source or --reference (not both)');
      if (opts.reference === true && (opts.from === undefined || opts.to === undefined)) return bad('--reference needs --from and --to');
      if (!START_STATES.includes(opts.start)) return bad(`bad --start '${opts.start}' (${START_STATES.join(' | ')})`);
      const target = targetContext(opts);
      if (typeof target === 'string') return bad(target);
      const { ctx, img } = target;
      let p: Program;
      let findings: Finding[] = [];
      let entry: bigint | undefined;
      if (file === undefined) {
        try {
          ({ program: p, entry } = referenceSwitch(img!));
        } catch (e) {
          return bad((e as Error).message);
        }
      } else {
        const source = readSource(file);
        if (!source.ok) return bad(source.error);
        const text = source.value;
        const lp = loadProgram(file, text);
        if (lp.diagnostics.length > 0) {
          process.stderr.write(formatDiagnostics(lp.diagnostics, (f) => lp.sources.get(f)));
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        findings = lint(lp, ctx);
        // the explorer runs it from free RAM in the image, ended by an ERET when it has none
        p = img === undefined ? lp : loadSwitch(file, text, img);
      }
      if (p.diagnostics.length > 0) {
        process.stderr.write(formatDiagnostics(p.diagnostics, (f) => p.sources.get(f)));
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      if (img !== undefined && opts.from !== undefined && opts.to !== undefined) {
        const start = { firstEntry: opts.start === 'first-entry', rollover: opts.start === 'rollover' };
        const r = explore(p, img, opts.from, opts.to, { errata: opts.errata === true, ...start, ...(entry === undefined ? {} : { entry }) });
        findings.push(...r.findings);
        const stats = formatStats(opts.from, opts.to, r.stats);
        if (opts.format === 'text') process.stdout.write(stats);
        else process.stderr.write(stats);
      }
      const out = opts.format === 'sarif' ? JSON.stringify(toSarif(findings, version), null, 2) + '\n' : opts.format === 'json' ? JSON.stringify(findingsJson(findings), null, 2) + '\n' : formatFindings(findings);
      process.stdout.write(out);
      process.exitCode = findings.some((f) => f.level === 'error') ? 1 : 0;
    });
}
