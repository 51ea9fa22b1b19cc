// `audit`: from a built image alone — its translation tables, its context table and the register values in it,
// without running anything — the complete set of physical memory each context can ever reach, with
// permissions, through both stages; checked against the protection table (ARCH-NOTES §1c, §1d, §2, §5–§7).
//   guest-owned stage 1 (a VM's EL1)  ⇒ everything its stage 2 maps (the guest can map any VA to any IPA);
//   hypervisor-owned stage 1 (an app) ⇒ exactly what those tables map (composed with stage 2 when on);
//   stage 1 off (TGE, DC, SCTLR_EL1.M=0) ⇒ VA == IPA up to PARange;  stage 2 off (VM=0, DC=0) ⇒ IPA == PA.
// A context's rights are those of EL0 and EL1 together (a VM owns its EL1; an app's EL1 is the shim).
// Ranges are compared by what the machine has behind them, not by their numbers: every reachable range and every
// region is resolved by the machine's own PhysMemory.backing() (the page index its loads and stores use) into RAM
// bytes, a device or nothing, so that two PAs the machine backs with the same bytes count as one (issue 11), and a
// machine that backs two PA ranges with the same RAM is reported as such.
import { profileByName } from '../arch/profiles.ts';
import { el10Stage1Off, el10Stage2On } from '../arch/hcr.ts';
import { regField } from '../arch/reg-fields.ts';
import { LAYOUT } from '../hyp/context-table.ts';
import { type BuiltImage, machineFor } from '../hyp/image.ts';
import { backingSpan, sharedFrom, sharedWithAny, type Backing, type PhysMemory } from '../memory/phys.ts';
import type { Regime } from '../hyp/reach.ts';
import { ImageMemory } from './memory.ts';
import { baddr, bothEls, mappings, MAX_MAPPINGS, P, stage1Format, stage2Format, type Descriptor, type Mapping, type TableReader } from '../hyp/table-map.ts';

/** The registers the switch loads for a context, as they stand in the image's context table. */
export interface AuditRegs extends Regime {
  /** 0 VM (owns its EL1 and stage 1), 1 native app (stage 1 owned by the hypervisor). */
  readonly kind: number;
}

/** One piece of a context's reach: [pa, pa+size) entered at `va` (undefined: any VA the guest picks). */
export interface ReachRange {
  readonly va: bigint | undefined;
  readonly ipa: number;
  readonly pa: number;
  readonly size: number;
  readonly perm: number;
  readonly s1?: readonly Descriptor[];
  readonly s2?: readonly Descriptor[];
}

export interface ContextReach {
  readonly name: string;
  readonly regs: AuditRegs;
  /** How each stage behaves, with the register reason. */
  readonly stage1: string;
  readonly stage2: string;
  readonly ranges: readonly ReachRange[];
}

export type RegionKind = 'context' | 'hypervisor' | 'shim' | 'tables' | 'free-ram' | 'device' | 'unbacked';

export interface Region {
  readonly name: string;
  readonly kind: RegionKind;
  readonly pa: number;
  readonly size: number;
  /** The owning context (kind 'context'). */
  readonly owner?: number;
  /** What the machine has at [pa, pa + size). */
  readonly backing: readonly Backing[];
}

/** Two PA ranges the machine backs with the same bytes (RAM, or one device's registers). */
export interface BackingAlias {
  readonly pa: number;
  readonly otherPa: number;
  readonly size: number;
  /** 'RAM store offset 0x…' or the device's name and offset. */
  readonly what: string;
}

export interface Violation {
  readonly context: string;
  readonly region: string;
  /** The rights the rule forbids that the context has (EL0 | EL1 bits, see hyp/table-map.ts). */
  readonly perm: number;
  readonly rule: string;
  /** A concrete address inside the region and the translation that reaches it. */
  readonly pa: number;
  readonly via: ReachRange;
}

export interface AuditResult {
  readonly hosting: string;
  readonly contexts: readonly ContextReach[];
  /** Matrix columns: region names in address order of first appearance, grouped. */
  readonly columns: readonly string[];
  /** matrix[context][column] = rights (EL0 | EL1 bits). */
  readonly matrix: readonly (readonly number[])[];
  readonly violations: readonly Violation[];
  /** PA ranges of the machine that share their backing (none on a correct machine). */
  readonly aliases: readonly BackingAlias[];
}

