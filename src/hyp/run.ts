// `twostage run`: boot a built image on the virt machine with the observer attached, then turn what was seen
// into a timeline, per-switch costs and a verdict per requirement of the design note.
import { EC_ILLEGAL, EC_IABT_SAME, ecIsAbort, ecOf, ISS_FSC, ISS_FSC_KIND, ISS_FSC_LEVEL, ISS_S1PTW, ISS_WNR } from '../arch/syndrome.ts';
import { NO_CHOICES, type SyncModel } from '../cpu/sync.ts';
import { PC } from '../cpu/state.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { watchExceptionLoops } from '../cpu/exception-loop.ts';
import { installTrace, type TraceKind } from '../machine/trace.ts';
import type { MachineStop, RunResult, VirtMachine } from '../machine/virt.ts';
import { type BuiltImage, machineFor } from './image.ts';
import { GICH_SWITCHED } from './vgic.ts';
import { LeakCheck } from './leak-check.ts';
import { currentContext, FP_FIRST_USE, type GicView, observe, type Episode, type Observation } from './observe.ts';

export interface DeniedAccess {
  readonly context: string;
  readonly esr: number;
  readonly far: bigint;
  readonly hpfar: bigint;
  readonly decoded: string;
}

export interface SwitchCost {
  readonly kind: string;
  readonly count: number;
  readonly writes: number;
  readonly barriers: number;
  readonly tlbis: number;
  readonly insns: number;
}

/** The requirements every run is judged on, in report order (see verdicts(), runEnd(), logTruth(), registersOwn()). */
export const VERDICT_IDS = ['va48', 'vmids', 'isolation', 'stale', 'run-ended', 'log', 'registers'] as const;
export type VerdictId = (typeof VERDICT_IDS)[number];

export interface Verdict {
  readonly id: VerdictId;
  readonly requirement: string;
  readonly status: 'pass' | 'fail' | 'n/a';
  readonly evidence: string;
}

export interface RunReport {
  readonly hosting: string;
  readonly tlb: string;
  /** The CPU's synchronization model: immediate, or architectural (+ speculation, + erratum 1319537 walks). */
  readonly sync: string;
  /** Errata workarounds the hypervisor was built with (scenario key `errata`). */
  readonly errata: readonly number[];
  readonly exitCode: number | null;
  /** Why the machine stopped (PSCI SYSTEM_OFF is an exit with status 0). */
  readonly stop: MachineStop;
  readonly instructions: number;
  readonly uart: string;
  readonly episodes: readonly Episode[];
  /** The hypervisor's own denied-access log (read from its memory after the run): each context's first records. */
  readonly denied: readonly DeniedAccess[];
  readonly deniedTotal: number;
  /** Per context: the denials the hypervisor counted, and how many of them its log kept (the rest were dropped). */
  readonly deniedPerContext: readonly { readonly context: string; readonly seen: number; readonly kept: number }[];
  readonly costs: readonly SwitchCost[];
  readonly verdicts: readonly Verdict[];
  readonly notes: readonly string[];
  readonly observation: Observation;
}

export const DEFAULT_BUDGET = 50_000_000;
/** Instructions per call into the machine, so that progress can be reported between them. */
const CHUNK = 1 << 20;

export interface RunOptions {
  readonly budget?: number;
  /** `--sync architectural` (and `--speculate`/`--errata`): the CPU's SyncModel; null or absent = immediate. */
  readonly sync?: SyncModel | null;
  /** `--trace` kinds, printed through `traceWrite` next to the observer's hooks. */
  readonly trace?: readonly TraceKind[];
  readonly traceWrite?: (line: string) => void;
  /** Called after every chunk of about a million instructions with the count so far. */
  readonly onProgress?: (instructions: number) => void;
  /**
   * Called with the loaded machine before its first instruction, after the observer's and the trace's hooks are in
   * place (a hook it installs must call the one it replaces): the isolation campaign writes its guest program and
   * canaries into memory here and watches the run (test/isolation).
   */
  readonly prepare?: (m: VirtMachine) => void;
  /**
   * Called between slices of the run with the UART bytes output since the previous call: `run` shows them as they come
   * and feeds its stdin to the machine's UART here (the scenario's `input` context receives it; vuart.S).
   */
  readonly onSlice?: (m: VirtMachine, output: Uint8Array) => void;
  /** Called when the run has ended with what the CPU counted (`--stats`). */
  readonly onStats?: (cpu: Cpu) => void;
}

