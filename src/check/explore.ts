// `twostage check` step 3 (issue 7): run the switch at EL2 on the real CPU under `--sync architectural` from the
// state where context A was running (switch-harness.ts) up to and through the ERET into B, once for every outcome
// the architecture allows — each pending write to a register read at EL2 visible early or not, each TLBI complete
// early or not (it completes at the latest at a sufficient DSB), each AT instruction allocating the TLB entry of its
// walk or not, each IMPLEMENTATION DEFINED treatment of an out-of-range field (field-choices.ts), and with `errata`
// (Cortex-A57 1319537) every speculative EL1&0 walk at EL2 with any mix of old and pending registers — and check the
// invariants of switch-invariants.ts after the ERET — and that every store the switch made to the hypervisor's
// translation tables was completed for the table walker by a DSB before it (table-stores.ts). Choice sequences are enumerated depth first by replay
// (choice-tree.ts); states already explored are not explored again (state-hash.ts).
// Speculative erratum walks are not branched on: caching one more translation only adds ways to fail, so the
// explorer caches every translation such a walk could make (fill-all.ts). EL2-regime fills are not modelled: the
// target never uses EL2 entries.
// The paths the switch executes also feed the quick rules (rule-machine.ts) with the values the CPU computed.
// Every exploration is bounded (choice sequences, instructions, fill walks, table mappings, TLB size); a result
// that hit a bound says which one and is no proof.
import { EC_UNKNOWN, ecOf } from '../arch/syndrome.ts';
import { readAssembly } from '../asm/user-file.ts';
import { basename } from 'node:path';
import { hex64 } from '../bits/bits.ts';
import { profileByName } from '../arch/profiles.ts';
import { sysopByName, tlbiScope } from '../arch/sysops.ts';
import { SR, SYSREGS } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { returnOutcome } from '../cpu/exception.ts';
import { PC } from '../cpu/state.ts';
import { type OutstandingTlbi, type SyncChoices, SyncModel } from '../cpu/sync.ts';
import { currentVmid } from '../mmu/params.ts';
import { KIND_S2, KIND_W1, KIND_W2, REGIME_EL10, Tlb } from '../mmu/tlb.ts';
import { prefetch } from '../mmu/translate.ts';
import type { BuiltImage, ContextInfo } from '../hyp/image.ts';
import { regionsOf } from './audit.ts';
import { ChoiceTree } from './choice-tree.ts';
import { type Chooser, interpret, stagesOn } from './field-choices.ts';
import { cachingTables, fillAll, holds, TlbSnapshot } from './fill-all.ts';
import type { Finding } from './findings.ts';
import { loadProgram, type Insn, type Program } from './program.ts';
import { type PathFinding, RuleMachine, type Step } from './rule-machine.ts';
import { StateHash } from './state-hash.ts';
import { type TableStore, TableStores } from './table-stores.ts';
import { DEFAULT_TLB_ENTRIES, makeHarness, type SwitchHarness } from './switch-harness.ts';
import { checkAfterEret, type EretSeen, inside, type Violation } from './switch-invariants.ts';
import { MAX_MAPPINGS, TableBoundError } from '../hyp/table-map.ts';

export interface ExploreOptions {
  /** Cortex-A57 erratum 1319537: speculative EL1&0 walks at EL2 with mixed old/new registers. */
  readonly errata?: boolean;
  /** The target's VMID may hold stale entries (default: the scenario's `tlb: flush`). */
  readonly staleTarget?: boolean;
  /** Bound on explored runs (choice sequences). */
  readonly maxRuns?: number;
  /** Bound on instructions per run. */
  readonly maxSteps?: number;
  /** Bound on instructions over all runs. */
  readonly maxInsns?: number;
  /** Bound on speculative (erratum) and AT fill walks over all runs. */
  readonly maxFills?: number;
  /** Bound on the mappings one table walk enumerates. */
  readonly maxMappings?: number;
  /** The checker's architectural TLB entries (evictions make a result no proof). */
  readonly tlbEntries?: number;
  /** Where the switch starts (default: its first instruction). */
  readonly entry?: bigint;
  /** The target was never entered: the switch's VMID allocator hands it its VMID (switch-harness.ts). */
  readonly firstEntry?: boolean;
  /** The VMID generation is used up: the switch's allocator rolls over to give the target a VMID that A held in the
   *  previous generation, with A's translations still cached under it (switch-harness.ts). Overrides firstEntry. */
  readonly rollover?: boolean;
}

export const EXPLORE_DEFAULTS = { maxRuns: 50_000, maxSteps: 10_000, maxInsns: 5_000_000, maxFills: 200_000, maxMappings: MAX_MAPPINGS, tlbEntries: DEFAULT_TLB_ENTRIES } as const;

