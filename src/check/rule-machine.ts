// The quick rules, as a machine that follows one execution path of a switch instruction by instruction: what it
// must remember of the path so far (HCR_EL2 writes not yet synchronized, the state of the VTTBR_EL2 write, TLBIs not
// yet completed by a DSB …) and the findings it reports when the path reaches its ERET. The static analysis
// (lint.ts) drives it over every path of the control-flow graph with the constants it can work out; the
// explorer (explore.ts) drives it over the paths the switch really executes for a context pair, with the values
// the CPU computed. Rules are about the path, not about program order: a subroutine after the ERET that loads
// VTTBR_EL2 counts where it is called.
import { barrierOrdersStores, dsbCompletesTlbi } from '../arch/a64/barrier.ts';
import { regField } from '../arch/reg-fields.ts';
import { tlbiScope } from '../arch/sysops.ts';
import { CORTEX_A57, type Profile } from '../arch/profiles.ts';
import { SR, SYSREGS } from '../arch/sysreg-table.ts';
import { hex64 } from '../bits/bits.ts';
import { HCR, HCR_HYP } from '../hyp/context-table.ts';
import type { Finding, LintRule } from './findings.ts';
import { formatChange, hcrDiff } from './hcr-bits.ts';
import type { Insn } from './program.ts';

/** What the rules know of the target. */
export interface RuleContext {
  /** HCR_EL2 the target should run with (from the scenario); default: the hypervisor's base value with the
   *  translation-mode bits (VM, TGE, DC) the write itself chose. */
  readonly intendedHcr?: bigint;
  readonly target?: string;
  /** The VMID the target runs with after the ERET (an executed path): a TLBI that selected it flushed the target. */
  readonly targetVmid?: number;
  /** The target's stage-2 root (its context table's VTTBR_EL2.BADDR), when known. */
  readonly intendedRoot?: bigint;
  /** The PE (default: Cortex-A57): its RES0/RES1 bits of HCR_EL2 decide what a write leaves in the register. */
  readonly profile?: Profile;
}

/** One executed (or followed) instruction with what is known of its operand. */
export interface Step {
  readonly insn: Insn;
  /** MSR: the value written; TLBI/AT: Xt. Undefined when not known. */
  readonly value?: bigint;
  /** The value was built by a shift left of 16 (LSL #16, MOVZ …, LSL #16): the note's "VMID << 16". */
  readonly shl16?: boolean;
  /** TLBI on an executed path: the VMID it selected. */
  readonly vmid?: number;
}

/** A finding of one path, before the paths are merged (lint.ts) or settled by the explorer (explore.ts). */
export interface PathFinding {
  readonly rule: LintRule;
  readonly insn: Insn;
  readonly message: string;
  readonly details: readonly string[];
  readonly counterexample: readonly string[];
  readonly fix: string;
  /** It may well be deliberate (a TLBI of the outgoing VMID before the switch loads any): a warning even on a path
   *  the constants decide, until a context pair settles it. */
  readonly weak?: boolean;
}

/** EL1&0 TLBI operations that act on the current VMID only (ARCH-NOTES §9): all E1 ops except ALLE1(IS). */
export const vmidScoped = (op: string): boolean => /E1(IS)?$/.test(op) && !op.startsWith('ALLE1');
/** DSB options that complete a TLBI: loads and stores, at least the operation's shareability (ARM §D8.17.8). */
/** The DSB (its CRm) completes the TLBI `tlbi` (src/arch/a64/barrier.ts; the switch runs at EL2: no HCR_EL2.BSU upgrade). */
const completesTlbi = (crm: number, tlbi: string): boolean => dsbCompletesTlbi(crm, tlbiScope(tlbi).shareability);
/** The DSB a TLBI needs at the least: DSB ISH for a broadcast (…IS) one, DSB NSH for a local one. */
const neededDsb = (tlbi: string): string => (tlbiScope(tlbi).shareability === 'inner' ? 'ISH' : 'NSH');
/** DSB options that make earlier stores visible to the walker. */
const line = (i: Insn): string => `line ${i.line}`;

interface Candidate {
  readonly insn: Insn;
  readonly why: string;
  /** No VTTBR_EL2 write precedes it: it acts on the VMID the switch started with. */
  readonly beforeAny: boolean;
}

