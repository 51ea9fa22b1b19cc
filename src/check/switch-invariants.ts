// What must hold once the switch has ERETed into the target B (issue 7, `check`): the ERET was legal; HCR_EL2 is
// B's intended value; VTTBR_EL2.VMID (bits 55:48) is B's and nobody else's; every translation B can make — by a
// walk of its live registers, or through any TLB entry tagged with its VMID — stays inside B's allowed memory; and
// no TLB entry waits for a later context: each other VMID's entries stay inside the memory of the context that holds
// it in B's VMID generation, and a VMID nobody holds (the allocator hands it out later without a TLBI) tags none.
import { hex64 } from '../bits/bits.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { currentVmid } from '../mmu/params.ts';
import { REGIME_EL10, type Tlb } from '../mmu/tlb.ts';
import type { AllowedRange, ContextInfo } from '../hyp/image.ts';
import { reachOf } from './audit.ts';
import type { InvariantRule } from './findings.ts';
import { formatChange, hcrDiff } from './hcr-bits.ts';


export interface Violation {
  readonly rule: InvariantRule;
  readonly message: string;
  readonly details: readonly string[];
  /** tlb-stale, tlb-latent: the entry's PA, kind (KIND_S1/S2/S12) and VMID. */
  readonly pa?: number;
  readonly entryKind?: number;
  readonly vmid?: number;
}

