// Findings that teach: where (file:line:col, the source line, a caret), the architectural rule it breaks (with
// its ARCH-NOTES / Arm ARM source), the concrete consequence (a counterexample) and the fix. Rendered as text
// or JSON here, SARIF in sarif.ts.

export interface Finding {
  readonly ruleId: string;
  readonly level: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly source: string;
  /** One line: what this instruction does wrong. */
  readonly message: string;
  /** Specifics, e.g. each changed HCR_EL2 bit with its meaning. */
  readonly details: readonly string[];
  /** The sequence of events (choices) that leads to the failure. */
  readonly counterexample: readonly string[];
  readonly fix: string;
}

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  /** The architectural rule, with where it comes from. */
  readonly rule: string;
}

/** Every rule the checker reports (the quick syntactic rules). */
export const RULES: readonly RuleInfo[] = [
  { id: 'hcr-clobber', title: 'HCR_EL2 written with a constant that clears unrelated bits', rule: 'MOV+MSR writes the whole of HCR_EL2: every control the constant does not set becomes 0 — RW (EL1/EL0 AArch64), FMO/IMO/AMO (interrupt routing), the traps (ARM §D24.2.62; ARCH-NOTES §1a, §3)' },
  { id: 'vttbr-vmid-shift', title: 'VMID shifted by 16 lands in VTTBR_EL2.BADDR', rule: 'VTTBR_EL2.VMID is bits 55:48; bits 47:1 are BADDR, the stage-2 root address (ARM §D24.2.225; ARCH-NOTES §4)' },
  { id: 'tlbi-before-vmid', title: 'TLBI by VMID issued before the target VMID is loaded', rule: 'an EL1&0 TLBI acts on the VMID in VTTBR_EL2 when it executes, and a VTTBR_EL2 write reaches it only after a context synchronization event (ISB) (ARM C5.5.77, §D24.1.2.2; ARCH-NOTES §9, §10)' },
  { id: 'tlbi-no-dsb', title: 'TLBI without a following DSB', rule: 'a TLBI is only guaranteed complete after a later DSB covering loads and stores of the right shareability (NSH for local, ISH for IS operations) (ARM §D8.17.8; ARCH-NOTES §9)' },
  { id: 'tlbi-no-prior-dsb', title: 'TLBI not preceded by a DSB', rule: 'page-table stores are seen by the walker only after a DSB: STR; DSB ISHST; TLBI; DSB ISH; ISB (ARM §D8.17; ARCH-NOTES §10)' },
  { id: 'hcr-no-isb-eret', title: 'HCR_EL2 changed without an ISB before the ERET', rule: 'an ERET reads HCR_EL2 (TGE, RW) for its legality and target before its own synchronization, so MSR HCR_EL2 needs an ISB before the ERET (ARM §D24.1.2.2; ARCH-NOTES §10)' },
  { id: 'hcr-same-vmid', title: 'regime changed but VTTBR_EL2 (the VMID) left as it was', rule: 'EL1&0 TLB entries carry VTTBR_EL2.VMID whether or not stage 2 is on, and HCR_EL2.VM may itself be cached in the TLB, so each context needs its own VMID (ARM §D8.16 R QNPQX; ARCH-NOTES §8)' },
];

export const ruleInfo = (id: string): RuleInfo => RULES.find((r) => r.id === id)!;

/** Compiler-style text with the source line and a caret under the column. */
export function formatFinding(f: Finding): string {
  const out = [`${f.file}:${f.line}:${f.col}: ${f.level}[${f.ruleId}]: ${f.message}`];
  if (f.source !== '') out.push(` ${f.source.replace(/\t/g, ' ')}`, ` ${' '.repeat(Math.max(0, f.col - 1))}^`);
  out.push(`  rule: ${ruleInfo(f.ruleId).rule}`);
  for (const d of f.details) out.push(`  - ${d}`);
  if (f.counterexample.length > 0) out.push('  counterexample:', ...f.counterexample.map((c, i) => `    ${i + 1}. ${c}`));
  out.push(`  fix: ${f.fix}`);
  return out.join('\n') + '\n';
}

export function formatFindings(fs: readonly Finding[]): string {
  return fs.map(formatFinding).join('\n') + (fs.length === 0 ? 'no findings\n' : `\n${fs.length} finding(s)\n`);
}

export function findingsJson(fs: readonly Finding[]): unknown {
  return fs.map((f) => ({ ...f, rule: ruleInfo(f.ruleId).rule }));
}
