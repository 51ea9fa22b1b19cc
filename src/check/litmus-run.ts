// Runs a single-PE litmus test on twostage's CPU under `--sync architectural` once for every outcome the model
// allows (issue 16): P0's code at EL1 with the test's stage-1 tables (litmus-world.ts), each pending register write
// visible early or not, each executed TLBI complete early or not (at the latest at a DSB of its domain, ARM §D8.17.8),
// and before every instruction the TLB filled speculatively with any translation its tables allow, or not (ARM §D8.16
// R SQBCS), each cached page translation evicted or not, and each access translated early — with a table entry's
// older value while the PE's store to it is not yet complete for the walker, or with the entries a TLBI removes while
// no context synchronization has followed the DSB that completed it (walker-view.ts; SyncModel translateEarly) —
// choice sequences enumerated depth first (choice-tree.ts), states already explored not explored again
// (state-hash.ts). A fault ends P0 (herd's `fatal` variant, as the catalogue's cfgs run it) unless the test has a
// P0.F handler: then the handler runs at its synchronous vector (VBAR_EL1 + 0x200 for herd's P0 at EL1 with SP_EL1) and its ERET returns after the faulting instruction (the
// litmus7 kvm harness skips it). The final states are collected and the test's condition evaluated on them.
// isla's tests add: P0 starting at EL1 or EL2 and entering a lower EL by an ERET of its own, stage 2 of the EL1&0
// regime (the world's intermediate locations), TTBR0_EL1/VTTBR_EL2 with an ASID/VMID, handlers at any synchronous
// vector of VBAR_EL1 and VBAR_EL2 (a stage-2 fault at VBAR_EL2 + 0x400; an SVC or HVC is a call the handler serves,
// not a fault), and a thread that ends when it runs off the end of a handler (a handler without ERET, as in isla);
// with the world's further trees, TTBR0_EL2 may name one: the EL2 regime's stage 1 on (SCTLR_EL2.M, TCR_EL2, MAIR_EL2).
import { ecIsAbort, ecOf, ISS_FSC_KIND } from '../arch/syndrome.ts';
import { CORTEX_A57 } from '../arch/profiles.ts';
import { SR } from '../arch/sysreg-table.ts';
import { Cpu } from '../cpu/cpu.ts';
import { PC } from '../cpu/state.ts';
import { type SyncChoices, SyncModel } from '../cpu/sync.ts';
import { PhysMemory } from '../memory/phys.ts';
import { speculativeFill } from '../mmu/speculate.ts';
import { KM_LEAF, REGIME_EL10, REGIME_EL2, type WalkCacheChoices } from '../mmu/tlb.ts';
import { ChoiceTree } from './choice-tree.ts';
import { hashCpuState, TlbDigest } from './explore.ts';
import type { LitmusCond, LitmusTest, LitmusValue } from './litmus-reader.ts';
import { buildWorld, CODE_BASE, type LitmusLayout, LitmusSetupError, RAM_BASE, RAM_SIZE, VBAR, VBAR_EL2, type WorldShape } from './litmus-world.ts';
import { decodeRow } from '../arch/a64/decode.ts';
import { type Insn, loadProgram } from './program.ts';
import { StateHash } from './state-hash.ts';
import { WalkerView } from './walker-view.ts';

/** A fault P0 took: the label of the faulting instruction, the location of FAR_EL1's page, the kind of fault. */
export interface LitmusFault {
  readonly label: string | undefined;
  readonly name: string | undefined;
  /** herd's names: MMU:Translation, MMU:AccessFlag, MMU:Permission. */
  readonly type: string;
}

/** One final state: P0's registers, every location's memory word and page-table entry, the faults taken. */
export interface LitmusOutcome {
  readonly regs: readonly bigint[];
  readonly mem: ReadonlyMap<string, bigint>;
  readonly ptes: ReadonlyMap<string, bigint>;
  readonly faults: readonly LitmusFault[];
}

export type LitmusVerdict = 'Allowed' | 'Forbidden' | 'Required';

