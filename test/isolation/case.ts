// One case of the isolation campaign: a shape's image on a fresh machine with the case's program in the hostile
// context, canary doublewords in every byte of RAM that is neither the hostile's nor the hypervisor's working data,
// and watchers on the run. What it reports (issue 11): any canary or image byte changed; any canary value in the
// hostile's registers or memory, or the register-leak verdict failing; any physical address a context reached that
// `audit` did not declare reachable with that access; EL2 executing outside the hypervisor; a hypervisor failure, a
// hang (the budget ran out, or an exception loop would spend it) or a thrown JavaScript exception; a failed verdict;
// and a verdict that passed while any of that happened; and a line of the hypervisor's output that a context's text
// could pass off as another context's or the hypervisor's own. Under the hosting modes that are unsafe by design, the audit and the verdicts must say so instead.
import { SR, SYSREGS } from '../../src/arch/sysreg-table.ts';
import { accessible, trapsAt, type El2Controls } from '../../src/arch/sysreg-traps.ts';
import { TRACE_ALL_ELS, type Cpu } from '../../src/cpu/cpu.ts';
import { PC, SP_EL0, SP_EL1 } from '../../src/cpu/state.ts';
import { SeededChoices, SyncModel } from '../../src/cpu/sync.ts';
import { callSource, currentContext, ownerOf } from '../../src/hyp/observe.ts';
import { REGISTERS_OWN, RUN_ENDED, runImage, type RunReport } from '../../src/hyp/run.ts';
import type { VirtMachine } from '../../src/machine/virt.ts';
import { ACC_EXEC, type TranslateResult } from '../../src/mmu/result.ts';
import { P } from '../../src/hyp/table-map.ts';
import { Rng } from './generate.ts';
import { UNSAFE, type Range, type Shape, type SyncPolicy } from './shape.ts';

/** What a finding is about. */
export const CLASSES = [
  'exception', 'canary', 'read-leak', 'register-leak', 'undeclared-pa', 'el2-escape', 'hyp-crash', 'hang', 'verdict',
  'blind-verdict', 'unsafe-unflagged', 'forged-output',
] as const;
export type FindingClass = (typeof CLASSES)[number];

export interface Problem {
  readonly class: FindingClass;
  readonly detail: string;
}

/** Everything random about a case except its program: fixed while the shrinker edits the program. */
export interface CaseEnv {
  /** The canary doubleword at PA p (below 2^32, shape.ts) is keyHi : (keyLo ^ p); keyHi has its top bits set, so no
   *  small value is one. */
  readonly keyHi: number;
  readonly keyLo: number;
  /** X0–X30 and SP the program starts with. */
  readonly initRegs: readonly bigint[];
  /** Seeds the hostile's own random bytes and, under `speculate` and `errata`, the speculation choices. */
  readonly fill: number;
}

export function caseEnv(seed: string, index: number): CaseEnv {
  const r = new Rng(`${seed}/${index}/env`);
  return { keyHi: (r.u32() | 0xc000_0000) >>> 0, keyLo: r.u32(), initRegs: Array.from({ length: 32 }, () => r.u64()), fill: r.u32() };
}

export interface CaseOutcome {
  readonly problems: readonly Problem[];
  readonly instructions: number;
  /** The run's UART output (empty after an exception): the hypervisor's log of what the contexts did. */
  readonly uart: string;
  /** How the run ended, in a few words. */
  readonly stop: string;
  /** Program words the hostile context executed (each counted once; the exit call included): how far it got. */
  readonly executed: number;
  /** Under seed-tge/seed-literal: what the hostile did that the audit and the isolation verdict say it can (the
   *  campaign's sanity check: these modes must show escapes). */
  readonly expected: readonly FindingClass[];
}

const MAX_PROBLEMS_PER_CLASS = 4;

/** Collects problems, a few per class. */
class Problems {
  readonly list: Problem[] = [];
  private readonly count = new Map<FindingClass, number>();
  add(c: FindingClass, detail: string): void {
    const n = this.count.get(c) ?? 0;
    this.count.set(c, n + 1);
    if (n < MAX_PROBLEMS_PER_CLASS) this.list.push({ class: c, detail });
  }
  has(c: FindingClass): boolean {
    return this.count.has(c);
  }
  /** Classes dropped as expected (a hosting mode that is unsafe by design did what the audit says it can). */
  readonly expected: FindingClass[] = [];
  /** Forget every problem of class `c` (expected under a hosting mode that is unsafe by design). */
  drop(c: FindingClass): void {
    if (this.count.has(c)) this.expected.push(c);
    this.count.delete(c);
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.class === c) this.list.splice(i, 1);
  }
}

