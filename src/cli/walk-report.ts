// What `twostage walk` shows of one translation, as data and as text: per level the table, index and descriptor with
// every field decoded, the stage-2 sub-walk of each stage-1 descriptor address, the final PA, attributes and
// permissions — or the fault with the ESR/FAR/HPFAR it would report — and the TLB's valid entries. Used by `walk`
// and by the gdb stub's monitor commands; it reads a CPU as it is and imports nothing of scenarios or the hypervisor
// builder, so `twostage boot` (which serves gdb) does not load the assembler, YAML or zod.
import { ESR_EC_SHIFT, ESR_IL, ISS_WNR } from '../arch/syndrome.ts';
import { HCR } from '../arch/hcr.ts';
import { SR } from '../arch/sysreg-table.ts';
import { hex32, hex64 } from '../bits/bits.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { PC } from '../cpu/state.ts';
import { describeEntry, faultText, hexPa } from '../machine/trace-mmu.ts';
import { allowed, type DescriptorRead, explainTranslation } from '../mmu/explain.ts';
import { currentVmid, s1Enabled, s2Enabled } from '../mmu/params.ts';
import { ACC_EXEC, ACC_READ, ACC_WRITE, FAULT_EXTERNAL_WALK, faultStatusCode, type TranslateResult } from '../mmu/result.ts';
import { abortEc, abortIss, abortTarget, hpfarOf } from '../cpu/abort.ts';
/** The TLB's valid entries, by regime, VMID and input address (what a speculative or stale fill left is visible here). */
export function tlbLines(c: Cpu): string[] {
  const t = c.tlb;
  const valid: number[] = [];
  for (let e = 0; e < t.capacity; e++) if (t.kind[e] !== 0) valid.push(e);
  valid.sort((a, b) => t.regime[a]! - t.regime[b]! || t.vmid[a]! - t.vmid[b]! || t.key[a]! * 2 ** t.shift[a]! - t.key[b]! * 2 ** t.shift[b]!);
  return [`TLB: ${valid.length} valid entr${valid.length === 1 ? 'y' : 'ies'} of ${t.capacity}`, ...valid.map((e) => '  ' + describeEntry(t, e))];
}

const ACC_NAME = ['read', 'write', 'exec'];

/** One descriptor read of a walk. */
export interface WalkRead {
  readonly stage: number;
  readonly level: number;
  /** The table's base: an IPA for a stage-1 table under stage 2, else a PA. */
  readonly table: string;
  readonly index: number;
  /** Where the descriptor was read (PA). */
  readonly pa: string;
  readonly descriptor: string;
  /** The descriptor with every field decoded. */
  readonly decoded: string;
}

/** What `twostage walk` shows, as data (`--format json`) and, rendered by renderWalk, as text. */
export interface WalkReport {
  readonly va: string;
  readonly access: string;
  readonly el: number;
  readonly pc: string;
  readonly currentEl: number;
  readonly regime: string;
  readonly stage1: boolean;
  readonly stage2: boolean;
  /** The stage-1 levels, each with the stage-2 walk of its descriptor's IPA (empty without stage 2). */
  readonly levels: readonly { readonly read: WalkRead; readonly stage2: readonly WalkRead[] }[];
  /** The stage-2 walk after the last stage-1 level: of the output IPA, of a faulting descriptor IPA, or of VA = IPA. */
  readonly stage2Walk?: { readonly title: string; readonly reads: readonly WalkRead[] };
  readonly result?: { readonly pa: string; readonly ipa?: string; readonly attr: string; readonly memory: string; readonly shareability: string };
  readonly fault?: readonly string[];
  readonly permissions: string;
}

