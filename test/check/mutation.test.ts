// Issue 7, "Done when": a mutation test of the reference hypervisor's switch. Every single-instruction mutant of the
// switch path (switch_to … the ERET in `enter`, with vmid_check) of the kinds the issue names — one ISB, DSB, TLBI or
// MSR VTTBR_EL2 deleted, or the VMID shifted by 16 instead of 48 — is built into its own image (in memory, through
// buildImage's source override) and checked from every context to every other (the allocated case, the target's
// first entry, when the allocator hands out its VMID, and the VMID rollover, when it starts a new generation). Each mutant must yield a finding (quick rules or
// explorer), or be listed in SAFE with the reason it is really safe; an unexplained safe mutant fails, and so does
// an explanation for a mutant that is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { explore } from '../../src/check/explore.ts';
import { lint } from '../../src/check/lint.ts';
import type { Insn, Program } from '../../src/check/program.ts';
import { referenceSwitch } from '../../src/check/reference-switch.ts';
import { buildImage, type BuiltImage } from '../../src/hyp/image.ts';
import { parseScenario, type Scenario } from '../../src/hyp/scenario.ts';

const SEED = 'scenarios/seed.yaml';
const seed = parseScenario(readFileSync(SEED, 'utf8'), SEED);

interface Variant {
  readonly name: string;
  readonly scenario: Scenario;
  /** Explore with --errata (Cortex-A57 1319537 speculative walks). */
  readonly errata: boolean;
}
const VARIANTS: readonly Variant[] = [
  { name: 'by-vmid', scenario: { ...seed, tlb: 'by-vmid' }, errata: false },
  { name: 'flush', scenario: { ...seed, tlb: 'flush' }, errata: false },
  { name: 'errata', scenario: { ...seed, tlb: 'by-vmid', errata: [1319537] }, errata: true },
];
const PAIRS = [['vm1', 'vm2'], ['vm2', 'vm1'], ['vm1', 'app'], ['app', 'vm1'], ['app', 'vm2'], ['vm2', 'app']] as const;
/** The harness's start states (switch-harness.ts): every context allocated, the target's first entry, and the VMID
 *  rollover (generation used up, the target's new VMID still tagging A's translations from the previous one). */
const START_STATES = ['allocated', 'first entry', 'rollover'] as const;

/** Why a mutant that yields no finding is safe. `unreached`: its instruction is on no explored path (checked: the
 *  exploration is the same size as the unmutated switch's); `redundant`: it runs and the architecture permits
 *  nothing worse without it. Mutant ids are `file:line −insn` (deleted) or `file:line shift 16`. */
interface SafeMutant {
  readonly mutant: string;
  readonly variants: readonly string[];
  readonly kind: 'unreached' | 'redundant';
  readonly why: string;
}
const SAFE: readonly SafeMutant[] = [
  {
    mutant: 'switch.S:38 −dsb nsh', variants: ['by-vmid', 'errata'], kind: 'redundant',
    why: 'the DSB NSH completes walks of the outgoing regime still in flight; such a walk can only cache a translation of A under A\'s VMID with A\'s tables (unchanged by the switch) — one the starting TLB already holds (fill-all) — and under by-vmid no other context ever runs with A\'s VMID (ARCH-NOTES §8). It matters when A\'s tables are freed or A\'s VMID reused (flush: caught there)',
  },
  {
    mutant: 'switch.S:103 −dsb ishst', variants: ['by-vmid', 'flush', 'errata'], kind: 'redundant',
    why: 'VMID rollover only; the DSB ISHST makes earlier stores (translation table updates) visible to walks before the TLBI ALLE1, but the switch stores nothing a walk reads: its only earlier stores (switch.S:36 save_switched, the outgoing context\'s save) go to the context table and the DSB NSH at switch.S:38 already completes them',
  },
  {
    mutant: 'switch.S:104 −tlbi alle1', variants: ['flush'], kind: 'redundant',
    why: 'under tlb: flush the switch invalidates the target\'s VMID anyway (tlb.S:4 TLBI VMALLS12E1 with its VTTBR_EL2 in context, completed by tlb.S:5), so the previous generation\'s entries under the recycled VMID are gone before the ERET; by-vmid relies on this TLBI (caught there)',
  },
  {
    mutant: 'switch.S:105 −dsb ish', variants: ['flush'], kind: 'redundant',
    why: 'VMID rollover only; under tlb: flush the rollover\'s TLBI ALLE1 (a local operation) is completed by the DSB NSH after the flush\'s TLBI VMALLS12E1 (tlb.S:5), before the ERET, and no walk at EL2 can refill in between (no erratum in this variant). The quick rules that once caught this mutant read program order, where vmid_check lies after the ERET and no DSB follows it; along the executed path the DSB NSH does (ARCH-NOTES §9: NSH completes local TLBIs). by-vmid relies on this DSB (caught there)',
  },
  {
    mutant: 'switch.S:67 −isb', variants: ['flush', 'errata'], kind: 'redundant',
    why: 'the last MSR HCR_EL2 is already followed by an ISB (tlb.S:3 under flush, errata.S:22/27 with the workaround); the EL1 registers written after it are out of context at EL2 and the ERET is itself a context synchronization event that makes them effective (ARCH-NOTES §10)',
  },
  {
    mutant: 'errata.S:15 −isb', variants: ['errata'], kind: 'redundant',
    why: 'the ISB at errata.S:23 follows before vmid_check\'s TLBI ALLE1 and any stage-2 register change, and synchronizes the TCR_EL1.EPD0/EPD1 write together with SCTLR_EL1.M and HCR_EL2.VM/DC: walks are off before the rollover invalidates and before VTTBR_EL2/HCR_EL2 change',
  },
  {
    mutant: 'errata.S:29 −isb', variants: ['errata'], kind: 'redundant',
    why: 'for seed\'s start states only: every context there has the same VTCR_EL2 (44-bit IPA), so VTCR_EL2 is never written and a walk with the new HCR_EL2 and the old VTTBR_EL2 is the outgoing context\'s own stage 2 under its own VMID. Contexts with different VTCR_EL2 need it (test/hyp/errata.test.ts: an s2-only app with DC = 1 next to a 40-bit VM, found by the isolation campaign)',
  },
  {
    mutant: 'errata.S:34 −isb', variants: ['errata'], kind: 'redundant',
    why: 'the ISB at errata.S:29 has already put the incoming VTCR_EL2 and VTTBR_EL2 in context; HCR_EL2, pending until errata.S:39, either keeps stage 2 off (at_walks_off cleared VM and DC) or turns on the incoming context\'s consistent stage 2, and TCR_EL1.EPD0/EPD1 stay set until the last write',
  },
  {
    mutant: 'errata.S:39 −isb', variants: ['errata'], kind: 'redundant',
    why: 'for seed\'s start states only: without it TTBR0_EL1/SCTLR_EL1/TCR_EL1 stay pending together until switch.S:67 after the stage 2 is in context (errata.S:29, :34), so a mix is the target\'s stage 2 with some old EL1 registers; into a VM its stage 2 confines every walk to its memory, and from a VM into the app the old TTBR0_EL1 is 0 and SCTLR_EL1.M 0 (the harness\'s VMs never enabled their MMU), so nothing is cached. A guest running with its MMU on would make this mutant unsafe (the KVM order SCTLR, ISB, TCR)',
  },
];

