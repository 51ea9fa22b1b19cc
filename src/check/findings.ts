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

/** Every rule the checker reports: the quick syntactic rules, then the explorer's invariants (explore.ts). */
export const RULES: readonly RuleInfo[] = [
  { id: 'hcr-clobber', title: 'HCR_EL2 written with a constant that clears unrelated bits', rule: 'MOV+MSR writes the whole of HCR_EL2: every control the constant does not set becomes 0 — RW (EL1/EL0 AArch64), FMO/IMO/AMO (interrupt routing), the traps (ARM §D24.2.62; ARCH-NOTES §1a, §3)' },
  { id: 'vttbr-vmid-shift', title: 'VMID shifted by 16 lands in VTTBR_EL2.BADDR', rule: 'VTTBR_EL2.VMID is bits 55:48; bits 47:1 are BADDR, the stage-2 root address (ARM §D24.2.225; ARCH-NOTES §4)' },
  { id: 'tlbi-before-vmid', title: 'TLBI by VMID issued before the target VMID is loaded', rule: 'an EL1&0 TLBI acts on the VMID in VTTBR_EL2 when it executes, and a VTTBR_EL2 write reaches it only after a context synchronization event (ISB) (ARM C5.5.77, §D24.1.2.2; ARCH-NOTES §9, §10)' },
  { id: 'tlbi-no-dsb', title: 'TLBI without a following DSB', rule: 'a TLBI is only guaranteed complete after a later DSB covering loads and stores of the right shareability (NSH for local, ISH for IS operations) (ARM §D8.17.8; ARCH-NOTES §9)' },
  { id: 'tlbi-no-prior-dsb', title: 'TLBI not preceded by a DSB', rule: 'page-table stores are seen by the walker only after a DSB: STR; DSB ISHST; TLBI; DSB ISH; ISB (ARM §D8.17; ARCH-NOTES §10)' },
  { id: 'hcr-no-isb-eret', title: 'HCR_EL2 changed without an ISB before the ERET', rule: 'an ERET reads HCR_EL2 (TGE, RW) for its legality and target before its own synchronization, so MSR HCR_EL2 needs an ISB before the ERET (ARM §D24.1.2.2; ARCH-NOTES §10)' },
  { id: 'hcr-same-vmid', title: 'regime changed but VTTBR_EL2 (the VMID) left as it was', rule: 'EL1&0 TLB entries carry VTTBR_EL2.VMID whether or not stage 2 is on, and HCR_EL2.VM may itself be cached in the TLB, so each context needs its own VMID (ARM §D8.16 R QNPQX; ARCH-NOTES §8)' },
  { id: 'no-eret', title: 'the switch does not reach its ERET', rule: 'the switch must end in the ERET into the target; an exception at EL2 (e.g. an UNDEFINED instruction or an alignment fault) goes to VBAR_EL2 instead (ARCH-NOTES §13)' },
  { id: 'eret-illegal', title: 'the ERET into the target is an illegal exception return', rule: 'ERET checks SPSR_ELx against HCR_EL2 as it stands before its own synchronization: a return to AArch64 EL1/EL0 with RW=0, or to EL1 with TGE=1, is illegal — PSTATE.IL=1 and the PE stays at EL2 (ARM J1.3 IllegalExceptionReturn; ARCH-NOTES §3, §10, §13)' },
  { id: 'hcr-wrong', title: 'the target runs with an HCR_EL2 other than its intended value', rule: 'HCR_EL2 selects the target\'s translation regime, its execution state and where its interrupts and traps go; after the ERET it must be exactly the context\'s value (ARM §D24.2.62; ARCH-NOTES §1)' },
  { id: 'vmid-wrong', title: 'the target runs with a VMID that is not its own', rule: 'VTTBR_EL2.VMID is bits 55:48 and tags every EL1&0 TLB entry, with stage 2 on or off; each context needs its own VMID, never 0 and never shared (ARM §D8.16 R QNPQX; ARCH-NOTES §4, §8)' },
  { id: 'walk-outside', title: 'the target\'s own translation reaches memory outside its allowed set', rule: 'after the ERET the target translates with the registers in context: stage 1 off means VA == IPA, stage 2 off means IPA == PA (ARCH-NOTES §1b–§1d, §2, §5)' },
  { id: 'tlb-stale', title: 'a TLB entry the target can hit leads outside its memory', rule: 'an EL1&0 TLB entry is used by any context running with its VMID until a TLBI for that VMID completes (at a DSB); a TLBI selects the VMID in context when it executes (ARM §D8.16, §D8.17.8, C5.5.77; ARCH-NOTES §8–§10)' },
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