export class RuleMachine {
  /** HCR_EL2 writes not followed by an ISB yet. */
  private hcrOpen: Insn[] = [];
  private lastHcr: { insn: Insn; value?: bigint } | undefined;
  private vttbrWritten = false;
  /** The last VTTBR_EL2 write: none, pending (no ISB since), or synchronized. */
  private vttbr: 'none' | 'pending' | 'synced' = 'none';
  private lastVttbr: Insn | undefined;
  /** TLBIs no DSB has completed yet. */
  private outstanding: { insn: Insn; op: string }[] = [];
  private storeDsb = false;
  /** VMID-scoped TLBIs that acted on a VMID other than the target's, unless the target's VMID is flushed later. */
  private candidates: Candidate[] = [];
  /** Reported at once (not tied to the ERET). */
  private readonly now: PathFinding[] = [];

  constructor(private readonly ctx: RuleContext) {}

  clone(): RuleMachine {
    const m = new RuleMachine(this.ctx);
    m.hcrOpen = [...this.hcrOpen];
    m.lastHcr = this.lastHcr;
    m.vttbrWritten = this.vttbrWritten;
    m.vttbr = this.vttbr;
    m.lastVttbr = this.lastVttbr;
    m.outstanding = [...this.outstanding];
    m.storeDsb = this.storeDsb;
    m.candidates = [...this.candidates];
    m.now.push(...this.now);
    return m;
  }

  /** Everything the rest of the path depends on (for merging paths that reach the same point alike). */
  key(): string {
    const a = (i: Insn | undefined): string => (i === undefined ? '-' : i.addr.toString(16));
    return [
      this.hcrOpen.map(a).join(','), a(this.lastHcr?.insn), this.lastHcr?.value?.toString(16) ?? '?', this.vttbrWritten ? 1 : 0, this.vttbr, a(this.lastVttbr),
      this.outstanding.map((o) => a(o.insn)).join(','), this.storeDsb ? 1 : 0, this.candidates.map((c) => a(c.insn)).join(','), this.now.map((f) => `${f.rule}@${a(f.insn)}`).join(','),
    ].join('|');
  }

  step(s: Step): void {
    const e = s.insn.event;
    switch (e.k) {
      case 'msr':
        if (e.reg === 'HCR_EL2') {
          this.hcrOpen.push(s.insn);
          this.lastHcr = { insn: s.insn, ...(s.value === undefined ? {} : { value: s.value }) };
        } else if (e.reg === 'VTTBR_EL2') {
          this.vttbrWritten = true;
          this.vttbr = 'pending';
          this.lastVttbr = s.insn;
          this.vttbrShift(s);
        }
        return;
      case 'isb':
        this.hcrOpen = [];
        if (this.vttbr === 'pending') this.vttbr = 'synced';
        return;
      case 'dsb':
        if (barrierOrdersStores(e.crm)) this.storeDsb = true;
        this.outstanding = this.outstanding.filter((o) => !completesTlbi(e.crm, o.op));
        return;
      case 'tlbi':
        this.tlbi(s, e.op);
        return;
      default:
        return;
    }
  }

  private tlbi(s: Step, op: string): void {
    if (!this.storeDsb) {
      this.now.push({
        rule: 'tlbi-no-prior-dsb', insn: s.insn, message: `no DSB before TLBI ${op}: earlier page-table stores may not be visible to the walker yet`, details: [],
        counterexample: ['a descriptor store is still in the write buffer when the TLBI completes', 'a walk (or a speculative fill) after the TLBI reads the old descriptor and caches it again'],
        fix: 'DSB ISHST before the TLBI (STR; DSB ISHST; TLBI; DSB ISH; ISB)',
      });
    }
    this.outstanding.push({ insn: s.insn, op });
    if (op.startsWith('ALLE1')) {
      this.candidates = []; // every VMID, the target's too
      return;
    }
    if (!vmidScoped(op)) return;
    const target = this.ctx.targetVmid;
    if (s.vmid !== undefined && target !== undefined) {
      // an executed path: the VMID the TLBI selected is known
      if (s.vmid === target) this.candidates = [];
      else this.candidates.push({ insn: s.insn, why: `it selected VMID ${s.vmid}, and ${this.ctx.target ?? 'the target'} runs with VMID ${target}`, beforeAny: this.lastVttbr === undefined });
      return;
    }
    if (this.vttbr === 'synced') {
      // the target's VMID (the last one loaded) is flushed too: an earlier TLBI of the outgoing VMID is deliberate
      this.candidates = [];
      return;
    }
    const w = this.lastVttbr;
    this.candidates.push({ insn: s.insn, why: w === undefined ? 'no VTTBR_EL2 write precedes it' : `VTTBR_EL2 is written at ${line(w)} but no ISB follows before the TLBI`, beforeAny: w === undefined });
  }

