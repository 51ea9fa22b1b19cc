// Findings that teach: where (file:line:col, the source line, a caret), the architectural rule it breaks (with
// its ARCH-NOTES / Arm ARM source), the concrete consequence (a counterexample) and the fix. Rendered as text
// or JSON here, SARIF in sarif.ts. Every kind of finding has exactly one entry in RULE_TABLE (a missing one is a
// type error), so every reporter can name its rule.

/** The quick rules over the instructions a switch executes (lint.ts, rule-machine.ts). */
export type LintRule = 'hcr-clobber' | 'vttbr-vmid-shift' | 'tlbi-before-vmid' | 'tlbi-no-dsb' | 'tlbi-no-prior-dsb' | 'hcr-no-isb-eret' | 'hcr-same-vmid';
/** What must hold after the ERET into the target (switch-invariants.ts), and the explorer's own outcomes. */
export type InvariantRule = 'no-eret' | 'eret-illegal' | 'eret-wrong-mode' | 'hcr-wrong' | 'vmid-wrong' | 'walk-outside' | 'tlb-stale' | 'tlb-latent' | 'table-store-incomplete' | 'state-leak';
/** An analysis stopped at a bound before it could prove anything (its message names the bound and the flag). */
export type BoundRule = 'not-proven';
export type RuleId = LintRule | InvariantRule | BoundRule;

export interface Finding {
  readonly ruleId: RuleId;
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
  readonly id: RuleId;
  readonly title: string;
  /** The architectural rule, with where it comes from. */
  readonly rule: string;
  /** A quick rule whose consequence depends on the context pair: on an executed path it is a warning until the
   *  explorer finds one of these outcomes (then an error) or proves there is none (then it is cleared). */
  readonly settledBy?: readonly InvariantRule[];
  /** Only an outcome about a TLB entry of the target's own VMID settles it (a stale entry of another VMID, e.g. the
   *  outgoing one a TLBI deliberately flushed, is some other instruction's doing). */
  readonly settledByTargetEntry?: boolean;
}