/** Context-table offsets (C_* and CTX_SIZE), from the layout the hypervisor's context.S is generated from. */
export function tableOffsets(): Map<string, number> {
  return new Map([...LAYOUT.offsets, ['CTX_SIZE', LAYOUT.size]]);
}

/** Read every context's registers from the context table in the image. */
export function readContextTable(img: BuiltImage, mem: TableReader): AuditRegs[] {
  const off = tableOffsets();
  const base = Number(img.symbols.get('ctx_table')!);
  const count = Number(mem.readU64(Number(img.symbols.get('ctx_count')!)));
  const at = (i: number, name: string): bigint => mem.readU64(base + i * off.get('CTX_SIZE')! + off.get(name)!);
  return Array.from({ length: count }, (_, i) => ({
    hcr: at(i, 'C_HCR'), vttbr: at(i, 'C_VTTBR'), vtcr: at(i, 'C_VTCR'), ttbr0: at(i, 'C_TTBR0_EL1'),
    tcr: at(i, 'C_TCR_EL1'), sctlr: at(i, 'C_SCTLR_EL1'), kind: Number(at(i, 'C_KIND')),
  }));
}

/** Compose a stage-1 mapping (VA → IPA) with stage-2 mappings (IPA → PA). */
function compose(m1: Mapping, s2: readonly Mapping[]): ReachRange[] {
  const out: ReachRange[] = [];
  for (const m2 of s2) {
    const lo = Math.max(m1.oa, Number(m2.ia));
    const hi = Math.min(m1.oa + m1.size, Number(m2.ia) + m2.size);
    if (lo >= hi) continue;
    out.push({ va: m1.ia + BigInt(lo - m1.oa), ipa: lo, pa: m2.oa + (lo - Number(m2.ia)), size: hi - lo, perm: m1.perm & m2.perm, s1: m1.chain, s2: m2.chain });
  }
  return out;
}

/** What a context can reach (ARCH-NOTES §1b–§1d, §2; E2H = 0). A walk of more than `limit` mappings throws
 *  TableBoundError (hyp/table-map.ts). */
export function reachOf(mem: TableReader, name: string, r: AuditRegs, paBits: number, limit = MAX_MAPPINGS): ContextReach {
  const hcr = Number(r.hcr & 0xffff_ffffn);
  const s2by = el10Stage2On(hcr);
  const s2on = s2by !== null;
  const paLimit = 2 ** paBits;
  const s2 = s2on ? mappings(mem, stage2Format(r.vtcr, paBits), baddr(r.vttbr), limit) : [];
  const stage2 = s2on ? `on (${s2by === 'VM' ? 'HCR_EL2.VM=1' : 'HCR_EL2.DC=1 makes VM behave as 1'}; root 0x${baddr(r.vttbr).toString(16)})` : 'off (HCR_EL2.VM=0, DC=0): IPA == PA';
  const everything: ReachRange = { va: 0n, ipa: 0, pa: 0, size: paLimit, perm: bothEls(P.R | P.W | P.X) };
  // a VM's own SCTLR_EL1.M does not limit it (it owns its stage 1): only TGE and DC count for it
  const s1by = el10Stage1Off(hcr, Number(r.sctlr & 0xffff_ffffn));
  if (s1by !== null && (r.kind !== 0 || s1by !== 'M')) {
    const why = s1by === 'M' ? 'SCTLR_EL1.M=0' : `HCR_EL2.${s1by}=1 makes SCTLR_EL1.M behave as 0`;
    const stage1 = `off (${why}): VA == IPA, up to 2^${paBits}`;
    const ranges = s2on ? s2.filter((m) => Number(m.ia) < paLimit).map((m) => ({ va: m.ia, ipa: Number(m.ia), pa: m.oa, size: m.size, perm: m.perm, s2: m.chain })) : [everything];
    return { name, regs: r, stage1, stage2, ranges };
  }
  if (r.kind === 0) {
    // a VM's EL1 owns its stage 1: it can map any VA to any IPA, so it reaches everything its stage 2 maps
    const stage1 = 'guest-owned (the VM\'s EL1 can map any VA to any IPA)';
    const ranges = s2on ? s2.map((m) => ({ va: undefined, ipa: Number(m.ia), pa: m.oa, size: m.size, perm: m.perm, s2: m.chain })) : [{ ...everything, va: undefined }];
    return { name, regs: r, stage1, stage2, ranges };
  }
  const f1 = stage1Format(r.tcr);
  const s1 = mappings(mem, f1, baddr(r.ttbr0), limit);
  const stage1 = `hypervisor-owned (TTBR0_EL1 root 0x${baddr(r.ttbr0).toString(16)}, ${f1.inputBits}-bit VA, ${f1.granule}K)${regField('TCR_EL1', 'EPD1', r.tcr) === 1n ? '' : '; TCR_EL1.EPD1=0: TTBR1 walks are not audited'}`;
  const ranges = s2on ? s1.flatMap((m) => compose(m, s2)) : s1.map((m) => ({ va: m.ia, ipa: m.oa, pa: m.oa, size: m.size, perm: m.perm, s1: m.chain }));
  return { name, regs: r, stage1, stage2, ranges };
}

