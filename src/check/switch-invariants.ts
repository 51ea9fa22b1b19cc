// What must hold once the switch has ERETed into the target B (issue 7, `check`): the ERET was legal and entered B's
// mode; HCR_EL2 is B's intended value; no other live context runs with B's VMID (bits 55:48 of VTTBR_EL2); every
// translation B can make — by a walk of its live registers, under every IMPLEMENTATION DEFINED treatment of fields
// outside their range (field-choices.ts), or through any TLB entry tagged with its VMID — stays inside B's allowed
// memory; and no TLB entry waits for a later context: each other VMID's entries stay inside the memory of the context
// that holds it in B's VMID generation, and a VMID nobody holds (the allocator hands it out later without a TLBI)
// tags none. A walk-cache entry (a table descriptor, src/mmu/tlb.ts KIND_W1/W2) counts as what a walk through it
// reaches: the leaves under the table it points at, read from memory as it is after the ERET (ARM §D8.16: a walk may
// take a cached table descriptor instead of reading memory; only the all-levels TLBI forms must remove it).
import { hex64 } from '../bits/bits.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import type { IllegalReturn } from '../cpu/exception.ts';
import { currentVmid } from '../mmu/params.ts';
import { KIND_W1, KIND_W2, KM_LEAF, REGIME_EL10, type Tlb } from '../mmu/tlb.ts';
import type { AllowedRange, ContextInfo } from '../hyp/image.ts';
import { reachOf } from './audit.ts';
import { baddr, mappings, stage2Format, type TableReader } from '../hyp/table-map.ts';
import { inputOf } from './fill-all.ts';
import { illegalReturnText, wrongModeText } from './eret-outcome.ts';
import { type Chooser, interpret, stagesOn } from './field-choices.ts';
import type { InvariantRule } from './findings.ts';
import type { Insn } from './program.ts';
import { formatChange, hcrDiff } from './hcr-bits.ts';
import type { SwitchHarness } from './switch-harness.ts';
import { stateLeaks } from './state-taint.ts';

export interface Violation {
  readonly rule: InvariantRule;
  readonly message: string;
  readonly details: readonly string[];
  /** tlb-stale, tlb-latent: the entry's PA (a walk-cache entry: the first PA a walk through it reaches outside the
   *  memory of the context that can hit it), kind (KIND_S1/S2/S12, KIND_W1/W2) and VMID. */
  readonly pa?: number;
  readonly entryKind?: number;
  readonly vmid?: number;
  /** The instruction it is charged to, when the invariant knows it (table-store-incomplete: the store). */
  readonly at?: Insn;
}

/** The ERET as it executed: SPSR_EL2, ELR_EL2, HCR_EL2 as it checked them, and where it went. */
export interface EretSeen {
  readonly spsr: number;
  readonly elr: bigint;
  readonly hcr: bigint;
  /** The EL it returned to, or the check of IllegalExceptionReturn that failed. */
  readonly outcome: number | IllegalReturn;
}

export interface AfterEret {
  readonly c: Cpu;
  readonly to: ContextInfo;
  readonly contexts: readonly ContextInfo[];
  readonly h: SwitchHarness;
  /** Who holds each VMID in the VMID generation B runs in (switch-harness.ts); a VMID not listed is free. null: every
   *  switch invalidates its target's VMID (`tlb: flush`), so no other VMID's entries can be hit before that. */
  readonly holders: ReadonlyMap<number, ContextInfo> | null;
  readonly eret: EretSeen;
  readonly paBits: number;
  /** The IMPLEMENTATION DEFINED choices of this run. */
  readonly choose: Chooser;
  /** Bound on the mappings one walk enumerates (TableBoundError beyond). */
  readonly maxMappings: number;
  /** The hypervisor's page-table memory (the image's table pool): no context can write it. */
  readonly tables: { readonly pa: number; readonly size: number };
}

/** [pa, pa+size) lies inside the union of `allowed`. */
export function inside(allowed: readonly AllowedRange[], pa: number, size: number): boolean {
  let at = pa;
  const end = pa + size;
  for (;;) {
    const r = allowed.find((x) => x.pa <= at && at < x.pa + x.size);
    if (r === undefined) return false;
    at = r.pa + r.size;
    if (at >= end) return true;
  }
}