export interface LitmusRunResult {
  readonly outcomes: readonly LitmusOutcome[];
  /** How many outcomes satisfy the condition's proposition. */
  readonly satisfying: number;
  readonly verdict: LitmusVerdict;
  readonly runs: number;
  readonly states: number;
  /** Every choice sequence explored (no bound reached). */
  readonly complete: boolean;
  readonly bound: string | undefined;
}

export interface LitmusRunOptions {
  readonly maxRuns?: number;
  readonly maxSteps?: number;
  /** P0's Exception level (0, 1 or 2; herd's tests: 1) and stack pointer (PSTATE.SP: SP_ELx when true; herd: true). */
  readonly el?: 0 | 1 | 2;
  readonly spx?: boolean;
  /** The handler moves ELR_EL1 past the faulting instruction itself (isla's tests); herd's: the runner does. */
  readonly handlerMovesElr?: boolean;
  /** P0 at EL1 or EL2 returns to a lower EL with an ERET of its own: SPSR_ELx, and the label of P0's code in ELR_ELx. */
  readonly eret?: { readonly spsr: bigint; readonly elr: string };
  /** Handlers at synchronous exception vectors of EL1 and EL2 (isla's sections: stage-2 faults, an SVC or HVC taken);
   *  when given, they replace the test's P0 handler at P0's own vector. A fault at a vector without one ends P0. */
  readonly handlers?: readonly VectorHandler[];
  /** The world's intermediate locations (stage 2 on: litmus-world.ts); none: stage 2 off. */
  readonly intermediate?: readonly string[];
  /** Locations mapped by a 2 MiB level-2 block of their own (litmus-world.ts). */
  readonly blocks?: readonly string[];
  /** The location whose VA page VBAR_EL1 is: the EL1 vectors reached through an entry of the test's (litmus-world.ts). */
  readonly vectors?: string;
  /** Further stage-1 trees and level-2 entries invalid at the start (litmus-world.ts WorldShape). */
  readonly trees?: WorldShape['trees'];
  readonly tableInvalid?: WorldShape['tableInvalid'];
  readonly s2Identity?: readonly string[];
  /** TTBR0_EL1 / VTTBR_EL2 as the test sets them (isla's `ttbr(asid=…)`, `ttbr(vmid=…)`), over the runner's own;
   *  TTBR0_EL2 (a tree of the world's) turns the EL2 regime's stage 1 on, its TLB filled speculatively at EL2 too. */
  readonly sysregs?: readonly { readonly reg: SysregName; readonly value: LitmusValue }[];
}

/** The system registers a test may set. */
export type SysregName = 'TTBR0_EL1' | 'VTTBR_EL2' | 'TTBR0_EL2';

/** A handler's code at VBAR_EL1 or VBAR_EL2 + `offset`, a synchronous exception vector (ARM §D1.10.2 Table D1-5:
 *  0x000 current EL with SP_EL0, 0x200 current EL with SP_ELx, 0x400 lower EL in AArch64). */
export interface VectorHandler {
  readonly el: 1 | 2;
  readonly offset: number;
  readonly code: readonly string[];
}

/** The synchronous exception vectors' offsets from VBAR_ELx (ARM §D1.10.2 Table D1-5; AArch32 lower ELs excepted). */
export const SYNC_VECTORS = [0x000, 0x200, 0x400] as const;
const vbarOf = (el: number): number => (el === 2 ? VBAR_EL2 : VBAR);
// ESR_ELx.EC of the calls a handler may serve (ARM §D24.2.46): SVC and HVC from AArch64
const EC_SVC64 = 0x15;
const EC_HVC64 = 0x16;

export const LITMUS_DEFAULTS = { maxRuns: 200_000, maxSteps: 500 } as const;