/** The RAM bytes of `run` that none of `taken` has, as pieces at `run`'s PAs. */
function ramLeft(run: Extract<Backing, { kind: 'ram' }>, taken: readonly Extract<Backing, { kind: 'ram' }>[]): Backing[] {
  let pieces: [number, number][] = [[run.offset, run.offset + run.size]];
  for (const t of taken) {
    pieces = pieces.flatMap(([lo, hi]): [number, number][] => {
      const tlo = t.offset;
      const thi = t.offset + t.size;
      if (thi <= lo || tlo >= hi) return [[lo, hi]];
      return [...(tlo > lo ? [[lo, tlo] as [number, number]] : []), ...(thi < hi ? [[thi, hi] as [number, number]] : [])];
    });
  }
  return pieces.map(([lo, hi]) => ({ kind: 'ram', pa: run.pa + (lo - run.offset), size: hi - lo, offset: lo }));
}

/**
 * The physical address map of the image on `mem` (the machine it boots on): the contexts' memory, the hypervisor,
 * the shim and the page tables (from the image's layout), then what else the machine has — the rest of its RAM,
 * each device, and PAs with nothing behind them — each with its backing.
 */
export function regionsOf(img: BuiltImage, paBits: number, mem: PhysMemory = machineFor(img).mem): Region[] {
  const named: Omit<Region, 'backing'>[] = [];
  img.layout.regions.forEach((rs, owner) => rs.forEach((g) => named.push({ name: img.contexts[owner]!.name, kind: 'context', pa: g.pa, size: g.size, owner })));
  // a device frame given to one context (a Linux VM's GICV): its own, as its memory is
  img.contexts.forEach((c, owner) => c.allowed.filter((a) => a.device === true).forEach((a) => named.push({ name: a.what, kind: 'context', pa: a.pa, size: a.size, owner })));
  const gsize = img.scenario.granule === '4K' ? 0x1000 : 0x1_0000;
  const shim = Number(img.symbols.get('shim_page')!);
  const lay = img.layout;
  named.push({ name: 'hypervisor', kind: 'hypervisor', pa: lay.hypBase, size: shim - lay.hypBase });
  named.push({ name: 'EL1 shim', kind: 'shim', pa: shim, size: gsize });
  named.push({ name: 'hypervisor', kind: 'hypervisor', pa: shim + gsize, size: lay.hypLimit - shim - gsize });
  named.push({ name: 'page tables', kind: 'tables', pa: lay.poolBase, size: lay.poolSize });
  const out: Region[] = named.filter((r) => r.size > 0).map((r) => ({ ...r, backing: mem.backing(r.pa, r.size) }));
  const taken = out.flatMap((r) => r.backing).filter((b): b is Extract<Backing, { kind: 'ram' }> => b.kind === 'ram');
  for (const b of mem.backing(0, 2 ** paBits)) {
    if (b.kind === 'ram') for (const f of ramLeft(b, taken)) out.push({ name: 'free RAM', kind: 'free-ram', pa: f.pa, size: f.size, backing: [f] });
    else if (b.kind === 'device') out.push({ name: b.device.name, kind: 'device', pa: b.pa, size: b.size, backing: [b] });
    else out.push({ name: 'no memory', kind: 'unbacked', pa: b.pa, size: b.size, backing: [b] });
  }
  return out.sort((a, b) => a.pa - b.pa);
}