const hex = (v: number | bigint): string => `0x${v.toString(16)}`;
const ACCESS = ['read', 'write', 'fetch'];

/** Run `words` as the hostile program of `shape` with `env`. Never throws: a JavaScript exception is a finding. */
export function runCase(shape: Shape, words: readonly number[], env: CaseEnv): CaseOutcome {
  const p = new Problems();
  const ran = new Uint8Array(words.length);
  const origins: number[] = [];
  let m: VirtMachine | undefined;
  let report: RunReport;
  try {
    if (words.length > shape.programWords) throw new Error(`program of ${words.length} words; the guest holds ${shape.programWords}`);
    const sync = syncModel(shape.config.sync, env);
    report = runImage(shape.img, {
      budget: shape.budget,
      sync,
      prepare: (machine) => {
        m = machine;
        prepare(machine, shape, words, env);
        watch(machine, shape, env, p);
        countExecuted(machine, shape, ran);
        traceOutput(machine, shape, origins);
      },
    });
  } catch (e) {
    p.add('exception', e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e));
    const instructions = m?.cpu.icount ?? 0;
    m?.mem.release();
    return { problems: p.list, instructions, uart: '', stop: 'exception', executed: 0, expected: [] };
  }
  try {
    checkMemory(m!, shape, env, p);
    checkOutput(shape, m!.stdout.bytes(), origins, p);
  } finally {
    m!.mem.release(); // the machine is done with: its RAM pages go to the next case's machine (phys.ts release)
  }
  judge(shape, report, p);
  if (!UNSAFE.has(shape.config.hosting)) {
    for (const v of shape.audit.violations) p.add('verdict', `audit: ${v.context} reaches ${v.region} (${v.rule})`);
  }
  const stop = report.stop.kind === 'exit' ? `exit ${report.stop.code}` : report.stop.kind === 'halt' ? `halt: ${report.stop.why}` : report.stop.kind;
  return { problems: p.list, instructions: report.instructions, uart: report.uart, stop, executed: ran.reduce((a, b) => a + b, 0), expected: p.expected };
}

/** The SyncModel of a policy (src/cli/sync-options.ts syncModelFrom: --sync, --speculate SEED, --errata). */
function syncModel(s: SyncPolicy, env: CaseEnv): SyncModel | null {
  if (s === 'immediate') return null;
  if (s === 'architectural') return new SyncModel();
  return new SyncModel({ choices: new SeededChoices(env.fill), errata: s === 'errata' });
}

const PAGE = 0x1_0000; // PhysMemory pages (src/memory/phys.ts PAGE_SIZE), kept local: loops below run per word

/**
 * Call `f(words, first, end, pa)` for each RAM page's part of `r`: its Uint32Array and word indices [first, end).
 * `overwrites`: f writes every word of its part, so a whole page first touched here need not be zeroed first.
 */
function eachPage(m: VirtMachine, r: Range, f: (u32: Uint32Array, first: number, end: number, pa: number) => void, overwrites = false): void {
  for (let pa = r.pa; pa < r.pa + r.size; ) {
    const next = Math.min(r.pa + r.size, (Math.floor(pa / PAGE) + 1) * PAGE);
    const whole = overwrites && pa % PAGE === 0 && next - pa === PAGE;
    f((whole ? m.mem.pageToOverwrite(pa) : m.mem.page(pa))!.u32, (pa % PAGE) >>> 2, ((next - 1) % PAGE >>> 2) + 1, pa);
    pa = next;
  }
}

