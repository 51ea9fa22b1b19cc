// A switch sequence as the checker sees it: the source assembled by twostage's assembler, each instruction
// decoded by the CPU's own decoder into one of the few events that matter for synchronization (ARCH-NOTES §9,
// §10) — system-register writes, TLBI/AT, barriers, ERET — with the register constants known at that point.
import { SYSREGS, sysregIndexByEncoding } from '../arch/sysreg-table.ts';
import { SYSOP_BY_KEY, SYSOPS, sysopKey } from '../arch/sysops.ts';
import { assemble, type AsmOptions } from '../asm/assemble.ts';
import type { Diagnostic } from '../asm/diagnostics.ts';
import { fieldsOf } from '../asm/forms.ts';
import { decodeRow } from '../arch/a64/decode.ts';
import { decodeBitMasks } from '../arch/a64/bitmask.ts';

/** What we know about a general register's value at an instruction. */
export interface RegValue {
  /** The exact value, when it was built from immediates only. */
  readonly value?: bigint;
  /** Built by a shift left of 16 (LSL #16, or MOVZ …, LSL #16): the note's "VMID << 16". */
  readonly shl16?: boolean;
}

export type Event =
  | { readonly k: 'msr'; readonly reg: string; readonly src: RegValue }
  | { readonly k: 'tlbi'; readonly op: string }
  | { readonly k: 'at'; readonly op: string }
  | { readonly k: 'dsb'; readonly option: string }
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
}

export interface Program {
  readonly insns: readonly Insn[];
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, readonly string[]>;
}

const M64 = (1n << 64n) - 1n;
/** DSB CRm option names (ARM C6.2.88). */
const DSB_OPTIONS: Record<number, string> = { 15: 'SY', 14: 'ST', 13: 'LD', 11: 'ISH', 10: 'ISHST', 9: 'ISHLD', 7: 'NSH', 6: 'NSHST', 5: 'NSHLD', 3: 'OSH', 2: 'OSHST', 1: 'OSHLD' };

/** Decode one word into its event, updating what is known of the registers. */
function eventOf(w: number, regs: Map<number, RegValue>): Event {
  const row = decodeRow(w);
  if (row === undefined) return { k: 'other' };
  const f = fieldsOf(row, w) as Record<string, number>;
  const size = f.sf === 0 ? 32n : 64n;
  const mask = size === 64n ? M64 : (1n << 32n) - 1n;
  const set = (rd: number, v: RegValue): void => {
    if (rd !== 31) regs.set(rd, v);
  };
  const known = (r: number): RegValue => (r === 31 ? { value: 0n } : (regs.get(r) ?? {}));
  switch (row.id) {
    case 'MOVZ':
      set(f.Rd!, { value: BigInt(f.imm16!) << BigInt(f.hw! * 16), shl16: f.hw === 1 });
      return { k: 'other' };
    case 'MOVN':
      set(f.Rd!, { value: ~(BigInt(f.imm16!) << BigInt(f.hw! * 16)) & mask });
      return { k: 'other' };
    case 'MOVK': {
      const old = known(f.Rd!).value;
      const sh = BigInt(f.hw! * 16);
      set(f.Rd!, old === undefined ? {} : { value: (old & ~(0xffffn << sh)) | (BigInt(f.imm16!) << sh) });
      return { k: 'other' };
    }
    case 'ORR_imm': {
      const bm = decodeBitMasks(f.N!, f.imms!, f.immr!, true, size === 64n ? 64 : 32);
      const n = known(f.Rn!).value;
      set(f.Rd!, bm === undefined || n === undefined ? {} : { value: (n | bm.wmask) & mask });
      return { k: 'other' };
    }
    case 'ORR_shift': {
      // MOV Xd, Xm (ORR Xd, XZR, Xm) keeps what is known; other ORRs of known values fold
      const n = known(f.Rn!);
      const m = known(f.Rm!);
      if (f.imm6 === 0 && f.Rn === 31) set(f.Rd!, m);
      else if (f.shift === 0 && n.value !== undefined && m.value !== undefined) set(f.Rd!, { value: (n.value | (m.value << BigInt(f.imm6!))) & mask });
      else set(f.Rd!, {});
      return { k: 'other' };
    }
    case 'UBFM': {
      // LSL #s is UBFM Rd, Rn, #(-s MOD size), #(size-1-s)
      const bits = Number(size);
      const s = bits - 1 - f.imms!;
      if (f.immr === (bits - s) % bits && s > 0) {
        const v = known(f.Rn!).value;
        set(f.Rd!, { ...(v === undefined ? {} : { value: (v << BigInt(s)) & mask }), shl16: s === 16 });
      } else set(f.Rd!, {});
      return { k: 'other' };
    }
    case 'MSR_reg': {
      const i = sysregIndexByEncoding(2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!);
      return { k: 'msr', reg: i < 0 ? 'unknown' : SYSREGS[i]!.name, src: known(f.Rt!) };
    }
    case 'SYS': {
      const k = SYSOP_BY_KEY[sysopKey(f.op1!, f.CRn!, f.CRm!, f.op2!)]!;
      const op = k >= 0 ? SYSOPS[k] : undefined;
      if (op?.kind === 'tlbi') return { k: 'tlbi', op: op.name };
      if (op?.kind === 'at') return { k: 'at', op: op.name };
      return { k: 'other' };
    }
    case 'DSB':
      return { k: 'dsb', option: DSB_OPTIONS[f.CRm!] ?? `#${f.CRm}` };
    case 'ISB':
      return { k: 'isb' };
    case 'ERET':
      return { k: 'eret' };
  }
  // anything else that writes a register makes its value unknown
  for (const r of ['Rd', 'Rt', 'Rt2']) if (f[r] !== undefined && row.cls !== 'system') set(f[r]!, {});
  return { k: 'other' };
}

/** Assemble `text` and turn it into events, in program (= address) order. */
export function loadProgram(file: string, text: string, opts: AsmOptions = {}): Program {
  const r = assemble(file, text, opts);
  const regs = new Map<number, RegValue>();
  const insns: Insn[] = [];
  for (const l of [...r.listing].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0))) {
    const sec = r.sections.find((s) => l.addr >= s.addr && l.addr < s.addr + BigInt(s.bytes.length));
    if (sec === undefined) continue;
    const off = Number(l.addr - sec.addr);
    const word = new DataView(sec.bytes.buffer, sec.bytes.byteOffset + off, 4).getUint32(0, true);
    const source = r.sources.get(l.file)?.[l.line - 1] ?? '';
    const col = source.search(/\S/) + 1;
    insns.push({ file: l.file, line: l.line, col: col > 0 ? col : 1, source, addr: l.addr, word, event: eventOf(word, regs) });
  }
  return { insns, diagnostics: r.diagnostics, sources: r.sources };
}
