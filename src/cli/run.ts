// `twostage run [SCENARIO] [--hosting MODE|all] [--json] [--trace …] [--sync …]`: build the scenario's image, boot
// it on the model with the hypervisor observed, and print the timeline, the per-switch costs and the verdict per
// requirement. Long runs show progress on stderr when it is a terminal.
import type { Command } from 'commander';
import { quoted } from '../bits/bits.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { parseTraceKinds, TRACE_KINDS } from '../machine/trace.ts';
import { BuildError, buildImage, type BuiltImage } from '../hyp/image.ts';
import { formatComparison, formatReport, toJson } from '../hyp/report.ts';
import { checkClaims } from '../hyp/claims.ts';
import { DEFAULT_BUDGET, runImage, type RunOptions, type RunReport, startRun } from '../hyp/run.ts';
import { HOSTING_MODES, type HostingMode } from '../hyp/scenario.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { parseGdbAddress, serveGdb } from './gdb-server.ts';
import { loadScenario, parseHosting } from './build.ts';
import { wholeNumber } from './inputs.ts';
import { progressLine } from './progress.ts';
import { stdinFeed } from './stdin-feed.ts';
import { addStatsOption, renderStats, statsFormat, summarize, timed } from './stats.ts';
import { addSyncOptions, type SyncFlags, syncModelFrom } from './sync-options.ts';

export const DEFAULT_SCENARIO = 'scenarios/seed.yaml';

