// Expressions as GNU as reads them (precedence: unary - ~ !; then * / % << >>; then | & ^; then + - and
// comparisons; then && ||), evaluated over BigInt. A value is absolute or relative to a section.
import { AsmFail, fail } from './diagnostics.ts';
import type { Token } from './lexer.ts';

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

/** Parses an expression from toks[pos]; returns it and the index after it. */
export function parseExpr(toks: readonly Token[], pos: number): { e: Expr; next: number } {
  let i = pos;
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
      a = { k: 'bin', op, a, b: level(n + 1), col };
    }
  };
  const unary = (): Expr => {
    const t = toks[i];
    if (!t) fail('expression expected', toks[i - 1] ? toks[i - 1]!.col + 1 : 0);
    if (t.k === 'p' && (t.text === '-' || t.text === '~' || t.text === '!' || t.text === '+')) {
      i++;
      return { k: 'un', op: t.text, a: unary(), col: t.col };
    }
    if (t.k === 'p' && t.text === '(') {
      i++;
      const e = level(0);
      const c = toks[i];
      if (!c || c.k !== 'p' || c.text !== ')') fail("missing ')'", c ? c.col : t.col);
      i++;
      return e;
    }
    if (t.k === 'num') {
      i++;
      return { k: 'num', v: t.value, col: t.col };
    }
    if (t.k === 'id') {
      i++;
      return { k: 'sym', name: t.text, col: t.col };
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

export type Resolver = (name: string, col: number) => Value;

const M64 = (1n << 64n) - 1n;

/** Evaluates an expression; symbols through `resolve`. Absolute ± section-relative stays section-relative. */
export function evalExpr(e: Expr, resolve: Resolver): Value {
  switch (e.k) {
    case 'num':
      return { v: e.v };
    case 'sym':
      return resolve(e.name, e.col);
    case 'un': {
      const a = evalExpr(e.a, resolve);
      if (e.op === '+') return a;
      if (a.sec !== undefined) fail(`operator '${e.op}' cannot apply to an address`, e.col);
      if (e.op === '-') return { v: -a.v };
      if (e.op === '~') return { v: ~a.v & M64 };
      return { v: a.v === 0n ? 1n : 0n };
    }
    case 'bin': {
      const a = evalExpr(e.a, resolve);
      const b = evalExpr(e.b, resolve);
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