/** The lowest address of [lo, hi) outside the union of `allowed`, or −1. */
function firstOutside(allowed: readonly AllowedRange[], lo: number, hi: number): number {
  let at = lo;
  while (at < hi) {
    const r = allowed.find((x) => x.pa <= at && at < x.pa + x.size);
    if (r === undefined) return at;
    at = r.pa + r.size;
  }
  return -1;
}

/** Whose memory a PA is in, for messages. */
function ownerOf(contexts: readonly ContextInfo[], pa: number): string {
  const c = contexts.find((x) => x.regions.some((g) => pa >= g.pa && pa < g.pa + g.size));
  return c === undefined ? 'no context\'s memory' : `${c.name}'s memory`;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/** The ERET into B: legal, and into B's mode (SPSR_EL2.M[4:0] of its context table). */
function eretViolation(s: AfterEret): Violation | undefined {
  const { to, eret } = s;
  if (typeof eret.outcome !== 'number') {
    const t = illegalReturnText(eret.outcome, eret.spsr, eret.hcr, eret.elr);
    return { rule: 'eret-illegal', message: t.message.replace('the ERET', `the ERET into ${to.name}`), details: t.details };
  }
  const intended = Number(to.regs.spsr & 0x1fn);
  if ((eret.spsr & 0x1f) !== intended) {
    const t = wrongModeText(to.name, eret.spsr, intended, eret.elr);
    return { rule: 'eret-wrong-mode', message: t.message, details: t.details };
  }
  return undefined;
}

/** B's VMID against the other live contexts' (switch-harness.ts: the switch's census, or the recorded VMIDs). */
function vmidViolation(s: AfterEret, vmid: number): Violation | undefined {
  const { c, to, h } = s;
  const sharers = s.contexts.filter((x) => x.index !== to.index && h.vmids[x.index] === vmid).map((x) => x.name);
  const own = h.recordedVmids[to.index]!;
  // a switch without a VMID of its own per context enters B as the hypervisor it is part of does: with B's VMID
  const notOwn = !h.ownPolicy && vmid !== own;
  if (sharers.length === 0 && !notOwn) return undefined;
  const v = c.sr[SR.VTTBR_EL2]!;
  const entered = s.contexts.map((x) => `${x.name} ${h.census[x.index] ?? '(no ERET)'}`).join(', ');
  return {
    rule: 'vmid-wrong',
    message: notOwn ? `${to.name} runs with VTTBR_EL2.VMID = ${vmid}, not its own VMID ${own}` : `${to.name} runs with VTTBR_EL2.VMID = ${vmid}, the VMID ${sharers.join(', ')} also run${sharers.length === 1 ? 's' : ''} with`,
    details: [
      `VTTBR_EL2 = ${hex64(v)}: VMID[55:48] = ${vmid}, BADDR = 0x${(v & 0x0000_ffff_ffff_fffen).toString(16)}`,
      ...(sharers.length > 0 ? [`VMID ${vmid} belongs to ${sharers.join(', ')}: their EL1&0 TLB entries match ${to.name}'s accesses`] : []),
      h.ownPolicy
        ? `the VMIDs this switch loads when it enters each context: ${entered}`
        : `entered by this switch, the contexts run with VMIDs ${entered}: not one VMID per context, so the others hold the VMIDs the start state records (${s.contexts.map((x) => `${x.name} ${h.recordedVmids[x.index]}`).join(', ')})`,
    ],
  };
}

/** B's stage-2 root (VTTBR_EL2.BADDR, the root table or concatenated tables VTCR_EL2 selects) must be in the hypervisor's
 *  table memory: a walk reads its descriptors from there (ARM §D8.2 VTTBR_EL2.BADDR), so whoever can write the memory
 *  it points at decides what B reaches, now or later — what it holds at the ERET proves nothing. */
function rootViolation(s: AfterEret, hcr: bigint, vtcr: bigint): Violation | undefined {
  const { c, to, tables } = s;
  if ((hcr & 1n) === 0n) return undefined; // HCR_EL2.VM = 0: no stage-2 walk
  const f = stage2Format(vtcr, s.paBits);
  if (f.fault !== undefined) return undefined; // every stage-2 walk faults (walkViolation reports what B reaches)
  const root = baddr(c.sr[SR.VTTBR_EL2]!);
  const size = f.rootEntries * 8;
  if (root >= tables.pa && root + size <= tables.pa + tables.size) return undefined;
  const what = c.mem.isRam(root, 8) ? `${ownerOf(s.contexts, root)}${inside(to.allowed, root, size) ? `, which ${to.name} itself can write` : ''}` : 'not RAM: a walk reads whatever that address holds — a device, or nothing (an external abort)';
  return {
    rule: 'walk-outside',
    message: `${to.name}'s stage-2 walks read their root table at PA ${hex(root)} (${what}), outside the hypervisor's page tables`,
    details: [
      `VTTBR_EL2 = ${hex64(c.sr[SR.VTTBR_EL2]!)}: BADDR = ${hex(root)}, a root of ${f.rootEntries} descriptors (${size} bytes) from VTCR_EL2 = ${hex64(vtcr)}`,
      `the hypervisor's page tables are at ${hex(tables.pa)}–${hex(tables.pa + tables.size - 1)}; ${to.name}'s own tables are there (its context table's VTTBR_EL2 BADDR = ${hex(baddr(to.regs.vttbr))})`,
      ...(c.mem.isRam(root, 8) ? ['whatever can write that memory decides which PAs the target reaches: the descriptors there at the ERET are no proof'] : []),
    ],
  };
}

/** B's walks: what its live registers reach (audit's rules) under this implementation's choices, against its allowed set. */
function walkViolation(s: AfterEret, hcr: bigint): Violation | undefined {
  const { c, to } = s;
  const mem = { readU64: (pa: number): bigint => (c.mem.isRam(pa, 8) ? c.mem.readU64(pa) : 0n) };
  const it = interpret(c.sr[SR.TCR_EL1]!, c.sr[SR.VTCR_EL2]!, s.paBits, s.choose, stagesOn(hcr, c.sr[SR.SCTLR_EL1]!));
  const regs = { hcr, vttbr: c.sr[SR.VTTBR_EL2]!, vtcr: it.vtcr, ttbr0: c.sr[SR.TTBR0_EL1]!, tcr: it.tcr, sctlr: c.sr[SR.SCTLR_EL1]!, kind: to.kind === 'vm' ? 0 : 1 };
  const reach = reachOf(mem, to.name, regs, s.paBits, s.maxMappings);
  const ramLo = Math.min(...s.contexts.flatMap((x) => x.regions.map((g) => g.pa)));
  // the first reachable PA at or above the lowest context memory that is not B's to reach
  let pa = -1;
  const bad = reach.ranges.find((r) => {
    if (r.perm === 0 || r.pa + r.size <= ramLo) return false;
    pa = firstOutside(to.allowed, Math.max(r.pa, ramLo), r.pa + r.size);
    return pa >= 0;
  });
  if (bad === undefined) return undefined;
  return {
    rule: 'walk-outside',
    message: `${to.name}'s own translation reaches PA ${hex(pa)} (${ownerOf(s.contexts, pa)}), outside its allowed memory`,
    details: [...it.notes, `stage 1: ${reach.stage1}`, `stage 2: ${reach.stage2}`, `${bad.va === undefined ? 'any VA' : `VA 0x${bad.va.toString(16)}`} → IPA ${hex(bad.ipa)} → PA ${hex(bad.pa)} (${hex(bad.size)} bytes)`],
  };
}

export function checkAfterEret(s: AfterEret): Violation[] {
  const { c, to } = s;
  const out: Violation[] = [];
  const e = eretViolation(s);
  if (e !== undefined) out.push(e);
  const hcr = c.sr[SR.HCR_EL2]!;
  const diff = hcrDiff(hcr, to.regs.hcr);
  if (diff.length > 0) {
    out.push({ rule: 'hcr-wrong', message: `${to.name} runs with HCR_EL2 = ${hex64(hcr)}, not its intended ${hex64(to.regs.hcr)}`, details: diff.map(formatChange) });
  }
  const vmid = currentVmid(c);
  const v = vmidViolation(s, vmid);
  if (v !== undefined) out.push(v);
  const w = rootViolation(s, hcr, c.sr[SR.VTCR_EL2]!) ?? walkViolation(s, hcr);
  if (w !== undefined) out.push(w);
  // B's TLB: every EL1&0 entry tagged with the VMID B runs with (any ASID, any kind: HCR_EL2.VM may be cached too)
  const t = c.tlb;
  const walks = new WalkCacheReach(t, { readU64: (pa: number): bigint => (c.mem.isRam(pa, 8) ? c.mem.readU64(pa) : 0n) }, s.maxMappings);
  const stale = foreignEntry(t, walks, (x) => x === vmid, () => to);
  if (stale !== undefined) {
    const what = stale.table === undefined ? `a TLB entry for PA ${hex(stale.pa)}` : `a walk-cache entry (${tableText(t, stale)}) through which its walks reach PA ${hex(stale.pa)}`;
    out.push({ rule: 'tlb-stale', message: `${to.name} (VMID ${vmid}) can hit ${what} (${ownerOf(s.contexts, stale.pa)})`, ...describe(t, stale) });
  }
  // the other VMIDs' entries (ARCH-NOTES §8): what their holder hits when it runs next, or — for a free VMID — whoever
  // the allocator hands it to (an unheld VMID 0 is the reset value and the hypervisor's own, never handed out)
  const holders = s.holders;
  const latent = holders === null ? undefined : foreignEntry(t, walks, (x) => x !== vmid && (x !== 0 || holders.has(0)), (x) => holders.get(x));
  if (latent !== undefined) {
    const lv = t.vmid[latent.e]!;
    const holder = holders!.get(lv);
    const what = latent.table === undefined ? 'a TLB entry for' : `a walk-cache entry (${tableText(t, latent)}) through which its walks reach`;
    const where = `PA ${hex(latent.pa)} (${ownerOf(s.contexts, latent.pa)})`;
    out.push({
      rule: 'tlb-latent',
      message: holder !== undefined
        ? `${holder.name} (VMID ${lv}) can hit ${what} ${where} when it runs next`
        : `VMID ${lv} is free in ${to.name}'s VMID generation, yet tags ${what} ${where}: the allocator hands VMID ${lv} out later without a TLBI, and its next holder can hit the entry`,
      ...describe(t, latent),
    });
  }
  const leaks = stateLeaks(c, s.h.gic, s.h.taint(), s.h.managed, s.h.gichWritten());
  if (leaks.length > 0) {
    const first = leaks[0]!;
    out.push({
      rule: 'state-leak',
      message: `${to.name} can read ${first.reg} = ${hex64(first.value)}, ${s.h.from.name}'s value${leaks.length > 1 ? ` (and ${leaks.length - 1} more register${leaks.length > 2 ? 's' : ''} of ${s.h.from.name}'s)` : ''}`,
      details: leaks.slice(0, 8).map((l) => `${l.reg} = ${hex64(l.value)}: ${l.why}`),
    });
  }
  return out;
}

/** A TLB entry a context can hit that leads outside its memory: entry `e`, the PA, and for a walk-cache entry the
 *  next-level table its descriptor points at. */
interface Foreign {
  readonly e: number;
  readonly pa: number;
  readonly table?: number;
}

/** The first EL1&0 entry whose VMID `tagged` accepts and whose block — or, for a walk-cache entry, some block a walk
 *  through it reaches — lies outside the memory of `holder(vmid)` (anywhere, when there is none). */
function foreignEntry(t: Tlb, walks: WalkCacheReach, tagged: (vmid: number) => boolean, holder: (vmid: number) => ContextInfo | undefined): Foreign | undefined {
  for (let e = 0; e < t.capacity; e++) {
    const k = t.kind[e]!;
    if (k === 0 || t.regime[e] !== REGIME_EL10 || !tagged(t.vmid[e]!)) continue;
    const h = holder(t.vmid[e]!);
    if ((KM_LEAF & (1 << k)) !== 0) {
      const pa = t.out[e]!;
      if (h === undefined || !inside(h.allowed, pa, 2 ** t.shift[e]!)) return { e, pa };
      continue;
    }
    const w = walks.outside(e, h);
    if (w !== undefined) return { e, ...w };
  }
  return undefined;
}

/** Where walks that take a walk-cache entry go (ARM §D8.16: a walk may use a cached table descriptor of its range instead
 *  of the one in memory; the TLBI forms that invalidate only the last level need not remove it, ARM C5.5 TLBI VALE1,
 *  IPAS2LE1). The levels below the cached one are read from memory as it is after the ERET (any of them cached too is
 *  an entry of its own, checked as such). */
class WalkCacheReach {
  /** Leaves under a table, by `stage:level:table PA`. */
  private readonly leaves = new Map<string, readonly { pa: number; size: number }[]>();

  constructor(private readonly t: Tlb, private readonly mem: TableReader, private readonly maxMappings: number) {}

  /** The first PA a walk through walk-cache entry `e` reaches outside `h`'s memory (`h` undefined: the table it points
   *  at, whatever it maps), or undefined. A stage-1 table descriptor of a context whose stage 2 is on leads to IPAs
   *  that stage 2 translates — its own entries and walk bound them — so only those of a context with stage 2 off
   *  (VA → PA) are followed. */
  outside(e: number, h: ContextInfo | undefined): { pa: number; table: number } | undefined {
    const t = this.t;
    const stage = t.kind[e] === KIND_W2 ? 2 : 1;
    const level = t.s1level[e]!;
    // the granule from the range the descriptor covers: 2^shift = 2^(gb + (gb − 3)(3 − level))
    const gb = [12, 16].find((g) => g + (g - 3) * (3 - level) === t.shift[e]);
    const table = tableAddress(t, e, gb ?? 12);
    if (h === undefined) return { pa: table, table };
    if (stage === 1 && stagesOn(h.regs.hcr, h.regs.sctlr).s2) return undefined;
    // a 16 KiB granule: its tables are not enumerated here (the hypervisor builds 4 KiB and 64 KiB tables): no proof
    if (gb === undefined) return { pa: table, table };
    for (const m of this.below(stage, level + 1, table, gb)) if (!inside(h.allowed, m.pa, m.size)) return { pa: firstOutside(h.allowed, m.pa, m.pa + m.size), table };
    return undefined;
  }

  private below(stage: 1 | 2, level: number, table: number, gb: number): readonly { pa: number; size: number }[] {
    const key = `${stage}:${level}:${table}`;
    let l = this.leaves.get(key);
    if (l === undefined) {
      const granule = gb === 12 ? 4 : 64;
      l = mappings(this.mem, { stage, granule, inputBits: 0, startLevel: level, rootEntries: 2 ** (gb - 3) }, table, this.maxMappings).map((m) => ({ pa: m.oa, size: m.size }));
      this.leaves.set(key, l);
    }
    return l;
  }
}

/** The next-level table address of walk-cache entry `e` (bits [47:gb] of its descriptor). */
function tableAddress(t: Tlb, e: number, gb: number): number {
  return (t.descHi[e]! & 0xffff) * 0x1_0000_0000 + ((t.descLo[e]! >>> gb) * 2 ** gb);
}

/** A walk-cache entry for messages: which table descriptor, at which level, pointing where. */
function tableText(t: Tlb, f: Foreign): string {
  return `a stage-${t.kind[f.e] === KIND_W2 ? 2 : 1} table descriptor of level ${t.s1level[f.e]}, pointing at the table at PA ${hex(f.table!)}`;
}

/** The details of TLB entry `e` for a violation. */
function describe(t: Tlb, f: Foreign): Pick<Violation, 'details' | 'pa' | 'entryKind' | 'vmid'> {
  const { e, pa } = f;
  const size = 2 ** t.shift[e]!;
  const k = t.kind[e]!;
  const sizeText = size >= 2 ** 30 ? `${size / 2 ** 30} GiB` : size >= 1 << 20 ? `${size >> 20} MiB` : `${size >> 10} KiB`;
  const tags = `VMID ${t.vmid[e]}, ${t.global[e] === 1 ? 'global' : `ASID ${t.asid[e]}`}`;
  const common = { pa, entryKind: k, vmid: t.vmid[e]! };
  if (k === KIND_W1 || k === KIND_W2) {
    const { lo, hi } = inputOf(t, e);
    const input = `${k === KIND_W2 ? 'IPA' : 'VA'} 0x${(hi * 0x1_0000_0000 + lo).toString(16)}`;
    return {
      ...common,
      details: [
        `walk-cache entry: the ${k === KIND_W2 ? 'stage-2' : 'stage-1'} table descriptor ${hex64((BigInt(t.descHi[e]!) << 32n) | BigInt(t.descLo[e]!))} of level ${t.s1level[e]} for the ${sizeText} from ${input}, ${tags}: a walk of that range may take it instead of reading the descriptor from memory, so it reads the table at PA ${hex(f.table!)} as it is now, reaching PA ${hex(pa)}`,
        'a TLBI of the last level only (VALE1, VAALE1, IPAS2LE1 …) need not remove table descriptors: invalidating a changed or freed table needs the all-levels form (VAE1, IPAS2E1) or one by ASID, by VMID (VMALLS12E1) or ALLE1 (ARM §D8.16, C5.5, §D8.17.1)',
      ],
    };
  }
  const kind = ['', 'stage 1', 'stage 2', 'combined stage 1+2'][k]!;
  return { ...common, details: [`${kind} entry, ${sizeText} block, ${tags}, PA ${hex(pa)}`] };
}
