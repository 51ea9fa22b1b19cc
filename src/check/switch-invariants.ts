// What must hold once the switch has ERETed into the target B (issue 7, `check`): the ERET was legal; HCR_EL2 is
// B's intended value; VTTBR_EL2.VMID (bits 55:48) is B's and nobody else's; every translation B can make — by a
// walk of its live registers, or through any TLB entry tagged with its VMID — stays inside B's allowed memory.
import { hex64 } from '../bits/bits.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { currentVmid } from '../mmu/params.ts';
import { REGIME_EL10 } from '../mmu/tlb.ts';
import type { AllowedRange, ContextInfo } from '../hyp/image.ts';
import { reachOf } from './audit.ts';
import { formatChange, hcrDiff } from './hcr-bits.ts';

export type InvariantRule = 'no-eret' | 'eret-illegal' | 'hcr-wrong' | 'vmid-wrong' | 'walk-outside' | 'tlb-stale';

export interface Violation {
  readonly rule: InvariantRule;
  readonly message: string;
  readonly details: readonly string[];
  /** tlb-stale: the entry's PA and kind (KIND_S1/S2/S12). */
  readonly pa?: number;
  readonly entryKind?: number;
}

export interface AfterEret {
  readonly c: Cpu;
  readonly to: ContextInfo;
  readonly contexts: readonly ContextInfo[];
  readonly vmids: readonly number[];
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
  for (let e = 0; e < t.capacity; e++) {
    if (t.kind[e] === 0 || t.regime[e] !== REGIME_EL10 || t.vmid[e] !== vmid) continue;
    const pa = t.out[e]!;
    const size = 2 ** t.shift[e]!;
    if (inside(to.allowed, pa, size)) continue;
    const kind = ['', 'stage 1', 'stage 2', 'combined stage 1+2'][t.kind[e]!]!;
    out.push({
      rule: 'tlb-stale',
      message: `${to.name} (VMID ${vmid}) can hit a TLB entry for PA ${hex(pa)} (${ownerOf(s.contexts, pa)})`,
      details: [`${kind} entry, ${size >= 1 << 20 ? `${size >> 20} MiB` : `${size >> 10} KiB`} block, VMID ${vmid}, ${t.global[e] === 1 ? 'global' : `ASID ${t.asid[e]}`}, PA ${hex(pa)}`],
      pa,
      entryKind: t.kind[e]!,
    });
    break;
  }
  return out;
}