/** PA ranges of [0, 2^paBits) that `mem` backs with the same RAM bytes or device registers. */
export function aliasesOf(mem: PhysMemory, paBits: number): BackingAlias[] {
  const runs = mem.backing(0, 2 ** paBits).filter((b): b is Exclude<Backing, { kind: 'none' }> => b.kind !== 'none');
  const out: BackingAlias[] = [];
  runs.forEach((a, i) => {
    for (const b of runs.slice(i + 1)) {
      const at = sharedFrom(a, b);
      if (at === undefined) continue;
      const offset = backingSpan(a)[0] + (at - a.pa);
      const size = Math.min(a.pa + a.size - at, backingSpan(b)[1] - offset);
      const what = a.kind === 'ram' ? `RAM store offset 0x${offset.toString(16)}` : `${a.device.name} offset 0x${offset.toString(16)}`;
      out.push({ pa: at, otherPa: b.pa + (offset - backingSpan(b)[0]), size, what });
    }
  });
  return out;
}

/** Rights a context may have on a region under the protection table (EL0 | EL1 bits), or undefined: any. */
function allowedOn(img: BuiltImage, ctx: number, region: Region): { allow: number; rule: string } | undefined {
  const me = img.contexts[ctx]!.name;
  switch (region.kind) {
    case 'context': {
      if (region.owner === ctx) return undefined;
      const grant = img.scenario.protection.find((p) => p.context === me && p.may_access === region.name);
      const allow = grant === undefined ? 0 : bothEls(grant.access === 'rw' ? P.R | P.W : P.R);
      return { allow, rule: grant === undefined ? `${region.name}'s memory is private to it` : `the protection table lets ${me} ${grant.access === 'rw' ? 'read and write' : 'read'} ${region.name}'s memory, no more` };
    }
    case 'hypervisor':
    case 'shim':
    case 'tables':
      return { allow: bothEls(P.R | P.X), rule: `no context may write the ${region.name === 'hypervisor' ? 'hypervisor' : region.name}` };
    default:
      return undefined;
  }
}

/**
 * Audit a built image on the machine it boots on (`mem`: its physical memory; a test may hand in another), comparing
 * what each context reaches with each region by their backing.
 */
export function audit(img: BuiltImage, mem: PhysMemory = machineFor(img).mem): AuditResult {
  const paBits = profileByName(img.scenario.cpu)?.paBits ?? 44;
  const image = new ImageMemory(img.image);
  const regs = readContextTable(img, image);
  const contexts = regs.map((r, i) => reachOf(image, img.contexts[i]?.name ?? `#${i}`, r, paBits));
  const regions = regionsOf(img, paBits, mem);
  const columns = [...new Set(regions.map((r) => r.name))];
  const matrix = contexts.map(() => columns.map(() => 0));
  const violations: Violation[] = [];
  contexts.forEach((c, ci) => {
    const seen = new Set<string>();
    const pieces = c.ranges.map((rr) => (rr.perm === 0 ? [] : mem.backing(rr.pa, rr.size)));
    for (const region of regions) {
      const rule = allowedOn(img, ci, region);
      c.ranges.forEach((rr, k) => {
        for (const piece of pieces[k]!) {
          const at = sharedWithAny(piece, region.backing);
          if (at === undefined) continue;
          matrix[ci]![columns.indexOf(region.name)]! |= rr.perm;
          const bad = rule === undefined ? 0 : rr.perm & ~rule.allow;
          if (bad === 0 || seen.has(region.name)) continue;
          seen.add(region.name);
          violations.push({ context: c.name, region: region.name, perm: bad, rule: rule!.rule, pa: at, via: rr });
        }
      });
    }
  });
  return { hosting: img.hosting, contexts, columns, matrix, violations, aliases: aliasesOf(mem, paBits) };
}
