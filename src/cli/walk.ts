// `twostage walk FILE.elf --until ADDR --va VA [--access read|write|exec] [--el 0|1|2]`: run the ELF on the virt
// machine until PC == ADDR, then print the translation of VA the way a hypervisor developer reads it: per level the
// table, index and descriptor with every field decoded, the stage-2 sub-walk of each stage-1 descriptor address, the
// final PA, attributes and permissions — or the fault with the ESR/FAR/HPFAR it would report.
// `twostage walk --scenario S --context NAME --va VA [--hosting MODE] [--entry N|last]` does the same in a
// scenario's context, at the hypervisor's N-th entry into it (walk-scenario.ts).
import type { Command } from 'commander';
import { profileByName, PROFILES } from '../arch/profiles.ts';
import { hex64, quoted } from '../bits/bits.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { PC } from '../cpu/state.ts';
import { readElf } from '../elf/read.ts';
import { VirtMachine } from '../machine/virt.ts';
import { ACC_EXEC, ACC_READ, ACC_WRITE } from '../mmu/result.ts';
import { EXIT_BAD_INPUT } from './boot.ts';
import { address, choice, readBinary, wholeNumber } from './inputs.ts';
import { renderWalk, tlbLines, walkReport } from './walk-report.ts';
import { scenarioWalkCpu } from './walk-scenario.ts';

const DEFAULT_MAX_INSNS = 100_000_000;
const ACCESS: Record<string, number> = { read: ACC_READ, write: ACC_WRITE, exec: ACC_EXEC };

export interface WalkOptions {
  readonly scenario?: string;
  readonly context?: string;
  readonly hosting?: string;
  readonly entry?: string;
  readonly until?: string;
  readonly va?: string;
  readonly access?: string;
  readonly el?: string;
  readonly cpu?: string;
  readonly maxInsns?: string;
  /** Also list the TLB's valid entries at the stop. */
  readonly tlb?: boolean;
  /** text (default) or json. */
  readonly format?: string;
}

export function registerWalk(program: Command): void {
  program
    .command('walk')
    .description('run an ELF to an address, then show how a VA translates there: every level, both stages, the fault')
    .argument('[file]', 'ELF64 little-endian AArch64 executable (or give --scenario)')
    .option('--until <addr>', 'with FILE: stop when the PC reaches this address (before executing it)')
    .option('--scenario <file>', 'walk in a scenario context instead of an ELF (with --context)')
    .option('--context <name>', 'with --scenario: the VM or native app whose regime to walk in')
    .option('--hosting <mode>', 'with --scenario: override its hosting mode')
    .option('--entry <n>', "with --scenario: at the hypervisor's n-th ERET into the context (calls it resumes count), or 'last'", '1')
    .requiredOption('--va <addr>', 'the virtual address to translate')
    .option('--tlb', 'also list every valid TLB entry at the stop (regime, VMID/ASID, input block, kind, output)')
    .option('--format <kind>', 'text | json', 'text')
    .option('--access <kind>', 'read | write | exec', 'read')
    .option('--el <n>', '0 | 1 | 2 (default: the EL at the stop)')
    .option('--cpu <name>', `CPU profile: ${Object.keys(PROFILES).join(' | ')}`, 'cortex-a57')
    .option('--max-insns <N>', 'instruction budget', String(DEFAULT_MAX_INSNS))
    .action((file: string | undefined, opts: WalkOptions) => {
      process.exitCode = walkCommand(file, opts, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

/** Run the command; returns the exit status (0, or 2 for bad input, 1 when ADDR is never reached). */
export function walkCommand(file: string | undefined, opts: WalkOptions, out: (s: string) => void, err: (s: string) => void): number {
  const bad = (why: string): number => {
    err(`twostage walk: ${why}\n`);
    return EXIT_BAD_INPUT;
  };
  const vaArg = address('--va', opts.va ?? '');
  if (!vaArg.ok) return bad(vaArg.error);
  const va = vaArg.value;
  const access = choice('--access', opts.access ?? 'read', ['read', 'write', 'exec']);
  if (!access.ok) return bad(access.error);
  const acc = ACCESS[access.value]!;
  const elArg = opts.el === undefined ? undefined : choice('--el', opts.el, ['0', '1', '2']);
  if (elArg?.ok === false) return bad(elArg.error);
  const formatArg = choice('--format', opts.format ?? 'text', ['text', 'json']);
  if (!formatArg.ok) return bad(formatArg.error);
  const format = formatArg.value;
  /** Print the walk (and the TLB) at the stop, with the line saying where that is. */
  const show = (c: Cpu, el: number, where?: string): number => {
    const report = walkReport(c, va, acc, el);
    const tlb = opts.tlb === true ? tlbLines(c) : undefined;
    if (format === 'json') out(JSON.stringify({ ...(where !== undefined ? { stop: where } : {}), walk: report, ...(tlb !== undefined ? { tlb: tlb.slice(1).map((l) => l.trim()) } : {}) }, null, 2) + '\n');
    else out([...(where !== undefined ? [where] : []), ...renderWalk(report), ...(tlb ?? [])].join('\n') + '\n');
    return 0;
  };
  if (opts.scenario !== undefined) {
    if (file !== undefined || opts.until !== undefined) return bad('give either FILE with --until, or --scenario with --context, not both');
    if (opts.context === undefined) return bad('--scenario needs --context NAME');
    const r = scenarioWalkCpu({ file: opts.scenario, context: opts.context, hosting: opts.hosting, entry: opts.entry }, err);
    if (typeof r === 'number') return r;
    return show(r.cpu, opts.el === undefined ? r.el : Number(opts.el), r.where);
  }
  if (file === undefined) return bad('give an ELF FILE (with --until) or --scenario S --context NAME');
  if (opts.until === undefined) return bad('--until: required with FILE');
  const untilArg = address('--until', opts.until);
  if (!untilArg.ok) return bad(untilArg.error);
  const until = untilArg.value;
  const budgetArg = wholeNumber('--max-insns', opts.maxInsns ?? String(DEFAULT_MAX_INSNS), 1, Number.MAX_SAFE_INTEGER);
  if (!budgetArg.ok) return bad(budgetArg.error);
  const budget = budgetArg.value;
  const profile = profileByName(opts.cpu ?? 'cortex-a57');
  if (profile === undefined) return bad(`--cpu: unknown CPU ${quoted(opts.cpu ?? '')} (known: ${Object.keys(PROFILES).join(', ')})`);
  const bytes = readBinary(file);
  if (!bytes.ok) return bad(bytes.error);
  const elf = readElf(bytes.value);
  if (!elf.ok) return bad(`${file}: ${elf.error}`);
  const m = new VirtMachine({ profile });
  const loadError = m.load(elf.image);
  if (loadError !== undefined) return bad(`${file}: ${loadError}`);
  const c = m.cpu;
  // one instruction at a time, so the stop is before the instruction at ADDR
  for (let n = 0; c.x[PC] !== until; n++) {
    if (n === budget) {
      err(`twostage walk: PC never reached ${hex64(until)} in ${budget} instructions (PC ${hex64(c.x[PC]!)})\n`);
      return 1;
    }
    const stop = m.step(); // through the machine, so timers fire as in a run
    if (stop.kind !== 'budget') {
      err(`twostage walk: the program stopped (${stop.kind}) before PC reached ${hex64(until)}\n`);
      return 1;
    }
  }
  return show(c, opts.el === undefined ? c.el : Number(opts.el));
}
