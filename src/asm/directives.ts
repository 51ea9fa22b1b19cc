// Assembler directives (GNU as): sections, symbols, alignment, data, strings, space, .org, .equ/.set,
// literal pools, .include and .pushsection/.popsection (.macro/.endm are read by assemble.ts, see macro.ts).
import { AsmFail, fail } from './diagnostics.ts';
import { parseWholeExpr, type Expr } from './expr.ts';
import type { Token } from './lexer.ts';
import { MAX_ALIGN, MAX_OUTPUT_BYTES } from './limits.ts';
import type { Section } from './section.ts';
import type { SymDef } from './assemble.ts';

/** What the directives need from the assembler's first pass. */
export interface DirCtx {
  cur: Section;
  readonly globals: Set<string>;
  readonly pos: { readonly file: string; readonly line: number; readonly seq: number };
  section(name: string, code: boolean): Section;
  pushSection(): void;
  popSection(col: number): void;
  define(name: string, def: SymDef): void;
  constant(e: Expr, what: string): bigint;
  addData(size: number, e: Expr): void;
  include(path: string, col: number, depth: number): void;
}

const DATA_SIZES: Record<string, number> = {
  '.byte': 1,
  '.hword': 2,
  '.short': 2,
  '.2byte': 2,
  '.word': 4,
  '.long': 4,
  '.int': 4,
  '.4byte': 4,
  '.inst': 4,
  '.quad': 8,
  '.xword': 8,
  '.dword': 8,
  '.8byte': 8,
};

/** Directives accepted and ignored (debug info, symbol types and sizes, target selection). */
const IGNORED = new Set(['.type', '.size', '.file', '.ident', '.arch', '.cpu', '.local', '.weak', '.hidden', '.loc', '.p2alignl']);

/** Splits directive arguments on top-level commas. */
function args(toks: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of toks) {
    if (t.k === 'p' && t.text === '(') depth++;
    if (t.k === 'p' && t.text === ')') depth--;
    if (t.k === 'p' && t.text === ',' && depth === 0) {
      out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length > 0 || out.length > 0) out.push(cur);
  return out;
}

function name(toks: readonly Token[] | undefined, col: number, what: string): { text: string; col: number } {
  const t = toks?.[0];
  if (!t || t.k !== 'id' || toks!.length !== 1) fail(`expected a ${what}`, t?.col ?? col);
  return { text: t.text, col: t.col };
}

function str(toks: readonly Token[], col: number): string {
  const t = toks[0];
  if (!t || t.k !== 'str' || toks.length !== 1) fail('expected a string', t?.col ?? col);
  return t.value;
}

export function directive(a: DirCtx, d: string, rest: readonly Token[], col: number, depth: number): void {
  const list = args(rest);
  const argCol = rest[0]?.col ?? col + d.length + 1;
  const expr = (k: number) => parseWholeExpr(list[k] ?? [], argCol);
  const count = (min: number, max: number) => {
    if (list.length < min || list.length > max) fail(`${d} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}`, col);
  };
  const optConst = (k: number, what: string) => (list[k] && list[k]!.length > 0 ? Number(a.constant(expr(k), what)) : undefined);

  if (DATA_SIZES[d] !== undefined) {
    if (list.length === 0) fail(`${d} needs at least one value`, col);
    if (d === '.inst' && !a.cur.code) a.cur.code = true;
    for (let k = 0; k < list.length; k++) a.addData(DATA_SIZES[d]!, expr(k));
    return;
  }
  switch (d) {
    case '.text':
    case '.data':
    case '.bss':
      count(0, 0);
      a.section(d, d === '.text');
      return;
    case '.popsection':
      count(0, 0);
      a.popSection(col);
      return;
    case '.pushsection':
    case '.section': {
      if (list.length < 1) fail(`${d} needs a name`, col);
      if (d === '.pushsection') a.pushSection();
      const n = name(list[0], argCol, 'section name');
      const flags = list[1]?.[0]?.k === 'str' ? (list[1][0] as { value: string }).value : '';
      a.section(n.text, n.text.startsWith('.text') || flags.includes('x'));
      return;
    }
    case '.global':
    case '.globl':
      if (list.length === 0) fail(`${d} needs a symbol`, col);
      for (const l of list) a.globals.add(name(l, argCol, 'symbol name').text);
      return;
    case '.equ':
    case '.set': {
      count(2, 2);
      const n = name(list[0], argCol, 'symbol name');
      a.define(n.text, { k: 'expr', e: expr(1), here: { sec: a.cur, off: a.cur.size }, pos: a.pos, col: n.col });
      return;
    }
    case '.align':
    case '.p2align':
    case '.balign': {
      count(1, 3);
      const v = a.constant(expr(0), 'alignment');
      if (d === '.balign' ? v < 1n || (v & (v - 1n)) !== 0n : v < 0n) fail(d === '.balign' ? 'alignment must be a power of two' : 'alignment must not be negative', argCol);
      const bytes = d === '.balign' ? v : v > 63n ? 1n << 64n : 1n << v;
      if (bytes > BigInt(MAX_ALIGN)) fail(`alignment ${d === '.balign' ? `0x${v.toString(16)}` : `2^${v}`} is larger than ${MAX_ALIGN >>> 30} GiB`, argCol);
      a.cur.alignTo(Number(bytes), optConst(1, 'fill value'), optConst(2, 'maximum padding'));
      return;
    }
    case '.ascii':
    case '.asciz':
    case '.string': {
      if (list.length === 0) fail(`${d} needs a string`, col);
      for (const l of list) {
        const s = str(l, argCol);
        a.cur.append(Array.from(s, (c) => c.charCodeAt(0) & 0xff));
        if (d !== '.ascii') a.cur.append([0]);
      }
      return;
    }
    case '.space':
    case '.skip':
    case '.zero': {
      count(1, d === '.zero' ? 1 : 2);
      const n = a.constant(expr(0), 'size');
      if (n < 0n) fail(`size ${n} is negative`, argCol);
      if (n > BigInt(MAX_OUTPUT_BYTES)) fail(`size 0x${n.toString(16)} is larger than the ${MAX_OUTPUT_BYTES >>> 20} MiB an assembly may produce`, argCol);
      a.cur.fill(Number(n), optConst(1, 'fill value') ?? 0);
      return;
    }
    case '.org': {
      count(1, 2);
      const e = expr(0);
      const target = a.constant(e, '.org offset');
      if (target < BigInt(a.cur.size)) fail('.org cannot move backwards', e.col);
      if (target > BigInt(MAX_OUTPUT_BYTES)) fail(`.org offset 0x${target.toString(16)} is beyond the ${MAX_OUTPUT_BYTES >>> 20} MiB an assembly may produce`, e.col);
      a.cur.fill(Number(target) - a.cur.size, optConst(1, 'fill value') ?? 0);
      return;
    }
    case '.ltorg':
    case '.pool':
      count(0, 0);
      a.cur.flushPool();
      return;
    case '.include': {
      count(1, 1);
      a.include(str(list[0]!, argCol), argCol, depth);
      return;
    }
  }
  if (IGNORED.has(d) || d.startsWith('.cfi_')) return;
  throw new AsmFail(`unknown directive '${d}'`, col);
}
