// `twostage check SWITCH.S [--scenario S --from A --to B] [--errata] [--start STATE] [--format text|json|sarif]`:
// without --from/--to the quick rules over every path of a switch sequence, against the target's intended values
// from the scenario when --to names one; given both --from and --to, the exploration of every outcome the
// architecture allows from A to the ERET into B (src/check/explore.ts), with the quick rules over the paths it
// executes, settled by it (src/check/check.ts). `--reference` checks the scenario's own hypervisor switch path
// instead of a file. Every analysis is bounded; the --max-* and --tlb-entries options raise the bounds.
// Exit status: 0 no error (with --from/--to: proven for that pair), 1 an error found, 2 bad input (unreadable or
// unassemblable source, bad scenario, context names or options), 3 no proof: a bound stopped the analysis before
// it could prove the switch (a `not-proven` finding names the bound and the option that raises it).
import type { Command } from 'commander';
import { checkSwitch, type CheckReport } from '../check/check.ts';
import { EXPLORE_DEFAULTS, type ExploreOptions, type ExploreStats, loadSwitch, switchFits } from '../check/explore.ts';
import { findingsJson, formatFinding, formatFindings } from '../check/findings.ts';
import { MAX_STATIC_STATES } from '../check/lint.ts';
import { loadProgram, type Program } from '../check/program.ts';
import { referenceSwitch } from '../check/reference-switch.ts';
import type { RuleContext } from '../check/rule-machine.ts';
import { toSarif } from '../check/sarif.ts';
import { formatDiagnostics } from '../asm/diagnostics.ts';
import { readAssembly } from '../asm/user-file.ts';
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
  maxRuns?: string;
  maxSteps?: string;
  maxInsns?: string;
  maxFills?: string;
  maxMappings?: string;
  maxStates?: string;
  tlbEntries?: string;
}

const START_STATES = ['allocated', 'first-entry', 'rollover'];

const bad = (msg: string): void => {
  process.stderr.write(`twostage: ${msg}\n`);
  process.exitCode = EXIT_BAD_INPUT;
};

/** The scenario's image and the target's intended HCR_EL2, or a reason they cannot be had. */
function targetContext(opts: CheckOptions): { ctx: RuleContext; img?: BuiltImage } | string {
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
  const proof = st.complete ? '' : ` — NOT a proof: stopped at ${st.bounds.map((b) => `${b.what} (raise with ${b.option})`).join('; ')}`;
  return `explored ${from} -> ${to}: ${st.runs} choice sequence(s), ${st.states} state(s) (${st.merged} run(s) merged into explored states), ${st.erets} ERET(s) checked, ${st.tlbEntries} starting TLB entr${st.tlbEntries === 1 ? 'y' : 'ies'}, ${st.ms.toFixed(0)} ms${proof}\n`;
}

/** A positive integer option, or undefined with a bad-input message. */
function positive(name: string, v: string | undefined): number | undefined | null {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) {
    bad(`bad ${name} '${v}' (a positive integer)`);
    return null;
  }
  return n;
}

function exploreOptions(opts: CheckOptions): ExploreOptions | null {
  const out: Record<string, number | boolean> = { errata: opts.errata === true, firstEntry: opts.start === 'first-entry', rollover: opts.start === 'rollover' };
  const pairs: [string, string | undefined, string][] = [
    ['--max-runs', opts.maxRuns, 'maxRuns'], ['--max-steps', opts.maxSteps, 'maxSteps'], ['--max-insns', opts.maxInsns, 'maxInsns'],
    ['--max-fills', opts.maxFills, 'maxFills'], ['--max-mappings', opts.maxMappings, 'maxMappings'], ['--tlb-entries', opts.tlbEntries, 'tlbEntries'],
  ];
  for (const [flag, v, key] of pairs) {
    const n = positive(flag, v);
    if (n === null) return null;
    if (n !== undefined) out[key] = n;
  }
  if (typeof out.tlbEntries === 'number' && (out.tlbEntries & (out.tlbEntries - 1)) !== 0) {
    bad(`bad --tlb-entries '${opts.tlbEntries}' (a power of two)`);
    return null;
  }
  return out as ExploreOptions;
}

