// `--stats [text|json]` of `boot` and `run`: after the run, on stderr (stdout stays the guest's bytes or the report),
// what the CPU did (src/cpu/stats.ts) and how fast: instructions, MIPS per CPU second and per wall second of the run
// (start-up and image building excluded), the share run translated and interpreted, the average block as run,
// host-cache hits of loads and stores, the architectural TLB's fills and evictions and how often the host cache (or one page of it) was
// emptied, exceptions by class and the blocks dropped because code was written. Of
// chaining, only a block's branch to its own start exists (a loop block runs its passes in place): the passes it began
// so are counted; no other successor is chained (a block goes on past a conditional branch that mostly fell through,
// src/cpu/jit/block.ts, so its not-taken side needs no chaining).
import type { Command } from 'commander';
import {
  EC_BRK, EC_DABT_LOWER, EC_DABT_SAME, EC_FP, EC_HVC, EC_IABT_LOWER, EC_IABT_SAME, EC_ILLEGAL, EC_PC_ALIGN, EC_SMC,
  EC_SP_ALIGN, EC_SVC, EC_SYSREG, EC_UNKNOWN, EC_WFX,
} from '../arch/syndrome.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { STATS_IRQ } from '../cpu/stats.ts';

export const STATS_FORMATS = ['text', 'json'] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];

/** The `--stats [format]` option. */
export function addStatsOption(cmd: Command): Command {
  return cmd.option('--stats [format]', `after the run, on stderr: instructions, MIPS, translated share, host cache, exceptions (${STATS_FORMATS.join(' | ')})`);
}

/** The format `--stats` asks for: undefined without it, or a message naming a bad one. */
export function statsFormat(flag: string | boolean | undefined): StatsFormat | undefined | { error: string } {
  if (flag === undefined || flag === false) return undefined;
  if (flag === true) return 'text';
  return (STATS_FORMATS as readonly string[]).includes(flag) ? (flag as StatsFormat) : { error: `--stats: expected ${STATS_FORMATS.join(' or ')}, not '${flag}'` };
}