// ESR DFSC[5:2] kinds (ARM §D24.2.46; src/arch/syndrome.ts ISS_FSC_KIND) and herd's names for them
const FAULT_KIND: Readonly<Record<number, string>> = { 0x4: 'MMU:Translation', 0x8: 'MMU:AccessFlag', 0xc: 'MMU:Permission' };
/** The offset from VBAR_EL1 of the synchronous exception vector a fault at `el` with `spx` takes (ARM §D1.10.2
 *  Table D1-5): current EL with SP_EL0 0x000, current EL with SP_ELx 0x200, lower EL in AArch64 0x400. */
export const syncVector = (el: number, spx: boolean): number => (el === 0 ? 0x400 : spx ? 0x200 : 0);
/** TCR_EL1: T0SZ 25 (39-bit VA), IRGN0/ORGN0 WB, SH0 Inner Shareable, TG0 4 KiB, EPD1 (no TTBR1 walks), IPS 40 bits. */
const TCR = 25n | (1n << 8n) | (1n << 10n) | (3n << 12n) | (1n << 23n) | (2n << 32n);
/** TCR_EL2 (no E2H): T0SZ 25 (39-bit VA), IRGN0/ORGN0 WB, SH0 Inner Shareable, TG0 4 KiB, PS 40 bits, bits 31 and 23
 *  RES1 (ARM §D17.2 TCR_EL2). */
const TCR_EL2 = 25n | (1n << 8n) | (1n << 10n) | (3n << 12n) | (2n << 16n) | (1n << 23n) | (1n << 31n);
/** SCTLR_ELx.M (stage 1 on), C, I. */
const SCTLR_MCI = 1n | (1n << 2n) | (1n << 12n);
/** HCR_EL2.RW: EL1 is AArch64; VM (bit 0): stage 2 of the EL1&0 regime on. */
const HCR_RW = 1n << 31n;
const HCR_VM = 1n;
/** VTCR_EL2 for the world's stage 2: T0SZ 25 (39-bit IPA), SL0 1 (start at level 1, 4 KiB granule), IRGN0/ORGN0 WB,
 *  SH0 Inner Shareable, TG0 4 KiB, PS 40 bits, bit 31 RES1 (ARM §D17.2 VTCR_EL2). */
const VTCR = 25n | (1n << 6n) | (1n << 8n) | (1n << 10n) | (3n << 12n) | (2n << 16n) | (1n << 31n);
const PAGE_SHIFT = 12;

/** The SyncChoices of one run: every choice through the tree. */
class LitmusChoices implements SyncChoices {
  constructor(
    private readonly tree: ChoiceTree,
    private readonly view: WalkerView,
    /** The EL2 regime has a stage 1 of the test's: filled speculatively while in context, at EL2 (ARM §D8.16 R SQBCS). */
    private readonly el2: boolean,
  ) {}
  pendingVisible(): boolean {
    return this.tree.choose(2) === 1;
  }
  tlbiCompleted(): boolean {
    return this.tree.choose(2) === 1;
  }
  speculativeFill(regime: number): boolean {
    // not while this step's access is translated early: a fill then walks after the DSB (walker-view.ts)
    return (regime === REGIME_EL10 || (this.el2 && regime === REGIME_EL2)) && !this.view.early && this.tree.choose(2) === 1;
  }
  mixNew(): boolean {
    return false;
  }
  pick(n: number): number {
    return this.tree.choose(n);
  }
}

/** The walk cache's choices (ARM §D8.16): a cached table descriptor used or memory read, and a different one read
 *  from memory cached in its place or not. A cached one that memory still holds gives no choice (walk.ts), so a test
 *  whose table descriptors never change has none. */
class LitmusWalkChoices implements WalkCacheChoices {
  constructor(private readonly tree: ChoiceTree) {}
  useCached(): boolean {
    return this.tree.choose(2) === 1;
  }
  replaceTable(): boolean {
    return this.tree.choose(2) === 1;
  }
}

/** Before an instruction: each cached translation of a location (a 4 KiB page, or a block location's block; the
 *  identity blocks of code and tables never change) dropped or kept — an implementation may evict any TLB entry at
 *  any time (ARM §D8.16), so a later access may walk the tables again. */
