// The A64 encoding table's row type and the diagram parser. One table (src/cpu/table/) drives decode, execute
// dispatch, disassembly and assembly. A row's diagram reads like the Arm ARM's encoding box, MSB first:
//   "sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5"
// Tokens are literal bits (0/1) or `name:width` fields. Widths add up to 32.
import type { Cpu } from './cpu.ts';

/**
 * Executes one instruction. On entry c.x[PC] already holds the next instruction's address and the instruction word
 * is in the register file's INSN slot: `const w = c.u32[INSN * 2]!`. The word is not a parameter because a uint32
 * ≥ 2^30 passed to a function V8 does not inline is boxed into a fresh HeapNumber: one allocation per executed
 * instruction (measured: nop stream 105 → 125 MIPS per CPU-second when the word stopped being passed).
 */
export type Handler = (c: Cpu) => void;

/** The Arm ARM's instruction classes (C4.1), used to group rows and tests. */
export type InsnClass = 'dp-imm' | 'dp-reg' | 'branch' | 'system' | 'exception' | 'ldst' | 'fpsimd';

export interface EncodingSpec {
  /** Unique row id, e.g. 'ADD_imm'. Assembler syntax and tests refer to rows by id. */
  readonly id: string;
  /** The instruction's base mnemonic in lower case, as the Arm ARM names it. */
  readonly mnemonic: string;
  readonly diagram: string;
  readonly cls: InsnClass;
  readonly exec: Handler;
}

export interface FieldPos {
  readonly hi: number;
  readonly lo: number;
}

export interface Encoding extends EncodingSpec {
  readonly mask: number;
  readonly match: number;
  readonly fields: Readonly<Record<string, FieldPos>>;
}

/** Parse a diagram into mask/match and field positions; throws on a malformed row (a table bug, caught by tests). */
export function parseDiagram(id: string, diagram: string): { mask: number; match: number; fields: Record<string, FieldPos> } {
  let bit = 32;
  let mask = 0;
  let match = 0;
  const fields: Record<string, FieldPos> = {};
  for (const tok of diagram.trim().split(/\s+/)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*):(\d+)$/.exec(tok);
    if (m) {
      const width = Number(m[2]);
      const name = m[1]!;
      if (fields[name]) throw new Error(`${id}: field ${name} appears twice`);
      fields[name] = { hi: bit - 1, lo: bit - width };
      bit -= width;
    } else if (/^[01x]+$/.test(tok)) {
      for (const ch of tok) {
        bit--;
        if (ch !== 'x') {
          mask |= 1 << bit;
          if (ch === '1') match |= 1 << bit;
        }
      }
    } else {
      throw new Error(`${id}: bad diagram token '${tok}'`);
    }
    if (bit < 0) throw new Error(`${id}: diagram longer than 32 bits`);
  }
  if (bit !== 0) throw new Error(`${id}: diagram is ${32 - bit} bits, not 32`);
  return { mask: mask >>> 0, match: match >>> 0, fields };
}

export function encoding(spec: EncodingSpec): Encoding {
  return { ...spec, ...parseDiagram(spec.id, spec.diagram) };
}

/** Value of a named field of a row in a word (tools and tests; handlers extract fields inline). */
export function fieldValue(e: Encoding, name: string, w: number): number {
  const f = e.fields[name];
  if (!f) throw new Error(`${e.id} has no field ${name}`);
  const width = f.hi - f.lo + 1;
  return width === 32 ? w >>> 0 : ((w >>> f.lo) & ((1 << width) - 1)) >>> 0;
}