interface RunFlags extends SyncFlags {
  hosting?: string;
  json?: boolean;
  timeline: boolean;
  maxInsns?: string;
  trace?: string;
  stats?: string | boolean;
  gdb?: string;
  S?: boolean;
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run a scenario under the reference hypervisor: timeline, switch costs, isolation verdict')
    .argument('[scenario]', 'scenario file (YAML)', DEFAULT_SCENARIO)
    .option('--hosting <mode>', `hosting mode, or 'all' for a comparison: ${HOSTING_MODES.join(' | ')} | all`)
    .option('--json', 'print the report as JSON')
    .option('--no-timeline', 'leave the timeline out of the text report')
    .option('--max-insns <N>', `instruction budget (default: the scenario's max_insns, else ${DEFAULT_BUDGET})`)
    .option('--trace <kinds>', `comma-separated trace kinds on stderr: ${TRACE_KINDS.join(', ')}`)
    .option('--gdb <dev>', 'serve the gdb remote protocol on tcp::PORT (as QEMU -gdb); the report follows the session')
    .option('-S', 'with --gdb: wait for the debugger before the first instruction');
  addStatsOption(cmd);
  addSyncOptions(cmd).action(async (file: string, opts: RunFlags) => {
    const bad = (why: string): void => {
      process.stderr.write(`twostage: ${why}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    };
    const s = loadScenario(file);
    if (s === undefined) {
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    const modes: HostingMode[] | undefined = opts.hosting === 'all' ? [...HOSTING_MODES] : opts.hosting === undefined ? [s.hosting] : [parseHosting(opts.hosting)!].filter((m) => m !== undefined);
    const budget = wholeNumber('--max-insns', opts.maxInsns ?? String(s.max_insns ?? DEFAULT_BUDGET), 1, Number.MAX_SAFE_INTEGER);
    if (modes.length === 0) return bad(`--hosting: expected ${HOSTING_MODES.join(', ')} or all, not ${quoted(opts.hosting ?? '')}`);
    if (!budget.ok) return bad(budget.error);
    const trace = parseTraceKinds(opts.trace ?? '');
    if (typeof trace === 'string') return bad(`--trace: ${trace}`);
    const syncCheck = syncModelFrom(opts);
    if (typeof syncCheck === 'string') return bad(syncCheck);
    const stats = statsFormat(opts.stats);
    if (typeof stats === 'object') return bad(stats.error);
    const gdbPort = opts.gdb === undefined ? undefined : parseGdbAddress(opts.gdb);
    if (typeof gdbPort === 'string') return bad(gdbPort);
    if (opts.S === true && gdbPort === undefined) return bad('-S: only with --gdb (nothing would start the target)');
    if (gdbPort !== undefined && modes.length > 1) return bad('--gdb: one hosting mode at a time, not --hosting all');

    const rows: { hosting: HostingMode; report: RunReport }[] = [];
    const progress = progressLine(process.stderr);
    try {
      for (const mode of modes) {
        const img = buildImage(s, file, mode);
        // a fresh SyncModel per run: its pending writes, TLBIs and seeded choices belong to one CPU
        const sync = syncModelFrom(opts);
        let counted: Cpu | undefined;
        // a scenario with an `input` VM: stdin goes to the machine's UART and from there to that VM's (vuart.S), as
        // `boot` gives it to the guest; the output is shown on stderr as it comes, so that one can answer a prompt
        const feed = s.input === undefined || gdbPort !== undefined ? undefined : stdinFeed();
        const runOpts: RunOptions = {
          budget: budget.value, sync: typeof sync === 'string' ? null : sync, trace, traceWrite: (line) => process.stderr.write(line + '\n'),
          onProgress: feed !== undefined ? undefined : (n) => progress.update(`${mode}: ${(n / 1e6).toFixed(1)}M instructions`),
          onStats: (s) => (counted = s),
          onSlice: feed === undefined ? undefined : (m, out) => {
            if (out.length > 0) process.stderr.write(out);
            const typed = feed.take(m.inputPending);
            m.feedInput(typed.bytes);
            if (typed.quit) m.requestStop('stopped by Ctrl-A x');
          },
        };
        const { value: report, timing } = gdbPort === undefined
          ? timed(() => runImage(img, runOpts))
          : { value: await runUnderGdb(img, runOpts, gdbPort, opts.S === true), timing: undefined };
        feed?.close();
        progress.clear();
        if (stats !== undefined && counted !== undefined && timing !== undefined) {
          process.stderr.write(renderStats(stats, summarize(report.instructions, counted, timing), modes.length > 1 ? mode : undefined));
        }
        rows.push({ hosting: mode, report });
        if (!opts.json) process.stdout.write((modes.length > 1 ? '\n' : '') + formatReport(img, report, { timeline: opts.timeline }));
      }
    } catch (e) {
      progress.clear();
      if (!(e instanceof BuildError)) throw e;
      process.stderr.write(e.message + '\n');
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    if (opts.json) {
      process.stdout.write(toJson(rows.map((r) => ({ ...r.report, observation: undefined }))) + '\n');
    } else if (modes.length > 1) {
      process.stdout.write('\n== comparison\n' + formatComparison(rows));
    }
    // exit status 1: a verdict of the (single) mode failed, or (--hosting all, a comparison in which some modes fail
    // requirements by design) a mode failed a requirement the README's hosting table says it meets (claims.ts)
    const failed = modes.length === 1 ? rows[0]!.report.verdicts.filter((v) => v.status === 'fail') : rows.flatMap((r) => checkClaims(r.hosting, r.report.verdicts).unexpectedFailures);
    if (failed.length > 0) process.exitCode = 1;
  });
}

/**
 * `run --gdb`: the debugger drives the observed machine (the budget does not apply); the guest's output goes to stderr
 * as it comes, and the report (stdout) covers the run up to the guest's exit or the debugger's leaving.
 */
async function runUnderGdb(img: BuiltImage, opts: RunOptions, port: number, waitFirst: boolean): Promise<RunReport> {
  const session = startRun(img, opts);
  const m = session.machine;
  const code = await serveGdb(m, port, waitFirst, (out, err) => {
    if (out.length > 0) process.stderr.write(out);
    if (err.length > 0) process.stderr.write(err);
  }, (line) => process.stderr.write(line + '\n'));
  const stop = code === null ? { kind: 'halt' as const, why: 'the debugger detached or killed the target' } : { kind: 'exit' as const, code };
  return session.finish({ exitCode: code, stop, stdout: m.stdout.bytes(), stderr: m.stderr.bytes(), instructions: m.cpu.icount });
}