function evictions(c: Cpu, tree: ChoiceTree, world: LitmusLayout): void {
  const t = c.tlb;
  for (let e = 0; e < t.capacity; e++) if ((KM_LEAF & (1 << t.kind[e]!)) !== 0 && (t.shift[e] === PAGE_SHIFT || world.blockPas.includes(t.out[e]!)) && tree.choose(2) === 1) t.evict(e);
}

/** P0's code and its handler assembled; label → address. */
interface Assembled {
  readonly sections: readonly { addr: bigint; bytes: Uint8Array }[];
  readonly end: bigint;
  readonly labels: ReadonlyMap<string, bigint>;
  readonly labelAt: ReadonlyMap<bigint, string>;
  /** The instructions by address, each with whether it loads or stores. */
  readonly insns: ReadonlyMap<bigint, { readonly insn: Insn; readonly ldst: boolean }>;
  /** Is `pc` in P0's code (its end included) or a handler (its end included)? */
  inside(pc: bigint): boolean;
  /** Is `pc` just after a handler's last instruction (a handler without ERET runs off its end: P0 ends, as in isla)? */
  handlerEnds(pc: bigint): boolean;
}

function assembleP0(t: LitmusTest, handlers: readonly VectorHandler[]): Assembled {
  const code = t.code[0] ?? [];
  const lines = ['.text', ...code];
  const at = handlers.map((h) => ({ addr: vbarOf(h.el) + h.offset, code: h.code })).sort((x, y) => x.addr - y.addr);
  for (const h of at) lines.push(`.org 0x${(h.addr - CODE_BASE).toString(16)}`, ...h.code);
  const p = loadProgram(`${t.name}:P0`, `${lines.join('\n')}\n`, { base: BigInt(CODE_BASE) });
  if (p.diagnostics.length > 0) {
    const d = p.diagnostics[0]!;
    const src = d.line >= 2 ? lines[d.line - 1] : '';
    throw new LitmusSetupError('P0', `the assembler rejects "${src?.trim()}": ${d.message}`);
  }
  const labels = new Map<string, bigint>();
  const labelAt = new Map<bigint, string>();
  for (const [k, l] of lines.entries()) {
    const m = /^\s*([A-Za-z_]\w*):/.exec(l);
    // a label alone on its line (`L0: ;`) names the next instruction
    const at = p.insns.find((i) => i.line >= k + 1);
    if (m === null || at === undefined) continue;
    labels.set(m[1]!, at.addr);
    labelAt.set(at.addr, m[1]!);
  }
  // after P0's last instruction (a row may hold only a label)
  const end = BigInt(CODE_BASE) + BigInt(p.insns.filter((i) => i.line <= code.length + 1).length * 4);
  // a handler's end: after its last instruction (a handler's rows may hold only labels or comments)
  const after = (at: number): bigint => {
    const last = p.insns.filter((i) => i.addr >= BigInt(at) && i.addr < BigInt(at) + 0x800n).at(-1);
    return last === undefined ? BigInt(at) : last.addr + 4n;
  };
  const ranges = at.map((h) => [BigInt(h.addr), after(h.addr)] as const);
  const inside = (pc: bigint): boolean => (pc >= BigInt(CODE_BASE) && pc <= end) || ranges.some(([lo, hi]) => pc >= lo! && pc <= hi!);
  const handlerEnds = (pc: bigint): boolean => ranges.some(([lo, hi]) => pc === hi && hi !== lo);
  const insns = new Map(p.insns.map((i) => [i.addr, { insn: i, ldst: decodeRow(i.word)?.cls === 'ldst' }]));
  return { sections: p.sections, end, labels, labelAt, insns, inside, handlerEnds };
}

/** The test's machine: RAM with its tables and values and P0's code, a CPU; start() puts both back to the initial
 *  state (P0 at EL1 about to run its first instruction) for the next run. */
interface LitmusMachine {
  readonly c: Cpu;
  readonly world: LitmusLayout;
  start(): void;
}

