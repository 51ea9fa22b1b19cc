// The machine state a switch starts from (issue 7, `check`): the built image in RAM, the CPU at EL2 where context A
// was running — A's translation registers in context, A's VMID (as the hypervisor's allocator hands VMIDs out:
// contexts entered in table order get 1, 2, 3 …), and a TLB holding every non-faulting translation of A — and the
// part of the switch the checked code does not own: the target's EL1 registers it does not write itself are
// already written (pending, out of context at EL2 until the ERET, ARCH-NOTES §10), ELR_EL2/SPSR_EL2 hold its entry.
// As in the hypervisor, X19 and X20 point at A's and B's context-table entries, whose VTTBR_EL2 values carry the
// allocated VMIDs. With `staleTarget` (the
// scenario's `tlb: flush` contract: a VMID may be reused, the switch must flush it) the target's VMID also tags
// every translation of A, as if A had run with it before.
// Start states (`StartState`): `allocated` (every context entered once in VMID generation 1), `first-entry` (the
// target never entered: the allocator hands it the next free VMID) and `rollover` (the allocator's generation is used
// up: generation 2 has handed out VMIDs up to 255, A holding 255 and the other contexts the ones before it; the
// target last ran in generation 1, so vmid_check starts generation 3 with TLBI ALLE1 and gives it VMID 1 — which A
// held in generation 1, so every translation of A is also cached under VMID 1, outside the target's memory).
import { field, withField } from '../arch/reg-fields.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import type { SyncModel } from '../cpu/sync.ts';
import { type BuiltImage, type ContextInfo, machineFor } from '../hyp/image.ts';
import { VmidAllocator } from '../hyp/vmid.ts';
import type { Program } from './program.ts';
import { tableOffsets } from './audit.ts';
import { fillAll, TlbSnapshot } from './fill-all.ts';

const VTTBR_VMID = field('VTTBR_EL2', 'VMID');

export interface SwitchHarness {
  readonly cpu: Cpu;
  readonly from: ContextInfo;
  readonly to: ContextInfo;
  /** The VMID each context runs with (by context index). */
  readonly vmids: readonly number[];
  /** Who holds each VMID in the generation the target is entered in: every context's own, or after a rollover only the
   *  target's (the others get theirs when next entered). A VMID not held is free: handed out later with no TLBI. */
  readonly holders: ReadonlyMap<number, ContextInfo>;
  /** The TLB the switch starts with. */
  readonly tlb: TlbSnapshot;
  readonly staleTarget: boolean;
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

export function makeHarness(img: BuiltImage, p: Program, from: ContextInfo, to: ContextInfo, staleTarget: boolean, start?: bigint, state: StartState = 'allocated'): SwitchHarness {
  const m = machineFor(img);
  const err = m.load(img.image);
  if (err !== undefined) throw new Error(err);
  for (const i of p.insns) m.mem.writeU32(Number(i.addr), i.word);
  const cpu = m.cpu;
  const rollover = state === 'rollover' ? rolloverVmids(img, from, to) : undefined;
  const vmids = rollover?.vmids ?? allocatedVmids(img);
  // the context table (src/hyp/asm/switch.S vmid_check) as the start state has it: each context's (generation, VMID);
  // with `first-entry` the target was never entered: no VMID yet (C_VMIDGEN 0, C_VTTBR BADDR only), and the
  // allocator's next free VMID is the one it will hand out. Rewritten before every run (the switch stores to it).
  const recorded = rollover?.recorded ?? img.contexts.map((c): [number, number] => (state === 'first-entry' && c === to ? [0, 0] : [1, vmids[c.index]!]));
  const [generation, next] = rollover !== undefined ? [2, 256] : [1, state === 'first-entry' ? vmids[to.index]! : img.contexts.length + 1];
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
  writeTable();
  const written = new Set(p.insns.map((i) => (i.event.k === 'msr' ? SR[i.event.reg as keyof typeof SR] : undefined)));
  const entry = start ?? p.insns[0]?.addr ?? 0n;
  // the TLB: every translation of A under A's VMID (and under the target's, when the VMID may be reused or A held
  // it in the previous generation)
  cpu.reset(entry);
  loadContext(cpu, from, vmids[to.index]!);
  if (staleTarget || rollover !== undefined) fillAll(cpu, 1);
  loadContext(cpu, from, vmids[from.index]!);
  fillAll(cpu, 1);
  const tlb = new TlbSnapshot(cpu.tlb);
  const holders = new Map(img.contexts.filter((c) => rollover === undefined || c === to).map((c) => [vmids[c.index]!, c]));
  return {
    cpu, from, to, vmids, holders, tlb, staleTarget,
    prime(sync: SyncModel): void {
      cpu.sync = null;
      writeTable();
      cpu.reset(entry);
      loadContext(cpu, from, vmids[from.index]!);
      tlb.restore(cpu.tlb);
      cpu.sync = sync;
      sync.reset();
      for (const [i, v] of TARGET_EL1) {
        if (written.has(i)) continue;
        sync.pendingValue[i] = v(to);
        sync.markPending(i);
      }
      cpu.sr[SR.ELR_EL2] = to.regs.elr;
      cpu.sr[SR.SPSR_EL2] = to.regs.spsr;
      cpu.x[19] = entryOf(from);
      cpu.x[20] = entryOf(to);
    },
  };
}