/** A bound that stopped the exploration: what it is, its value, and the option that raises it. */
export interface Bound {
  readonly what: string;
  readonly option: string;
  readonly value: number;
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
  /** TLB entries evicted for room (the TLB is set-associative): an evicted entry might have been a violation, so
   *  with evictions a clean result proves nothing (a finding is still a real counterexample). */
  readonly evictions: number;
  /** Speculative and AT fill walks. */
  readonly fills: number;
  /** Instructions executed over all runs. */
  readonly insns: number;
  /** Every outcome explored (no bound reached) and no TLB entry evicted: no finding means proven safe. */
  readonly complete: boolean;
  /** The bounds reached (empty when complete). */
  readonly bounds: readonly Bound[];
  readonly ms: number;
}

export interface ExploreResult {
  /** The invariants' findings (errors, each with its counterexample). */
  readonly findings: Finding[];
  /** The quick rules over the paths the switch executed, before the explorer settles them (check.ts). */
  readonly paths: PathFinding[];
  readonly stats: ExploreStats;
  /** The VMID each context runs with (switch-harness.ts). */
  readonly vmids: readonly number[];
  /** tlb-stale and tlb-latent findings: the VMID of the TLB entry each is about (check.ts settles rules by it). */
  readonly entryVmids: ReadonlyMap<Finding, number>;
  /** The census of the switch's own VMID policy held (switch-harness.ts). */
  readonly ownPolicy: boolean;
}

/** Registers whose in-context value an instruction at EL2 reads: their early visibility is a real choice. */
const READ_AT_EL2 = new Set([SR.HCR_EL2, SR.VTTBR_EL2, SR.VTCR_EL2, SR.SCTLR_EL2, SR.TCR_EL2, SR.TTBR0_EL2]);
/** Registers that decide what an EL1&0 walk caches and under which tags (AT instructions; MAIR_EL1 only sets
 *  attributes, VBAR_EL1 nothing). */
const AT_WALK = new Set([SR.HCR_EL2, SR.VTTBR_EL2, SR.VTCR_EL2, SR.TTBR0_EL1, SR.TTBR1_EL1, SR.TCR_EL1, SR.SCTLR_EL1]);
/** Registers an EL1&0 walk reads (erratum mixes). */
const EL10_WALK = [SR.HCR_EL2, SR.VTTBR_EL2, SR.VTCR_EL2, SR.TTBR0_EL1, SR.TTBR1_EL1, SR.TCR_EL1, SR.SCTLR_EL1, SR.MAIR_EL1];
/** Registers whose writes are pending under --sync architectural (src/cpu/sync.ts). */
const PENDABLE = SYSREGS.map((r, i) => (r.effect === 'none' ? -1 : i)).filter((i) => i >= 0);
/** An AT operation that walks the EL1&0 regime (ARCH-NOTES §11; src/arch/sysops.ts AtScope.regime). */
const walksEl10 = (op: string): boolean => sysopByName('at', op)?.at?.regime === 'EL1&0';
/** A TLBI of every VMID's EL1&0 entries (ALLE1, ALLE1IS: TlbiScope.vmid = 'all'), whatever VMID is current. */
const everyVmid = (op: string): boolean => {
  const s = tlbiScope(op);
  return s.regime === 'EL1&0' && s.vmid === 'all';
};
/** file:line of an instruction, for counterexamples (the reference switch spans several files). */
const loc = (i: Insn): string => `${basename(i.file)}:${i.line}`;
export const ERET_NOTE = '// appended by check: the ERET into the target';
/** The switch's own stack below its image (SP_EL2 at the top of the free RAM it takes). */
const SWITCH_SPACE = 0x40000;
const MAX_SWITCH = 0x20000;

/** Where a switch goes in the image's memory: free RAM, with room for its stack. */
export function switchBase(img: BuiltImage): bigint {
  const paBits = profileByName(img.scenario.cpu)?.paBits ?? 44;
  const free = regionsOf(img, paBits).find((r) => r.kind === 'free-ram' && r.size >= SWITCH_SPACE + 0x10000);
  return BigInt(free === undefined ? 0x4008_0000 : Math.ceil(free.pa / 0x10000) * 0x10000);
}

/** Assemble a switch at an address of free RAM in the image, ending it with an ERET when it has none. */
export function loadSwitch(file: string, text: string, img: BuiltImage, read = readAssembly): Program {
  const opts = { base: switchBase(img), read };
  const p = loadProgram(file, text, opts);
  if (p.diagnostics.length > 0 || p.insns.some((i) => i.event.k === 'eret')) return p;
  return loadProgram(file, `${text}${text.endsWith('\n') ? '' : '\n'}    eret ${ERET_NOTE}\n`, opts);
}

