// The quick syntactic rules: one pass over the decoded switch sequence, in milliseconds, before any
// exploration. A sequence without an ERET is taken to end in the ERET into the target (as `check` runs it).
import { CORTEX_A57 } from '../arch/profiles.ts';
import { vmidOf } from '../arch/regime.ts';
import { tlbiScope } from '../arch/sysops.ts';
import { hex64 } from '../bits/bits.ts';
import { HCR, HCR_HYP } from '../hyp/context-table.ts';
import type { Finding } from './findings.ts';
import { formatChange, hcrDiff } from './hcr-bits.ts';
import type { Insn, Program } from './program.ts';

export interface LintContext {
  /** HCR_EL2 the target should run with (from the scenario); default: the hypervisor's base value with the
   *  translation-mode bits (VM, TGE, DC) the write itself chose. */
  readonly intendedHcr?: bigint;
  readonly target?: string;
}

/** EL1&0 TLBI operations that act on the current VMID only (ARCH-NOTES §9; the row's scope, src/arch/sysops.ts). */
export const vmidScoped = (op: string): boolean => {
  const s = tlbiScope(op);
  return s.regime === 'EL1&0' && s.vmid === 'current';
};
/** The weakest DSB domain that completes a TLBI: its broadcast domain (ARCH-NOTES §9). */
export const completingDsb = (tlbi: string): 'ISH' | 'NSH' => (tlbiScope(tlbi).shareability === 'inner' ? 'ISH' : 'NSH');
/** DSB options that complete a TLBI: loads and stores, at least the operation's shareability. */
export const completesTlbi = (dsb: string, tlbi: string): boolean => (completingDsb(tlbi) === 'ISH' ? ['SY', 'ISH', 'OSH'] : ['SY', 'ISH', 'OSH', 'NSH']).includes(dsb);
/** DSB options that make earlier stores visible to the walker. */
const coversStores = (dsb: string): boolean => !dsb.endsWith('LD');

const isMsr = (i: Insn, reg: string): boolean => i.event.k === 'msr' && i.event.reg === reg;

function at(i: Insn, ruleId: string, level: Finding['level'], message: string, rest: Pick<Finding, 'details' | 'counterexample' | 'fix'>): Finding {
  return { ruleId, level, file: i.file, line: i.line, col: i.col, source: i.source, message, ...rest };
}

/** Index of the next ERET at or after `from` (or the end: the ERET `check` appends). */
function nextEret(ins: readonly Insn[], from: number): number {
  const k = ins.findIndex((x, j) => j >= from && x.event.k === 'eret');
  return k < 0 ? ins.length : k;
}

function hcrClobber(i: Insn, value: bigint, ctx: LintContext): Finding | undefined {
  const intended = ctx.intendedHcr ?? (HCR_HYP | (value & (HCR.VM | HCR.TGE | HCR.DC)));
  const diff = hcrDiff(value, intended);
  if (diff.length === 0) return undefined;
  const cleared = (b: bigint): boolean => (value & b) === 0n && (intended & b) !== 0n;
  const cx: string[] = [`MSR HCR_EL2 writes 0x${value.toString(16)} (${diff.map((d) => `${d.name}=${d.value}`).join(', ')} against the intended ${hex64(intended)}${ctx.target ? ` for ${ctx.target}` : ''})`];
  if (cleared(HCR.RW)) cx.push('the ERET into the AArch64 target is an illegal exception return (RW=0): PSTATE.IL=1, the PE stays at EL2 and the next instruction takes EC 0x0E at VBAR_EL2+0x200');
  if ((value & HCR.TGE) !== 0n && (intended & HCR.TGE) === 0n) cx.push('TGE=1: the EL1&0 stage 1 is treated as off (VA == IPA) and EL1 cannot be entered');
  if (cleared(HCR.IMO)) cx.push('IMO=0: a physical IRQ arriving while the target runs goes to its EL1, not to the hypervisor');
  return at(i, 'hcr-clobber', 'error', `MOV+MSR writes HCR_EL2 = ${hex64(value)} as a whole: ${diff.length} bit(s) differ from the intended value`, {
    details: diff.map(formatChange),
    counterexample: cx,
    fix: `read-modify-write (MRS x0, HCR_EL2; ORR/BIC only the bits meant to change; MSR HCR_EL2, x0) or load the full intended value ${hex64(intended)}${ctx.target ? ` (${ctx.target})` : ''}, e.g. from the context table`,
  });
}

function vttbrShift(i: Insn, src: { value?: bigint; shl16?: boolean }): Finding | undefined {
  const v = src.value;
  // an 8-bit VMID shifted by 16 instead of 48: it lands in BADDR[23:16] and VMID (as the A57 reads it) stays 0
  const misplaced = v === undefined ? 0n : (v >> 16n) & 0xffn;
  const inBaddr = v !== undefined && misplaced !== 0n && vmidOf(Number(v >> 32n) >>> 0, 0, CORTEX_A57) === 0;
  if (!src.shl16 && !inBaddr) return undefined;
  const vmid = v === undefined ? 'the VMID' : String(misplaced);
  return at(i, 'vttbr-vmid-shift', 'error', `VTTBR_EL2.VMID is bits 55:48; this write puts ${vmid} in BADDR (bits 23:16) and leaves VMID = 0`, {
    details: v === undefined ? ['the value is a register shifted left by 16'] : [`VTTBR_EL2 = ${hex64(v)}: VMID[55:48] = 0, BADDR = 0x${(v & 0x0000_ffff_ffff_fffen).toString(16)}`],
    counterexample: [
      'every context written this way runs with VMID 0, the tag the hypervisor and every other such context use',
      'an EL1&0 TLB entry filled by the outgoing context (tag VMID 0) is still valid after the switch and matches the target: the target reads through the other context\'s translation',
      v === undefined ? 'with stage 2 on, the stage-2 walk starts at the wrong root (VMID · 64 KiB), possibly misaligned (CONSTRAINED UNPREDICTABLE)' : `with stage 2 on, the stage-2 walk starts at PA 0x${(v & 0x0000_ffff_ffff_fffen).toString(16)}, not at the context's tables`,
    ],
    fix: 'MOVZ x0, #VMID, LSL #48, then ORR in the stage-2 root (BADDR, aligned to the root table size); VMID ≤ 255 on Cortex-A57 and never 0 for a guest',
  });
}

