// `twostage check` as one function: without a context pair, the quick rules over every path of the switch
// (lint.ts); with one, the exploration of every outcome from A to the ERET into B (explore.ts) and the quick rules
// over the paths it executed, settled by the exploration: a rule whose consequence depends on the pair (RuleInfo
// .settledBy) is an error when the explorer finds that consequence, is cleared when the explorer proves there is
// none, and stays a warning when a bound stopped the exploration. The status: 1 with an error, 3 when a bound
// stopped an analysis before it proved anything (each bound is a `not-proven` finding naming the option that
// raises it), else 0.
import type { BuiltImage } from '../hyp/image.ts';
import { type Bound, explore, type ExploreOptions, type ExploreStats } from './explore.ts';
import { type Finding, ruleInfo } from './findings.ts';
import { lintPaths, MAX_STATIC_STATES } from './lint.ts';
import type { Program } from './program.ts';
import { type RuleContext, sortFindings, toFinding } from './rule-machine.ts';

export interface CheckRequest {
  readonly program: Program;
  /** The scenario's image and the pair: given both, the switch is explored from `from` into `to`. */
  readonly img?: BuiltImage;
  readonly from?: string;
  readonly to?: string;
  /** The quick rules' view of the target without a pair (its intended HCR_EL2). */
  readonly ctx?: RuleContext;
  readonly explore?: ExploreOptions;
  /** Bound on the static analysis' states. */
  readonly maxStates?: number;
}

export interface CheckReport {
  readonly findings: Finding[];
  /** Quick-rule warnings the exploration proved harmless for this pair. */
  readonly cleared: Finding[];
  readonly stats?: ExploreStats;
  /** 0 no error, 1 an error, 3 no proof (a bound). */
  readonly status: 0 | 1 | 3;
}

/** A `not-proven` finding for a bound, charged to the switch's first instruction. */
function notProven(p: Program, b: Bound, where: string): Finding {
  const i = p.insns[0]!;
  return {
    ruleId: 'not-proven', level: 'warning', file: i.file, line: i.line, col: i.col, source: i.source,
    message: `no proof: the ${where} stopped at ${b.what}`,
    details: [`bound ${b.option} = ${b.value}`],
    counterexample: [],
    fix: `raise the bound (e.g. ${b.option} ${b.value * 4}); findings reported so far are real`,
  };
}

function status(findings: readonly Finding[]): 0 | 1 | 3 {
  if (findings.some((f) => f.level === 'error')) return 1;
  return findings.some((f) => f.ruleId === 'not-proven' || (ruleInfo(f.ruleId).settledBy !== undefined && f.level === 'warning')) ? 3 : 0;
}

export function checkSwitch(req: CheckRequest): CheckReport {
  const p = req.program;
  if (req.img === undefined || req.from === undefined || req.to === undefined) {
    const maxStates = req.maxStates ?? MAX_STATIC_STATES;
    const r = lintPaths(p, req.ctx ?? {}, maxStates);
    const findings = r.bounded ? [...r.findings, notProven(p, { what: `${maxStates} states`, option: '--max-states', value: maxStates }, 'static path analysis')] : r.findings;
    // without a pair the settled rules stay as the paths give them: an error on a decided path
    return { findings, cleared: [], status: findings.some((f) => f.level === 'error') ? 1 : r.bounded ? 3 : 0 };
  }
  const r = explore(p, req.img, req.from, req.to, req.explore);
  // the quick rules on the executed paths, once per instruction
  const seen = new Map<string, (typeof r.paths)[number]>();
  for (const f of r.paths) if (!seen.has(`${f.rule}@${f.insn.addr}`)) seen.set(`${f.rule}@${f.insn.addr}`, f);
  const lint: Finding[] = [];
  const cleared: Finding[] = [];
  const targetVmid = r.vmids[req.img.contexts.findIndex((x) => x.name === req.to)];
  for (const f of sortFindings([...seen.values()])) {
    const info = ruleInfo(f.rule);
    const by = info.settledBy;
    if (by === undefined) {
      lint.push(toFinding(f, f.rule === 'tlbi-no-prior-dsb' ? 'warning' : 'error'));
      continue;
    }
    // an outcome about another VMID's entry does not settle a rule about the target's (RuleInfo.settledByTargetEntry)
    const confirm = r.findings.find((x) => by.includes(x.ruleId as never) &&
      (info.settledByTargetEntry !== true || r.entryVmids.get(x) === undefined || r.entryVmids.get(x) === targetVmid));
    if (confirm !== undefined) lint.push(toFinding(f, 'error', [`confirmed by the exploration: ${confirm.ruleId} at ${confirm.file}:${confirm.line}: ${confirm.message}`]));
    else if (r.stats.complete) {
      const other = r.findings.find((x) => by.includes(x.ruleId as never));
      const why = other === undefined
        ? `no outcome leads to ${by.join(', ')}`
        : `its ${other.ruleId} (${other.file}:${other.line}) is about an entry of VMID ${r.entryVmids.get(other)}, not the target's VMID ${targetVmid}`;
      cleared.push(toFinding(f, 'warning', [`cleared by the exploration of ${req.from} -> ${req.to}: ${why}`]));
    }
    else lint.push(toFinding(f, 'warning', ['not settled: the exploration stopped at a bound (see not-proven)']));
  }
  const findings = [...lint, ...r.findings, ...r.stats.bounds.map((b) => notProven(p, b, `exploration of ${req.from} -> ${req.to}`))];
  return { findings, cleared, stats: r.stats, status: status(findings) };
}