/** Why a loaded switch cannot run in the harness, or undefined. */
export function switchFits(p: Program, img: BuiltImage): string | undefined {
  const base = switchBase(img);
  const end = p.sections.reduce((e, s) => (s.addr + BigInt(s.bytes.length) > e ? s.addr + BigInt(s.bytes.length) : e), base);
  const low = p.sections.find((s) => s.addr < base);
  if (low !== undefined || end - base > BigInt(MAX_SWITCH)) return `the switch's image (${low === undefined ? `${end - base} bytes` : `section ${low.name} at 0x${low.addr.toString(16)}`}) does not fit the ${MAX_SWITCH / 1024} KiB the checker gives it at 0x${base.toString(16)}`;
  if (p.insns.length === 0) return 'the switch has no instructions';
  return undefined;
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
  /** Fill walks so far (all runs). */
  fills = 0;
  /** The IMPLEMENTATION DEFINED answers of this run. */
  private readonly impdef = new Map<string, boolean>();
  /** Every translation of each register mix seen, across runs. */
  private readonly walks = new Map<string, TlbSnapshot>();
  readonly choose: Chooser = (q) => {
    let a = this.impdef.get(q);
    if (a === undefined) {
      a = this.tree.choose(2) === 1;
      this.impdef.set(q, a);
    }
    return a;
  };

  constructor(
    private readonly tree: ChoiceTree,
    private readonly c: Cpu,
    private readonly errata: boolean,
    /** The switch has AT instructions: the registers they walk with matter before a synchronization too. */
    private readonly atAhead: boolean,
    private readonly paBits: number,
    private readonly name: (vmid: number) => string,
    /** `TLBI <op> (file:line)` of an outstanding TLBI. */
    private readonly tlbiName: (t: OutstandingTlbi) => string,
    /** Is [pa, pa+size) outside the allowed memory of the context that owns `vmid`? */
    private readonly foreign: (vmid: number, pa: number, size: number) => boolean,
  ) {}

  begin(): void {
    this.log = [];
    this.mixesDone.clear();
    this.impdef.clear();
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
    if (!READ_AT_EL2.has(reg) && !(this.atAhead && AT_WALK.has(reg))) return false;
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

  /** The in-context registers with the out-of-range fields as this run's implementation uses them. */
  private interpreted(sr: BigUint64Array): string[] {
    const it = interpret(sr[SR.TCR_EL1]!, sr[SR.VTCR_EL2]!, this.paBits, this.choose, stagesOn(sr[SR.HCR_EL2]!, sr[SR.SCTLR_EL1]!));
    sr[SR.TCR_EL1] = it.tcr;
    sr[SR.VTCR_EL2] = it.vtcr;
    return [...it.notes];
  }

  /** An AT of the EL1&0 regime executed (ARM §D8.2.13 R RNPZWX: its result may come from a walk, and R SQBCS: a walk
   *  may cache what it finds; the Cortex-A57 1319537 write-ups of TF-A and Xen: an AT allocates TLB entries). Choice:
   *  the walk of its VA with the registers in context is cached, or not. */
  atFill(i: Insn, op: string, va: bigint): void {
    if (this.tree.choose(2) === 0) return;
    const c = this.c;
    const sr = new BigUint64Array(c.sr);
    const notes = this.interpreted(sr);
    this.fills++;
    // the walk caches its table descriptors as well as its leaf (fill-all.ts)
    const ok = cachingTables(c.tlb, () => prefetch({ sr, sr32: new Uint32Array(sr.buffer), profile: c.profile, mem: c.mem, tlb: c.tlb, scratch: c.scratch }, Number(va & 0xffff_ffffn) >>> 0, Number(va >> 32n) >>> 0, 1));
    const vmid = currentVmid(c);
    this.log.push(`${loc(i)}: AT ${op} ${hex64(va)} walks the EL1&0 regime with the registers in context (VMID ${vmid}, ${this.name(vmid)}) and ${ok ? 'allocates the TLB entry of its walk' : 'finds nothing to cache (the walk faults)'} (ARM §D8.2.13 R RNPZWX, §D8.16 R SQBCS)${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`);
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
      const notes = this.interpreted(sr);
      const regs = EL10_WALK.map((i) => sr[i]!.toString(16)).join(',');
      // entries leave the TLB only when a TLBI completes: until then the same mix adds nothing new
      const key = `${this.completions}:${regs}`;
      if (this.mixesDone.has(key)) continue;
      this.mixesDone.add(key);
      let fills = this.walks.get(regs);
      if (fills === undefined) {
        // the tables do not change during the switch: walk each mix once, in a scratch TLB
        const scratch = new Tlb();
        this.fills += fillAll({ sr, sr32: new Uint32Array(sr.buffer), profile: c.profile, mem: c.mem, tlb: scratch, scratch: c.scratch }, 1);
        fills = new TlbSnapshot(scratch);
        this.walks.set(regs, fills);
      }
      if (fills.size === 0) continue;
      // narrate only the walks that cache something new outside the memory of the VMID's holder
      const leak = fills.entries.find((f) => this.foreign(f.vmid, f.out, 2 ** f.shift) && !holds(c.tlb, f));
      fills.insertInto(c.tlb);
      if (leak === undefined) continue;
      const mixed = pending.map((i, b) => `${SYSREGS[i]!.name} ${(m >> b) & 1 ? 'new' : 'old'}`).join(', ');
      this.log.push(`${this.at()}: a speculative EL1&0 walk at EL2 (erratum 1319537) with ${pending.length === 0 ? 'the registers in context' : mixed} may cache a translation to PA 0x${leak.out.toString(16)} tagged VMID ${leak.vmid} (${this.name(leak.vmid)})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`);
    }
  }
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

/** The TLB as a set — where an entry sits (its way, which depends on earlier runs' replacements) does not matter —
 *  cached until the TLB changes. */
export class TlbDigest {
  private at = -1;
  private readonly lanes = [0, 0, 0];

  of(t: Tlb): readonly number[] {
    if (t.changes === this.at) return this.lanes;
    let sumA = 0;
    let sumB = 0;
    let n = 0;
    for (let e = 0; e < t.capacity; e++) {
      if (t.kind[e] === 0) continue;
      const x = new StateHash();
      x.word(t.kind[e]! | (t.regime[e]! << 8) | (t.shift[e]! << 16) | (t.global[e]! << 24));
      x.word(t.vmid[e]! | (t.asid[e]! << 16));
      x.num(t.key[e]!);
      x.num(t.out[e]!);
      // walk-cache entries: the level and the table descriptor (0 for leaf entries)
      x.word(t.s1level[e]!);
      x.word(t.descLo[e]!);
      x.word(t.descHi[e]!);
      const [a, b] = x.lanes();
      sumA = (sumA + a) | 0;
      sumB = (sumB + b) | 0;
      n++;
    }
    this.lanes[0] = sumA;
    this.lanes[1] = sumB;
    this.lanes[2] = n;
    this.at = t.changes;
    return this.lanes;
  }
}

/** Fingerprint of everything the rest of the run depends on. */
function stateKey(c: Cpu, sync: SyncModel, tlb: TlbDigest, stores: TableStores): string {
  const h = new StateHash();
  hashCpuState(h, c, sync, tlb);
  stores.hash(h);
  return h.key();
}

/** Into `h`: the PE's registers, its pending writes and outstanding TLBIs, and its TLB (not memory). */
export function hashCpuState(h: StateHash, c: Cpu, sync: SyncModel, tlb: TlbDigest): void {
  h.words(c.u32, 0, 2 * (PC + 1)); // X0–X30, XZR, SP, PC
  h.word(c.el);
  h.word(c.il);
  h.words(c.sr32);
  // the pending writes (a register without one reads its in-context value, hashed above)
  if (sync.pending > 0) {
    for (const i of PENDABLE) {
      const v = sync.read(c, i);
      if (v === c.sr[i]) continue;
      h.word(i);
      h.num(Number(v & 0xffff_ffffn));
      h.num(Number(v >> 32n));
    }
  }
  for (const t of sync.outstanding()) {
    h.text(t.op);
    h.word(t.vmid);
    h.num(t.pc);
    h.word(t.completedByDsb ? 1 : 0);
  }
  h.words(tlb.of(c.tlb));
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

/** A path the switch executed, for the quick rules. */
interface ExecutedPath {
  readonly steps: Step[];
  readonly eret: Insn;
  readonly targetVmid: number;
}
const MAX_PATHS = 64;

/** Explore every outcome of the switch `p` (from loadSwitch) from context `from` to context `to` of `img`. */
export function explore(p: Program, img: BuiltImage, fromName: string, toName: string, opts: ExploreOptions = {}): ExploreResult {
  const t0 = performance.now();
  const from = img.contexts.find((x) => x.name === fromName);
  const to = img.contexts.find((x) => x.name === toName);
  if (from === undefined || to === undefined) throw new Error(`no context '${from === undefined ? fromName : toName}'`);
  const errata = opts.errata ?? false;
  const maxRuns = opts.maxRuns ?? EXPLORE_DEFAULTS.maxRuns;
  const maxSteps = opts.maxSteps ?? EXPLORE_DEFAULTS.maxSteps;
  const maxInsns = opts.maxInsns ?? EXPLORE_DEFAULTS.maxInsns;
  const maxFills = opts.maxFills ?? EXPLORE_DEFAULTS.maxFills;
  const maxMappings = opts.maxMappings ?? EXPLORE_DEFAULTS.maxMappings;
  const tlbEntries = opts.tlbEntries ?? EXPLORE_DEFAULTS.tlbEntries;
  const base = p.sections.reduce((b, s) => (s.addr < b ? s.addr : b), p.insns[0]?.addr ?? 0n);
  const h = makeHarness(img, p, from, to, {
    staleTarget: opts.staleTarget ?? img.scenario.tlb === 'flush', ...(opts.entry === undefined ? {} : { entry: opts.entry }),
    state: opts.rollover ? 'rollover' : opts.firstEntry ? 'first-entry' : 'allocated', stackTop: base + BigInt(SWITCH_SPACE), tlbEntries, maxSteps,
  });
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
  const atAhead = p.insns.some((i) => i.event.k === 'at' && walksEl10(i.event.op));
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
  const ch = new ExploreChoices(tree, c, errata, atAhead, paBits, owner, tlbiName, foreign);
  const stores = new TableStores(c, { pa: img.layout.poolBase, size: img.layout.poolSize }, () => ch.here!);
  const visited = new Set<string>();
  const digest = new TlbDigest();
  const found = new Map<string, Found>();
  const paths = new Map<string, ExecutedPath>();
  const bounds: Bound[] = [];
  let merged = 0;
  let erets = 0;
  let insns = 0;
  let stop = false;

  while (!stop) {
    const sync = new SyncModel({ choices: ch, errata });
    h.prime(sync);
    ch.begin();
    stores.begin();
    const executed: Insn[] = [];
    const steps: Step[] = [];
    const tlbiVmid = new Map<Insn, number>();
    /** States of this run: coming back to one is a loop the run may never leave. */
    const mine = new Set<string>();
    const noEret = (why: string, details: string[], last: Insn, fix: string): void => {
      const weight = tree.taken().filter((v) => v !== 0).length;
      if (!found.has('no-eret') || found.get('no-eret')!.weight > weight) found.set('no-eret', { v: { rule: 'no-eret', message: why, details }, insn: last, weight, log: [...ch.log], fix });
    };
    for (let step = 0; ; step++) {
      const insn = byAddr.get(c.x[PC]!);
      if (insn === undefined || c.el !== 2) {
        const last = executed.at(-1) ?? p.insns[0]!;
        const esr = c.sr[SR.ESR_EL2]!;
        // an exception taken at EL2 leaves ELR_EL2 at the instruction (or the one after it, for SVC/HVC/SMC)
        const vector = c.x[PC]! - c.sr[SR.VBAR_EL2]!;
        const took = c.el === 2 && (c.sr[SR.ELR_EL2] === last.addr || c.sr[SR.ELR_EL2] === last.addr + 4n) && (vector === 0n || vector === 0x200n);
        if (took) {
          noEret(`${loc(last)} (${last.source.trim()}) takes an exception to EL2: the PE continues at VBAR_EL2 + 0x${(c.x[PC]! - c.sr[SR.VBAR_EL2]!).toString(16)} = 0x${c.x[PC]!.toString(16)}, not at the switch's ERET`,
            [`ESR_EL2 = ${hex64(esr)}: EC 0x${ecOf(Number(esr & 0xffff_ffffn)).toString(16).padStart(2, '0')}${ecOf(Number(esr & 0xffff_ffffn)) === EC_UNKNOWN ? ' (UNDEFINED instruction)' : ''}, ELR_EL2 = ${hex64(c.sr[SR.ELR_EL2]!)} (ARCH-NOTES §7e, §13)`],
            last, 'remove or replace the instruction that takes the exception (an UNDEFINED system-register access, an access that faults, HVC/SVC/SMC, UDF)');
        } else noEret(`the switch left its code at PC 0x${c.x[PC]!.toString(16)} (EL${c.el}) before any ERET`, [], last, 'end the switch with the ERET into the target; a branch out of the switch\'s code never comes back to it');
        break;
      }
      if (step >= maxSteps) {
        if (!bounds.some((b) => b.option === '--max-steps')) bounds.push({ what: `a run reached no ERET within ${maxSteps} instructions (at ${loc(insn)})`, option: '--max-steps', value: maxSteps });
        break;
      }
      ch.beforeStep(insn);
      const hcrBefore = c.sr[SR.HCR_EL2]!;
      const pendingBefore = sync.pending;
      const tlbisBefore = insn.event.k === 'dsb' ? sync.outstanding() : [];
      const e = insn.event;
      const spsr = Number(c.sr[SR.SPSR_EL2]! & 0xffff_ffffn);
      const elr = c.sr[SR.ELR_EL2]!;
      c.run(1);
      // the HCR_EL2 the ERET checked: in context before it, unless the choices of this step made the write visible
      const hcrAtEret = ch.visibleNow.has(SR.HCR_EL2) ? sync.read(c, SR.HCR_EL2) : hcrBefore;
      const seen: EretSeen | undefined = e.k === 'eret' ? { spsr, elr, hcr: hcrAtEret, outcome: returnOutcome(c, spsr, 2, Number(hcrAtEret & 0xffff_ffffn)) } : undefined;
      insns++;
      executed.push(insn);
      stores.after(e);
      if (e.k === 'msr') {
        const i = SR[e.reg as keyof typeof SR];
        const v = i === undefined ? undefined : sync.read(c, i);
        steps.push({ insn, ...(v === undefined ? {} : { value: v }) });
        if (i !== undefined && READ_AT_EL2.has(i)) ch.log.push(`${loc(insn)}: MSR ${e.reg} = ${hex64(v!)}${v !== c.sr[i] ? ' (pending until a context synchronization event)' : ''}`);
      } else if (e.k === 'tlbi') {
        const vmid = currentVmid(c);
        tlbiVmid.set(insn, vmid);
        steps.push({ insn, value: c.x[e.rt]!, vmid });
        ch.log.push(`${loc(insn)}: TLBI ${e.op} selects VMID ${vmid} (${owner(vmid)}), the VMID in context when it executes`);
      } else if (e.k === 'at') {
        steps.push({ insn, value: c.x[e.rt]! });
        if (walksEl10(e.op)) ch.atFill(insn, e.op, c.x[e.rt]!);
      } else if (e.k === 'dsb') {
        steps.push({ insn });
        const done = completedBy(tlbisBefore, sync.outstanding(), ch.completedNow);
        ch.completions += done.length;
        if (done.length > 0) ch.log.push(`${loc(insn)}: DSB ${e.option} completes ${done.map(tlbiName).join(', ')}`);
      } else if (e.k === 'isb') {
        steps.push({ insn });
        if (pendingBefore > 0) ch.log.push(`${loc(insn)}: ISB: the pending writes take effect`);
      }
      if (seen !== undefined) {
        steps.push({ insn });
        erets++;
        const late = sync.outstanding();
        if (late.length > 0) ch.log.push(`${loc(insn)} (eret) executes with ${late.map(tlbiName).join(', ')} not yet complete`);
        let vs: Violation[];
        try {
          vs = checkAfterEret({ c, to, contexts: img.contexts, h, holders, eret: seen, paBits, choose: ch.choose, maxMappings, tables: { pa: img.layout.poolBase, size: img.layout.poolSize } });
        } catch (err) {
          if (!(err instanceof TableBoundError)) throw err;
          bounds.push({ what: `${err.message} (a walk of ${to.name}'s registers after the ERET)`, option: '--max-mappings', value: maxMappings });
          stop = true;
          break;
        }
        for (const s of stores.incomplete()) vs.push(incompleteStore(s));
        const weight = tree.taken().filter((v) => v !== 0).length;
        for (const v of vs) {
          const prev = found.get(v.rule);
          if (prev !== undefined && prev.weight <= weight) continue;
          found.set(v.rule, { v, weight, log: [...ch.log], ...locate(v, insn, executed, tlbiVmid, late.map((t) => ({ op: t.op, insn: insnAt(t.pc) })), to, h) });
        }
        const key = executed.map((x) => x.addr.toString(36)).join(',');
        if (!paths.has(key) && paths.size < MAX_PATHS) paths.set(key, { steps, eret: insn, targetVmid: currentVmid(c) });
        break;
      }
      if (!tree.replaying) {
        const key = stateKey(c, sync, digest, stores);
        if (mine.has(key)) {
          // the same registers, pending writes, TLB and PC as before in this run: it can go round for ever
          noEret(`the switch comes back to the state it had before ${loc(byAddr.get(c.x[PC]!) ?? insn)}: a loop it may never leave, so it never reaches its ERET`, [], insn, 'make the loop end (a subroutine that calls another with BL must save and restore X30)');
          break;
        }
        mine.add(key);
        if (visited.has(key)) {
          merged++;
          break;
        }
        visited.add(key);
      }
    }
    if (stop) break;
    const more = tree.advance();
    if (!more) break;
    if (tree.runs > maxRuns) {
      bounds.push({ what: `${maxRuns} choice sequences`, option: '--max-runs', value: maxRuns });
      break;
    }
    if (insns > maxInsns) {
      bounds.push({ what: `${maxInsns} instructions over all runs`, option: '--max-insns', value: maxInsns });
      break;
    }
    if (ch.fills > maxFills) {
      bounds.push({ what: `${maxFills} speculative and AT fill walks`, option: '--max-fills', value: maxFills });
      break;
    }
  }
  c.sync = null;
  stores.detach();
  const entryVmids = new Map<Finding, number>();
  const findings = [...found.values()].map((f) => {
    const finding = toFinding(f);
    if (f.v.vmid !== undefined) entryVmids.set(finding, f.v.vmid);
    return finding;
  });
  const evictions = c.tlb.evictions;
  if (evictions > 0) bounds.push({ what: `the checker's TLB of ${tlbEntries} entries evicted ${evictions} entries (an evicted entry might have been a violation)`, option: '--tlb-entries', value: tlbEntries });
  const lint = [...paths.values()].flatMap((x) => {
    const m = new RuleMachine({ intendedHcr: to.regs.hcr, target: to.name, targetVmid: x.targetVmid, intendedRoot: to.regs.vttbr & 0x0000_ffff_ffff_fffen, profile: profileByName(img.scenario.cpu) });
    for (const s of x.steps) if (s.insn.event.k !== 'eret') m.step(s);
    return m.end(x.eret.source.includes(ERET_NOTE) ? undefined : x.eret);
  });
  const stats: ExploreStats = {
    runs: tree.runs, states: visited.size, merged, erets, tlbEntries: h.tlb.size, evictions, fills: ch.fills, insns,
    complete: bounds.length === 0, bounds, ms: performance.now() - t0,
  };
  return { findings, paths: lint, stats, vmids: h.vmids, entryVmids, ownPolicy: h.ownPolicy };
}

/** A store to a table entry the walker may not see after the ERET (table-stores.ts). */
function incompleteStore(s: TableStore): Violation {
  return {
    rule: 'table-store-incomplete',
    message: `this store changes the translation-table entry at PA 0x${s.pa.toString(16)} and no DSB covering stores completes it before the ERET: the target's accesses may be translated with the older entry ${hex64(s.old)}`,
    details: [`the entry before: ${hex64(s.old)}; stored by ${loc(s.insn)}`],
    at: s.insn,
  };
}

/** Which instruction a violation is charged to, and its fix. */
function locate(
  v: Violation, eret: Insn, executed: readonly Insn[], tlbiVmid: ReadonlyMap<Insn, number>, outstanding: readonly { op: string; insn: Insn | undefined }[],
  to: ContextInfo, h: SwitchHarness,
): { insn: Insn; fix: string } {
  const want = h.vmids[to.index]!;
  const vttbr = (to.regs.vttbr & ~(0xffn << 48n)) | (BigInt(want) << 48n);
  // a table descriptor left by a last-level TLBI of its VMID (the L forms keep the walk cache, ARM C5.5 TLBI VALE1,
  // IPAS2LE1): charged to that TLBI
  const lastLevel = v.entryKind === KIND_W1 || v.entryKind === KIND_W2
    ? executed.filter((i) => i.event.k === 'tlbi' && tlbiScope(i.event.op).lastLevel && tlbiVmid.get(i) === v.vmid).at(-1)
    : undefined;
  if (lastLevel !== undefined && lastLevel.event.k === 'tlbi' && (v.rule === 'tlb-stale' || v.rule === 'tlb-latent')) {
    const all = lastLevel.event.op.replace(/^(VA|VAA|IPAS2)L/, '$1');
    return { insn: lastLevel, fix: `TLBI ${all} (all levels) instead, or TLBI VMALLS12E1 for the whole VMID: TLBI ${lastLevel.event.op} need only remove entries of the last level of a walk and leaves the cached table descriptors, which a changed or freed table (or a reused VMID) makes stale (ARM §D8.16, §D8.17.1)` };
  }
  switch (v.rule) {
    case 'no-eret':
    case 'eret-illegal':
      return { insn: eret, fix: `load ${to.name}'s full HCR_EL2 value ${hex64(to.regs.hcr)} (RW=1; TGE=0 to enter EL1) and its SPSR_EL2 ${hex64(to.regs.spsr)}, with an ISB between the MSR HCR_EL2 and the ERET` };
    case 'eret-wrong-mode':
      return { insn: lastMsr(executed, ['SPSR_EL2']) ?? eret, fix: `write ${to.name}'s SPSR_EL2 ${hex64(to.regs.spsr)} (from the context table): M[3:0] selects the Exception level and stack pointer the ERET enters` };
    case 'hcr-wrong':
      return { insn: lastMsr(executed, ['HCR_EL2']) ?? eret, fix: `write ${to.name}'s intended value ${hex64(to.regs.hcr)} (from the context table), or read-modify-write only the bits meant to change` };
    case 'vmid-wrong':
      return { insn: lastMsr(executed, ['VTTBR_EL2']) ?? eret, fix: `write VTTBR_EL2 = (VMID << 48) | BADDR with a VMID no other live context holds — ${to.name}'s own is ${want}: ${hex64(vttbr)} — then ISB before any TLBI or AT that must use it` };
    case 'walk-outside':
      return { insn: lastMsr(executed, ['HCR_EL2', 'VTTBR_EL2', 'VTCR_EL2', 'TCR_EL1']) ?? eret, fix: `load ${to.name}'s HCR_EL2 ${hex64(to.regs.hcr)}, VTTBR_EL2 ${hex64(vttbr)} and VTCR_EL2 ${hex64(to.regs.vtcr)} from the context table before the ERET, every field in its range` };
    case 'tlb-stale': {
      const late = outstanding[0];
      if (late !== undefined) return { insn: late.insn ?? eret, fix: `complete the TLBI before the ERET: DSB ${tlbiScope(late.op).shareability === 'inner' ? 'ISH' : 'NSH'} after it (then ISB)` };
      const at = executed.filter((i) => i.event.k === 'at' && walksEl10(i.event.op)).at(-1);
      const wrong = executed.find((i) => i.event.k === 'tlbi' && !everyVmid(i.event.op) && tlbiVmid.get(i) !== want);
      if (wrong !== undefined) return { insn: wrong, fix: `make ${to.name}'s VTTBR_EL2 effective before the TLBI: MSR VTTBR_EL2; ISB; TLBI …; DSB NSH` };
      // a stage-2-only entry survives the stage-1 operations (VMALLE1, VAE1, ASIDE1 …: ARCH-NOTES §9)
      const narrow = executed.find((i) => i.event.k === 'tlbi' && tlbiVmid.get(i) === want && !everyStage2Entry(i.event.op));
      if (narrow !== undefined && v.entryKind === KIND_S2) {
        return { insn: narrow, fix: 'TLBI VMALLS12E1 (stage 1 and stage 2 entries of the VMID) instead: this operation leaves stage-2-only entries' };
      }
      if (at !== undefined && v.pa !== undefined && !h.tlb.has(want, v.pa)) {
        return { insn: at, fix: 'synchronize the incoming regime before the AT (ISB after the last MSR it depends on), or invalidate the target\'s VMID after it (TLBI VMALLS12E1; DSB NSH): an AT may cache the translation it walks' };
      }
      if (v.pa !== undefined && !h.tlb.has(want, v.pa)) {
        return { insn: lastMsr(executed, ['VTTBR_EL2']) ?? eret, fix: 'apply the erratum 1319537 workaround: stop EL1&0 walks (TCR_EL1.EPD0/EPD1 = 1, ISB) before switching VTTBR_EL2 and restore the target\'s TCR_EL1 only after the stage-2 registers are in context' };
      }
      return { insn: eret, fix: `invalidate ${to.name}'s VMID before entering it (MSR VTTBR_EL2; ISB; TLBI VMALLS12E1; DSB NSH), or give every context its own VMID, reused only after TLBI ALLE1` };
    }
    case 'state-leak':
      return { insn: eret, fix: `before the ERET, load ${to.name}'s own FP/SIMD, virtual-timer and GICH values (saved when it last left), or keep its FP/SIMD accesses trapped (CPTR_EL2.TFP = 1) until it owns the registers and load an empty interface (GICH_HCR.En = 0) for a context without a vGIC` };
    case 'table-store-incomplete':
      return { insn: v.at ?? eret, fix: 'complete the store before the ERET: DSB ISHST (or DSB ISH) after it — and when the entry was valid before, break-before-make: store an invalid entry, DSB ISHST, TLBI of the VMID, DSB ISH, then the new entry and DSB ISHST (ARM §D8.17.1)' };
    case 'tlb-latent': {
      // a completed TLBI that covered the entry's VMID: a walk cached the entry again after it
      const covering = executed.filter((i) => i.event.k === 'tlbi' && (everyVmid(i.event.op) || tlbiVmid.get(i) === v.vmid) && !outstanding.some((o) => o.insn === i)).at(-1);
      const at = executed.filter((i) => i.event.k === 'at' && walksEl10(i.event.op)).at(-1);
      if (covering === undefined && at !== undefined) {
        return { insn: at, fix: 'synchronize the registers the AT walks with (ISB after the last MSR) before it, or invalidate the VMID it cached under (TLBI VMALLS12E1 with that VMID in context; DSB): an AT may cache the translation it walks' };
      }
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
    counterexample: [...f.log, `${f.v.rule === 'no-eret' ? 'so' : 'after the ERET'}: ${f.v.message}`],
    fix: f.fix,
  };
}
