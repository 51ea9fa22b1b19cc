// A switch sequence as the checker sees it: the source assembled by twostage's assembler — its instructions, each
// decoded by the CPU's own decoder into one of the few events that matter for synchronization (ARCH-NOTES §9, §10:
// system-register writes, TLBI/AT, barriers, ERET) — and the whole assembled image (literal pools, `.quad` tables,
// data), which the harness loads as it is and the static analysis reads constants from (lint.ts).
import { BARRIER_OPTION } from '../arch/a64/barrier.ts';
import { SYSREGS, sysregIndexByEncoding } from '../arch/sysreg-table.ts';
import { SYSOP_BY_KEY, SYSOPS, sysopKey } from '../arch/sysops.ts';
import { assemble, type AsmOptions } from '../asm/assemble.ts';
import type { Diagnostic } from '../asm/diagnostics.ts';
import { fieldsOf } from '../asm/forms.ts';
import { decodeRow } from '../arch/a64/decode.ts';

export type Event =
  | { readonly k: 'msr'; readonly reg: string; readonly rt: number }
  | { readonly k: 'tlbi'; readonly op: string; readonly rt: number }
  | { readonly k: 'at'; readonly op: string; readonly rt: number }
  /** CRm: what the barrier covers (src/arch/a64/barrier.ts); `option`: its name as written (SY, ISH, …, or #imm). */
  | { readonly k: 'dsb'; readonly crm: number; readonly option: string }
  | { readonly k: 'isb' }
  | { readonly k: 'eret' }
  | { readonly k: 'other' };

export interface Insn {
  readonly file: string;
  readonly line: number;
  /** 1-based column of the mnemonic in the source line. */
  readonly col: number;
  readonly source: string;
  readonly addr: bigint;
  readonly word: number;
  readonly event: Event;
  /** The encoding row (src/cpu/table/) and its field values; undefined for an unallocated word. */
  readonly row: string | undefined;
  readonly f: Readonly<Record<string, number>>;
}

/** One assembled section: its address and bytes (code and data alike). */
export interface ImageSection {
  readonly name: string;
  readonly addr: bigint;
  readonly bytes: Uint8Array;
}

export interface Program {
  readonly insns: readonly Insn[];
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, readonly string[]>;
  /** Everything the assembler emitted, for loading into memory. */
  readonly sections: readonly ImageSection[];
}

/** The event of one decoded instruction. */
function eventOf(row: string | undefined, f: Readonly<Record<string, number>>): Event {
  switch (row) {
    case 'MSR_reg': {
      const i = sysregIndexByEncoding(2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!);
      return { k: 'msr', reg: i < 0 ? 'unknown' : SYSREGS[i]!.name, rt: f.Rt! };
    }
    case 'SYS': {
      const k = SYSOP_BY_KEY[sysopKey(f.op1!, f.CRn!, f.CRm!, f.op2!)]!;
      const op = k >= 0 ? SYSOPS[k] : undefined;
      if (op?.kind === 'tlbi') return { k: 'tlbi', op: op.name, rt: f.Rt! };
      if (op?.kind === 'at') return { k: 'at', op: op.name, rt: f.Rt! };
      return { k: 'other' };
    }
    case 'DSB':
      return { k: 'dsb', crm: f.CRm!, option: BARRIER_OPTION[f.CRm!]?.toUpperCase() ?? `#${f.CRm}` };
    case 'ISB':
      return { k: 'isb' };
    case 'ERET':
      return { k: 'eret' };
    default:
      return { k: 'other' };
  }
}

/** Assemble `text`: its instructions in address order, decoded, and its sections. */
export function loadProgram(file: string, text: string, opts: AsmOptions = {}): Program {
  const r = assemble(file, text, opts);
  const insns: Insn[] = [];
  for (const l of [...r.listing].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0))) {
    const sec = r.sections.find((s) => l.addr >= s.addr && l.addr < s.addr + BigInt(s.bytes.length));
    if (sec === undefined) continue;
    const off = Number(l.addr - sec.addr);
    const word = new DataView(sec.bytes.buffer, sec.bytes.byteOffset + off, 4).getUint32(0, true);
    const source = r.sources.get(l.file)?.[l.line - 1] ?? '';
    const col = source.search(/\S/) + 1;
    const enc = decodeRow(word);
    const f = enc === undefined ? {} : (fieldsOf(enc, word) as Readonly<Record<string, number>>);
    insns.push({ file: l.file, line: l.line, col: col > 0 ? col : 1, source, addr: l.addr, word, event: eventOf(enc?.id, f), row: enc?.id, f });
  }
  const sections = r.sections.filter((s) => s.bytes.length > 0).map((s) => ({ name: s.name, addr: s.addr, bytes: s.bytes }));
  return { insns, diagnostics: r.diagnostics, sources: r.sources, sections };
}

/** Read `size` bytes (little-endian) at `addr` from the program's sections, or undefined outside them. */
export function readImage(p: Program, addr: bigint, size: number): bigint | undefined {
  for (const s of p.sections) {
    const off = addr - s.addr;
    if (off < 0n || off + BigInt(size) > BigInt(s.bytes.length)) continue;
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(s.bytes[Number(off) + i]!);
    return v;
  }
  return undefined;
}
