// `twostage check` step 3 (issue 7): run the switch at EL2 on the real CPU under `--sync architectural` from the
// state where context A was running (switch-harness.ts) up to and through the ERET into B, once for every outcome
// the architecture allows — each pending write to a register read at EL2 visible early or not, each TLBI complete
// early or not (it completes at the latest at a sufficient DSB), and with `errata` (Cortex-A57 1319537) every
// speculative EL1&0 walk at EL2 with any mix of old and pending registers — and check the invariants of
// switch-invariants.ts after the ERET. Choice sequences are enumerated depth first by replay (choice-tree.ts);
// states already explored are not explored again (state-hash.ts).
// Speculative fills are not branched on: caching one more translation only adds ways to fail, so the explorer
// caches every translation a speculative walk could make (fill-all.ts). EL2-regime fills are not modelled: the
// target never uses EL2 entries. Memory written by the switch is not rolled back between runs.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { hex64 } from '../bits/bits.ts';
import { profileByName } from '../arch/profiles.ts';
import { tlbiScope } from '../arch/sysops.ts';
import { SR, SYSREGS } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { PC } from '../cpu/state.ts';
import { type OutstandingTlbi, type SyncChoices, SyncModel } from '../cpu/sync.ts';
import { currentVmid } from '../mmu/params.ts';
import { KIND_S2, REGIME_EL10, Tlb } from '../mmu/tlb.ts';
import type { BuiltImage, ContextInfo } from '../hyp/image.ts';
import { regionsOf } from './audit.ts';
import { ChoiceTree } from './choice-tree.ts';
import { fillAll, holds, TlbSnapshot } from './fill-all.ts';
import type { Finding } from './findings.ts';
import { completingDsb } from './lint.ts';
import { loadProgram, type Insn, type Program } from './program.ts';
import { StateHash } from './state-hash.ts';
import { makeHarness, type SwitchHarness } from './switch-harness.ts';
import { checkAfterEret, inside, type Violation } from './switch-invariants.ts';

export interface ExploreOptions {
  /** Cortex-A57 erratum 1319537: speculative EL1&0 walks at EL2 with mixed old/new registers. */
  readonly errata?: boolean;
  /** The target's VMID may hold stale entries (default: the scenario's `tlb: flush`). */
  readonly staleTarget?: boolean;
  /** Bound on explored runs (choice sequences); the result says whether the exploration completed. */
  readonly maxRuns?: number;
  /** Bound on instructions per run. */
  readonly maxSteps?: number;
  /** Where the switch starts (default: its first instruction). */
  readonly entry?: bigint;
  /** The target was never entered: the switch's VMID allocator hands it its VMID (switch-harness.ts). */
  readonly firstEntry?: boolean;
  /** The VMID generation is used up: the switch's allocator rolls over to give the target a VMID that A held in the
   *  previous generation, with A's translations still cached under it (switch-harness.ts). Overrides firstEntry. */
  readonly rollover?: boolean;
}

export interface ExploreStats {
  /** Choice sequences run (each from the start). */
  readonly runs: number;
  /** Distinct states (at instruction boundaries) explored. */
  readonly states: number;
  /** Runs cut short because they reached an explored state. */
  readonly merged: number;
  /** Runs that reached the ERET. */
  readonly erets: number;
  /** Translations of A in the starting TLB. */
  readonly tlbEntries: number;
  /** TLB entries evicted for room (the CPU's TLB is set-associative): an evicted entry might have been a violation, so
   *  with evictions a clean result proves nothing (a finding is still a real counterexample). */
  readonly evictions: number;
  /** Every outcome explored (no bound reached) and no TLB entry evicted: no finding means proven safe. */
  readonly complete: boolean;
  readonly ms: number;
}

export interface ExploreResult {
  readonly findings: Finding[];
  readonly stats: ExploreStats;
  readonly vmids: readonly number[];
}