/** The report for VA at `el` on `c` as it is now. */
export function walkReport(c: Cpu, va: bigint, acc: number, el: number): WalkReport {
  const lo = Number(va & 0xffff_ffffn);
  const hi = Number(va >> 32n);
  const s1 = s1Enabled(c.sr32, el);
  const s2 = s2Enabled(c.sr32, el);
  const x = explainTranslation(c, lo, hi, acc, el);
  const gb1 = granule(el === 2 ? c.sr32[SR.TCR_EL2 * 2]! >>> 14 : (va >> 55n) & 1n ? tg1(c.sr32[SR.TCR_EL1 * 2]! >>> 30) : c.sr32[SR.TCR_EL1 * 2]! >>> 14);
  const gb2 = granule(c.sr32[SR.VTCR_EL2 * 2]! >>> 14);
  const read = (d: DescriptorRead, gb: number): WalkRead => ({
    stage: d.stage, level: d.level, table: hexPa(d.table), index: d.index, pa: hexPa(d.pa),
    descriptor: hex64((BigInt(d.hi >>> 0) << 32n) | BigInt(d.lo >>> 0)), decoded: decode(d, gb, el === 2),
  });
  const levels: { read: WalkRead; stage2: WalkRead[] }[] = [];
  let sub: WalkRead[] = [];
  for (const d of x.reads) {
    if (d.stage === 2) {
      sub.push(read(d, gb2));
      continue;
    }
    levels.push({ read: read(d, gb1), stage2: sub });
    sub = [];
  }
  // after the stage-1 leaf: the stage 2 of the output IPA; else the sub-walk that faulted, or stage 2 alone
  const title = !s1 ? 'stage 2 of IPA = VA' : x.ok || !x.result.s1ptw ? 'stage 2 of the output IPA' : `stage 2 of the descriptor IPA ${hexPa(x.result.ipa)}`;
  const r = x.result;
  return {
    va: hex64(va), access: ACC_NAME[acc]!, el, pc: hex64(c.x[PC]!), currentEl: c.el, regime: regimeLine(c, el, s1, s2),
    stage1: s1, stage2: s2, levels,
    ...(sub.length > 0 ? { stage2Walk: { title, reads: sub } } : {}),
    ...(x.ok
      ? { result: { pa: hexPa(r.pa), ...(s1 && s2 ? { ipa: hexPa(r.ipa) } : {}), attr: `0x${r.attr.toString(16).padStart(2, '0')}`, memory: mairText(r.attr), shareability: SH_NAME[r.sh]! } }
      : { fault: faultLines(c, r, va, acc, el) }),
    permissions: permissionsLine(c, lo, hi, el),
  };
}

/** The text of a walk report, as a hypervisor developer reads it. */
export function renderWalk(w: WalkReport): string[] {
  const lines = [`${w.access} of VA ${w.va} at EL${w.el} (PC ${w.pc}, EL${w.currentEl})`, w.regime];
  const s2Line = (d: WalkRead): string => `    stage 2 level ${d.level}: table ${d.table} index ${d.index} @ ${d.pa}: ${d.decoded}`;
  for (const { read: d, stage2 } of w.levels) {
    const at = hexPa(Number(d.table) + d.index * 8);
    lines.push(`stage 1 level ${d.level}: table ${d.table}${w.stage2 ? ' (IPA)' : ''} index ${d.index} -> descriptor at ${w.stage2 ? `IPA ${at}` : at}`);
    lines.push(...stage2.map(s2Line), `  ${d.pa}: ${d.decoded}`);
  }
  if (w.stage2Walk !== undefined) lines.push(w.stage2Walk.title + ':', ...w.stage2Walk.reads.map(s2Line));
  const r = w.result;
  if (r !== undefined) lines.push(`result: PA ${r.pa}${r.ipa !== undefined ? ` (IPA ${r.ipa})` : ''}, ${r.memory} (${r.attr}), ${r.shareability}`);
  else lines.push(...(w.fault ?? []));
  lines.push(w.permissions);
  return lines;
}

/** The report for VA at `el` on `c` as it is now, as text. */
export function explainWalk(c: Cpu, va: bigint, acc: number, el: number): string[] {
  return renderWalk(walkReport(c, va, acc, el));
}

