// The machine state a switch starts from (issue 7, `check`): the built image in RAM and the switch's whole assembled
// image (code, literal pools, tables, data) at its address, a stack for it (SP_EL2), the CPU at EL2 where context A
// was running — A's translation registers in context, A's VMID, and a TLB holding every non-faulting translation
// of A and every table descriptor of the walks that make them (fill-all.ts) — and the part of the switch the checked code does not own: the target's EL1 registers it does not write
// itself are already written (pending, out of context at EL2 until the ERET, ARCH-NOTES §10), ELR_EL2/SPSR_EL2
// hold its entry. As in the hypervisor, X19 and X20 point at A's and B's context-table entries (src/hyp/asm/offsets.S),
// whose VTTBR_EL2 values carry the VMIDs the start state records; X21 and X22 hold B's and A's context indices (what
// a partitioning hypervisor's cell or VM id is). With `staleTarget` (the scenario's `tlb: flush` contract: a VMID
// may be reused, the switch must flush it) the target's VMID also tags every translation of A.
//
// Which VMID each context runs with is the switch's own policy, not the reference allocator's: the harness first
// runs the switch into every context (the census: from another context, with immediate synchronization) and reads
// the VMID it loads. When it loads a VMID into every context and not the same one into all (a static table as
// partitioning hypervisors use, an allocator, the context table), those are the live VMIDs — two contexts sharing
// one is then the switch's own collision. When it does not (it writes no VTTBR_EL2 on the way into some context, or
// loads one constant VMID: a tail written for one target), the switch is the piece of the hypervisor that enters
// this target: the others hold the VMIDs the start state records, as the reference allocator handed them out.
//
// Start states (`StartState`): `allocated` (every context entered once in VMID generation 1), `first-entry` (the
// target never entered: the allocator hands it the next free VMID) and `rollover` (the allocator's generation is used
// up: generation 2 has handed out VMIDs up to 255, A holding 255 and the other contexts the ones before it; the
// target last ran in generation 1, so vmid_check starts generation 3 with TLBI ALLE1 and gives it VMID 1 — which A
// held in generation 1, so every translation of A is also cached under VMID 1, outside the target's memory). The
// rollover state is the reference allocator's by definition: its VMIDs are not taken from a census.
import { field, withField } from '../arch/reg-fields.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { PC, SP } from '../cpu/state.ts';
import type { SyncModel } from '../cpu/sync.ts';
import { type BuiltImage, type ContextInfo, machineFor } from '../hyp/image.ts';
import { VmidAllocator } from '../hyp/vmid.ts';
import { PAGE_SIZE } from '../memory/phys.ts';
import { currentVmid } from '../mmu/params.ts';
import { Tlb } from '../mmu/tlb.ts';
import type { Program } from './program.ts';
import { tableOffsets } from './audit.ts';
import { fillAll, TlbSnapshot } from './fill-all.ts';
import { managedBy, taintOutgoing, type Managed, type Taint } from './state-taint.ts';
import type { GicVirtInterface } from '../devices/gic-virt.ts';

const VTTBR_VMID = field('VTTBR_EL2', 'VMID');
/** Ways of the checker's TLB (its sets follow from the entries asked for). */
const TLB_WAYS = 8;
/** Default architectural TLB entries of the checker's PE (--tlb-entries). */
export const DEFAULT_TLB_ENTRIES = 1 << 14;

export interface SwitchHarness {
  readonly cpu: Cpu;
  readonly from: ContextInfo;
  readonly to: ContextInfo;
  /** The VMID each live context runs with (by context index). */
  readonly vmids: readonly number[];
  /** The VMIDs the start state records (the reference allocator's). */
  readonly recordedVmids: readonly number[];
  /** The VMID the switch loads when it enters each context (undefined: it does not reach an ERET). */
  readonly census: readonly (number | undefined)[];
  /** The census gives every context its own VMID: `vmids` are the switch's. */
  readonly ownPolicy: boolean;
  /** Who holds each VMID in the generation the target is entered in: every context's own, or after a rollover only the
   *  target's (the others get theirs when next entered). A VMID not held is free: handed out later with no TLBI. */
  readonly holders: ReadonlyMap<number, ContextInfo>;
  /** The TLB the switch starts with. */
  readonly tlb: TlbSnapshot;
  readonly staleTarget: boolean;
  /** The shared per-PE state the switch manages (state-taint.ts), and the GICv2 virtual interface, if the board has one. */
  readonly managed: Managed;
  readonly gic: GicVirtInterface | undefined;
  /** A's values in that state at the start of the run (state-taint.ts). */
  taint(): Taint;
  /** The run has written a GICH register. */
  gichWritten(): boolean;
  /** Reset the machine to the start state with `sync` as its synchronization model. */
  prime(sync: SyncModel): void;
}

/** VMIDs as the hypervisor's allocator hands them out when every context is entered once, in table order. */
export function allocatedVmids(img: BuiltImage): number[] {
  const a = new VmidAllocator();
  return img.contexts.map((c) => a.enter(c.index).vmid);
}

export type StartState = 'allocated' | 'first-entry' | 'rollover';