/** Registers whose in-context value an instruction at EL2 reads: their early visibility is a real choice. */
const READ_AT_EL2 = new Set([SR.HCR_EL2, SR.VTTBR_EL2, SR.VTCR_EL2, SR.SCTLR_EL2, SR.TCR_EL2, SR.TTBR0_EL2]);
/** Registers an EL1&0 walk reads (erratum mixes). */
const EL10_WALK = [SR.HCR_EL2, SR.VTTBR_EL2, SR.VTCR_EL2, SR.TTBR0_EL1, SR.TTBR1_EL1, SR.TCR_EL1, SR.SCTLR_EL1, SR.MAIR_EL1];
/** Registers whose writes are pending under --sync architectural (src/cpu/sync.ts). */
const PENDABLE = SYSREGS.map((r, i) => (r.effect === 'none' ? -1 : i)).filter((i) => i >= 0);
const readSource = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
/** file:line of an instruction, for counterexamples (the reference switch spans several files). */
const loc = (i: Insn): string => `${basename(i.file)}:${i.line}`;
const ERET_NOTE = '// appended by check: the ERET into the target';

/** Assemble a switch at an address of free RAM in the image, ending it with an ERET when it has none. */
export function loadSwitch(file: string, text: string, img: BuiltImage): Program {
  const paBits = profileByName(img.scenario.cpu)?.paBits ?? 44;
  const free = regionsOf(img, paBits).find((r) => r.kind === 'free-ram' && r.size >= 0x20000);
  const base = free === undefined ? 0x4008_0000 : Math.ceil(free.pa / 0x10000) * 0x10000;
  const opts = { base: BigInt(base), read: readSource };
  const p = loadProgram(file, text, opts);
  if (p.diagnostics.length > 0 || p.insns.some((i) => i.event.k === 'eret')) return p;
  return loadProgram(file, `${text}${text.endsWith('\n') ? '' : '\n'}    eret ${ERET_NOTE}\n`, opts);
}

/** The SyncChoices of one run: every choice goes through the tree; the narrative of non-default ones is kept. */
class ExploreChoices implements SyncChoices {
  here: Insn | null = null;
  /** Registers made visible early during the current step. */
  readonly visibleNow = new Set<number>();
  /** TLBIs completed early during the current step. */
  readonly completedNow: OutstandingTlbi[] = [];
  log: string[] = [];
  private readonly mixesDone = new Set<string>();
  /** TLBIs completed in this run. */
  completions = 0;
  /** Every translation of each register mix seen, across runs. */
  private readonly walks = new Map<string, TlbSnapshot>();

  constructor(
    private readonly tree: ChoiceTree,
    private readonly c: Cpu,
    private readonly errata: boolean,
    private readonly branchAll: boolean,
    private readonly name: (vmid: number) => string,
    /** `TLBI <op> (file:line)` of an outstanding TLBI. */
    private readonly tlbiName: (t: OutstandingTlbi) => string,
    /** Is [pa, pa+size) outside the allowed memory of the context that owns `vmid`? */
    private readonly foreign: (vmid: number, pa: number, size: number) => boolean,
  ) {}

  begin(): void {
    this.log = [];
    this.mixesDone.clear();
    this.completions = 0;
  }

  beforeStep(i: Insn): void {
    this.here = i;
    this.visibleNow.clear();
    this.completedNow.length = 0;
  }

  private at(): string {
    const i = this.here!;
    return `before ${loc(i)} (${i.source.trim()})`;
  }

  pendingVisible(reg: number): boolean {
    if (!this.branchAll && !READ_AT_EL2.has(reg)) return false;
    const yes = this.tree.choose(2) === 1;
    if (yes) {
      this.visibleNow.add(reg);
      this.log.push(`${this.at()}: the pending write to ${SYSREGS[reg]!.name} becomes visible early`);
    }
    return yes;
  }

  tlbiCompleted(_op: string, k: number): boolean {
    const yes = this.tree.choose(2) === 1;
    if (yes) {
      const t = this.c.sync!.outstanding()[k]!;
      this.log.push(`${this.at()}: ${this.tlbiName(t)} completes early`);
      this.completedNow.push(t);
      this.completions++;
    }
    return yes;
  }

  speculativeFill(regime: number): boolean {
    if (regime === REGIME_EL10 && this.errata && this.c.el === 2) this.erratumFills();
    return false;
  }

  mixNew(): boolean {
    return false;
  }

  pick(): number {
    return 0;
  }