/** A loaded, observed machine ready to run an image; `finish` builds the report from how its run ended. */
export interface RunSession {
  readonly machine: VirtMachine;
  finish(r: RunResult): RunReport;
}

/**
 * Load the image into a machine with the observer's and the trace's hooks in place, for a caller that drives the
 * run itself (runImage; `run --gdb`, where the debugger does).
 */
export function startRun(img: BuiltImage, opts: RunOptions = {}): RunSession {
  const m = machineFor(img);
  const err = m.load(img.image);
  if (err !== undefined) throw new Error(err);
  m.cpu.sync = opts.sync ?? null;
  const obs = observe(m.cpu, img, m.mem, gicView(m), m.uart);
  const endTrace = chainTrace(m, opts);
  opts.prepare?.(m);
  return {
    machine: m,
    finish: (r) => {
      endTrace();
      opts.onStats?.(m.cpu);
      m.cpu.traceExec = null;
      m.cpu.traceException = null;
      m.uart.onTake = null;
      const denied = readDenyLog(img, m);
      const uart = Buffer.from(r.stdout).toString('latin1');
      return {
        hosting: img.hosting,
        tlb: img.scenario.tlb,
        sync: syncName(opts.sync ?? null),
        errata: img.scenario.errata,
        exitCode: r.exitCode,
        stop: r.stop,
        instructions: r.instructions,
        uart,
        episodes: obs.episodes,
        denied: denied.entries,
        deniedTotal: denied.total,
        deniedPerContext: denied.perContext,
        costs: switchCosts(img, obs.episodes),
        verdicts: [...verdicts(img, obs, r.exitCode), runEnd(img, m, r.stop, uart), logTruth(img, obs, denied, r.stop), registersOwn(obs)],
        notes: img.notes,
        observation: obs,
      };
    },
  };
}

/** The observer's side-effect-free view of the machine's GIC (a GICv2 board's: the hypervisor drives GICH). */
export function gicView(m: VirtMachine): GicView {
  const { gic, gicVirt } = m;
  if (gic === undefined || gicVirt === undefined) throw new Error('the reference hypervisor runs on the GICv2 board (gicVersion 2)');
  return { gich: (offset) => gicVirt.control.read(offset, 4), hppir: () => gic.cpuInterface.read(0x18, 4) }; // GICC_HPPIR
}

/** Run the image and build the report; a run in an exception loop it cannot leave ends there (watchExceptionLoops). */
export function runImage(img: BuiltImage, opts: RunOptions = {}): RunReport {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const session = startRun(img, opts);
  const m = session.machine;
  watchExceptionLoops(m.cpu);
  const onSlice = opts.onSlice;
  const onOutput = onSlice === undefined ? undefined : (out: Uint8Array): void => onSlice(m, out);
  let r = m.run(Math.min(CHUNK, budget), onOutput);
  let instructions = r.instructions;
  while (r.stop.kind === 'budget' && instructions < budget) {
    opts.onProgress?.(instructions);
    r = m.run(Math.min(CHUNK, budget - instructions), onOutput);
    instructions += r.instructions;
  }
  return session.finish({ ...r, instructions });
}

function syncName(m: SyncModel | null): string {
  if (m === null) return 'immediate';
  return ['architectural', ...(m.choices !== NO_CHOICES ? ['speculate'] : []), ...(m.errata ? ['errata'] : [])].join('+');
}