export interface AfterEret {
  readonly c: Cpu;
  readonly to: ContextInfo;
  readonly contexts: readonly ContextInfo[];
  readonly vmids: readonly number[];
  /** Who holds each VMID in the VMID generation B runs in (switch-harness.ts); a VMID not listed is free. null: every
   *  switch invalidates its target's VMID (`tlb: flush`), so no other VMID's entries can be hit before that. */
  readonly holders: ReadonlyMap<number, ContextInfo> | null;
  /** HCR_EL2 as the ERET saw it (the in-context value before its own synchronization). */
  readonly hcrAtEret: bigint;
  readonly paBits: number;
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

/** Whose memory a PA is in, for messages. */
function ownerOf(contexts: readonly ContextInfo[], pa: number): string {
  const c = contexts.find((x) => x.regions.some((g) => pa >= g.pa && pa < g.pa + g.size));
  return c === undefined ? 'no context\'s memory' : `${c.name}'s memory`;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

export function checkAfterEret(s: AfterEret): Violation[] {
  const { c, to } = s;
  const out: Violation[] = [];
  const targetEl = Number((to.regs.spsr >> 2n) & 3n);
  if (c.el !== targetEl || c.il !== 0) {
    out.push({
      rule: 'eret-illegal',
      message: `the ERET into ${to.name} is an illegal exception return: the PE stays at EL${c.el} with PSTATE.IL=${c.il}`,
      details: [`the ERET checked SPSR_EL2 (EL${targetEl}) against HCR_EL2 = ${hex64(s.hcrAtEret)}: RW=${(s.hcrAtEret >> 31n) & 1n}, TGE=${(s.hcrAtEret >> 27n) & 1n}`],
    });
  }
  const hcr = c.sr[SR.HCR_EL2]!;
  const diff = hcrDiff(hcr, to.regs.hcr);
  if (diff.length > 0) {
    out.push({ rule: 'hcr-wrong', message: `${to.name} runs with HCR_EL2 = ${hex64(hcr)}, not its intended ${hex64(to.regs.hcr)}`, details: diff.map(formatChange) });
  }
  const vmid = currentVmid(c);
  const want = s.vmids[to.index]!;
  const sharers = s.contexts.filter((x) => x.index !== to.index && s.vmids[x.index] === vmid).map((x) => x.name);
  if (vmid !== want || sharers.length > 0) {
    const v = c.sr[SR.VTTBR_EL2]!;
    out.push({
      rule: 'vmid-wrong',
      message: `${to.name} runs with VTTBR_EL2.VMID = ${vmid}, not its own VMID ${want}`,
      details: [
        `VTTBR_EL2 = ${hex64(v)}: VMID[55:48] = ${vmid}, BADDR = 0x${(v & 0x0000_ffff_ffff_fffen).toString(16)}`,
        ...(sharers.length > 0 ? [`VMID ${vmid} belongs to ${sharers.join(', ')}: their EL1&0 TLB entries match ${to.name}'s accesses`] : []),
        ...(vmid === 0 ? ['VMID 0 is the hypervisor\'s (never given to a context)'] : []),
      ],
    });
  }
  // B's walks: what its live registers reach (audit's rules), against its allowed set
  const mem = { readU64: (pa: number): bigint => (c.mem.isRam(pa, 8) ? c.mem.readU64(pa) : 0n) };
  const regs = { hcr, vttbr: c.sr[SR.VTTBR_EL2]!, vtcr: c.sr[SR.VTCR_EL2]!, ttbr0: c.sr[SR.TTBR0_EL1]!, tcr: c.sr[SR.TCR_EL1]!, sctlr: c.sr[SR.SCTLR_EL1]!, kind: to.kind === 'vm' ? 0 : 1 };
  const reach = reachOf(mem, to.name, regs, s.paBits);
  const ramLo = Math.min(...s.contexts.flatMap((x) => x.regions.map((g) => g.pa)));
  const bad = reach.ranges.find((r) => r.perm !== 0 && !inside(to.allowed, r.pa, r.size) && r.pa + r.size > ramLo);
  if (bad !== undefined) {
    const pa = Math.max(bad.pa, ramLo);
    out.push({
      rule: 'walk-outside',
      message: `${to.name}'s own translation reaches PA ${hex(pa)} (${ownerOf(s.contexts, pa)}), outside its allowed memory`,
      details: [`stage 1: ${reach.stage1}`, `stage 2: ${reach.stage2}`, `${bad.va === undefined ? 'any VA' : `VA 0x${bad.va.toString(16)}`} → IPA ${hex(bad.ipa)} → PA ${hex(bad.pa)} (${hex(bad.size)} bytes)`],
    });
  }
  // B's TLB: every EL1&0 entry tagged with the VMID B runs with (any ASID, any kind: HCR_EL2.VM may be cached too)
  const t = c.tlb;
  const stale = foreignEntry(t, (v) => v === vmid, () => to);
  if (stale !== undefined) {
    out.push({ rule: 'tlb-stale', message: `${to.name} (VMID ${vmid}) can hit a TLB entry for PA ${hex(stale.pa)} (${ownerOf(s.contexts, stale.pa)})`, ...describe(t, stale) });
  }
  // the other VMIDs' entries (ARCH-NOTES §8): what their holder hits when it runs next, or — for a free VMID — whoever
  // the allocator hands it to (VMID 0 is the hypervisor's, never handed out)
  const holders = s.holders;
  const latent = holders === null ? undefined : foreignEntry(t, (v) => v !== vmid && v !== 0, (v) => holders.get(v));
  if (latent !== undefined) {
    const v = t.vmid[latent.e]!;
    const holder = holders!.get(v);
    const where = `PA ${hex(latent.pa)} (${ownerOf(s.contexts, latent.pa)})`;
    out.push({
      rule: 'tlb-latent',
      message: holder !== undefined
        ? `${holder.name} (VMID ${v}) can hit a TLB entry for ${where} when it runs next`
        : `VMID ${v} is free in ${to.name}'s VMID generation, yet tags a TLB entry for ${where}: the allocator hands VMID ${v} out later without a TLBI, and its next holder can hit the entry`,
      ...describe(t, latent),
    });
  }
  return out;
}

/** The first EL1&0 entry whose VMID `tagged` accepts and whose block lies outside the memory of `holder(vmid)`
 *  (anywhere, when there is none). */
function foreignEntry(t: Tlb, tagged: (vmid: number) => boolean, holder: (vmid: number) => ContextInfo | undefined): { e: number; pa: number } | undefined {
  for (let e = 0; e < t.capacity; e++) {
    if (t.kind[e] === 0 || t.regime[e] !== REGIME_EL10 || !tagged(t.vmid[e]!)) continue;
    const pa = t.out[e]!;
    const h = holder(t.vmid[e]!);
    if (h === undefined || !inside(h.allowed, pa, 2 ** t.shift[e]!)) return { e, pa };
  }
  return undefined;
}

/** The details of TLB entry `e` for a violation. */
function describe(t: Tlb, { e, pa }: { e: number; pa: number }): Pick<Violation, 'details' | 'pa' | 'entryKind' | 'vmid'> {
  const size = 2 ** t.shift[e]!;
  const kind = ['', 'stage 1', 'stage 2', 'combined stage 1+2'][t.kind[e]!]!;
  return {
    details: [`${kind} entry, ${size >= 1 << 20 ? `${size >> 20} MiB` : `${size >> 10} KiB`} block, VMID ${t.vmid[e]}, ${t.global[e] === 1 ? 'global' : `ASID ${t.asid[e]}`}, PA ${hex(pa)}`],
    pa,
    entryKind: t.kind[e]!,
    vmid: t.vmid[e]!,
  };
}