  /** Erratum 1319537: cache every translation of every mix of in-context and pending EL1&0 registers — the
   *  in-context ones alone too: after a TLBI has completed, such a walk refills what it removed. */
  private erratumFills(): void {
    const c = this.c;
    const sync = c.sync!;
    const pending = EL10_WALK.filter((i) => sync.read(c, i) !== c.sr[i]);
    const sr = new BigUint64Array(c.sr.length);
    for (let m = 0; m < 1 << pending.length; m++) {
      sr.set(c.sr);
      pending.forEach((i, b) => {
        if ((m >> b) & 1) sr[i] = sync.read(c, i);
      });
      const regs = EL10_WALK.map((i) => sr[i]!.toString(16)).join(',');
      // entries leave the TLB only when a TLBI completes: until then the same mix adds nothing new
      const key = `${this.completions}:${regs}`;
      if (this.mixesDone.has(key)) continue;
      this.mixesDone.add(key);
      let fills = this.walks.get(regs);
      if (fills === undefined) {
        // the tables do not change during the switch: walk each mix once, in a scratch TLB
        const scratch = new Tlb();
        fillAll({ sr, sr32: new Uint32Array(sr.buffer), profile: c.profile, mem: c.mem, tlb: scratch, scratch: c.scratch }, 1);
        fills = new TlbSnapshot(scratch);
        this.walks.set(regs, fills);
      }
      if (fills.size === 0) continue;
      // narrate only the walks that cache something new outside the memory of the VMID's holder
      const leak = fills.entries.find((f) => this.foreign(f.vmid, f.out, 2 ** f.shift) && !holds(c.tlb, f));
      fills.insertInto(c.tlb);
      if (leak === undefined) continue;
      const mixed = pending.map((i, b) => `${SYSREGS[i]!.name} ${(m >> b) & 1 ? 'new' : 'old'}`).join(', ');
      this.log.push(`${this.at()}: a speculative EL1&0 walk at EL2 (erratum 1319537) with ${pending.length === 0 ? 'the registers in context' : mixed} may cache a translation to PA 0x${leak.out.toString(16)} tagged VMID ${leak.vmid} (${this.name(leak.vmid)})`);
    }
  }
}

/** An EL1&0 TLBI of every VMID (ALLE1), by its row's scope (src/arch/sysops.ts). */
function everyVmid(op: string): boolean {
  const s = tlbiScope(op);
  return s.regime === 'EL1&0' && s.vmid === 'all';
}
/** An EL1&0 TLBI that removes every stage-2 entry of the VMIDs it covers (VMALLS12E1, ALLE1), unlike the stage-1
 *  operations (VMALLE1, VAE1, ASIDE1 …) and IPAS2E1 (one IPA). */
function everyStage2Entry(op: string): boolean {
  const s = tlbiScope(op);
  return s.regime === 'EL1&0' && s.stage !== 'stage1' && s.address === 'none';
}

const sameTlbi = (a: OutstandingTlbi, b: OutstandingTlbi): boolean => a.pc === b.pc && a.op === b.op && a.vmid === b.vmid;

/** The TLBIs of `was` that are no longer outstanding and were not completed early (`early`): a DSB completed them. */
function completedBy(was: readonly OutstandingTlbi[], now: readonly OutstandingTlbi[], early: readonly OutstandingTlbi[]): OutstandingTlbi[] {
  const left = [...now, ...early];
  return was.filter((t) => {
    const k = left.findIndex((u) => sameTlbi(t, u));
    if (k < 0) return true;
    left.splice(k, 1);
    return false;
  });
}

/** Fingerprint of everything the rest of the run depends on. */
function stateKey(c: Cpu, sync: SyncModel): string {
  const h = new StateHash();
  h.words(c.u32, 0, 2 * (PC + 1)); // X0–X30, XZR, SP, PC
  h.word(c.el);
  h.word(c.il);
  h.words(c.sr32);
  for (const i of PENDABLE) {
    const v = sync.read(c, i);
    h.num(Number(v & 0xffff_ffffn));
    h.num(Number(v >> 32n));
  }
  for (const t of sync.outstanding()) {
    h.text(t.op);
    h.word(t.vmid);
    h.num(t.pc);
  }
  const t = c.tlb;
  for (let e = 0; e < t.capacity; e++) {
    if (t.kind[e] === 0) continue;
    h.word(e);
    h.word(t.kind[e]! | (t.regime[e]! << 8) | (t.shift[e]! << 16));
    h.word(t.vmid[e]! | (t.asid[e]! << 16));
    h.num(t.key[e]!);
    h.num(t.out[e]!);
  }
  return h.key();
}