function tg1(tg: number): number {
  return [3, 2, 0, 1][tg & 3]!; // TG1 (01 16K, 10 4K, 11 64K) as a TG0 code
}
/** TG0 code → granule bits (16K and reserved → 4K, as the A57 substitutes). */
function granule(tg: number): number {
  return (tg & 3) === 1 ? 16 : 12;
}

function regimeLine(c: Cpu, el: number, s1: boolean, s2: boolean): string {
  const hcr = c.sr32[SR.HCR_EL2 * 2]!;
  const flags = [hcr & HCR.VM ? 'VM' : '', hcr & HCR.DC ? 'DC' : '', hcr & HCR.TGE ? 'TGE' : ''].filter((f) => f !== '').join('|') || '-';
  if (el === 2) return `regime EL2: stage 1 ${s1 ? `on (TCR_EL2 ${hex32(c.sr32[SR.TCR_EL2 * 2]!)}, TTBR0_EL2 ${hex64(c.sr[SR.TTBR0_EL2]!)})` : 'off (SCTLR_EL2.M = 0)'}`;
  const vmid = currentVmid(c);
  const st1 = s1 ? `on (TCR_EL1 ${hex64(c.sr[SR.TCR_EL1]!)}, TTBR0_EL1 ${hex64(c.sr[SR.TTBR0_EL1]!)}, TTBR1_EL1 ${hex64(c.sr[SR.TTBR1_EL1]!)})` : 'off';
  const st2 = s2 ? `on (VTCR_EL2 ${hex32(c.sr32[SR.VTCR_EL2 * 2]!)}, VTTBR_EL2 ${hex64(c.sr[SR.VTTBR_EL2]!)})` : 'off';
  return `regime EL1&0, HCR_EL2 ${flags}, VMID ${vmid}: stage 1 ${st1}; stage 2 ${st2}`;
}

const SH_NAME = ['Non-shareable', 'SH=01 (reserved)', 'Outer Shareable', 'Inner Shareable'];
const AP_NAME = ['EL1 RW, EL0 none', 'EL1 RW, EL0 RW', 'EL1 RO, EL0 none', 'EL1 RO, EL0 RO'];
const S2AP_NAME = ['none', 'read-only', 'write-only', 'read/write'];

/** A descriptor in hex with every field decoded (ARM §D8.3; ARCH-NOTES §7a–§7b). */
function decode(d: DescriptorRead, gb: number, el2: boolean): string {
  const v = (BigInt(d.hi >>> 0) << 32n) | BigInt(d.lo >>> 0);
  const head = hex64(v);
  if ((d.lo & 1) === 0) return `${head} invalid`;
  const bit = (n: number) => ((v >> BigInt(n)) & 1n) === 1n;
  const addr = (shift: number) => hexPa(Number((v & 0xffff_ffff_ffffn) >> BigInt(shift)) * 2 ** shift);
  const table = (d.lo & 2) !== 0 && d.level < 3;
  if (table) {
    const attrs = d.stage === 1 ? [bit(63) ? 'NSTable' : '', (v >> 61n) & 3n ? `APTable=${(v >> 61n) & 3n}` : '', bit(60) ? (el2 ? 'XNTable' : 'UXNTable') : '', bit(59) ? 'PXNTable' : ''] : [];
    return `${head} table -> ${addr(gb)}${attrs.filter((a) => a !== '').map((a) => ' ' + a).join('')}`;
  }
  const shift = gb + (gb - 3) * (3 - d.level);
  const blockOk = d.level === 2 || (d.level === 1 && gb === 12);
  if ((d.lo & 2) === 0 && !blockOk) return `${head} block at level ${d.level}: not allowed with this granule (Translation fault)`;
  const kind = d.level === 3 ? 'page' : 'block';
  const f: string[] = [`${kind} ${addr(shift)}`];
  if (d.stage === 1) {
    const idx = (d.lo >>> 2) & 7;
    f.push(`AttrIndx=${idx}`);
    if (bit(5)) f.push('NS');
    f.push(el2 ? `AP[2]=${(d.lo >>> 7) & 1} (${bit(7) ? 'read-only' : 'read/write'})` : `AP=${(d.lo >>> 6) & 3} (${AP_NAME[(d.lo >>> 6) & 3]})`);
  } else {
    const m = (d.lo >>> 2) & 15;
    f.push(`MemAttr=${m.toString(2).padStart(4, '0')}`, `S2AP=${(d.lo >>> 6) & 3} (${S2AP_NAME[(d.lo >>> 6) & 3]})`);
  }
  f.push(`SH=${(d.lo >>> 8) & 3} (${SH_NAME[(d.lo >>> 8) & 3]})`, bit(10) ? 'AF' : 'AF=0 (Access flag fault)');
  if (d.stage === 1 && !el2) f.push(bit(11) ? 'nG' : 'global');
  if (bit(52)) f.push('Contiguous');
  if (d.stage === 1 && !el2 && bit(53)) f.push('PXN');
  if (bit(54)) f.push(d.stage === 1 && !el2 ? 'UXN' : 'XN');
  const sw = Number((v >> 55n) & 15n);
  if (sw !== 0) f.push(`software=${sw.toString(2).padStart(4, '0')}`);
  return `${head} ${f.join(' ')}`;
}