/** The rollover start state's allocator (see the header): generation 2 used up; VMIDs by context index, the target's
 *  as vmid_check hands it out, and what each context's table entry records (generation, VMID). */
function rolloverVmids(img: BuiltImage, from: ContextInfo, to: ContextInfo): { vmids: number[]; recorded: [number, number][] } {
  const others = img.contexts.filter((c) => c !== from && c !== to);
  const vmids = img.contexts.map((c) => (c === to ? 1 : c === from ? 255 : 255 - 1 - others.indexOf(c)));
  const recorded = img.contexts.map((c): [number, number] => (c === to ? [1, 2] : [2, vmids[c.index]!]));
  return { vmids, recorded };
}

/** A context's VTTBR_EL2 with its VMID in bits 55:48 (the context table holds BADDR only). */
const vttbrOf = (c: ContextInfo, vmid: number): bigint => withField(VTTBR_VMID, c.regs.vttbr, BigInt(vmid));

/** Load A's translation registers into the CPU, in context. */
function loadContext(c: Cpu, a: ContextInfo, vmid: number): void {
  const r = a.regs;
  c.sr[SR.HCR_EL2] = r.hcr;
  c.sr[SR.VTTBR_EL2] = vttbrOf(a, vmid);
  c.sr[SR.VTCR_EL2] = r.vtcr;
  c.sr[SR.TTBR0_EL1] = r.ttbr0;
  c.sr[SR.TCR_EL1] = r.tcr;
  c.sr[SR.MAIR_EL1] = r.mair;
  c.sr[SR.SCTLR_EL1] = r.sctlr;
  c.sr[SR.VBAR_EL1] = r.vbar;
}

/** The EL1 registers the rest of the switch loads for the target (pending until the ERET). */
const TARGET_EL1: readonly [number, (c: ContextInfo) => bigint][] = [
  [SR.TTBR0_EL1, (c) => c.regs.ttbr0],
  [SR.TCR_EL1, (c) => c.regs.tcr],
  [SR.MAIR_EL1, (c) => c.regs.mair],
  [SR.SCTLR_EL1, (c) => c.regs.sctlr],
  [SR.VBAR_EL1, (c) => c.regs.vbar],
];

export interface HarnessOptions {
  readonly staleTarget: boolean;
  /** Where the switch starts (default: its first instruction). */
  readonly entry?: bigint;
  readonly state?: StartState;
  /** The top of the switch's stack (SP_EL2). */
  readonly stackTop: bigint;
  /** Architectural TLB entries (a power of two). */
  readonly tlbEntries?: number;
  /** Bound on instructions of one census run. */
  readonly maxSteps: number;
}