interface Found {
  readonly v: Violation;
  readonly insn: Insn;
  readonly fix: string;
  readonly log: readonly string[];
  readonly weight: number;
}

/** The last executed MSR to one of `regs`. */
const lastMsr = (executed: readonly Insn[], regs: readonly string[]): Insn | undefined =>
  executed.filter((i) => i.event.k === 'msr' && regs.includes(i.event.reg)).at(-1);

/** Explore every outcome of the switch `p` (from loadSwitch) from context `from` to context `to` of `img`. */
export function explore(p: Program, img: BuiltImage, fromName: string, toName: string, opts: ExploreOptions = {}): ExploreResult {
  const t0 = performance.now();
  const from = img.contexts.find((x) => x.name === fromName);
  const to = img.contexts.find((x) => x.name === toName);
  if (from === undefined || to === undefined) throw new Error(`no context '${from === undefined ? fromName : toName}'`);
  const errata = opts.errata ?? false;
  const h = makeHarness(img, p, from, to, opts.staleTarget ?? img.scenario.tlb === 'flush', opts.entry, opts.rollover ? 'rollover' : opts.firstEntry ? 'first-entry' : 'allocated');
  const c = h.cpu;
  const paBits = profileByName(img.scenario.cpu)?.paBits ?? 44;
  const byAddr = new Map(p.insns.map((i) => [i.addr, i]));
  const owner = (vmid: number): string => {
    const holder = h.holders.get(vmid);
    if (holder !== undefined) return `${holder.name}'s`;
    if (vmid === 0) return 'the hypervisor\'s';
    const before = img.contexts.filter((x) => h.vmids[x.index] === vmid).map((x) => x.name);
    return before.length > 0 ? `free: ${before.join(', ')}'s before the rollover` : 'free';
  };
  const tree = new ChoiceTree();
  const branchAll = p.insns.some((i) => i.event.k === 'at');
  // who can hit another VMID's entries later (switch-invariants.ts); none under tlb: flush, where every switch
  // invalidates its target's VMID
  const holders = h.staleTarget ? null : h.holders;
  // an entry under a VMID nobody holds is anybody's: the allocator hands that VMID out without a TLBI
  const foreign = (vmid: number, pa: number, size: number): boolean => {
    if (holders === null) return vmid === h.vmids[to.index] && !inside(to.allowed, pa, size);
    const holder = holders.get(vmid);
    return holder === undefined ? vmid !== 0 : !inside(holder.allowed, pa, size);
  };
  const insnAt = (pc: number): Insn | undefined => byAddr.get(BigInt(pc));
  const tlbiName = (t: OutstandingTlbi): string => {
    const i = insnAt(t.pc);
    return `TLBI ${t.op}${i === undefined ? '' : ` (${loc(i)})`}`;
  };
  const ch = new ExploreChoices(tree, c, errata, branchAll, owner, tlbiName, foreign);
  const visited = new Set<string>();
  const found = new Map<string, Found>();
  const maxRuns = opts.maxRuns ?? 50_000;
  const maxSteps = opts.maxSteps ?? 10_000;
  let merged = 0;
  let erets = 0;
  let complete = true;

  for (;;) {
    const sync = new SyncModel({ choices: ch, errata });
    h.prime(sync);
    ch.begin();
    const executed: Insn[] = [];
    const tlbiVmid = new Map<Insn, number>();
    for (let step = 0; step < maxSteps; step++) {
      const insn = byAddr.get(c.x[PC]!);
      if (insn === undefined || step === maxSteps - 1) {
        const why = insn === undefined ? `the switch left its code at PC 0x${c.x[PC]!.toString(16)} (EL${c.el}) before any ERET` : `no ERET within ${maxSteps} instructions`;
        const last = executed.at(-1) ?? p.insns[0]!;
        const weight = tree.taken().filter((v) => v !== 0).length;
        if (!found.has('no-eret') || found.get('no-eret')!.weight > weight) {
          found.set('no-eret', { v: { rule: 'no-eret', message: why, details: [] }, insn: last, weight, log: [...ch.log], fix: 'end the switch with the ERET into the target; an exception taken at EL2 goes to VBAR_EL2 (check the instruction before)' });
        }
        break;
      }
      ch.beforeStep(insn);
      const hcrBefore = c.sr[SR.HCR_EL2]!;
      const pendingBefore = sync.pending;
      const tlbisBefore = insn.event.k === 'dsb' ? sync.outstanding() : [];
      c.run(1);
      executed.push(insn);
      const e = insn.event;
      if (e.k === 'msr' && READ_AT_EL2.has(SR[e.reg as keyof typeof SR] ?? -1)) {
        const i = SR[e.reg as keyof typeof SR]!;
        ch.log.push(`${loc(insn)}: MSR ${e.reg} = ${hex64(sync.read(c, i))}${sync.read(c, i) !== c.sr[i] ? ' (pending until a context synchronization event)' : ''}`);
      } else if (e.k === 'tlbi') {
        const vmid = currentVmid(c);
        tlbiVmid.set(insn, vmid);
        ch.log.push(`${loc(insn)}: TLBI ${e.op} selects VMID ${vmid} (${owner(vmid)}), the VMID in context when it executes`);
      } else if (e.k === 'dsb') {
        const done = completedBy(tlbisBefore, sync.outstanding(), ch.completedNow);
        ch.completions += done.length;
        if (done.length > 0) ch.log.push(`${loc(insn)}: DSB ${e.option} completes ${done.map(tlbiName).join(', ')}`);
      } else if (e.k === 'isb' && pendingBefore > 0) {
        ch.log.push(`${loc(insn)}: ISB: the pending writes take effect`);
      }
      if (e.k === 'eret') {
        erets++;
        const late = sync.outstanding();
        if (late.length > 0) ch.log.push(`${loc(insn)} (eret) executes with ${late.map(tlbiName).join(', ')} not yet complete`);
        const hcrAtEret = ch.visibleNow.has(SR.HCR_EL2) ? sync.read(c, SR.HCR_EL2) : hcrBefore;
        const vs = checkAfterEret({ c, to, contexts: img.contexts, vmids: h.vmids, holders, hcrAtEret, paBits });
        const weight = tree.taken().filter((v) => v !== 0).length;
        for (const v of vs) {
          const prev = found.get(v.rule);
          if (prev !== undefined && prev.weight <= weight) continue;
          found.set(v.rule, { v, weight, log: [...ch.log], ...locate(v, insn, executed, tlbiVmid, late.map((t) => ({ op: t.op, insn: insnAt(t.pc) })), to, h) });
        }
        break;
      }
      if (!tree.replaying) {
        const key = stateKey(c, sync);
        if (visited.has(key)) {
          merged++;
          break;
        }
        visited.add(key);
      }
    }
    if (tree.runs >= maxRuns) {
      complete = !tree.advance();
      break;
    }
    if (!tree.advance()) break;
  }
  c.sync = null;
  const findings = [...found.values()].map((f) => toFinding(f));
  const evictions = c.tlb.evictions;
  const stats: ExploreStats = { runs: tree.runs, states: visited.size, merged, erets, tlbEntries: h.tlb.size, evictions, complete: complete && evictions === 0, ms: performance.now() - t0 };
  return { findings, stats, vmids: h.vmids };
}