interface Mutant {
  readonly id: string;
  /** Include name as the assembler sees it (switch.S, regime.S, tlb.S, errata.S). */
  readonly file: string;
  readonly text: string;
}

/** A direct branch's target (B, BL, B.cond, CB(N)Z, TB(N)Z), or undefined. */
function branchTarget(i: Insn): bigint | undefined {
  const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);
  if (i.row === 'B' || i.row === 'BL') return i.addr + BigInt(sext(i.f.imm26!, 26) * 4);
  if (i.row === 'B_cond' || i.row === 'CBZ' || i.row === 'CBNZ') return i.addr + BigInt(sext(i.f.imm19!, 19) * 4);
  if (i.row === 'TBZ' || i.row === 'TBNZ') return i.addr + BigInt(sext(i.f.imm14!, 14) * 4);
  return undefined;
}

/** The instructions of the switch path: from `switch_to` up to `all_done` (switch_to … enter's ERET, vmid_check). */
function switchPath(img: BuiltImage, p: Program): Insn[] {
  const lo = img.symbols.get('switch_to')!;
  const hi = img.symbols.get('all_done')!;
  // and the code the switch reaches elsewhere by a direct branch or call (vgic.S vgic_flush, which falls through
  // into vgic_timer and branches to vgic_timer_held), each from its target through its first RET: the quick rules
  // follow a branch only into code they are given, and a path into code they lack ends without a verdict
  const ranges: [bigint, bigint][] = [[lo, hi]];
  const inside = (a: bigint): boolean => ranges.some(([l, h]) => a >= l && a < h);
  for (let k = 0; k < ranges.length; k++) {
    const [l, h] = ranges[k]!;
    for (const i of p.insns) {
      if (i.addr < l || i.addr >= h) continue;
      const target = branchTarget(i);
      if (target === undefined || inside(target)) continue;
      const ret = p.insns.find((x) => x.addr >= target && x.row === 'RET');
      ranges.push([target, ret === undefined ? target + 4n : ret.addr + 4n]);
    }
  }
  // the switch's own range first: the quick rules explore from the first instruction not yet reached, and a callee
  // explored first from its own address (return address unknown) would be reached later already widened
  const [l0, h0] = ranges[0]!;
  const own = (a: bigint): boolean => a >= l0 && a < h0;
  return [...p.insns.filter((i) => own(i.addr)), ...p.insns.filter((i) => !own(i.addr) && inside(i.addr))];
}