/** Before the first instruction: the program, the initial registers, the hostile's own random bytes, the canaries. */
function prepare(m: VirtMachine, shape: Shape, words: readonly number[], env: CaseEnv): void {
  eachPage(m, { pa: shape.programPa, size: words.length * 4 }, (u, first, end, pa) => {
    for (let i = first, k = (pa - shape.programPa) >>> 2; i < end; i++, k++) u[i] = words[k]!;
  });
  eachPage(m, { pa: shape.initRegsPa, size: 32 * 8 }, (u, first) => {
    env.initRegs.forEach((v, k) => {
      u[first + 2 * k] = Number(v & 0xffff_ffffn);
      u[first + 2 * k + 1] = Number(v >> 32n);
    });
  });
  const t = shape.stage1;
  if (t !== undefined) eachPage(m, { pa: t.pa, size: t.words.length * 4 }, (u, first, end, pa) => u.set(t.words.subarray((pa - t.pa) >>> 2, ((pa - t.pa) >>> 2) + end - first), first));
  // the hostile's own bytes never hold a canary's upper word (keyHi): drawn uniformly, a few of the 10^4–10^5 words a
  // case fills would match one case in ten thousand, and checkMemory would call the untouched word a read leak
  const own = new Rng(`fill/${env.fill}`);
  for (const r of shape.ownData) eachPage(m, r, (u, first, end) => {
    for (let i = first; i < end; i++) {
      const w = own.u32();
      u[i] = w === env.keyHi ? (w & 0x7fff_ffff) >>> 0 : w;
    }
  });
  const { keyHi, keyLo } = env;
  for (const r of shape.canaries) eachPage(m, r, (u, first, end, pa) => fillCanaries(u, first, end, pa, keyLo, keyHi), true);
}

// The canary loops run over every word of RAM that is neither the hostile's nor the hypervisor's data (megabytes a
// case): int32 arithmetic only (PAs ≥ 2^30 and keys ≥ 2^31 are not Smis; a Uint32Array store keeps the low 32 bits,
// so `keyLo ^ lo` in int32 is the word (keyLo ^ PA) >>> 0 and `u[i] | 0` compares with it), no closure inside.

/** Write the canary doublewords (keyHi : keyLo ^ PA) at words [first, end) of a page whose word `first` is at `pa`. */
function fillCanaries(u: Uint32Array, first: number, end: number, pa: number, keyLo: number, keyHi: number): void {
  // doubleword-aligned ranges below 2^32 (shape.ts): the upper word of each canary is keyHi
  const k = keyLo | 0;
  const h = keyHi | 0;
  for (let i = first, lo = pa | 0; i < end; i += 2, lo = (lo + 8) | 0) {
    u[i] = k ^ lo;
    u[i + 1] = h;
  }
}

/** The first word index in [first, end) from `from` on whose canary doubleword is not as fillCanaries wrote it; -1 if none. */
function changedCanary(u: Uint32Array, from: number, first: number, end: number, pa: number, keyLo: number, keyHi: number): number {
  const k = keyLo | 0;
  const h = keyHi | 0;
  for (let i = from, lo = (pa + (from - first) * 4) | 0; i < end; i += 2, lo = (lo + 8) | 0) {
    if ((u[i]! | 0) !== (k ^ lo) || (u[i + 1]! | 0) !== h) return i;
  }
  return -1;
}

/** The PA a canary value names (its upper word alone names none: 0). */
const canaryPa = (env: CaseEnv, v: bigint): number => (v === BigInt(env.keyHi) ? 0 : (Number(v & 0xffff_ffffn) ^ env.keyLo) >>> 0);

/** A doubleword (or its upper word alone, as a 4-byte load gets it) that is a canary of this case. */
function isCanary(shape: Shape, env: CaseEnv, v: bigint): boolean {
  if (v === BigInt(env.keyHi)) return true;
  if (Number(v >> 32n) !== env.keyHi) return false;
  const pa = canaryPa(env, v);
  return pa % 8 === 0 && shape.canaries.some((r) => pa >= r.pa && pa < r.pa + r.size);
}

/** Registers an EL0 (app) or EL1 (VM) context can read without a trap under the live EL2 controls. */
function readable(c: Cpu, el: 0 | 1): number[] {
  const ctl: El2Controls = { HCR_EL2: c.sr[SR.HCR_EL2]!, CNTHCTL_EL2: c.sr[SR.CNTHCTL_EL2]!, CPTR_EL2: c.sr[SR.CPTR_EL2]!, MDCR_EL2: c.sr[SR.MDCR_EL2]! };
  const els: (0 | 1)[] = el === 1 ? [0, 1] : [0];
  return SYSREGS.flatMap((row, i) =>
    (row.kind === 'store' || row.kind === 'timer' || row.kind === 'sp') && els.some((e) => accessible(row, e, 'read') && trapsAt(row, e, 'read', ctl).length === 0) ? [i] : [],
  );
}

/**
 * Watch the run: every translation at EL0/EL1 must land where the audit says the running context may go with that
 * access, EL2 may fetch only the hypervisor's code, and at every exception from the hostile into EL2 no register it
 * could read holds a canary.
 */
