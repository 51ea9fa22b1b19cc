// The vocabulary of the syntax table: a Form says how one encoding row (or an alias of it) is spelled, as a list
// of operand kinds that each both print field values (disassembly) and fill fields from written operands
// (assembly). Field layouts are never restated here: kinds name the row's own fields (src/arch/a64/rows/).
import { fieldValues, type Encoding } from '../arch/a64/encoding.ts';
import { fail } from './diagnostics.ts';
import type { Expr } from './expr.ts';
import type { Opnd } from './operands.ts';

/** Key under which a Fields record carries its row (for field widths). */
export const ROW = Symbol('row');

/** Field values of one word under one row, by field name. */
export type Fields = Readonly<Record<string, number>> & { readonly [ROW]?: Encoding };

/** Width in bits of a field of the row a Fields record belongs to. */
export function widthOf(f: Fields, name: string): number {
  const p = f[ROW]?.fields[name];
  if (!p) throw new Error(`syntax table: row ${f[ROW]?.id} has no field ${name}`);
  return p.hi - p.lo + 1;
}

export interface DisEnv {
  /** Address of the instruction. */
  readonly addr: bigint;
  /** objdump's spelling of a code address: `40080000 <_start+0x4>`. */
  label(target: bigint): string;
}

export interface AsmEnv {
  /** Address of the instruction. */
  readonly addr: bigint;
  /** Absolute value of an expression (all symbols are laid out). */
  value(e: Expr): bigint;
  /** Address of a literal-pool entry holding `e` (`ldr x0, =e`). */
  literal(e: Expr, size: 4 | 8): bigint;
}

/** Field values being chosen for one candidate row; `$name` entries are scratch values between operands. */
export class FieldSet {
  readonly v: Record<string, number> & { [ROW]?: Encoding } = {};
  constructor(readonly row: Encoding) {
    this.v[ROW] = row;
  }

  has(name: string): boolean {
    return name in this.v;
  }
  get(name: string): number | undefined {
    return this.v[name];
  }
  /** Sets a field; `why` is the complaint when an earlier operand already chose another value. */
  set(name: string, value: number, why = 'operands do not agree', col = 0): void {
    if (!name.startsWith('$')) {
      const f = this.row.fields[name];
      if (!f) throw new Error(`syntax table: row ${this.row.id} has no field ${name}`);
      const width = f.hi - f.lo + 1;
      if (value < 0 || value >= 2 ** width || !Number.isInteger(value)) throw new Error(`syntax table: ${this.row.id}.${name} = ${value} does not fit`);
    }
    const old = this.v[name];
    if (old !== undefined && old !== value) fail(why, col);
    this.v[name] = value;
  }
  /** The instruction word: the row's fixed bits, its should-be-one bits, plus every field. */
  word(): number {
    let w = this.row.match | this.row.sbo;
    for (const [name, value] of Object.entries(this.v)) {
      if (name.startsWith('$')) continue;
      const f = this.row.fields[name]!;
      const width = f.hi - f.lo + 1;
      const m = width === 32 ? 0xffffffff : ((1 << width) - 1) << f.lo;
      w = (w & ~m) | ((value << f.lo) & m);
    }
    return w >>> 0;
  }
}

export interface OpKind {
  /** objdump's text of this operand, or undefined for an optional operand it leaves out. */
  print(f: Fields, env: DisEnv): string | undefined;
  /** Consumes written operands from ops[i]; sets fields; returns the index after what it consumed. */
  match(ops: readonly Opnd[], i: number, fs: FieldSet, env: AsmEnv): number;
}

export type CommentStyle = 'pad' | 'tab' | 'space2';

export interface Form {
  /** Lower-case mnemonic as printed and as written (assembly is case-insensitive). */
  readonly mn: string;
  readonly ops: readonly OpKind[];
  /** Field values this spelling implies (an alias's fixed fields). */
  readonly fixed?: Fields;
  /** Disassembly: further condition on the fields for choosing this spelling (the first form that holds wins).
   *  The assembler does not consult it: operand kinds and `derive` reject what cannot be encoded. */
  readonly when?: (f: Fields) => boolean;
  /** Assembly: fields implied by others once the operands are matched (ROR: Rm = Rn); may reject (AsmFail). */
  readonly derive?: (fs: FieldSet) => void;
  /** objdump's trailing comment. */
  readonly comment?: { readonly text: (f: Fields) => string; readonly style: CommentStyle };
  /** Assembly tries candidates of one mnemonic by ascending prio (default 0), then table order. */
  readonly prio?: number;
  /** Printed by objdump but not accepted by GNU as (rare), or accepted but never printed. */
  readonly only?: 'dis' | 'asm';
}

/** Raw field values of a word under a row. */
export function fieldsOf(row: Encoding, w: number): Fields {
  return { ...fieldValues(row, w), [ROW]: row };
}