/** Every mutant of the issue's kinds on the path, each a whole replacement text for one source file. */
function mutants(p: Program, path: readonly Insn[]): Mutant[] {
  const out = new Map<string, Mutant>();
  const edit = (i: Insn, kind: string, line: (l: string) => string): void => {
    const file = basename(i.file);
    const id = `${file}:${i.line} ${kind}`;
    if (out.has(id)) return; // a macro line expanded twice is one source mutant
    const lines = [...p.sources.get(i.file)!];
    lines[i.line - 1] = line(lines[i.line - 1]!);
    out.set(id, { id, file, text: lines.join('\n') });
  };
  const LABELS = /^\s*(?:[\w.]+:\s*)*/; // a deletion keeps the line's labels (`1:  dsb nsh`)
  for (const i of path) {
    const e = i.event;
    if (e.k === 'isb' || e.k === 'dsb' || e.k === 'tlbi' || (e.k === 'msr' && e.reg === 'VTTBR_EL2')) {
      edit(i, `−${i.source.replace(/\/\/.*/, '').replace(LABELS, '').trim()}`, (l) => LABELS.exec(l)![0]);
    }
  }
  const shifts = path.filter((i) => /^\s*(?:[\w.]+:\s*)*(bfi\s.*#48\b|.*lsl #48\b)/.test(i.source));
  assert.equal(shifts.length, 1, `one VMID shift into VTTBR_EL2 on the path: ${shifts.map((i) => i.source).join(' | ')}`);
  edit(shifts[0]!, 'shift 16', (l) => l.replace('#48', '#16'));
  return [...out.values()];
}

interface Verdict {
  /** The first finding: quick rules, then explorer. */
  readonly lint: string | undefined;
  readonly explorer: string | undefined;
  readonly runs: number;
  readonly states: number;
}

/** The quick rules on the path, then the explorer on every pair (allocated, then first entry) until it finds. */
function judge(img: BuiltImage, v: Variant): Verdict {
  const ref = referenceSwitch(img);
  const quick = lint({ ...ref.program, insns: switchPath(img, ref.program) })[0];
  let runs = 0;
  let states = 0;
  for (const start of START_STATES) {
    for (const [a, b] of PAIRS) {
      const r = explore(ref.program, img, a, b, { entry: ref.entry, errata: v.errata, firstEntry: start === 'first entry', rollover: start === 'rollover' });
      runs += r.stats.runs;
      states += r.stats.states;
      assert.ok(r.stats.complete, `${a} → ${b}: exploration bound reached`);
      const f = r.findings[0];
      if (f !== undefined) {
        const explorer = `${f.ruleId} @${basename(f.file)}:${f.line} (${a}→${b}${start === 'allocated' ? '' : `, ${start}`})`;
        return { lint: quick && `${quick.ruleId} @${basename(quick.file)}:${quick.line}`, explorer, runs, states };
      }
    }
  }
  return { lint: quick && `${quick.ruleId} @${basename(quick.file)}:${quick.line}`, explorer: undefined, runs, states };
}

test('mutation: every single ISB/DSB/TLBI/VTTBR-write deletion and the VMID shift in the reference switch is caught or explained', (t) => {
  const rows: string[][] = [['mutant', 'scenario', 'verdict', 'runs/states', 'ms']];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const v of VARIANTS) {
    const img = buildImage(v.scenario, SEED);
    const base = judge(img, v);
    assert.deepEqual([base.lint, base.explorer], [undefined, undefined], `${v.name}: the unmutated reference switch must be clean`);
    const ref = referenceSwitch(img);
    for (const m of mutants(ref.program, switchPath(img, ref.program))) {
      seen.add(`${v.name}: ${m.id}`);
      const t0 = performance.now();
      const r = judge(buildImage(v.scenario, SEED, undefined, new Map([[m.file, m.text]])), v);
      const ms = performance.now() - t0;
      const safe = SAFE.find((x) => x.mutant === m.id && x.variants.includes(v.name));
      const found = [r.lint && `lint ${r.lint}`, r.explorer && `explorer ${r.explorer}`].filter((x) => x !== undefined).join('; ');
      const verdict = found !== '' ? `caught: ${found}` : safe !== undefined ? `safe (${safe.kind})` : 'SAFE, UNEXPLAINED';
      const key = `${v.name}: ${m.id}`;
      if (found === '' && safe === undefined) problems.push(`${key}: no finding and no explanation`);
      if (found !== '' && safe !== undefined) problems.push(`${key}: explained as safe but caught (${found})`);
      if (found === '' && safe?.kind === 'unreached' && (r.runs !== base.runs || r.states !== base.states)) {
        problems.push(`${key}: said to be unreached, but its exploration differs (${r.runs}/${r.states} against ${base.runs}/${base.states})`);
      }
      rows.push([m.id, v.name, verdict, `${r.runs}/${r.states}`, ms.toFixed(0)]);
    }
  }
  for (const x of SAFE) for (const n of x.variants) if (!seen.has(`${n}: ${x.mutant}`)) problems.push(`${n}: ${x.mutant}: explanation for a mutant that does not exist`);
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) t.diagnostic(r.map((x, c) => x.padEnd(w[c]!)).join('  '));
  assert.deepEqual(problems, []);
});