interface StartState {
  readonly el: number;
  readonly spx: boolean;
  /** SPSR_ELx and ELR_ELx (an address) for P0's own ERET from the EL it starts at. */
  readonly eret: { readonly spsr: bigint; readonly elr: bigint } | undefined;
  readonly intermediate: readonly string[];
  readonly blocks: readonly string[];
  readonly vectors: string | undefined;
  readonly trees: WorldShape['trees'];
  readonly tableInvalid: WorldShape['tableInvalid'];
  readonly s2Identity: readonly string[];
  readonly sysregs: readonly { readonly reg: SysregName; readonly value: LitmusValue }[];
}

function machine(t: LitmusTest, a: Assembled, st: StartState): LitmusMachine {
  const mem = new PhysMemory(RAM_BASE, RAM_SIZE);
  for (const s of a.sections) mem.writeBytes(Number(s.addr), s.bytes);
  const lowEl = st.eret === undefined ? st.el : Number((st.eret.spsr >> 2n) & 3n);
  const world = buildWorld(t, mem, { el0Tables: lowEl === 0, intermediate: st.intermediate, blocks: st.blocks, vectors: st.vectors, trees: st.trees, tableInvalid: st.tableInvalid, s2Identity: st.s2Identity });
  // what a run may write: the tables and the locations' pages (and, with a wild store, the code)
  const regions = [...new Set([CODE_BASE, ...world.tablePages, ...world.names.map(world.pa)].map((pa) => pa - (pa % 0x1000)))];
  const initial = regions.map((pa) => ({ pa, bytes: mem.readBytes(pa, 0x1000) }));
  const regs = t.init.flatMap((i) => {
    if (i.location.kind !== 'reg' || i.value === undefined) return [];
    if (i.location.pe !== 0) throw new LitmusSetupError('init', `register of P${i.location.pe} in a single-PE test`);
    return [[regIndex(i.location.reg), world.valueOf(i.value)] as const];
  });
  const sysregs = st.sysregs.map((r) => ({ reg: SR[r.reg], value: world.valueOf(r.value) }));
  // the EL2 regime's stage 1 on, through the tree TTBR0_EL2 names
  const el2s1 = st.sysregs.some((r) => r.reg === 'TTBR0_EL2');
  const c = new Cpu(CORTEX_A57, mem);
  const start = (): void => {
    for (const r of initial) mem.writeBytes(r.pa, r.bytes);
    c.sync = null;
    c.reset(BigInt(CODE_BASE));
    c.sr[SR.TCR_EL1] = TCR;
    c.sr[SR.TTBR0_EL1] = BigInt(world.ttbr0);
    c.sr[SR.MAIR_EL1] = 0xffn; // Attr0: Normal, Inner/Outer Write-Back
    c.sr[SR.SCTLR_EL1] = c.sr[SR.SCTLR_EL1]! | SCTLR_MCI;
    c.sr[SR.VBAR_EL1] = BigInt(world.vbar);
    c.sr[SR.VBAR_EL2] = BigInt(VBAR_EL2);
    c.sr[SR.HCR_EL2] = world.vttbr === undefined ? HCR_RW : HCR_RW | HCR_VM;
    if (world.vttbr !== undefined) {
      c.sr[SR.VTCR_EL2] = VTCR;
      c.sr[SR.VTTBR_EL2] = BigInt(world.vttbr); // VMID 0
    }
    if (st.eret !== undefined) {
      c.sr[st.el === 2 ? SR.SPSR_EL2 : SR.SPSR_EL1] = st.eret.spsr;
      c.sr[st.el === 2 ? SR.ELR_EL2 : SR.ELR_EL1] = st.eret.elr;
    }
    for (const r of sysregs) c.sr[r.reg] = r.value;
    if (el2s1) {
      c.sr[SR.TCR_EL2] = TCR_EL2;
      c.sr[SR.MAIR_EL2] = 0xffn; // Attr0: Normal, Inner/Outer Write-Back
      c.sr[SR.SCTLR_EL2] = c.sr[SR.SCTLR_EL2]! | SCTLR_MCI;
    }
    c.setElSp(st.el, st.spx ? 1 : 0);
    for (const [r, v] of regs) c.x[r] = v;
  };
  return { c, world, start };
}