function render(r: CheckReport, format: string, version: string, pair: string | undefined): string {
  if (format === 'sarif') return JSON.stringify(toSarif(r.findings, version), null, 2) + '\n';
  if (format === 'json') return JSON.stringify(findingsJson(r.findings), null, 2) + '\n';
  const cleared = r.cleared.length === 0 ? '' : `\n${r.cleared.length} warning(s) of the quick rules cleared by the exploration of ${pair}:\n${r.cleared.map(formatFinding).join('\n')}`;
  return formatFindings(r.findings) + cleared;
}

export function registerCheck(program: Command, version: string): void {
  program
    .command('check')
    .description('check a switch sequence: the quick rules over its paths; with --from/--to every outcome the architecture allows. Exit 0 no error, 1 error, 2 bad input, 3 no proof (a bound stopped it)')
    .argument('[switch]', 'assembly source of the switch sequence')
    .option('--scenario <file>', 'scenario that gives the contexts\' intended values', DEFAULT_SCENARIO)
    .option('--from <context>', 'the context that was running')
    .option('--to <context>', 'the context the ERET enters')
    .option('--format <format>', 'text | json | sarif', 'text')
    .option('--errata', 'also Cortex-A57 erratum 1319537: speculative EL1&0 walks at EL2 with mixed old and new registers')
    .option('--reference', 'check the scenario\'s own hypervisor switch path (switch_to … eret) instead of a file')
    .option('--start <state>', 'where the VMID allocator stands: allocated (every context entered once) | first-entry (the target never entered) | rollover (the target\'s entry starts a new VMID generation)', 'allocated')
    .option('--max-runs <n>', `bound on explored choice sequences (default ${EXPLORE_DEFAULTS.maxRuns})`)
    .option('--max-steps <n>', `bound on instructions per run (default ${EXPLORE_DEFAULTS.maxSteps})`)
    .option('--max-insns <n>', `bound on instructions over all runs (default ${EXPLORE_DEFAULTS.maxInsns})`)
    .option('--max-fills <n>', `bound on speculative and AT fill walks (default ${EXPLORE_DEFAULTS.maxFills})`)
    .option('--max-mappings <n>', `bound on the mappings one table walk enumerates (default ${EXPLORE_DEFAULTS.maxMappings})`)
    .option('--tlb-entries <n>', `the explored PE's TLB entries, a power of two; evictions make a result no proof (default ${EXPLORE_DEFAULTS.tlbEntries})`)
    .option('--max-states <n>', `bound on the states of the static path analysis without --from/--to (default ${MAX_STATIC_STATES})`)
    .action((file: string | undefined, opts: CheckOptions) => {
      if (!['text', 'json', 'sarif'].includes(opts.format)) return bad(`bad --format '${opts.format}' (text | json | sarif)`);
      if ((file === undefined) === (opts.reference !== true)) return bad('give a switch source or --reference (not both)');
      if (opts.reference === true && (opts.from === undefined || opts.to === undefined)) return bad('--reference needs --from and --to');
      if (!START_STATES.includes(opts.start)) return bad(`bad --start '${opts.start}' (${START_STATES.join(' | ')})`);
      const xo = exploreOptions(opts);
      const maxStates = positive('--max-states', opts.maxStates);
      if (xo === null || maxStates === null) return;
      const target = targetContext(opts);
      if (typeof target === 'string') return bad(target);
      const { ctx, img } = target;
      const pair = opts.from !== undefined && opts.to !== undefined && img !== undefined;
      let p: Program;
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
        // the explorer runs the switch from free RAM in the image, ended by an ERET when it has none
        p = pair ? loadSwitch(file, text, img!) : loadProgram(file, text, { read: readAssembly });
        if (p.diagnostics.length > 0) {
          process.stderr.write(formatDiagnostics(p.diagnostics, (f) => p.sources.get(f)));
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        const fit = p.insns.length === 0 ? `${file} has no instructions` : pair ? switchFits(p, img!) : undefined;
        if (fit !== undefined) return bad(fit);
      }
      const r = checkSwitch({
        program: p, ctx, ...(maxStates === undefined ? {} : { maxStates }),
        ...(pair ? { img: img!, from: opts.from!, to: opts.to!, explore: { ...xo, ...(entry === undefined ? {} : { entry }) } } : {}),
      });
      if (r.stats !== undefined) {
        const stats = formatStats(opts.from!, opts.to!, r.stats);
        if (opts.format === 'text') process.stdout.write(stats);
        else process.stderr.write(stats);
      }
      process.stdout.write(render(r, opts.format, version, pair ? `${opts.from} -> ${opts.to}` : undefined));
      process.exitCode = r.status;
    });
}