/** Which instruction a violation is charged to, and its fix. */
function locate(
  v: Violation, eret: Insn, executed: readonly Insn[], tlbiVmid: ReadonlyMap<Insn, number>, outstanding: readonly { op: string; insn: Insn | undefined }[],
  to: ContextInfo, h: SwitchHarness,
): { insn: Insn; fix: string } {
  const want = h.vmids[to.index]!;
  const vttbr = (to.regs.vttbr & ~(0xffn << 48n)) | (BigInt(want) << 48n);
  switch (v.rule) {
    case 'no-eret':
    case 'eret-illegal':
      return { insn: eret, fix: `load ${to.name}'s full HCR_EL2 value ${hex64(to.regs.hcr)} (RW=1; TGE=0 to enter EL1) and put an ISB between the MSR HCR_EL2 and the ERET` };
    case 'hcr-wrong':
      return { insn: lastMsr(executed, ['HCR_EL2']) ?? eret, fix: `write ${to.name}'s intended value ${hex64(to.regs.hcr)} (from the context table), or read-modify-write only the bits meant to change` };
    case 'vmid-wrong':
      return { insn: lastMsr(executed, ['VTTBR_EL2']) ?? eret, fix: `write VTTBR_EL2 = (VMID << 48) | BADDR with ${to.name}'s own VMID ${want}: ${hex64(vttbr)}, then ISB before any TLBI or AT that must use it` };
    case 'walk-outside':
      return { insn: lastMsr(executed, ['HCR_EL2', 'VTTBR_EL2', 'VTCR_EL2']) ?? eret, fix: `load ${to.name}'s HCR_EL2 ${hex64(to.regs.hcr)}, VTTBR_EL2 ${hex64(vttbr)} and VTCR_EL2 ${hex64(to.regs.vtcr)} from the context table before the ERET` };
    case 'tlb-stale': {
      const late = outstanding[0];
      if (late !== undefined) return { insn: late.insn ?? eret, fix: `complete the TLBI before the ERET: DSB ${completingDsb(late.op)} after it (then ISB)` };
      const wrong = executed.find((i) => i.event.k === 'tlbi' && !everyVmid(i.event.op) && tlbiVmid.get(i) !== want);
      if (wrong !== undefined) return { insn: wrong, fix: `make ${to.name}'s VTTBR_EL2 effective before the TLBI: MSR VTTBR_EL2; ISB; TLBI …; DSB NSH` };
      // a stage-2-only entry survives the stage-1 operations (VMALLE1, VAE1, ASIDE1 …: ARCH-NOTES §9)
      const narrow = executed.find((i) => i.event.k === 'tlbi' && tlbiVmid.get(i) === want && !everyStage2Entry(i.event.op));
      if (narrow !== undefined && v.entryKind === KIND_S2) {
        return { insn: narrow, fix: 'TLBI VMALLS12E1 (stage 1 and stage 2 entries of the VMID) instead: this operation leaves stage-2-only entries' };
      }
      if (v.pa !== undefined && !h.tlb.has(want, v.pa)) {
        return { insn: lastMsr(executed, ['VTTBR_EL2']) ?? eret, fix: 'apply the erratum 1319537 workaround: stop EL1&0 walks (TCR_EL1.EPD0/EPD1 = 1, ISB) before switching VTTBR_EL2 and restore the target\'s TCR_EL1 only after the stage-2 registers are in context' };
      }
      return { insn: eret, fix: `invalidate ${to.name}'s VMID before entering it (MSR VTTBR_EL2; ISB; TLBI VMALLS12E1; DSB NSH), or give every context its own VMID, reused only after TLBI ALLE1` };
    }
    case 'tlb-latent': {
      // a completed TLBI that covered the entry's VMID: a walk cached the entry again after it
      const covering = executed.filter((i) => i.event.k === 'tlbi' && (everyVmid(i.event.op) || tlbiVmid.get(i) === v.vmid) && !outstanding.some((o) => o.insn === i)).at(-1);
      if (covering === undefined) {
        return { insn: eret, fix: 'invalidate a VMID before the allocator hands it out again: when it starts a new VMID generation, TLBI ALLE1; DSB ISH before the ERET' };
      }
      return {
        insn: covering,
        fix: 'stop the outgoing context\'s EL1&0 walks before this invalidation (erratum 1319537: TCR_EL1.EPD0/EPD1 = 1 and SCTLR_EL1.M = 1, each followed by an ISB) and keep them off until the target\'s stage 2 is in context: otherwise a speculative walk with the outgoing registers, after the TLBI completes, caches their translations again under a VMID the allocator hands out later',
      };
    }
  }
}

function toFinding(f: Found): Finding {
  const i = f.insn;
  const appended = i.source.includes(ERET_NOTE);
  return {
    ruleId: f.v.rule, level: 'error', file: i.file, line: i.line, col: i.col, source: appended ? '' : i.source,
    message: appended ? `${f.v.message} (at the ERET check appends)` : f.v.message,
    details: f.v.details,
    counterexample: [...f.log, `after the ERET: ${f.v.message}`],
    fix: f.fix,
  };
}