function regIndex(reg: string): number {
  const m = /^[XW](\d+)$/.exec(reg);
  if (m === null || Number(m[1]) > 30) throw new LitmusSetupError('register', `${reg} is not X0–X30 / W0–W30`);
  return Number(m[1]);
}

/** Fingerprint of everything the rest of a run depends on, and of what it has already produced (faults). */
function stateKey(c: Cpu, world: LitmusLayout, sync: SyncModel, tlb: TlbDigest, view: WalkerView, faults: readonly LitmusFault[]): string {
  const h = new StateHash();
  hashCpuState(h, c, sync, tlb);
  view.hash(h);
  for (const p of world.tablePages) h.words(c.mem.page(p)!.u32, (p % 0x1_0000) / 4, (p % 0x1_0000) / 4 + 1024);
  for (const n of world.names) {
    const pa = world.pa(n);
    h.words(c.mem.page(pa)!.u32, (pa % 0x1_0000) / 4, (pa % 0x1_0000) / 4 + 1024);
  }
  for (const f of faults) h.text(`${f.label}|${f.name}|${f.type}`);
  return h.key();
}

function outcomeOf(c: Cpu, world: LitmusLayout, faults: readonly LitmusFault[]): LitmusOutcome {
  return {
    regs: Array.from(c.x.subarray(0, 31)),
    mem: new Map(world.names.map((n) => [n, c.mem.readU64(world.pa(n))])),
    ptes: new Map(world.names.map((n) => [n, c.mem.readU64(world.pte(n))])),
    faults: [...faults],
  };
}

const outcomeKey = (o: LitmusOutcome): string =>
  [o.regs.join(','), [...o.mem.values()].join(','), [...o.ptes.values()].join(','), o.faults.map((f) => `${f.label}|${f.name}|${f.type}`).join(';')].join('/');

/** The labels the condition's fault atoms name. */
function faultLabels(c: LitmusCond): string[] {
  if (c.kind === 'fault') return c.label === undefined ? [] : [c.label];
  if (c.kind === 'not') return faultLabels(c.arg);
  if (c.kind === 'and' || c.kind === 'or') return c.args.flatMap(faultLabels);
  return [];
}

/** Does outcome `o` satisfy proposition `c` (herd's final-state predicate)? */
export function holdsIn(c: LitmusCond, o: LitmusOutcome, world: LitmusLayout): boolean {
  switch (c.kind) {
    case 'true':
      return true;
    case 'not':
      return !holdsIn(c.arg, o, world);
    case 'and':
      return c.args.every((a) => holdsIn(a, o, world));
    case 'or':
      return c.args.some((a) => holdsIn(a, o, world));
    case 'fault':
      if (c.pe !== 0) throw new LitmusSetupError('condition', `fault of P${c.pe} in a single-PE test`);
      return o.faults.some((f) => (c.label === undefined || f.label === c.label) && (c.name === undefined || f.name === c.name) && (c.type === undefined || f.type === c.type));
    case 'eq': {
      const l = c.location;
      const want = l.kind === 'pte' ? world.encode(c.value, l.name) : world.valueOf(c.value);
      if (l.kind === 'reg') {
        if (l.pe !== 0) throw new LitmusSetupError('condition', `register of P${l.pe} in a single-PE test`);
        const v = o.regs[regIndex(l.reg)]!;
        return (l.reg.startsWith('W') ? v & 0xffff_ffffn : v) === want;
      }
      return (l.kind === 'pte' ? o.ptes.get(l.name) : o.mem.get(l.name)) === want;
    }
  }
}

