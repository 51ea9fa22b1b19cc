// `twostage walk --scenario S --context NAME --va VA [--hosting MODE] [--entry N|last]`: build the scenario's
// image, run the hypervisor until its N-th ERET into context NAME, and show how VA translates in that context's
// regime at that moment — the registers the hypervisor loaded for it and, for a VM whose kernel has turned its own
// stage 1 on by then, that stage 1 too (with --entry last or a later N).
import { hex64 } from '../bits/bits.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { decodeRow } from '../arch/a64/decode.ts';
import { PC } from '../cpu/state.ts';
import { BuildError, type BuiltImage, buildImage, machineFor } from '../hyp/image.ts';
import { currentContext } from '../hyp/observe.ts';
import { DEFAULT_BUDGET } from '../hyp/run.ts';
import { parseHosting, readScenario } from './build.ts';
import { EXIT_BAD_INPUT } from './boot.ts';

export interface ScenarioWalkRequest {
  readonly file: string;
  readonly context: string;
  readonly hosting?: string;
  /** 1-based entry number, or 'last'. */
  readonly entry?: string;
}

/** The machine stopped right after the hypervisor's `entry`-th ERET into context `ctx`, or how many entries there were. */
function runToEntry(img: BuiltImage, ctx: number, entry: number): { cpu: Cpu; entries: number; reached: boolean } {
  const m = machineFor(img);
  const err = m.load(img.image);
  if (err !== undefined) throw new BuildError(err);
  let entries = 0;
  let eret = false;
  m.cpu.traceExecEls = 1 << 2; // the hypervisor's ERETs: the contexts may run translated
  m.cpu.traceExec = (c, _pc, w) => {
    // the instruction after an ERET into ctx: stop before it runs (halt takes effect after the current instruction,
    // so the stop is requested at the ERET itself)
    if (eret || c.el !== 2 || decodeRow(w)?.id !== 'ERET' || currentContext(img, m.mem) !== ctx) return;
    entries++;
    if (entries === entry) {
      eret = true;
      c.halt({ kind: 'halt', why: 'walk' });
    }
  };
  const r = m.run(DEFAULT_BUDGET);
  return { cpu: m.cpu, entries, reached: eret && r.stop.kind === 'halt' };
}

/**
 * Run the scenario form of `twostage walk`; returns the CPU positioned in the context, the EL to walk at and a line
 * saying where it stopped — or an exit status.
 */
export function scenarioWalkCpu(req: ScenarioWalkRequest, err: (s: string) => void): { cpu: Cpu; el: number; where: string } | number {
  const bad = (why: string): number => {
    err(`twostage walk: ${why}\n`);
    return EXIT_BAD_INPUT;
  };
  const hosting = req.hosting === undefined ? undefined : parseHosting(req.hosting);
  if (req.hosting !== undefined && hosting === undefined) return bad(`--hosting: unknown mode '${req.hosting}'`);
  const entryText = req.entry ?? '1';
  if (!/^(last|[1-9][0-9]*)$/.test(entryText)) return bad(`--entry: expected a positive whole number or 'last', not '${entryText}'`);
  const s = readScenario(req.file);
  if (typeof s === 'string') {
    err(s + '\n');
    return EXIT_BAD_INPUT;
  }
  let img: BuiltImage;
  try {
    img = buildImage(s, req.file, hosting);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    err(e.message + '\n');
    return EXIT_BAD_INPUT;
  }
  const info = img.contexts.find((c) => c.name === req.context);
  if (info === undefined) return bad(`--context: no context '${req.context}' in ${req.file} (it has ${img.contexts.map((c) => c.name).join(', ')})`);
  const want = entryText === 'last' ? runToEntry(img, info.index, Infinity).entries : Number(entryText);
  const run = runToEntry(img, info.index, want);
  if (!run.reached) {
    err(`twostage walk: the hypervisor entered ${info.name} ${run.entries} time(s) under ${img.hosting}; no entry ${entryText}\n`);
    return 1;
  }
  const c = run.cpu;
  const el = info.kind === 'native' ? 0 : 1;
  const where = c.el === 2
    ? `the ERET was an illegal exception return (PSTATE.IL = ${c.il}): the PE stayed at EL2; the walk uses the registers loaded for it`
    : `PC ${hex64(c.x[PC]!)}, EL${c.el}`;
  return { cpu: c, el, where: `context ${info.name} (${info.kind === 'vm' ? 'VM' : 'native app'}) under ${img.hosting}, entry ${want}: ${where}` };
}
