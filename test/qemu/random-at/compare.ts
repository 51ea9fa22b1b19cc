// Judge a random AT program's output against QEMU's (program.ts): every PAR_EL1 and every Data Abort an AT took,
// equal or explained by a documented QEMU 7.2 departure (test/qemu/DEVIATIONS.md), else unexplained.
import type { Probe } from './program.ts';

export type AtVerdict =
  | 'equal'
  /** D3: a stage-2 fault on a stage-1 walk — QEMU reports the stage-1 lookup level, we the stage-2 walk's. */
  | 'qemu-s1ptw-level'
  /** PAR_EL1.SH is 0b10 for Device and Normal Non-cacheable results (PAREncodeShareability); QEMU 7.2 reports 0b00. */
  | 'qemu-par-sh'
  /** A block descriptor at level 0 (4K) or level 1 (64K) is a Translation fault; QEMU 7.2 maps it. */
  | 'qemu-block-level'
  | 'unexplained';

export interface AtComparison {
  readonly counts: Record<AtVerdict, number>;
  /** Each unexplained difference: key, operation, VA, both outputs. */
  readonly unexplained: readonly string[];
}

/** `key=0x…` lines by key; the exception records (exc/esr/elr/spsr/far lines) in order. */
function parse(out: string): { par: Map<string, bigint>; exceptions: string[] } {
  const par = new Map<string, bigint>();
  const exceptions: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^(\w+)=0x([0-9a-f]+)$/.exec(line.trim());
    if (m === null) continue;
    if (/^c\d+_\d+$/.test(m[1]!)) par.set(m[1]!, BigInt(`0x${m[2]}`));
    else exceptions.push(line.trim());
  }
  return { par, exceptions };
}

const bits = (v: bigint, lo: number, n: number): number => Number((v >> BigInt(lo)) & ((1n << BigInt(n)) - 1n));
/** The granule a TGx field selects on Cortex-A57 (16K and reserved act as 4K: arch/regime.ts granuleBits). */
const granuleOf = (tg: number, tg1: boolean): number => (tg1 ? [12, 12, 12, 16][tg]! : [12, 16, 12, 12][tg]!);

function verdict(p: Probe, q: bigint, o: bigint): AtVerdict {
  if (q === o) return 'equal';
  const qf = bits(q, 0, 1) === 1;
  const of = bits(o, 0, 1) === 1;
  if (qf && of && bits(o, 8, 2) === 3 && ((q ^ o) & ~6n) === 0n) return 'qemu-s1ptw-level'; // S, PTW: only the level differs
  if (!qf && !of && (q & ~0x180n) === (o & ~0x180n) && bits(o, 7, 2) === 2) {
    const attr = bits(o, 56, 8);
    if ((attr & 0xf0) === 0 || attr === 0x44) return 'qemu-par-sh';
  }
  if (of && bits(o, 3, 4) === 1) {
    // ours a Translation fault: at the level where the stage's granule has no blocks?
    const level = bits(o, 1, 2);
    const stage2 = bits(o, 9, 1) === 1;
    const tg1 = !stage2 && bits(p.va, 55, 1) === 1;
    const gb = stage2 ? granuleOf(bits(p.vtcr, 14, 2), false) : granuleOf(bits(p.tcr, tg1 ? 30 : 14, 2), tg1);
    if ((gb === 12 && level === 0) || (gb === 16 && level === 1)) return 'qemu-block-level';
  }
  return 'unexplained';
}

/** Two `esr=` lines of Data Aborts with ISS.S1PTW (bit 7) that differ only in the DFSC's level (bits 1:0). */
function s1ptwLevelOnly(a: string, b: string): boolean {
  const m = /^esr=0x([0-9a-f]+)$/.exec(a);
  const n = /^esr=0x([0-9a-f]+)$/.exec(b);
  if (m === null || n === null) return false;
  const x = BigInt(`0x${m[1]}`);
  const y = BigInt(`0x${n[1]}`);
  return (x & 0x80n) !== 0n && (x & ~3n) === (y & ~3n);
}

export function compareAt(probes: readonly Probe[], qemu: string, ours: string): AtComparison {
  const q = parse(qemu);
  const o = parse(ours);
  const counts: Record<AtVerdict, number> = { equal: 0, 'qemu-s1ptw-level': 0, 'qemu-par-sh': 0, 'qemu-block-level': 0, unexplained: 0 };
  const unexplained: string[] = [];
  for (const p of probes) {
    const qv = q.par.get(p.key);
    const ov = o.par.get(p.key);
    const v = qv === undefined || ov === undefined ? 'unexplained' : verdict(p, qv, ov);
    counts[v]++;
    if (v === 'unexplained') unexplained.push(`${p.key} ${p.op} 0x${p.va.toString(16)}: QEMU ${qv === undefined ? 'nothing' : `0x${qv.toString(16)}`}, twostage ${ov === undefined ? 'nothing' : `0x${ov.toString(16)}`}`);
  }
  // a Data Abort an AT took (an External abort on its walk) is part of the output: the same lines on both, except
  // the level in an ESR with S1PTW set (the D3 difference again)
  const same = q.exceptions.length === o.exceptions.length && q.exceptions.every((line, i) => line === o.exceptions[i] || s1ptwLevelOnly(line, o.exceptions[i]!));
  if (!same) {
    counts.unexplained++;
    unexplained.push(`exceptions differ: QEMU [${q.exceptions.join(' ')}], twostage [${o.exceptions.join(' ')}]`);
  } else if (q.exceptions.some((line, i) => line !== o.exceptions[i])) counts['qemu-s1ptw-level']++;
  return { counts, unexplained };
}