/** Install the `--trace` hooks after the observer's, each hook calling both; returns the trace's end function. */
function chainTrace(m: VirtMachine, opts: RunOptions): () => void {
  if (opts.trace === undefined || opts.trace.length === 0) return () => {};
  const cpu = m.cpu;
  const obsExec = cpu.traceExec;
  const obsException = cpu.traceException;
  const end = installTrace(cpu, opts.trace, { write: opts.traceWrite ?? ((line) => process.stderr.write(line + '\n')) });
  const exec = cpu.traceExec;
  const exception = cpu.traceException;
  cpu.traceExec = exec === null ? obsExec : (c, pc, w) => (obsExec?.(c, pc, w), exec(c, pc, w));
  cpu.traceException = exception === null ? obsException : (c, from) => (obsException?.(c, from), exception(c, from));
  return end;
}

/**
 * Verdict 5: the run ended the one way the hypervisor ends it — every context finished or stopped by the hypervisor,
 * then PSCI SYSTEM_OFF from EL2 (switch.S all_done, hyp_exit). Anything else is a failure: the instruction budget
 * ran out (or an exception loop would spend it: watchExceptionLoops), the hypervisor failed (SYSTEM_RESET after its
 * panic line), a guest stopped or powered off the machine (CPU_OFF, SYSTEM_OFF by an untrapped SMC), or the machine
 * stopped with contexts still runnable.
 */
export const RUN_ENDED = 'the run ended as the hypervisor ends it: every context finished, then PSCI SYSTEM_OFF at EL2';

function runEnd(img: BuiltImage, m: VirtMachine, stop: MachineStop, uart: string): Verdict {
  const requirement = RUN_ENDED;
  const sym = (name: string): number => Number(img.symbols.get(name)!);
  const state = (i: number): number => Number(m.mem.readU64(sym('ctx_table') + i * sym('CTX_SIZE') + sym('C_STATE')));
  const runnable = img.contexts.filter((c) => state(c.index) === sym('ST_RUN')).map((c) => c.name);
  const stopped = img.contexts.filter((c) => state(c.index) === sym('ST_STOPPED')).map((c) => c.name);
  const cpu = m.cpu;
  const at = cpu.el === 2 ? 'at EL2' : `at EL${cpu.el} in ${img.contexts[currentContext(img, m.mem)]?.name ?? 'no context'}`;
  const still = runnable.length > 0 ? `; never finished: ${runnable.join(', ')}` : '';
  const fail = (why: string): Verdict => ({ id: 'run-ended', requirement, status: 'fail', evidence: why + still });
  switch (stop.kind) {
    case 'budget':
      return fail(`the instruction budget ran out ${at} (PC 0x${cpu.x[PC]!.toString(16)})`);
    case 'loop':
      // watchExceptionLoops: the PE would repeat one faulting instruction until the budget ran out
      return fail(`an exception loop ${at}: ${stop.why}; only the instruction budget would have ended the run`);
    case 'halt': {
      const panic = /\[hyp\] unexpected exception[^\n]*/.exec(uart)?.[0];
      return fail(panic !== undefined && cpu.el === 2 ? `the hypervisor failed: ${panic}` : `the machine stopped ${at}: ${stop.why}`);
    }
    case 'exit':
      if (cpu.el !== 2) return fail(`a guest powered the machine off ${at} (exit status ${stop.code}), not the hypervisor`);
      if (stop.code !== 0 || runnable.length > 0) return fail(`the machine exited with status ${stop.code} ${at}`);
      return {
        id: 'run-ended', requirement, status: 'pass',
        evidence: `all ${img.contexts.length} contexts finished${stopped.length > 0 ? ` (stopped by the hypervisor: ${stopped.join(', ')})` : ''}, then the hypervisor powered the machine off`,
      };
  }
}

interface DenyLog {
  readonly entries: DeniedAccess[];
  readonly total: number;
  readonly perContext: { context: string; seen: number; kept: number }[];
  /** Per context index, its kept records. */
  readonly byContext: DeniedAccess[][];
}