function watch(m: VirtMachine, shape: Shape, env: CaseEnv, p: Problems): void {
  const img = shape.img;
  const reach = shape.audit.contexts.map((c) => c.ranges);
  const running = (): number => currentContext(img, m.mem);
  m.cpu.tlb.trace = {
    translated(el: number, acc: number, lo: number, hi: number, ok: boolean, r: TranslateResult) {
      if (!ok) return;
      if (el === 2) {
        if (acc === ACC_EXEC && (r.pa < shape.hypCode.pa || r.pa >= shape.hypCode.pa + shape.hypCode.size)) {
          p.add('el2-escape', `EL2 fetched at PA ${hex(r.pa)} (${ownerOf(r.pa, img)}), outside the hypervisor's code`);
        }
        return;
      }
      const ctx = running();
      const need = (acc === 0 ? P.R : acc === 1 ? P.W : P.X) << (el === 1 ? P.EL1 : 0);
      const ranges = reach[ctx];
      if (ranges === undefined || !ranges.some((x) => r.pa >= x.pa && r.pa < x.pa + x.size && (x.perm & need) !== 0)) {
        const va = hex((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
        p.add('undeclared-pa', `${img.contexts[ctx]?.name ?? `context #${ctx}`} at EL${el}: ${ACCESS[acc]} of VA ${va} reached PA ${hex(r.pa)} (${ownerOf(r.pa, img)}), which the audit does not give it`);
      }
    },
    filled() {},
    invalidated() {},
  };
  const cpu = m.cpu;
  const observer = cpu.traceException;
  const rows = new Map<string, number[]>();
  cpu.traceException = (c, fromEl) => {
    observer?.(c, fromEl);
    if (c.el !== 2 || fromEl === 2 || running() !== shape.hostile) return;
    for (let i = 0; i < 31; i++) {
      if (isCanary(shape, env, c.x[i]!)) p.add('read-leak', `the hostile context left EL${fromEl} with X${i} = ${hex(c.x[i]!)}, a canary (${ownerOf(canaryPa(env, c.x[i]!), img)})`);
    }
    const key = `${c.sr[SR.HCR_EL2]}:${c.sr[SR.CNTHCTL_EL2]}:${c.sr[SR.CPTR_EL2]}:${c.sr[SR.MDCR_EL2]}`;
    let list = rows.get(key);
    if (list === undefined) rows.set(key, (list = readable(c, shape.el)));
    for (const i of list) {
      const v = i === SR.SP_EL0 ? c.readBankedSp(SP_EL0) : i === SR.SP_EL1 ? c.readBankedSp(SP_EL1) : c.sr[i]!;
      if (isCanary(shape, env, v)) p.add('read-leak', `the hostile context left EL${fromEl} with ${SYSREGS[i]!.name} = ${hex(v)}, a canary (${ownerOf(canaryPa(env, v), img)})`);
    }
  };
}

/**
 * Trace, besides what is traced already, the instructions at EL0/EL1 for which `wants` says so on entering their fetch
 * page (Cpu.traceExecWhen): the rest of the contexts' code runs untraced, translated under --sync immediate.
 */
function traceAlso(cpu: Cpu, wants: (c: Cpu) => boolean): void {
  const els = cpu.traceExecEls;
  const when = cpu.traceExecWhen;
  const before = (c: Cpu): boolean => ((els >>> c.el) & 1) !== 0 && (when === null || when(c));
  cpu.traceExecEls = TRACE_ALL_ELS;
  cpu.traceExecWhen = (c) => before(c) || (c.el !== 2 && wants(c));
}

/**
 * Mark the program words the hostile context executes (through the observer's per-instruction hook), traced on the
 * pages the program's VAs lie in: a word outside them is none of the program's.
 */
function countExecuted(m: VirtMachine, shape: Shape, ran: Uint8Array): void {
  const cpu = m.cpu;
  const observer = cpu.traceExec;
  const lo = shape.programVa;
  const first = lo & ~0xfffn;
  const end = (lo + BigInt(ran.length * 4) + 0xfffn) & ~0xfffn;
  traceAlso(cpu, (c) => c.x[PC]! >= first && c.x[PC]! < end); // the hostile's instructions too (the observer sees only EL2's)
  cpu.traceExec = (c, pc, w) => {
    observer?.(c, pc, w);
    if (c.el === 2) return;
    const k = Number((pc - lo) >> 2n);
    if (k >= 0 && k < ran.length && currentContext(shape.img, m.mem) === shape.hostile) ran[k] = 1;
  };
}

/**
 * Who wrote each byte of the UART: the hypervisor (-1), or a context, for the character of its putc call (offsets.S
 * CALL_PUTC; X1[7:0], the last byte the call prints). Calls are recognised as the hypervisor authenticates them
 * (observe.ts callSource): a VM's HVC, an app's SVC (under TGE) or the app's SVC its EL1 shim forwards.
 */
function traceOutput(m: VirtMachine, shape: Shape, origins: number[]): void {
  const img = shape.img;
  const putc = img.symbols.get('CALL_PUTC')!;
  let pending: { ctx: number; from: number } | undefined;
  const close = (): void => {
    if (pending !== undefined && origins.length > pending.from) origins[origins.length - 1] = pending.ctx;
    pending = undefined;
  };
  const stdout = m.stdout;
  const push = stdout.push.bind(stdout);
  stdout.push = (b: number): void => {
    origins.push(-1);
    push(b);
  };
  const cpu = m.cpu;
  const inner = cpu.traceException;
  cpu.traceException = (c, fromEl) => {
    inner?.(c, fromEl);
    if (c.el !== 2 || fromEl === 2) return;
    close();
    const ctx = currentContext(img, m.mem);
    const esr = Number(c.sr[SR.ESR_EL2]!);
    const ec = esr >>> 26;
    if (ec !== 0x15 && ec !== 0x16) return;
    const source = callSource(img.contexts[ctx], c, esr);
    const call = source === 'call' || (source === 'shim-forward' && Number(c.sr[SR.ESR_EL1]! >> 26n) === 0x15);
    if (call && c.x[0] === putc) pending = { ctx, from: origins.length };
  };
  m.cpu.traceExec = ((inner) => (c: Cpu, pc: bigint, w: number) => {
    inner?.(c, pc, w);
    if (pending !== undefined && c.el !== 2) close(); // the call returned: its character was the last byte
  })(m.cpu.traceExec);
  // set at an exception into EL2: the first context instruction after it is on a fetch page entered since
  traceAlso(cpu, () => pending !== undefined);
}

/**
 * Every line of the hypervisor's output starts with text the hypervisor wrote, and a line holding a context's
 * characters is that context's line: "[name] " written by the hypervisor, then only that context's characters (and
 * the hypervisor's own words). Otherwise a context passes its text off as another's or as the hypervisor's.
 */
function checkOutput(shape: Shape, bytes: Uint8Array, origins: readonly number[], p: Problems): void {
  const names = shape.img.contexts.map((c) => c.name);
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 10) continue;
    if (i > start) {
      const line = Buffer.from(bytes.subarray(start, i)).toString('latin1');
      const writers = [...new Set(origins.slice(start, i).filter((o) => o >= 0))];
      const prefix = (c: number): string => `[${names[c]}] `;
      const own = writers.length === 1 && line.startsWith(prefix(writers[0]!)) && origins.slice(start, start + prefix(writers[0]!).length).every((o) => o === -1);
      if (origins[start] !== -1 || (writers.length > 0 && !own)) {
        p.add('forged-output', `the line "${JSON.stringify(line).slice(1, -1)}" holds characters of ${writers.map((w) => names[w]).join(' and ')}${origins[start] !== -1 ? ', from its first byte on' : ''}`);
      }
    }
    start = i + 1;
  }
}

/** After the run: every canary and image byte as it was; no canary in the hostile's own memory. */
function checkMemory(m: VirtMachine, shape: Shape, env: CaseEnv, p: Problems): void {
  const img = shape.img;
  const { keyHi, keyLo } = env;
  for (const r of shape.canaries) eachPage(m, r, (u, first, end, pa) => {
    for (let i = changedCanary(u, first, first, end, pa, keyLo, keyHi); i >= 0; i = changedCanary(u, i + 2, first, end, pa, keyLo, keyHi)) {
      const at = pa + (i - first) * 4;
      const was = (keyLo ^ at) >>> 0;
      p.add('canary', `canary at PA ${hex(at)} (${ownerOf(at, img)}) is ${hex(u[i + 1]!)}_${u[i]!.toString(16).padStart(8, '0')}, was ${hex(keyHi)}_${was.toString(16).padStart(8, '0')}`);
    }
  });
  for (const x of shape.image) {
    for (let pa = x.pa; pa < x.pa + x.size; ) {
      const next = Math.min(x.pa + x.size, (Math.floor(pa / PAGE) + 1) * PAGE);
      const u8 = m.mem.page(pa)!.u8;
      const i0 = pa % PAGE;
      const k0 = pa - x.pa;
      // the page's part compared whole (memcmp), then byte by byte only where it differs
      if (Buffer.compare(u8.subarray(i0, i0 + next - pa), x.bytes.subarray(k0, k0 + next - pa)) !== 0) {
        for (let i = i0, k = k0, n = next - pa; n > 0; i++, k++, n--) {
          if (u8[i] !== x.bytes[k]) p.add('canary', `image byte at PA ${hex(x.pa + k)} (${ownerOf(x.pa + k, img)}) is ${hex(u8[i]!)}, was ${hex(x.bytes[k]!)}`);
        }
      }
      pa = next;
    }
  }
  for (const v of shape.view) eachPage(m, { pa: v.pa, size: v.size }, (u, first, end, pa) => {
    // every canary value has keyHi in one of its words: only the doublewords holding one are looked at (indexOf)
    for (let i = pairOf(u.indexOf(keyHi, first), first); i >= 0 && i < end; i = pairOf(u.indexOf(keyHi, i + 2), first)) {
      const d = (BigInt(u[i + 1]!) << 32n) | BigInt(u[i]!);
      for (const half of [d, BigInt(u[i]!), BigInt(u[i + 1]!)]) {
        if (isCanary(shape, env, half)) p.add('read-leak', `the hostile's memory at PA ${hex(pa + (i - first) * 4)} holds ${hex(d)}, a canary (${ownerOf(canaryPa(env, half), img)})`);
      }
    }
  });
}

/** The first word of the doubleword (counted in pairs from `first`) that holds word `j`; -1 for none. */
const pairOf = (j: number, first: number): number => (j < 0 ? -1 : j - ((j - first) & 1));

/** Classes that say something crossed a boundary (and so a verdict should have failed). */
const ESCAPES: readonly FindingClass[] = ['canary', 'read-leak', 'register-leak', 'undeclared-pa', 'el2-escape'];
/** What a context the audit flags as unsafe may do: reach anything, the UART included. */
const DAMAGE: readonly FindingClass[] = [...ESCAPES, 'forged-output'];
const ISOLATION = 'no context reached memory outside its own';
/** The 48-bit-VA verdict is about the design note's goal, not isolation: a hostile app need not exit 0. */
const FUNCTIONAL = '48-bit VA works for the native app';

/** The verdicts and the audit against what was seen. */
function judge(shape: Shape, report: RunReport, p: Problems): void {
  const verdict = (req: string) => report.verdicts.find((v) => v.requirement === req)!;
  const failed = report.verdicts.filter((v) => v.status === 'fail' && v.requirement !== FUNCTIONAL);
  if (UNSAFE.has(shape.config.hosting)) {
    // unsafe by design: the audit must find the violation and the isolation verdict must fail, every time
    if (shape.audit.violations.length === 0) p.add('unsafe-unflagged', `${shape.config.hosting}: the audit finds no violation`);
    // the run's verdict judges the entries it saw: it must fail once a context the audit flags was entered (a hostile
    // VM that spends the short unsafe budget on denied accesses can end the run before the flagged app ever runs)
    const flaggedIdx = new Set(shape.audit.violations.map((v) => shape.img.contexts.findIndex((c) => c.name === v.context)));
    const flaggedRan = report.episodes.some((e) => flaggedIdx.has(e.to));
    if (flaggedRan && verdict(ISOLATION).status !== 'fail') p.add('unsafe-unflagged', `${shape.config.hosting}: a flagged context ran and the verdict "${ISOLATION}" says ${verdict(ISOLATION).status}`);
    // what a context the audit flags does is expected; a context it does not flag must still be contained
    const flagged = shape.audit.violations.some((v) => v.context === shape.img.contexts[shape.hostile]!.name);
    if (flagged) for (const c of DAMAGE) p.drop(c);
    return;
  }
  if (verdict(REGISTERS_OWN).status === 'fail') p.add('register-leak', verdict(REGISTERS_OWN).evidence);
  const end = verdict(RUN_ENDED);
  if (end.status === 'fail') p.add(report.stop.kind === 'budget' || report.stop.kind === 'loop' ? 'hang' : 'hyp-crash', end.evidence);
  for (const v of failed) if (v.requirement !== REGISTERS_OWN && v.requirement !== RUN_ENDED) p.add('verdict', `${v.requirement}: ${v.evidence}`);
  if (failed.length === 0 && ESCAPES.some((c) => p.has(c))) {
    p.add('blind-verdict', `every verdict passed, yet: ${ESCAPES.filter((c) => p.has(c)).join(', ')}`);
  }
}