const RULE_TABLE: { readonly [K in RuleId]: Omit<RuleInfo, 'id'> } = {
  'hcr-clobber': { title: 'HCR_EL2 written with a value that clears unrelated bits', rule: 'MSR writes the whole of HCR_EL2: every control the value does not set becomes 0 — RW (EL1/EL0 AArch64), FMO/IMO/AMO (interrupt routing), the traps (ARM §D24.2.62; ARCH-NOTES §1a, §3)' },
  'vttbr-vmid-shift': { title: 'VMID shifted by 16 lands in VTTBR_EL2.BADDR', rule: 'VTTBR_EL2.VMID is bits 55:48; bits 47:1 are BADDR, the stage-2 root address (ARM §D24.2.225; ARCH-NOTES §4)', settledBy: ['vmid-wrong', 'walk-outside', 'tlb-stale'] },
  'tlbi-before-vmid': { title: 'TLBI by VMID issued before the target VMID is loaded', rule: 'an EL1&0 TLBI acts on the VMID in VTTBR_EL2 when it executes, and a VTTBR_EL2 write reaches it only after a context synchronization event (ISB) (ARM C5.5.77, §D24.1.2.2; ARCH-NOTES §9, §10)', settledBy: ['tlb-stale', 'tlb-latent'], settledByTargetEntry: true },
  'tlbi-no-dsb': { title: 'TLBI without a following DSB', rule: 'a TLBI is only guaranteed complete after a later DSB covering loads and stores of the right shareability (NSH for local, ISH for IS operations) (ARM §D8.17.8; ARCH-NOTES §9)', settledBy: ['tlb-stale', 'tlb-latent'] },
  'tlbi-no-prior-dsb': { title: 'TLBI not preceded by a DSB', rule: 'page-table stores are seen by the walker only after a DSB: STR; DSB ISHST; TLBI; DSB ISH; ISB (ARM §D8.17; ARCH-NOTES §10)' },
  'hcr-no-isb-eret': { title: 'HCR_EL2 changed without an ISB before the ERET', rule: 'an ERET reads HCR_EL2 (TGE, RW) for its legality and target before its own synchronization, so MSR HCR_EL2 needs an ISB before the ERET (ARM §D24.1.2.2; ARCH-NOTES §10)', settledBy: ['eret-illegal', 'eret-wrong-mode'] },
  'hcr-same-vmid': { title: 'regime changed but VTTBR_EL2 (the VMID) left as it was', rule: 'EL1&0 TLB entries carry VTTBR_EL2.VMID whether or not stage 2 is on, and HCR_EL2.VM may itself be cached in the TLB, so each context needs its own VMID (ARM §D8.16 R QNPQX; ARCH-NOTES §8)', settledBy: ['vmid-wrong', 'tlb-stale'] },
  'no-eret': { title: 'the switch does not reach its ERET', rule: 'the switch must end in the ERET into the target; an exception at EL2 (e.g. an UNDEFINED instruction or an alignment fault) goes to VBAR_EL2 instead (ARCH-NOTES §13)' },
  'eret-illegal': { title: 'the ERET into the target is an illegal exception return', rule: 'ERET checks SPSR_ELx against HCR_EL2 as it stands before its own synchronization: a return to AArch64 EL1/EL0 with RW=0, or to EL1 with TGE=1, is illegal — PSTATE.IL=1, the PE stays at EL2 with PC = ELR_EL2, and the next instruction takes an Illegal Execution state exception (ARM J1.3 IllegalExceptionReturn; ARCH-NOTES §3, §10, §13)' },
  'eret-wrong-mode': { title: 'the ERET enters another Exception level or stack pointer than the target\'s', rule: 'a legal ERET sets PSTATE.EL and PSTATE.SP from SPSR_EL2.M[3:0] (ARM J1.1 AArch64.ExceptionReturn, J1.3 SetPSTATEFromPSR; ARCH-NOTES §13): the target runs at the EL its SPSR_EL2 names, with that EL\'s privileges' },
  'hcr-wrong': { title: 'the target runs with an HCR_EL2 other than its intended value', rule: 'HCR_EL2 selects the target\'s translation regime, its execution state and where its interrupts and traps go; after the ERET it must be exactly the context\'s value (ARM §D24.2.62; ARCH-NOTES §1)' },
  'vmid-wrong': { title: 'the target runs with a VMID another live context holds', rule: 'VTTBR_EL2.VMID is bits 55:48 and tags every EL1&0 TLB entry, with stage 2 on or off; no two live contexts may run with the same VMID, and a VMID is reused only after a TLBI of it (ARM §D8.16 R QNPQX; ARCH-NOTES §4, §8)' },
  'walk-outside': { title: 'the target\'s own translation reaches memory outside its allowed set', rule: 'after the ERET the target translates with the registers in context: stage 1 off means VA == IPA, stage 2 off means IPA == PA; the stage-2 root (VTTBR_EL2.BADDR) must be in the hypervisor\'s page tables, or whoever writes that memory decides the target\'s translation; a field outside its range faults or acts as the nearest legal value, as the implementation chooses (ARM §D8.1.9, §D8.1.10; J1.1 AArch64.S1TxSZFaults, AArch64.S2TxSZFaults, AArch64.S2InvalidSL, AArch64.S2InconsistentSL; ARCH-NOTES §1b–§1d, §2, §5, §6)' },
  'tlb-stale': { title: 'a TLB entry the target can hit leads outside its memory', rule: 'an EL1&0 TLB entry is used by any context running with its VMID until a TLBI for that VMID completes (at a DSB); a TLBI selects the VMID in context when it executes; a walk-cache entry (a table descriptor of an earlier walk) is used the same way, by a walk of its range instead of the descriptor in memory, and the last-level TLBI forms (VALE1, VAALE1, IPAS2LE1) need not remove it (ARM §D8.16, §D8.17.8, C5.5.77, C5.5 TLBI IPAS2LE1; ARCH-NOTES §8–§10)' },
  'tlb-latent': { title: 'a TLB entry waits for a later context', rule: 'an EL1&0 TLB entry tagged with another context\'s VMID — or with a VMID the allocator hands out later without a TLBI — is hit by that context when it runs next; so is a walk-cache entry (a table descriptor), which the last-level TLBI forms need not remove, through whatever the table it points at holds by then (ARM §D8.16 R QNPQX, §D8.17; ARCH-NOTES §8)' },
  'table-store-incomplete': { title: 'a translation-table store is not complete for the walker at the ERET', rule: 'the table walker sees a store to a translation-table entry only after a DSB covering stores has completed it; until then a walk — the target\'s, after the ERET — may read the entry\'s older value; a DSB LD, a DMB or the ERET (a context synchronization event) does not complete it (ARM §D8.17 I WZCBG; ARCH-NOTES §10)' },
  'state-leak': { title: 'the target can read state another context left in the PE', rule: 'the FP/SIMD registers, the EL1 virtual timer and the GIC virtual interface control are one per PE and shared by every context: a switch that manages them must load the target\'s values or trap its accesses (CPTR_EL2.TFP, ARM §D13.2.31) before the ERET — the virtual timer has no EL2 trap at EL1 on ARMv8.0 (ARM §D11.2.4), and a valid list register is signalled to whoever runs while GICH_HCR.En = 1 (GIC IHI 0048B §5.3.1, §5.3.4)' },
  'not-proven': { title: 'the analysis stopped at a bound: no proof', rule: 'a bounded analysis that stops early proves nothing about the outcomes it did not reach; the message names the bound and the option that raises it (exit status 3)' },
};

/** Every rule the checker reports: the quick rules, the explorer's invariants and the bound report. */
export const RULES: readonly RuleInfo[] = (Object.keys(RULE_TABLE) as RuleId[]).map((id) => ({ id, ...RULE_TABLE[id] }));

export const ruleInfo = (id: RuleId): RuleInfo => ({ id, ...RULE_TABLE[id] });

/** Index of a rule in RULES (SARIF ruleIndex). */
export const ruleIndex = (id: RuleId): number => RULES.findIndex((r) => r.id === id);

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