/** CPU and wall time of a piece of work, in seconds. */
export interface Timing {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

/** Run `work` and time it (this process's user + system CPU, and the wall clock). */
export function timed<T>(work: () => T): { value: T; timing: Timing } {
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const value = work();
  const cpu = process.cpuUsage(cpu0);
  return { value, timing: { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: Number(process.hrtime.bigint() - wall0) / 1e9 } };
}

/** Names of the exception classes the model raises (ESR_ELx.EC values of exception.ts, ARCH-NOTES §7e). */
const EC_NAMES: ReadonlyMap<number, string> = new Map([
  [EC_UNKNOWN, 'undefined instruction'],
  [EC_WFX, 'WFI/WFE trap'],
  [EC_FP, 'FP/SIMD access trap'],
  [EC_ILLEGAL, 'illegal execution state'],
  [EC_SVC, 'SVC'],
  [EC_HVC, 'HVC'],
  [EC_SMC, 'SMC trap'],
  [EC_SYSREG, 'MSR/MRS/system instruction trap'],
  [EC_IABT_LOWER, 'instruction abort from a lower EL'],
  [EC_IABT_SAME, 'instruction abort'],
  [EC_PC_ALIGN, 'PC alignment'],
  [EC_DABT_LOWER, 'data abort from a lower EL'],
  [EC_DABT_SAME, 'data abort'],
  [EC_SP_ALIGN, 'SP alignment'],
  [EC_BRK, 'BRK'],
]);

/** The summary as data (`--stats json`, and the benchmark suite reads it). */
export interface StatsSummary {
  readonly instructions: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly mipsCpu: number;
  readonly mipsWall: number;
  readonly translated: number;
  readonly interpreted: number;
  readonly blocksRun: number;
  /** Blocks translated when their word got hot. */
  readonly blocksMade: number;
  /** Blocks a hot wasm block brought with it before their own word got hot (jit/block.ts withSuccessors). */
  readonly blocksAhead: number;
  /** Of both, made WebAssembly functions (src/cpu/wasm/). */
  readonly wasmBlocksMade: number;
  /** Instructions per block run, each pass of a loop block counted as a run (0 when none was). */
  readonly averageBlock: number;
  /** Passes a loop block began in place (a block that branches to its own start). */
  readonly loopBacks: number;
  /** Blocks entered straight from the block before them (wasm blocks: src/cpu/wasm/chain.ts), of blocksRun. */
  readonly chained: number;
  readonly hostHits: number;
  readonly hostMisses: number;
  /** Translations the architectural TLB was filled with (walks, or a fill from an AT), and entries it evicted. */
  readonly tlbFills: number;
  readonly tlbEvictions: number;
  /** Times the host cache was emptied (a TLBI or eviction removing a block or stage-2 entry, or several entries; a
   *  write of a register translation reads), and times only one 4 KiB page's slots went (a 4 KiB entry removed). */
  readonly hostFlushes: number;
  readonly hostPageDrops: number;
  readonly exceptions: { readonly ec: number | 'irq'; readonly name: string; readonly count: number }[];
  readonly invalidations: number;
  readonly blocksDropped: number;
}

export function summarize(instructions: number, cpu: Cpu, t: Timing): StatsSummary {
  const s = cpu.stats;
  const exceptions: { ec: number | 'irq'; name: string; count: number }[] = [];
  s.exceptions.forEach((count, i) => {
    if (count === 0) return;
    if (i === STATS_IRQ) exceptions.push({ ec: 'irq', name: 'IRQ', count });
    else exceptions.push({ ec: i, name: EC_NAMES.get(i) ?? 'other', count });
  });
  return {
    instructions,
    cpuSeconds: t.cpuSeconds,
    wallSeconds: t.wallSeconds,
    mipsCpu: perSecond(instructions, t.cpuSeconds),
    mipsWall: perSecond(instructions, t.wallSeconds),
    translated: s.translated,
    interpreted: instructions - s.translated,
    blocksRun: s.blocksRun,
    blocksMade: s.blocksMade,
    blocksAhead: s.blocksAhead,
    wasmBlocksMade: s.wasmBlocksMade,
    averageBlock: s.blocksRun === 0 ? 0 : s.translated / (s.blocksRun + s.loopBacks),
    loopBacks: s.loopBacks,
    chained: s.chained,
    hostHits: s.hostHits + s.inlineHits,
    hostMisses: s.hostMisses,
    tlbFills: cpu.tlb.fills,
    tlbEvictions: cpu.tlb.evictions,
    hostFlushes: cpu.tlb.hostFlushes,
    hostPageDrops: cpu.tlb.hostPageDrops,
    exceptions,
    invalidations: s.invalidations,
    blocksDropped: s.blocksDropped,
  };
}

function perSecond(instructions: number, seconds: number): number {
  return seconds > 0 ? instructions / seconds / 1e6 : 0;
}

const count = (n: number): string => n.toLocaleString('en-US');
const fixed = (n: number, digits: number): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${fixed((100 * part) / whole, 1)} %`);

/** The summary as text, one fact per line, each line starting with `stats:` (and the label, if any). */
export function formatStats(x: StatsSummary, label?: string): string {
  const accesses = x.hostHits + x.hostMisses;
  const exceptions = x.exceptions.reduce((n, e) => n + e.count, 0);
  return [
    `${count(x.instructions)} instructions in ${fixed(x.cpuSeconds, 3)} CPU s (${fixed(x.wallSeconds, 3)} s wall): ` +
      `${fixed(x.mipsCpu, 1)} MIPS per CPU second, ${fixed(x.mipsWall, 1)} MIPS wall`,
    `translated ${percent(x.translated, x.instructions)} (${count(x.translated)}), interpreted ${percent(x.interpreted, x.instructions)} (${count(x.interpreted)})`,
    `blocks: ${count(x.blocksMade)} translated hot and ${count(x.blocksAhead)} ahead (${count(x.wasmBlocksMade)} to WebAssembly), ${count(x.blocksRun)} entered, ${fixed(x.averageBlock, 1)} instructions per block run (a loop block's every pass a run); ` +
      `${count(x.loopBacks)} pass(es) of loop blocks in place (a block that branches to its own start), ${count(x.chained)} entered chained from the block before (${percent(x.chained, x.blocksRun)})`,
    `host cache (loads and stores): ${percent(x.hostHits, accesses)} hits (${count(x.hostHits)} of ${count(accesses)}, ${count(x.hostMisses)} through translation)`,
    `TLB: ${count(x.tlbFills)} fill(s), ${count(x.tlbEvictions)} eviction(s); host cache emptied ${count(x.hostFlushes)} time(s) (TLBI, eviction, translation register written), ` +
      `one page of it dropped ${count(x.hostPageDrops)} time(s) (a 4 KiB entry removed)`,
    `exceptions: ${exceptions === 0 ? 'none' : `${count(exceptions)} — ` + x.exceptions.map((e) => `${e.name}${e.ec === 'irq' ? '' : ` (EC 0x${e.ec.toString(16).padStart(2, '0')})`} ${count(e.count)}`).join(', ')}`,
    `code written under translated blocks: ${count(x.invalidations)} page drop(s), ${count(x.blocksDropped)} block(s)`,
  ].map((l) => `stats: ${label === undefined ? '' : `${label}: `}${l}\n`).join('');
}

/** What `--stats` prints for a run: text, or one JSON line (with the label as `run`). */
export function renderStats(format: StatsFormat, x: StatsSummary, label?: string): string {
  return format === 'json' ? JSON.stringify(label === undefined ? x : { run: label, ...x }) + '\n' : formatStats(x, label);
}
