// `twostage run`: boot a built image on the virt machine with the observer attached, then turn what was seen
// into a timeline, per-switch costs and a verdict per requirement of the design note.
import { NO_CHOICES, type SyncModel } from '../cpu/sync.ts';
import { installTrace, type TraceKind } from '../machine/trace.ts';
import type { VirtMachine } from '../machine/virt.ts';
import { type BuiltImage, machineFor } from './image.ts';
import { observe, type Episode, type Observation } from './observe.ts';

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

export interface Verdict {
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
  readonly instructions: number;
  readonly uart: string;
  readonly episodes: readonly Episode[];
  /** The hypervisor's own denied-access log (read from its memory after the run). */
  readonly denied: readonly DeniedAccess[];
  readonly deniedTotal: number;
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
}

/** Run the image and build the report. */
export function runImage(img: BuiltImage, opts: RunOptions = {}): RunReport {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const m = machineFor(img);
  const err = m.load(img.image);
  if (err !== undefined) throw new Error(err);
  m.cpu.sync = opts.sync ?? null;
  const obs = observe(m.cpu, img, m.mem);
  const endTrace = chainTrace(m, opts);
  let r = m.run(Math.min(CHUNK, budget));
  let instructions = r.instructions;
  while (r.stop.kind === 'budget' && instructions < budget) {
    opts.onProgress?.(instructions);
    r = m.run(Math.min(CHUNK, budget - instructions));
    instructions += r.instructions;
  }
  endTrace();
  m.cpu.traceExec = null;
  m.cpu.traceException = null;
  const denied = readDenyLog(img, m);
  return {
    hosting: img.hosting,
    tlb: img.scenario.tlb,
    sync: syncName(opts.sync ?? null),
    errata: img.scenario.errata,
    exitCode: r.exitCode,
    instructions,
    uart: Buffer.from(r.stdout).toString('latin1'),
    episodes: obs.episodes,
    denied: denied.entries,
    deniedTotal: denied.total,
    costs: switchCosts(img, obs.episodes),
    verdicts: verdicts(img, obs, r.exitCode),
    notes: img.notes,
    observation: obs,
  };
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

function readDenyLog(img: BuiltImage, m: VirtMachine): { entries: DeniedAccess[]; total: number } {
  const total = Number(m.mem.readU64(Number(img.symbols.get('log_count')!)));
  const base = Number(img.symbols.get('deny_log')!);
  const entries: DeniedAccess[] = [];
  for (let i = 0; i < Math.min(total, 64); i++) {
    const at = base + i * 32;
    const ctx = Number(m.mem.readU64(at));
    const esr = Number(m.mem.readU64(at + 8));
    const far = m.mem.readU64(at + 16);
    const hpfar = m.mem.readU64(at + 24);
    entries.push({ context: img.contexts[ctx]?.name ?? `#${ctx}`, esr, far, hpfar, decoded: decodeEsr(esr, hpfar) });
  }
  return { entries, total };
}

const FSC_KIND = ['address size', 'translation', 'access flag', 'permission'];

/** ESR_ELx in words (ARM §D24.2.46; ARCH-NOTES §7d–§7f). */
export function decodeEsr(esr: number, hpfar = 0n): string {
  const ec = esr >>> 26;
  if (ec === 0x0e) return 'illegal exception return (PSTATE.IL), EC 0x0E';
  if (ec !== 0x20 && ec !== 0x21 && ec !== 0x24 && ec !== 0x25) return `trap EC 0x${ec.toString(16)}`;
  const fsc = esr & 0x3f;
  const kind = fsc < 16 ? `${FSC_KIND[fsc >> 2]} fault level ${fsc & 3}` : `fault status 0x${fsc.toString(16)}`;
  const access = ec <= 0x21 ? 'instruction fetch' : (esr & (1 << 6)) !== 0 ? 'write' : 'read';
  const walk = (esr & (1 << 7)) !== 0 ? ' on a stage-1 table walk' : '';
  const ipa = hpfar !== 0n ? `, IPA 0x${((hpfar >> 4n) << 12n).toString(16)}` : '';
  return `${kind}, ${access}${walk}${ipa}`;
}

const nameOf = (img: BuiltImage, i: number): string => (i < 0 ? 'boot' : img.contexts[i]?.kind === 'vm' ? 'vm' : 'app');

/** Switch kinds (vm→app, app→vm, vm→vm …): averages over the episodes that moved from one context to another. */
function switchCosts(img: BuiltImage, eps: readonly Episode[]): SwitchCost[] {
  const groups = new Map<string, Episode[]>();
  for (const e of eps) {
    if (e.from < 0 || e.to < 0 || e.from === e.to) continue;
    const k = `${nameOf(img, e.from)}→${nameOf(img, e.to)}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
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

function verdicts(img: BuiltImage, obs: Observation, exitCode: number | null): Verdict[] {
  const out: Verdict[] = [];
  const ran = (i: number): boolean => obs.perContext[i]!.entries > obs.perContext[i]!.illegal;
  const deniedOf = (i: number): number => obs.episodes.filter((e) => e.from === i && e.denied !== undefined).length;
  // 1. 48-bit VA for the native apps
  const natives = img.contexts.filter((c) => c.kind === 'native');
  const high = 1n << 44n;
  if (natives.length === 0) out.push({ requirement: '48-bit VA works for the native app', status: 'n/a', evidence: 'no native app' });
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
    out.push({ requirement: '48-bit VA works for the native app', status: bad.length === 0 ? 'pass' : 'fail', evidence: [...bad, ...good].join('; ') });
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
    requirement: 'VMs run under stage 2 with distinct VMIDs',
    status: vms.length === 0 ? 'n/a' : problems.length === 0 ? 'pass' : 'fail',
    evidence: (problems.length > 0 ? [...new Set(problems)].slice(0, 6).join('; ') + '. ' : '') + `VMIDs at entry: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ` … (${list.length} contexts)` : ''}`,
  });
  // 3. isolation
  const iso = obs.isolation.map((f) => (ran(f.context) ? f.message : `${f.message} (it never ran)`));
  out.push({
    requirement: 'no context reached memory outside its own',
    status: obs.isolation.some((f) => ran(f.context)) ? 'fail' : obs.isolation.length > 0 ? 'n/a' : 'pass',
    evidence: iso.length > 0 ? iso.slice(0, 6).join('; ') : `at every entry the live tables mapped only the context's own memory (and, for apps, the read-only EL1 shim)${img.scenario.protection.length > 0 ? ', plus exactly the protection table\'s shares, with their access' : ''}`,
  });
  // 4. stale translations
  const stale = [...obs.stale.map((f) => f.message), ...obs.vmidProblems.map((f) => f.message)];
  out.push({
    requirement: 'no stale translation was used',
    status: stale.length === 0 ? 'pass' : 'fail',
    evidence: stale.length > 0 ? [...new Set(stale)].slice(0, 6).join('; ') : `at every entry, every TLB entry tagged with the incoming VMID pointed into that context's memory${exitCode === null ? ' (run did not finish)' : ''}`,
  });
  return out;
}