export function makeHarness(img: BuiltImage, p: Program, from: ContextInfo, to: ContextInfo, opts: HarnessOptions): SwitchHarness {
  const entries = opts.tlbEntries ?? DEFAULT_TLB_ENTRIES;
  const m = machineFor(img, new Tlb(Math.max(1, entries / TLB_WAYS), TLB_WAYS));
  const err = m.load(img.image);
  if (err !== undefined) throw new Error(err);
  // the switch's image, a word at a time: its stores are undone before every run (only changed words are rewritten)
  const images = p.sections.map((s) => ({ pa: Number(s.addr), bytes: s.bytes, words: new Uint32Array(s.bytes.slice(0, s.bytes.length & ~3).buffer) }));
  const loadSections = (): void => {
    for (const s of images) {
      if ((s.pa & 3) !== 0) {
        m.mem.writeBytes(s.pa, s.bytes);
        continue;
      }
      for (let k = 0; k < s.words.length; ) {
        const pa = s.pa + 4 * k;
        const ram = m.mem.page(pa)!.u32;
        const w0 = (pa & (PAGE_SIZE - 1)) >>> 2;
        const n = Math.min(s.words.length - k, ram.length - w0);
        for (let j = 0; j < n; j++) if (ram[w0 + j] !== s.words[k + j]) m.mem.writeU32(pa + 4 * j, s.words[k + j]!);
        k += n;
      }
      m.mem.writeBytes(s.pa + (s.bytes.length & ~3), s.bytes.subarray(s.bytes.length & ~3));
    }
  };
  // the hypervisor's page tables as built: a switch may store to them, so every run starts from these
  const tables = m.mem.readBytes(img.layout.poolBase, img.layout.poolSize);
  const cpu = m.cpu;
  const state = opts.state ?? 'allocated';
  const rollover = state === 'rollover' ? rolloverVmids(img, from, to) : undefined;
  const recordedVmids = rollover?.vmids ?? allocatedVmids(img);
  // the context table (src/hyp/asm/switch.S vmid_check) as the start state has it: each context's (generation, VMID);
  // with `first-entry` the target was never entered: no VMID yet (C_VMIDGEN 0, C_VTTBR BADDR only), and the
  // allocator's next free VMID is the one it will hand out. Rewritten before every run (the switch stores to it).
  const recorded = rollover?.recorded ?? img.contexts.map((c): [number, number] => (state === 'first-entry' && c === to ? [0, 0] : [1, recordedVmids[c.index]!]));
  const [generation, next] = rollover !== undefined ? [2, 256] : [1, state === 'first-entry' ? recordedVmids[to.index]! : img.contexts.length + 1];
  const off = tableOffsets();
  const entryOf = (c: ContextInfo): bigint => img.symbols.get('ctx_table')! + BigInt(c.index * off.get('CTX_SIZE')!);
  const gen = img.symbols.get('vmid_gen');
  const writeTable = (): void => {
    for (const c of img.contexts) {
      const [g, v] = recorded[c.index]!;
      m.mem.writeU64(Number(entryOf(c)) + off.get('C_VTTBR')!, vttbrOf(c, v));
      m.mem.writeU64(Number(entryOf(c)) + off.get('C_VMIDGEN')!, (BigInt(g) << 8n) | BigInt(v));
    }
    if (gen !== undefined) {
      m.mem.writeU64(Number(gen), BigInt(generation));
      m.mem.writeU64(Number(gen) + 8, BigInt(next));
    }
  };
  const written = new Set(p.insns.map((i) => (i.event.k === 'msr' ? SR[i.event.reg as keyof typeof SR] : undefined)));
  // the virtual interface control (GICH): whether this run writes it
  const gic = m.gicVirt;
  let gichWritten = false;
  if (gic !== undefined) {
    const write = gic.control.write.bind(gic.control);
    gic.control.write = (o, size, v) => {
      gichWritten = true;
      write(o, size, v);
    };
  }
  let taint: Taint | undefined;
  const entry = opts.entry ?? p.insns[0]?.addr ?? 0n;
  /** The machine where `a` ran, about to run the switch into `b` (sync: null for the census). */
  const start = (a: ContextInfo, b: ContextInfo, vmidA: number, sync: SyncModel | null): void => {
    cpu.sync = null;
    loadSections();
    m.mem.writeBytes(img.layout.poolBase, tables);
    writeTable();
    cpu.reset(entry);
    cpu.x[SP] = opts.stackTop;
    loadContext(cpu, a, vmidA);
    // the FP/SIMD registers, the virtual timer and the virtual interface as A left them (state-taint.ts)
    gic?.reset();
    taint = taintOutgoing(cpu, gic, a);
    gichWritten = false;
    cpu.sr[SR.ELR_EL2] = b.regs.elr;
    cpu.sr[SR.SPSR_EL2] = b.regs.spsr;
    cpu.x[19] = entryOf(a);
    cpu.x[20] = entryOf(b);
    cpu.x[21] = BigInt(b.index);
    cpu.x[22] = BigInt(a.index);
    cpu.sync = sync;
    for (const [i, v] of TARGET_EL1) {
      if (written.has(i)) continue;
      if (sync === null) cpu.sr[i] = v(b);
      else {
        sync.pendingValue[i] = v(b);
        sync.markPending(i);
      }
    }
  };
  const byAddr = new Map(p.insns.map((i) => [i.addr, i]));
  /** The VMID the switch loads when it enters `b` from `a` (immediate synchronization, no TLB), or undefined when
   *  it writes no VTTBR_EL2 on the way or reaches no ERET. */
  const enter = (a: ContextInfo, b: ContextInfo): number | undefined => {
    start(a, b, recordedVmids[a.index]!, null);
    let loads = false;
    for (let n = 0; n < opts.maxSteps; n++) {
      const i = byAddr.get(cpu.x[PC]!);
      if (i === undefined || cpu.el !== 2) return undefined;
      if (i.event.k === 'eret') return loads ? currentVmid(cpu) : undefined;
      if (i.event.k === 'msr' && i.event.reg === 'VTTBR_EL2') loads = true;
      cpu.run(1);
    }
    return undefined;
  };
  const census = rollover !== undefined ? recordedVmids : img.contexts.map((c) => enter(c === to ? from : to, c));
  // one VMID for everyone is a tail written for one target (or the note's VMID << 16 bug): not a per-context policy
  const ownPolicy = rollover === undefined && !census.includes(undefined) && new Set(census).size > 1;
  const vmids = ownPolicy ? (census as number[]) : recordedVmids;
  // the TLB: every translation of A under A's VMID (and under the target's, when the VMID may be reused or A held
  // it in the previous generation)
  cpu.sync = null;
  cpu.reset(entry);
  cpu.tlb.clear();
  if (opts.staleTarget || rollover !== undefined) {
    loadContext(cpu, from, vmids[to.index]!);
    fillAll(cpu, 1);
  }
  loadContext(cpu, from, vmids[from.index]!);
  fillAll(cpu, 1);
  const tlb = new TlbSnapshot(cpu.tlb);
  const holders = new Map(img.contexts.filter((c) => rollover === undefined || c === to).map((c) => [vmids[c.index]!, c]));
  return {
    cpu, from, to, vmids, recordedVmids, census, ownPolicy, holders, tlb, staleTarget: opts.staleTarget,
    managed: managedBy(p.insns),
    gic,
    taint: () => taint!,
    gichWritten: () => gichWritten,
    prime(sync: SyncModel): void {
      sync.reset();
      start(from, to, vmids[from.index]!, sync);
      tlb.restore(cpu.tlb);
    },
  };
}