/** Run every quick rule over a program. */
export function lint(p: Program, ctx: LintContext = {}): Finding[] {
  const ins = p.insns;
  const out: Finding[] = [];
  const anyVttbr = ins.some((x) => isMsr(x, 'VTTBR_EL2'));
  ins.forEach((i, n) => {
    const e = i.event;
    if (e.k === 'msr' && e.reg === 'HCR_EL2') {
      if (e.src.value !== undefined) {
        const f = hcrClobber(i, e.src.value, ctx);
        if (f) out.push(f);
      }
      if (!anyVttbr) {
        out.push(at(i, 'hcr-same-vmid', 'error', 'HCR_EL2 changes the translation regime but VTTBR_EL2 is never written: the target runs under the outgoing context\'s VMID', {
          details: [],
          counterexample: [
            'the outgoing context ran with VMID v and filled EL1&0 TLB entries tagged v (combined stage 1+2 entries if it was a VM)',
            'the switch changes HCR_EL2 (VM and DC may be cached in those entries) and ERETs with VTTBR_EL2.VMID still v',
            'the target\'s accesses hit the outgoing context\'s entries and reach its memory',
          ],
          fix: 'write the target\'s VTTBR_EL2 (its own VMID in bits 55:48, never given to another context) in the same switch, before the ISB and ERET',
        }));
      }
      const end = nextEret(ins, n);
      if (!ins.slice(n + 1, end).some((x) => x.event.k === 'isb')) {
        out.push(at(i, 'hcr-no-isb-eret', 'error', `no ISB between this HCR_EL2 write and the ERET${end === ins.length ? ' that ends the sequence' : ` at line ${ins[end]!.line}`}`, {
          details: [],
          counterexample: ['the MSR HCR_EL2 is still pending when the ERET executes', 'the ERET checks legality (TGE, RW) and picks the target with the old HCR_EL2, then synchronizes'],
          fix: 'put an ISB after the last MSR HCR_EL2 and before the ERET',
        }));
      }
    }
    if (e.k === 'msr' && e.reg === 'VTTBR_EL2') {
      const f = vttbrShift(i, e.src);
      if (f) out.push(f);
    }
    if (e.k === 'tlbi') {
      if (vmidScoped(e.op)) {
        const w = ins.slice(0, n).map((x, j) => (isMsr(x, 'VTTBR_EL2') ? j : -1)).filter((j) => j >= 0).at(-1);
        const synced = w !== undefined && ins.slice(w + 1, n).some((x) => x.event.k === 'isb');
        if (!synced) {
          const why = w === undefined ? 'no VTTBR_EL2 write precedes it' : `VTTBR_EL2 is written at line ${ins[w]!.line} but no ISB follows before the TLBI`;
          out.push(at(i, 'tlbi-before-vmid', 'error', `TLBI ${e.op} acts on the VMID in VTTBR_EL2 when it executes; ${why}, so it flushes the outgoing context's VMID`, {
            details: [],
            counterexample: [
              'VTTBR_EL2 still holds the outgoing context\'s VMID when the TLBI executes',
              `TLBI ${e.op} removes that context's entries; the target's VMID keeps its stale entries`,
              'after the ERET the target can use an entry filled before its tables changed',
            ],
            fix: `write the target's VTTBR_EL2, ISB, then TLBI ${e.op} (to flush another VMID: write its VTTBR, ISB, TLBI VMALLS12E1IS, DSB ISH, restore VTTBR, ISB)`,
          }));
        }
      }
      const end = nextEret(ins, n);
      if (!ins.slice(n + 1, end).some((x) => x.event.k === 'dsb' && completesTlbi(x.event.option, e.op))) {
        out.push(at(i, 'tlbi-no-dsb', 'error', `TLBI ${e.op} is not followed by a DSB ${completingDsb(e.op)} (or stronger) before the ERET`, {
          details: [],
          counterexample: ['the TLBI has not completed when the ERET executes', 'the target translates through the entry the TLBI was meant to remove'],
          fix: `DSB ${completingDsb(e.op)} after the TLBI, then ISB`,
        }));
      }
      if (!ins.slice(0, n).some((x) => x.event.k === 'dsb' && coversStores(x.event.option))) {
        out.push(at(i, 'tlbi-no-prior-dsb', 'warning', `no DSB before TLBI ${e.op}: earlier page-table stores may not be visible to the walker yet`, {
          details: [],
          counterexample: ['a descriptor store is still in the write buffer when the TLBI completes', 'a walk (or a speculative fill) after the TLBI reads the old descriptor and caches it again'],
          fix: 'DSB ISHST before the TLBI (STR; DSB ISHST; TLBI; DSB ISH; ISB)',
        }));
      }
    }
  });
  return out;
}