/** Explore every outcome of single-PE test `t`; throws LitmusSetupError for what the runner cannot set up. */
export function runLitmus(t: LitmusTest, opts: LitmusRunOptions = {}): LitmusRunResult {
  if (t.code.length !== 1) throw new LitmusSetupError('processes', `${t.code.length} PEs (the runner models one)`);
  const maxRuns = opts.maxRuns ?? LITMUS_DEFAULTS.maxRuns;
  const maxSteps = opts.maxSteps ?? LITMUS_DEFAULTS.maxSteps;
  const el = opts.el ?? 1;
  const spx = opts.spx ?? true;
  // herd's P0 handler: at the vector of the EL and stack pointer P0 runs at, after its own ERET when it has one
  const lowEl = opts.eret === undefined ? el : Number((opts.eret.spsr >> 2n) & 3n);
  const p0Handler = t.handlers.get(0);
  const handlers = opts.handlers ?? (p0Handler === undefined ? [] : [{ el: 1 as const, offset: syncVector(lowEl, opts.eret === undefined ? spx : (opts.eret.spsr & 1n) === 1n), code: p0Handler }]);
  const a = assembleP0(t, handlers);
  // the highest EL P0 runs at: its own, EL1 (herd's handler), EL2 when it has a handler there
  const topEl = Math.max(el, 1, ...handlers.map((h) => h.el));
  const eretTo = opts.eret === undefined ? undefined : a.labels.get(opts.eret.elr);
  if (opts.eret !== undefined && eretTo === undefined) throw new LitmusSetupError(`ELR_EL${el}`, `label ${opts.eret.elr}, which P0's code does not have`);
  for (const l of faultLabels(t.condition)) if (!a.labels.has(l)) throw new LitmusSetupError('condition', `fault at label ${l}, which P0's code does not have`);
  const tree = new ChoiceTree();
  const visited = new Set<string>();
  const outcomes = new Map<string, LitmusOutcome>();
  const m = machine(t, a, { el, spx, eret: opts.eret === undefined ? undefined : { spsr: opts.eret.spsr, elr: eretTo! }, intermediate: opts.intermediate ?? [], blocks: opts.blocks ?? [], vectors: opts.vectors, trees: opts.trees ?? [], tableInvalid: opts.tableInvalid ?? [], s2Identity: opts.s2Identity ?? [], sysregs: opts.sysregs ?? [] });
  const { c, world } = m;
  // the vectors' entry points, by EL, at the VAs VBAR_EL1 and VBAR_EL2 hold
  const vbarVa = (el: number): number => (el === 2 ? VBAR_EL2 : world.vbar);
  const entries = [1, 2].flatMap((x) => SYNC_VECTORS.map((o) => ({ el: x, at: BigInt(vbarVa(x) + o), handler: handlers.some((h) => h.el === x && h.offset === o) })));
  // a PC in the EL1 vectors' VA page → its address in the assembled image (where the handlers were placed)
  const image = (pc: bigint): bigint => (pc >= BigInt(world.vbar) && pc < BigInt(world.vbar) + 0x1000n ? pc - BigInt(world.vbar) + BigInt(VBAR) : pc);
  const view = new WalkerView(c.mem, world.tablePages, tree);
  view.attach(c);
  // the walk cache, explored like the leaf entries (table descriptors never evicted by a choice: a walk that reads
  // memory instead of a cached one is that choice, at the walk)
  c.tlb.walkChoices = new LitmusWalkChoices(tree);
  const choices = new LitmusChoices(tree, view, (opts.sysregs ?? []).some((r) => r.reg === 'TTBR0_EL2'));
  // at most one fill per translation the world has: the identity blocks and each location's page
  const warmFills = world.names.length + 2;
  let bound: string | undefined;
  for (;;) {
    m.start();
    view.reset();
    const sync = new SyncModel({ choices, translateEarly: true });
    c.sync = sync;
    // P0 starting at EL2 enters a regime that was in context before the test began: its TLB may hold any translation
    // its tables gave then (ARM §D8.16 R SQBCS), though no fill happens while EL2 runs (§D8.1.5 R NRJPP) — chosen here
    for (let k = 0; el === 2 && opts.eret !== undefined && k < warmFills && tree.choose(2) === 1; k++) speculativeFill(c, lowEl, choices);
    const digest = new TlbDigest();
    const faults: LitmusFault[] = [];
    // the states this run explored itself (after its replayed prefix): one met again is a loop
    const onPath = new Set<string>();
    let done = true; // the run reached the end of P0 (or a fatal fault) rather than an explored state
    for (let step = 0; ; step++) {
      const pc = c.x[PC]!;
      if (pc === a.end || a.handlerEnds(image(pc))) break; // the end of P0, or run off the end of a handler (isla)
      if (step >= maxSteps) {
        bound = `a run did not end within ${maxSteps} instructions`;
        break;
      }
      evictions(c, tree, world);
      const here = a.insns.get(image(pc));
      view.before(c, here?.ldst ?? false);
      c.run(1);
      // a synchronous exception taken: the PC at a vector of the EL it is now at, from outside that vector's code
      const now = c.x[PC]!;
      const took = entries.find((v) => v.el === c.el && v.at === now && !(pc >= now && pc < now + 0x80n));
      const e = here?.insn.event;
      // context synchronization events: ISB, exception entry, ERET (ARM §D24.1.2.2)
      view.after(c, e, took !== undefined || e?.k === 'isb' || e?.k === 'eret');
      if (took !== undefined) {
        const at2 = took.el === 2;
        const esr = Number(c.sr[at2 ? SR.ESR_EL2 : SR.ESR_EL1]! & 0xffff_ffffn);
        const elr = c.sr[at2 ? SR.ELR_EL2 : SR.ELR_EL1]!;
        const ec = ecOf(esr);
        const kind = FAULT_KIND[esr & ISS_FSC_KIND];
        if (ecIsAbort(ec) && kind !== undefined) {
          // FAR_EL2 holds the faulting VA on a stage-2 fault too (ARM §D17.2 FAR_EL2)
          faults.push({ label: a.labelAt.get(elr), name: world.nameAt(Number(c.sr[at2 ? SR.FAR_EL2 : SR.FAR_EL1]!)), type: kind });
          if (!took.handler) break; // herd `fatal`: the fault ends P0
          // the handler's ERET returns after the faulting instruction
          if (!at2 && opts.handlerMovesElr !== true) c.sr[SR.ELR_EL1] = elr + 4n;
        } else if (!((ec === EC_SVC64 || ec === EC_HVC64) && took.handler)) {
          throw new LitmusSetupError('P0', `took an exception other than an MMU fault or a call its handler serves at 0x${elr.toString(16)}: ESR_EL${took.el} 0x${esr.toString(16)}`);
        }
      } else if (c.el > topEl || !a.inside(image(c.x[PC]!))) {
        throw new LitmusSetupError('P0', `left its code at 0x${c.x[PC]!.toString(16)} (EL${c.el})`);
      }
      if (tree.replaying) continue;
      const key = stateKey(c, world, sync, digest, view, faults);
      if (onPath.has(key)) {
        // back to a state of this very run: P0 loops and never reaches an end — no outcome, and no proof either
        bound = `a run returned to a state it had been in after ${step + 1} instructions: P0 loops`;
        break;
      }
      onPath.add(key);
      if (visited.has(key)) {
        done = false;
        break;
      }
      visited.add(key);
    }
    if (done && bound === undefined) {
      const o = outcomeOf(c, world, faults);
      outcomes.set(outcomeKey(o), o);
    }
    if (bound !== undefined || !tree.advance()) break;
    if (tree.runs > maxRuns) {
      bound = `${maxRuns} choice sequences`;
      break;
    }
  }
  const all = [...outcomes.values()];
  const satisfying = all.filter((o) => holdsIn(t.condition, o, world)).length;
  // herd's kind of a test (lib/constrGen.ml): Required when every state satisfies a forall, Allowed when some state
  // satisfies the proposition, Forbidden when none does
  const verdict: LitmusVerdict = satisfying === 0 ? 'Forbidden' : t.quantifier === 'forall' && satisfying === all.length ? 'Required' : 'Allowed';
  return { outcomes: all, satisfying, verdict, runs: tree.runs, states: visited.size, complete: bound === undefined, bound };
}