  private vttbrShift(s: Step): void {
    const v = s.value;
    // the note's VMID << 16: VMID[55:48] = 0 and bits 23:16 carry a number — alone (`MOV x0, #(VMID << 16)`), or on
    // top of the target's own root when it is known. A root with bits 23:16 set and VMID 0 is a legitimate VTTBR_EL2
    // (and a root below 16 MiB is not RAM on the virt board).
    const root = this.ctx.intendedRoot ?? 0n;
    const inBaddr = v !== undefined && regField('VTTBR_EL2', 'VMID', v) === 0n && ((v ^ root) & 0xff_0000n) !== 0n && ((v ^ root) & 0x0000_ffff_ff00_fffen) === 0n;
    if (!s.shl16 && !inBaddr) return;
    const vmid = v === undefined ? 'the VMID' : String((v >> 16n) & 0xffn);
    this.now.push({
      rule: 'vttbr-vmid-shift', insn: s.insn, message: `VTTBR_EL2.VMID is bits 55:48; this write puts ${vmid} in BADDR (bits 23:16) and leaves VMID = 0`,
      details: v === undefined ? ['the value is a register shifted left by 16'] : [`VTTBR_EL2 = ${hex64(v)}: VMID[55:48] = 0, BADDR = 0x${(v & 0x0000_ffff_ffff_fffen).toString(16)}`],
      counterexample: [
        'every context written this way runs with VMID 0, the tag every other such context uses',
        'an EL1&0 TLB entry filled by the outgoing context (tag VMID 0) is still valid after the switch and matches the target: the target reads through the other context\'s translation',
        v === undefined ? 'with stage 2 on, the stage-2 walk starts at the wrong root (VMID · 64 KiB), possibly misaligned (CONSTRAINED UNPREDICTABLE)' : `with stage 2 on, the stage-2 walk starts at PA 0x${(v & 0x0000_ffff_ffff_fffen).toString(16)}, not at the context's tables`,
      ],
      fix: 'MOVZ x0, #VMID, LSL #48, then ORR in the stage-2 root (BADDR, aligned to the root table size); VMID ≤ 255 on Cortex-A57, unique among the contexts',
    });
  }

  /** The path reached `eret` (undefined: it ran off the end of the sequence, into the ERET `check` appends).
   *  Returns every finding of the path. */
  end(eret: Insn | undefined): PathFinding[] {
    const out = [...this.now];
    const to = eret === undefined ? 'the ERET that ends the sequence' : `the ERET at ${line(eret)}`;
    for (const h of this.hcrOpen) {
      out.push({
        rule: 'hcr-no-isb-eret', insn: h, message: `no ISB between this HCR_EL2 write and ${to}`, details: [],
        counterexample: ['the MSR HCR_EL2 is still pending when the ERET executes', 'the ERET checks legality (TGE, RW) and picks the target with the old HCR_EL2, then synchronizes'],
        fix: 'put an ISB after the last MSR HCR_EL2 and before the ERET',
      });
    }
    const h = this.lastHcr;
    if (h !== undefined) {
      if (h.value !== undefined) {
        const f = this.clobber(h.insn, h.value);
        if (f !== undefined) out.push(f);
      }
      if (!this.vttbrWritten) {
        out.push({
          rule: 'hcr-same-vmid', insn: h.insn, message: 'HCR_EL2 changes the translation regime but VTTBR_EL2 is never written on the way to the ERET: the target runs under the outgoing context\'s VMID', details: [],
          counterexample: [
            'the outgoing context ran with VMID v and filled EL1&0 TLB entries tagged v (combined stage 1+2 entries if it was a VM)',
            'the switch changes HCR_EL2 (VM and DC may be cached in those entries) and ERETs with VTTBR_EL2.VMID still v',
            'the target\'s accesses hit the outgoing context\'s entries and reach its memory',
          ],
          fix: 'write the target\'s VTTBR_EL2 (its own VMID in bits 55:48, never given to another live context) in the same switch, before the ISB and ERET',
        });
      }
    }
    for (const c of this.candidates) {
      const op = c.insn.event.k === 'tlbi' ? c.insn.event.op : 'TLBI';
      out.push({
        rule: 'tlbi-before-vmid', insn: c.insn, message: `TLBI ${op} acts on the VMID in VTTBR_EL2 when it executes; ${c.why}, so it flushes the outgoing context's VMID, not the target's`, details: [],
        counterexample: [
          'VTTBR_EL2 still holds the outgoing context\'s VMID when the TLBI executes',
          `TLBI ${op} removes that context's entries; the target's VMID keeps its stale entries`,
          'after the ERET the target can use an entry filled before its tables changed',
        ],
        fix: `write the target's VTTBR_EL2, ISB, then TLBI ${op} (to flush another VMID: write its VTTBR, ISB, TLBI VMALLS12E1IS, DSB ISH, restore VTTBR, ISB); a deliberate flush of the outgoing VMID is cleared by exploring the pair (--scenario, --from, --to)`,
        // before the switch loads any VTTBR_EL2 and then loads one: most likely a deliberate flush of the outgoing VMID
        ...(c.beforeAny && this.vttbrWritten ? { weak: true } : {}),
      });
    }
    for (const o of this.outstanding) {
      out.push({
        rule: 'tlbi-no-dsb', insn: o.insn, message: `TLBI ${o.op} is not followed by a DSB ${neededDsb(o.op)} (or stronger) before ${to}`, details: [],
        counterexample: ['the TLBI has not completed when the ERET executes', 'the target translates through the entry the TLBI was meant to remove'],
        fix: `DSB ${neededDsb(o.op)} after the TLBI, then ISB`,
      });
    }
    return out;
  }

