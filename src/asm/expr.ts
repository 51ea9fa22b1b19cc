// Expressions as GNU as reads them (precedence: unary - ~ !; then * / % << >>; then | & ^; then + - and
// comparisons; then && ||), evaluated over BigInt. A value is absolute or relative to a section.
import { AsmFail, fail } from './diagnostics.ts';
import type { Token } from './lexer.ts';
import { MAX_EVAL_DEPTH, MAX_EXPR_DEPTH } from './limits.ts';

export type Expr =
  | { readonly k: 'num'; readonly v: bigint; readonly col: number }
  | { readonly k: 'sym'; readonly name: string; readonly col: number }
  | { readonly k: 'un'; readonly op: string; readonly a: Expr; readonly col: number }
  | { readonly k: 'bin'; readonly op: string; readonly a: Expr; readonly b: Expr; readonly col: number };

/** An expression's value: `sec` set when it is an address inside a section (before layout). */
export interface Value {
  readonly v: bigint;
  readonly sec?: string;
}

const LEVELS: readonly (readonly string[])[] = [
  ['&&', '||'],
  ['+', '-', '==', '!=', '<', '>', '<=', '>='],
  ['|', '&', '^', '!'],
  ['*', '/', '%', '<<', '>>'],
];

const UNARY_OPS = ['-', '~', '!', '+'];

/** Parses an expression from toks[pos]; returns it and the index after it. Trees deeper than MAX_EXPR_DEPTH fail. */
export function parseExpr(toks: readonly Token[], pos: number): { e: Expr; next: number } {
  let i = pos;
  /** Unary operators and parentheses open around the current token. */
  let nesting = 0;
  /** Depth of each subtree built so far (a left-leaning chain `1+1+…` deepens without recursing here). */
  const depth = new Map<Expr, number>();
  const node = (e: Expr, d: number): Expr => {
    if (d > MAX_EXPR_DEPTH) fail(`expression nested more than ${MAX_EXPR_DEPTH} deep`, e.col);
    depth.set(e, d);
    return e;
  };
  const peekOp = (): string | undefined => {
    const t = toks[i];
    return t && t.k === 'p' ? t.text : undefined;
  };
  const level = (n: number): Expr => {
    if (n === LEVELS.length) return unary();
    let a = level(n + 1);
    for (;;) {
      const op = peekOp();
      if (op === undefined || !LEVELS[n]!.includes(op)) return a;
      const col = toks[i]!.col;
      i++;
      const b = level(n + 1);
      a = node({ k: 'bin', op, a, b, col }, Math.max(depth.get(a)!, depth.get(b)!) + 1);
    }
  };
  const unary = (): Expr => {
    const t = toks[i];
    if (!t) fail('expression expected', toks[i - 1] ? toks[i - 1]!.col + 1 : 0);
    const prefix = t.k === 'p' && UNARY_OPS.includes(t.text);
    // bound the recursion before it happens: each unary operator and parenthesis is one level
    if ((prefix || (t.k === 'p' && t.text === '(')) && nesting++ >= MAX_EXPR_DEPTH) fail(`expression nested more than ${MAX_EXPR_DEPTH} deep`, t.col);
    if (prefix && t.k === 'p') {
      i++;
      const a = unary();
      nesting--;
      return node({ k: 'un', op: t.text, a, col: t.col }, depth.get(a)! + 1);
    }
    if (t.k === 'p' && t.text === '(') {
      i++;
      const e = level(0);
      const c = toks[i];
      if (!c || c.k !== 'p' || c.text !== ')') fail("missing ')'", c ? c.col : t.col);
      i++;
      nesting--;
      return e;
    }
    if (t.k === 'num') {
      i++;
      return node({ k: 'num', v: t.value, col: t.col }, 1);
    }
    if (t.k === 'id') {
      i++;
      return node({ k: 'sym', name: t.text, col: t.col }, 1);
    }
    return fail('expression expected', t.col);
  };
  const e = level(0);
  return { e, next: i };
}

/** Parses tokens that must form exactly one expression. */
export function parseWholeExpr(toks: readonly Token[], fallbackCol: number): Expr {
  if (toks.length === 0) fail('expression expected', fallbackCol);
  const { e, next } = parseExpr(toks, 0);
  if (next < toks.length) fail('junk after expression', toks[next]!.col);
  return e;
}

/** A symbol's value; `depth` is the evaluation depth reached at the reference, for the symbol's own definition. */
export type Resolver = (name: string, col: number, depth: number) => Value;

const M64 = (1n << 64n) - 1n;

/**
 * Evaluates an expression; symbols through `resolve`. Absolute ± section-relative stays section-relative. `depth`
 * counts the nesting so far, symbol definitions included, and stops at MAX_EVAL_DEPTH.
 */
export function evalExpr(e: Expr, resolve: Resolver, depth = 0): Value {
  if (depth >= MAX_EVAL_DEPTH) fail(`expression nested more than ${MAX_EVAL_DEPTH} deep (counting the symbol definitions it uses)`, e.col);
  switch (e.k) {
    case 'num':
      return { v: e.v };
    case 'sym':
      return resolve(e.name, e.col, depth + 1);
    case 'un': {
      const a = evalExpr(e.a, resolve, depth + 1);
      if (e.op === '+') return a;
      if (a.sec !== undefined) fail(`operator '${e.op}' cannot apply to an address`, e.col);
      if (e.op === '-') return { v: -a.v };
      if (e.op === '~') return { v: ~a.v & M64 };
      return { v: a.v === 0n ? 1n : 0n };
    }
    case 'bin': {
      const a = evalExpr(e.a, resolve, depth + 1);
      const b = evalExpr(e.b, resolve, depth + 1);
      if (e.op === '+') {
        if (a.sec !== undefined && b.sec !== undefined) fail('cannot add two addresses', e.col);
        const sec = a.sec ?? b.sec;
        return sec === undefined ? { v: a.v + b.v } : { v: a.v + b.v, sec };
      }
      if (e.op === '-') {
        if (b.sec !== undefined && a.sec !== b.sec) fail('cannot subtract addresses of different sections', e.col);
        if (a.sec !== undefined && b.sec === undefined) return { v: a.v - b.v, sec: a.sec };
        return { v: a.v - b.v };
      }
      if (a.sec !== undefined || b.sec !== undefined) {
        if (a.sec !== b.sec || !['==', '!=', '<', '>', '<=', '>='].includes(e.op))
          fail(`operator '${e.op}' needs absolute operands`, e.col);
      }
      return { v: binop(e.op, a.v, b.v, e.col) };
    }
  }
}

function binop(op: string, a: bigint, b: bigint, col: number): bigint {
  switch (op) {
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0n) fail('division by zero', col);
      return op === '/' ? a / b : a % b;
    case '<<':
      if (b < 0n || b > 64n) return 0n;
      return (a << b) & M64;
    case '>>':
      if (b < 0n || b > 64n) return 0n;
      return (a & M64) >> b;
    case '|':
      return a | b;
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    case '!':
      return a | ~b;
    case '==':
      return a === b ? -1n : 0n;
    case '!=':
      return a !== b ? -1n : 0n;
    case '<':
      return a < b ? -1n : 0n;
    case '>':
      return a > b ? -1n : 0n;
    case '<=':
      return a <= b ? -1n : 0n;
    case '>=':
      return a >= b ? -1n : 0n;
    case '&&':
      return a !== 0n && b !== 0n ? 1n : 0n;
    case '||':
      return a !== 0n || b !== 0n ? 1n : 0n;
  }
  throw new AsmFail(`unknown operator '${op}'`, col);
}
