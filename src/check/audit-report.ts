// Text and JSON renderings of an audit: the context × region matrix, then per violation a concrete chain
// VA → IPA → PA with the descriptors (or register values) that allow it.
import { hex64 } from '../bits/bits.ts';
import type { AuditResult, BackingAlias, ContextReach, ReachRange, Violation } from './audit.ts';
import { eitherEl, permText, type Descriptor } from '../hyp/table-map.ts';

const hex = (v: number | bigint): string => '0x' + v.toString(16);

/** One descriptor: level, where it is, its value and what its permission fields say. */
export function describeDescriptor(d: Descriptor, stage: 1 | 2): string {
  const head = `L${d.level} ${d.kind} @${hex(d.at)} = ${hex64(d.value)}`;
  if (d.kind === 'table') return head;
  const f = (hi: number, lo: number): number => Number((d.value >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n));
  if (stage === 2) return `${head} (S2AP=${f(7, 6).toString(2).padStart(2, '0')}, XN=${f(54, 54)}, AF=${f(10, 10)})`;
  const ap = ['EL1 rw, EL0 none', 'EL1 rw, EL0 rw', 'EL1 r, EL0 none', 'EL1 r, EL0 r'][f(7, 6)];
  return `${head} (AP=${f(7, 6).toString(2).padStart(2, '0')} ${ap}, UXN=${f(54, 54)}, PXN=${f(53, 53)}, AF=${f(10, 10)})`;
}

/** The chain for one physical address inside a reach range. */
export function chainLines(c: ContextReach, rr: ReachRange, pa: number): string[] {
  const delta = pa - rr.pa;
  const va = rr.va === undefined ? 'VA (any: the guest maps it)' : `VA ${hex(rr.va + BigInt(delta))}`;
  const lines = [`${va} → IPA ${hex(rr.ipa + delta)} → PA ${hex(pa)}  (${permText(eitherEl(rr.perm))})`];
  lines.push(`  stage 1: ${c.stage1}`);
  for (const d of rr.s1 ?? []) lines.push(`    ${describeDescriptor(d, 1)}`);
  lines.push(`  stage 2: ${c.stage2}`);
  for (const d of rr.s2 ?? []) lines.push(`    ${describeDescriptor(d, 2)}`);
  lines.push(`  registers: HCR_EL2 ${hex64(c.regs.hcr)}, VTTBR_EL2 ${hex64(c.regs.vttbr)}, VTCR_EL2 ${hex64(c.regs.vtcr)}, SCTLR_EL1 ${hex64(c.regs.sctlr)}, TCR_EL1 ${hex64(c.regs.tcr)}, TTBR0_EL1 ${hex64(c.regs.ttbr0)}`);
  return lines;
}

function violationText(a: AuditResult, v: Violation): string[] {
  const c = a.contexts.find((x) => x.name === v.context)!;
  return [`VIOLATION: ${v.context} can ${verb(eitherEl(v.perm))} ${v.region} — ${v.rule}`, ...chainLines(c, v.via, v.pa).map((l) => '  ' + l)];
}

/** A machine that backs two PA ranges with the same bytes: whatever reaches one reaches the other. */
function aliasText(x: BackingAlias): string {
  return `MACHINE ALIAS: PA ${hex(x.pa)} and PA ${hex(x.otherPa)} (+${hex(x.size)}) are the same bytes (${x.what}): what reaches one reaches the other`;
}

const verb = (p3: number): string => [p3 & 1 ? 'read' : '', p3 & 2 ? 'write' : '', p3 & 4 ? 'execute' : ''].filter(Boolean).join('/');

export function formatAudit(a: AuditResult): string {
  const out: string[] = [`== audit (hosting ${a.hosting}): what each context can reach, from the image's tables and context table`];
  for (const c of a.contexts) out.push(`${c.name}: stage 1 ${c.stage1}; stage 2 ${c.stage2}`);
  out.push('', '-- context × region (r/w/x at EL0 or EL1; ! = forbidden by the protection table)');
  const bad = new Set(a.violations.map((v) => `${v.context}\0${v.region}`));
  const rows = a.contexts.map((c, i) => [c.name, ...a.columns.map((col, j) => permText(eitherEl(a.matrix[i]![j]!)) + (bad.has(`${c.name}\0${col}`) ? '!' : ' '))]);
  const head = ['', ...a.columns];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: readonly string[]): string => r.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  out.push(fmt(head), ...rows.map(fmt), '');
  for (const x of a.aliases) out.push(aliasText(x), '');
  for (const v of a.violations) out.push(...violationText(a, v), '');
  const problems = [
    ...(a.violations.length > 0 ? [`${a.violations.length} violation(s)`] : []),
    ...(a.aliases.length > 0 ? [`${a.aliases.length} aliased PA range(s) in the machine`] : []),
  ];
  out.push(problems.length === 0 ? 'audit: no violation — every context stays inside its allowed set' : `audit: ${problems.join(', ')}`);
  return out.join('\n') + '\n';
}

export function auditJson(a: AuditResult): unknown {
  const range = (r: ReachRange) => ({ va: r.va === undefined ? 'any' : hex(r.va), ipa: hex(r.ipa), pa: hex(r.pa), size: hex(r.size), perm: permText(eitherEl(r.perm)) });
  return {
    hosting: a.hosting,
    contexts: a.contexts.map((c) => ({ name: c.name, stage1: c.stage1, stage2: c.stage2, reach: c.ranges.map(range) })),
    matrix: Object.fromEntries(a.contexts.map((c, i) => [c.name, Object.fromEntries(a.columns.map((col, j) => [col, permText(eitherEl(a.matrix[i]![j]!))]))])),
    aliases: a.aliases.map((x) => ({ pa: hex(x.pa), otherPa: hex(x.otherPa), size: hex(x.size), what: x.what })),
    violations: a.violations.map((v) => ({ context: v.context, region: v.region, perm: permText(eitherEl(v.perm)), rule: v.rule, pa: hex(v.pa), chain: chainLines(a.contexts.find((c) => c.name === v.context)!, v.via, v.pa) })),
  };
}