  private clobber(i: Insn, written: bigint): PathFinding | undefined {
    // what HCR_EL2 holds after the MSR: RES0 bits ignored, RES1 bits (RW when EL1 cannot be AArch32) read as one
    const hcr = SYSREGS[SR.HCR_EL2]!;
    const profile = this.ctx.profile ?? CORTEX_A57;
    const value = (written & ~hcr.res0(profile)) | hcr.res1(profile);
    const intended = this.ctx.intendedHcr ?? (HCR_HYP | (value & (HCR.VM | HCR.TGE | HCR.DC)));
    const diff = hcrDiff(value, intended);
    if (diff.length === 0) return undefined;
    const target = this.ctx.target;
    const cleared = (b: bigint): boolean => (value & b) === 0n && (intended & b) !== 0n;
    const cx: string[] = [`MSR HCR_EL2 writes 0x${written.toString(16)}${written === value ? '' : `, which leaves ${hex64(value)} in it (RES0 bits ignored, RES1 bits set)`} (${diff.map((d) => `${d.name}=${d.value}`).join(', ')} against the intended ${hex64(intended)}${target ? ` for ${target}` : ''})`];
    if (cleared(HCR.RW)) cx.push('the ERET into an AArch64 target is an illegal exception return (RW=0): PSTATE.IL=1, the PE stays at EL2 with PC = ELR_EL2, and the next instruction takes an Illegal Execution state exception (EC 0x0E) at VBAR_EL2+0x200');
    if ((value & HCR.TGE) !== 0n && (intended & HCR.TGE) === 0n) cx.push('TGE=1: the EL1&0 stage 1 is treated as off (VA == IPA) and EL1 cannot be entered');
    if (cleared(HCR.IMO)) cx.push('IMO=0: a physical IRQ arriving while the target runs goes to its EL1, not to the hypervisor');
    return {
      rule: 'hcr-clobber', insn: i, message: `MSR writes HCR_EL2 = ${hex64(written)} as a whole: ${diff.length} bit(s) differ from the intended value`,
      details: diff.map(formatChange),
      counterexample: cx,
      fix: `read-modify-write (MRS x0, HCR_EL2; ORR/BIC only the bits meant to change; MSR HCR_EL2, x0) or load the full intended value ${hex64(intended)}${target ? ` (${target})` : ''}, e.g. from the context table`,
    };
  }
}

/** Rule order within one instruction (the order the findings of one instruction are listed in). */
const ORDER: readonly LintRule[] = ['hcr-clobber', 'hcr-same-vmid', 'hcr-no-isb-eret', 'vttbr-vmid-shift', 'tlbi-before-vmid', 'tlbi-no-dsb', 'tlbi-no-prior-dsb'];

/** Findings in address order, then rule order. */
export function sortFindings<T extends { readonly insn: Insn; readonly rule: LintRule }>(fs: T[]): T[] {
  return fs.sort((a, b) => (a.insn.addr < b.insn.addr ? -1 : a.insn.addr > b.insn.addr ? 1 : ORDER.indexOf(a.rule) - ORDER.indexOf(b.rule)));
}

/** A path finding as a Finding at `level`, with `extra` details. */
export function toFinding(f: PathFinding, level: Finding['level'], extra: readonly string[] = []): Finding {
  const i = f.insn;
  return { ruleId: f.rule, level, file: i.file, line: i.line, col: i.col, source: i.source, message: f.message, details: [...f.details, ...extra], counterexample: f.counterexample, fix: f.fix };
}