/** A MAIR attribute byte (ARM §D24.2 MAIR_ELx). */
function mairText(a: number): string {
  if ((a & 0xf0) === 0) return ['Device-nGnRnE', 'Device-nGnRE', 'Device-nGRE', 'Device-GRE'][(a >>> 2) & 3]!;
  const part = (n: number) => ((n & 0xc) === 0x4 && (n & 3) === 0 ? 'NC' : (n & 0xc) === 0 || (n & 0xc) === 0x8 ? 'WT' : 'WB');
  return `Normal, outer ${part(a >>> 4)}, inner ${part(a & 0xf)}`;
}

/** The exception the fault would raise: target, ESR with its fields, FAR, HPFAR (ARCH-NOTES §7e–§7f). */
function faultLines(c: Cpu, r: TranslateResult, va: bigint, acc: number, el: number): string[] {
  const target = abortTarget(r, el, (c.sr32[SR.HCR_EL2 * 2]! & HCR.TGE) !== 0);
  const lower = target > el;
  const ec = abortEc(acc, target, el);
  const fsc = faultStatusCode(r);
  const esr = ((ec << ESR_EC_SHIFT) | ESR_IL | abortIss(r, acc, target, 0)) >>> 0; // IL = 1: every abort here is an A64 access
  const wnr = (esr & ISS_WNR) !== 0;
  const what = `${acc === ACC_EXEC ? 'Instruction' : 'Data'} Abort from ${lower ? 'a lower EL' : 'the same EL'}`;
  const fields = [`EC 0x${ec.toString(16)} ${what}`, 'IL', `${acc === ACC_EXEC ? 'IFSC' : 'DFSC'} 0x${fsc.toString(16).padStart(2, '0')}`];
  if (r.s1ptw) fields.push('S1PTW');
  if (acc !== ACC_EXEC) fields.push(`WnR ${wnr ? 1 : 0}`);
  if (r.fault === FAULT_EXTERNAL_WALK) fields.push('EA');
  const lines = [`fault: ${faultText(r)}`, `  taken to EL${target}: ESR_EL${target} ${hex32(esr)} (${fields.join(', ')}; ISV etc. depend on the instruction)`];
  lines.push(`  FAR_EL${target} ${hex64(va)}`);
  if (r.stage2) lines.push(`  HPFAR_EL2 ${hex64(hpfarOf(r))} (FIPA: IPA ${hexPa(r.ipa - (r.ipa % 4096))})`);
  return lines;
}

function permissionsLine(c: Cpu, lo: number, hi: number, el: number): string {
  const rwx = (e: number) => [ACC_READ, ACC_WRITE, ACC_EXEC].map((a, i) => (allowed(c, lo, hi, a, e) ? 'rwx'[i] : '-')).join('');
  return el === 2 ? `permissions: EL2 ${rwx(2)}` : `permissions: EL1 ${rwx(1)}, EL0 ${rwx(0)}`;
}