/** The log as abort.S `deny` leaves it: per context, deny_seen[i] and its first LOG_PER_CTX records of LOG_ENTRY bytes. */
function readDenyLog(img: BuiltImage, m: VirtMachine): DenyLog {
  const sym = (name: string): number => Number(img.symbols.get(name)!);
  const perCtx = sym('LOG_PER_CTX');
  const byContext = img.contexts.map((c) => {
    const seen = Number(m.mem.readU64(sym('deny_seen') + 8 * c.index));
    return Array.from({ length: Math.min(seen, perCtx) }, (_, k): DeniedAccess => {
      const at = sym('deny_log') + (c.index * perCtx + k) * sym('LOG_ENTRY');
      const ctx = Number(m.mem.readU64(at));
      const esr = Number(m.mem.readU64(at + 8));
      const hpfar = m.mem.readU64(at + 24);
      return { context: img.contexts[ctx]?.name ?? `#${ctx}`, esr, far: m.mem.readU64(at + 16), hpfar, decoded: decodeEsr(esr, hpfar) };
    });
  });
  const perContext = img.contexts.map((c) => ({ context: c.name, seen: Number(m.mem.readU64(sym('deny_seen') + 8 * c.index)), kept: byContext[c.index]!.length }));
  return { entries: byContext.flat(), total: Number(m.mem.readU64(sym('log_count'))), perContext, byContext };
}

/**
 * Verdict 6: the hypervisor's log says what happened — per context, it counted every denial the observer saw (an
 * abort or trap taken to EL2, an exception the EL1 shim reported, an illegal return into it), kept the first
 * LOG_PER_CTX of them with their syndrome and addresses, and holds nothing else (no record a forged call made up).
 */
function logTruth(img: BuiltImage, obs: Observation, log: DenyLog, stop: MachineStop): Verdict {
  const requirement = "the hypervisor's log holds exactly the denials that happened (each context its own first records)";
  // a run stopped in the middle of an exception may have seen it before the hypervisor logged it
  const finished = stop.kind === 'exit';
  const problems: string[] = [];
  for (const c of img.contexts) {
    const seen = obs.episodes.filter((e) => e.from === c.index && e.denied !== undefined && (finished || e.to >= 0)).map((e) => e.denied!);
    const counted = log.perContext[c.index]!.seen;
    if (counted < seen.length || (finished && counted !== seen.length)) problems.push(`${c.name}: ${seen.length} denial(s) happened, the log counted ${counted}`);
    log.byContext[c.index]!.forEach((r, k) => {
      const d = seen[k];
      if (r.context !== c.name || d === undefined || r.esr !== d.esr || r.far !== d.far || r.hpfar !== d.hpfar) {
        problems.push(`${c.name}: record ${k + 1} (ESR 0x${r.esr.toString(16)} FAR 0x${r.far.toString(16)}) is not the denial that happened${d === undefined ? '' : ` (ESR 0x${d.esr.toString(16)} FAR 0x${d.far.toString(16)})`}`);
      }
    });
  }
  const dropped = log.perContext.filter((p) => p.seen > p.kept);
  return {
    id: 'log',
    requirement,
    status: problems.length > 0 ? 'fail' : 'pass',
    evidence: problems.length > 0
      ? problems.slice(0, 6).join('; ') + (problems.length > 6 ? ` … (${problems.length} problems)` : '')
      : `${log.total} denial(s), each logged as it happened${dropped.length > 0 ? `; beyond each context's first ${img.symbols.get('LOG_PER_CTX')} counted, not kept: ${dropped.map((p) => `${p.context} ${p.seen - p.kept}`).join(', ')}` : ''}`,
  };
}

const FSC_KIND = ['address size', 'translation', 'access flag', 'permission'];

/** ESR_ELx in words (ARM §D24.2.46; ARCH-NOTES §7d–§7f). */
export function decodeEsr(esr: number, hpfar = 0n): string {
  const ec = ecOf(esr);
  if (ec === EC_ILLEGAL) return 'illegal exception return (PSTATE.IL), EC 0x0E';
  if (!ecIsAbort(ec)) return `trap EC 0x${ec.toString(16)}`;
  const fsc = esr & ISS_FSC;
  const kind = fsc < 16 ? `${FSC_KIND[(fsc & ISS_FSC_KIND) >> 2]} fault level ${fsc & ISS_FSC_LEVEL}` : `fault status 0x${fsc.toString(16)}`;
  const access = ec <= EC_IABT_SAME ? 'instruction fetch' : (esr & ISS_WNR) !== 0 ? 'write' : 'read';
  const walk = (esr & ISS_S1PTW) !== 0 ? ' on a stage-1 table walk' : '';
  const ipa = hpfar !== 0n ? `, IPA 0x${((hpfar >> 4n) << 12n).toString(16)}` : '';
  return `${kind}, ${access}${walk}${ipa}`;
}

