// `--trace exec,int,sysreg,mmu,tlb` (in the spirit of QEMU's `-d exec,int`): hooks on the CPU that print one line
// per executed instruction, exception taken, or MSR/MRS; mmu and tlb lines come from trace-mmu.ts. Lines go to `write` (the CLI sends them to
// stderr, as QEMU's -d does). Exec lines carry objdump's text for the word (src/asm/disasm.ts) unless
// `disasm` replaces it.
import { decode } from '../arch/a64/decode.ts';
import { fieldValues } from '../arch/a64/encoding.ts';
import { ROWS, rowIndex } from '../arch/a64/table.ts';
import { ecHasFar, ecOf } from '../arch/syndrome.ts';
import { SR, sysregOfFields } from '../arch/sysreg-table.ts';
import { disassemble, plainEnv } from '../asm/disasm.ts';
import { hex32, hex64 } from '../bits/bits.ts';
import { TRACE_ALL_ELS, type Cpu } from '../cpu/cpu.ts';
import { enteredIrq } from '../cpu/interrupt.ts';
import { PC } from '../cpu/state.ts';
import type { TraceKind } from './trace-kinds.ts';
import { mmuTrace } from './trace-mmu.ts';

export { parseTraceKinds, TRACE_KINDS, type TraceKind } from './trace-kinds.ts';

export interface TraceOptions {
  /** Where lines go (one call per line, without the newline). */
  readonly write: (line: string) => void;
  /** Disassembly of a word at an address, shown after the word (default: objdump's text, targets as 0x…). */
  readonly disasm?: (w: number, pc: bigint) => string;
}

/**
 * Install the hooks for `kinds` on `cpu` (replacing earlier ones; an empty list removes them). Returns a
 * function to call when the run ends, which prints a line still pending (an MRS result).
 */
export function installTrace(cpu: Cpu, kinds: readonly TraceKind[], opts: TraceOptions): () => void {
  const { write, disasm = objdumpText } = opts;
  const exec = kinds.includes('exec')
    ? (pc: bigint, w: number) => write(`${hex64(pc)}: ${hex32(w).slice(2)}  ${disasm(w, pc)}`)
    : undefined;
  const sysreg = kinds.includes('sysreg') ? new SysregTrace(write) : undefined;
  cpu.traceExecEls = TRACE_ALL_ELS; // a trace shows every instruction
  cpu.traceExec =
    exec === undefined && sysreg === undefined
      ? null
      : (c, pc, w) => {
          sysreg?.before(c, pc, w);
          exec?.(pc, w);
        };
  cpu.traceException = kinds.includes('int') ? (c, from) => write(describeException(c, from)) : null;
  cpu.tlb.trace = mmuTrace(kinds.includes('mmu'), kinds.includes('tlb'), write);
  return () => sysreg?.flush(cpu);
}

function objdumpText(w: number, pc: bigint): string {
  return disassemble(w, plainEnv(pc));
}

/** The rows whose instructions give sysreg lines (src/arch/a64/rows/system.ts). */
const OP_MSR = rowIndex('MSR_reg');
const OP_MRS = rowIndex('MRS');

/**
 * Sysreg lines from the instruction stream: an MSR prints the value in Xt as it executes; an MRS prints
 * the value it read when the next instruction starts (or says it trapped when execution went elsewhere).
 */
class SysregTrace {
  private pendingMrs: { name: string; rt: number; next: bigint } | undefined;

  constructor(private readonly write: (line: string) => void) {}

  before(c: Cpu, pc: bigint, w: number): void {
    this.flush(c, pc);
    const op = decode(w);
    if (op !== OP_MSR && op !== OP_MRS) return;
    const f = fieldValues(ROWS[op]!, w);
    const name = sysregOfFields(f).name;
    const rt = f.Rt!;
    if (op === OP_MRS) this.pendingMrs = { name, rt, next: pc + 4n };
    else this.write(`msr ${name} <- ${hex64(rt === 31 ? 0n : c.x[rt]!)}`);
  }

  /** Print a pending MRS result; `pc` is where execution went next (undefined at the end of the run). */
  flush(c: Cpu, pc: bigint = c.x[PC]!): void {
    const p = this.pendingMrs;
    if (p === undefined) return;
    this.pendingMrs = undefined;
    if (pc !== p.next) this.write(`mrs ${p.name}: did not complete (exception)`);
    else this.write(`mrs ${p.name} -> ${hex64(p.rt === 31 ? 0n : c.x[p.rt]!)}`);
  }
}

/** One line for an exception just taken: levels, syndrome, return address, fault address, vector. */
function describeException(c: Cpu, from: number): string {
  const to = c.el;
  const elr = c.sr[to === 2 ? SR.ELR_EL2 : SR.ELR_EL1]!;
  // an IRQ has no syndrome (ESR_ELx keeps its value); ELR is the first instruction not executed
  if (enteredIrq(c)) return `interrupt EL${from} -> EL${to}: IRQ ELR ${hex64(elr)} -> PC ${hex64(c.x[PC]!)}`;
  const esr = Number(c.sr[to === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!);
  const ec = ecOf(esr);
  let line = `exception EL${from} -> EL${to}: EC 0x${ec.toString(16).padStart(2, '0')} ESR ${hex32(esr)} ELR ${hex64(elr)}`;
  if (ecHasFar(ec)) line += ` FAR ${hex64(c.sr[to === 2 ? SR.FAR_EL2 : SR.FAR_EL1]!)}`;
  return `${line} -> PC ${hex64(c.x[PC]!)}`;
}