const nameOf = (img: BuiltImage, i: number): string => (i < 0 ? 'boot' : img.contexts[i]?.kind === 'vm' ? 'vm' : 'app');

/** Switch kinds (vm→app, app→vm, vm→vm …): averages over the episodes that moved from one context to another; `lazy`,
 *  the traps the hypervisor handled instead of switching state (emulated registers); and `fp`, the FP/SIMD state
 *  moving to a context at its first use since another's (lazy.S fp_trap). Both cost their own. */
function switchCosts(img: BuiltImage, eps: readonly Episode[]): SwitchCost[] {
  const groups = new Map<string, Episode[]>();
  for (const e of eps) {
    const k = e.lazy === FP_FIRST_USE ? 'fp' : e.lazy !== undefined ? 'lazy' : e.from < 0 || e.to < 0 || e.from === e.to ? undefined : `${nameOf(img, e.from)}→${nameOf(img, e.to)}`;
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const avg = (l: Episode[], f: (e: Episode) => number): number => Math.round((l.reduce((s, e) => s + f(e), 0) / l.length) * 10) / 10;
  return [...groups].map(([kind, l]) => ({
    kind, count: l.length, writes: avg(l, (e) => e.writes.length), barriers: avg(l, (e) => e.barriers.length), tlbis: avg(l, (e) => e.tlbis.length), insns: avg(l, (e) => e.insns),
  }));
}

/** Distinct values in hex, at most six. */
function hexList(l: readonly bigint[]): string {
  const u = [...new Set(l)];
  return u.slice(0, 6).map((v) => '0x' + v.toString(16)).join(', ') + (u.length > 6 ? ' …' : '');
}

export const REGISTERS_OWN = 'no context read a register value another context wrote';

/** Verdict 7: what a context can read is its own (leak-check.ts): no register held another context's value at an ERET. */
function registersOwn(obs: Observation): Verdict {
  const sysregs = LeakCheck.registers().filter((n) => !/^[XV]\d+/.test(n));
  return {
    id: 'registers',
    requirement: REGISTERS_OWN,
    status: obs.leaks.length > 0 ? 'fail' : obs.registerChecks === 0 ? 'n/a' : 'pass',
    evidence: obs.leaks.length > 0
      ? obs.leaks.slice(0, 6).map((f) => f.message).join('; ') + (obs.leaks.length > 6 ? ` … (${obs.leaks.length} leaks)` : '')
      : obs.registerChecks === 0 ? 'no context was entered'
      : `at ${obs.registerChecks} entries every register the context could read held its own value: X0–X30, V0–V31 and the ${sysregs.length} registers ${sysregs.join(', ')}, each unless trapped to EL2; and the virtual interface the switch loaded was its own (${GICH_SWITCHED.map((r) => r.name).join(', ')}), every list register and HCR_EL2.VSE/VI/VF it was entered with held only its own interrupts; ${obs.deviceReads} emulated device read(s) returned the VM's own PL011/GICD value (a register only its writes change, a constant, its receive side, and the pending, active and SGI-source bits its own history allows)`,
  };
}

function verdicts(img: BuiltImage, obs: Observation, exitCode: number | null): Verdict[] {
  const out: Verdict[] = [];
  const ran = (i: number): boolean => obs.perContext[i]!.entries > obs.perContext[i]!.illegal;
  const deniedOf = (i: number): number => obs.episodes.filter((e) => e.from === i && e.denied !== undefined).length;
  // 1. 48-bit VA for the native apps
  const natives = img.contexts.filter((c) => c.kind === 'native');
  const high = 1n << 44n;
  if (natives.length === 0) out.push({ id: 'va48', requirement: '48-bit VA works for the native app', status: 'n/a', evidence: 'no native app' });
  else {
    const bad: string[] = [];
    const good: string[] = [];
    for (const c of natives) {
      const pc = obs.perContext[c.index]!;
      // a logged value is evidence only if it is a VA of the app's own memory (a data word may be anything)
      const own = (va: bigint): boolean => c.regions.some((r) => va >= r.at && va < r.at + BigInt(r.size));
      const above = [...new Set([...pc.pcs, ...pc.logs])].filter((v) => v >= high && own(v)); // calls' PCs and logged VAs
      // denials at addresses outside its own memory are the isolation working (e.g. the protection table)
      const ownDenied = obs.episodes.filter((e) => e.from === c.index && e.denied !== undefined && own(e.denied.far)).length;
      if (!ran(c.index)) bad.push(`${c.name} never ran (${pc.illegal > 0 ? 'illegal exception return' : 'not entered'})`);
      else if (above.length === 0) bad.push(`${c.name} ran but never at a VA ≥ 2^44 of its own memory (its calls came from ${hexList(pc.pcs) || 'nowhere'}; it logged ${hexList(pc.logs) || 'nothing'}${deniedOf(c.index) > 0 ? `; ${deniedOf(c.index)} denied access(es)` : ''})`);
      else if (pc.exit !== 0n || ownDenied > 0) bad.push(`${c.name} ran at 0x${above[0]!.toString(16)} but exited with ${pc.exit ?? 'no exit'} after ${ownDenied} denied access(es) to its own memory`);
      else good.push(`${c.name} ran at VAs ${hexList(above)} (≥ 2^44, its own memory) and exited 0`);
    }
    out.push({ id: 'va48', requirement: '48-bit VA works for the native app', status: bad.length === 0 ? 'pass' : 'fail', evidence: [...bad, ...good].join('; ') });
  }
  // 2. VMs under stage 2, distinct VMIDs (native apps included)
  const vms = img.contexts.filter((c) => c.kind === 'vm');
  const problems: string[] = obs.vmidProblems.map((f) => f.message);
  for (const c of vms) {
    const pc = obs.perContext[c.index]!;
    if (!ran(c.index)) problems.push(`${c.name} never ran (${pc.illegal > 0 ? 'illegal exception return' : 'not entered'})`);
    else if (!pc.stage2) problems.push(`${c.name} ran with stage 2 off`);
  }
  const list = img.contexts.map((c) => `${c.name} ${[...obs.perContext[c.index]!.vmids].join('/') || '-'}`);
  out.push({
    id: 'vmids',
    requirement: 'VMs run under stage 2 with distinct VMIDs',
    status: vms.length === 0 ? 'n/a' : problems.length === 0 ? 'pass' : 'fail',
    evidence: (problems.length > 0 ? [...new Set(problems)].slice(0, 6).join('; ') + '. ' : '') + `VMIDs at entry: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ` … (${list.length} contexts)` : ''}`,
  });
  // 3. isolation
  const iso = obs.isolation.map((f) => (ran(f.context) ? f.message : `${f.message} (it never ran)`));
  out.push({
    id: 'isolation',
    requirement: 'no context reached memory outside its own',
    status: obs.isolation.some((f) => ran(f.context)) ? 'fail' : obs.isolation.length > 0 ? 'n/a' : 'pass',
    evidence: iso.length > 0 ? iso.slice(0, 6).join('; ') : `at every entry the live tables mapped only the context's own memory (and, for apps, the read-only EL1 shim)${img.scenario.protection.length > 0 ? ', plus exactly the protection table\'s shares, with their access' : ''}`,
  });
  // 4. stale translations
  const stale = [...obs.stale.map((f) => f.message), ...obs.vmidProblems.map((f) => f.message)];
  out.push({
    id: 'stale',
    requirement: 'no stale translation was used',
    status: stale.length === 0 ? 'pass' : 'fail',
    evidence: stale.length > 0 ? [...new Set(stale)].slice(0, 6).join('; ') : `at every entry, every TLB entry tagged with the incoming VMID pointed into that context's memory${exitCode === null ? ' (run did not finish)' : ''}`,
  });
  return out;
}
