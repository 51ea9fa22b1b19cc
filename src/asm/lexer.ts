// Lexer for GNU as syntax: splits a source text into statements (newline- or `;`-separated, `//` and `/* */`
// comments removed) made of tokens that carry their 1-based column.
import { AsmFail } from './diagnostics.ts';
import { MAX_NUMBER_DIGITS } from './limits.ts';

export type Token =
  | { readonly k: 'id'; readonly text: string; readonly col: number }
  | { readonly k: 'num'; readonly value: bigint; readonly col: number }
  /** A decimal floating-point constant (`1.0`, `2.5e-3`): only FMOV's immediate takes one. */
  | { readonly k: 'fnum'; readonly value: number; readonly text: string; readonly col: number }
  | { readonly k: 'str'; readonly value: string; readonly col: number }
  /** A numeric local label reference: `1f` (forward) or `1b` (backward). */
  | { readonly k: 'lref'; readonly n: number; readonly dir: 'f' | 'b'; readonly col: number }
  | { readonly k: 'p'; readonly text: string; readonly col: number };

export interface Statement {
  readonly line: number;
  readonly tokens: readonly Token[];
  /** The line has a lexical error after these tokens (reported in `errors`): only a macro invocation, which reads
   *  its arguments as text, can still use it. */
  readonly broken?: true;
}

export interface LexResult {
  readonly statements: Statement[];
  readonly errors: { line: number; col: number; message: string }[];
}

const PUNCT2 = ['<<', '>>', '==', '!=', '<=', '>=', '&&', '||'];
const PUNCT1 = ',[]!#:()+-*/%|&^~={}<>@';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

// Sticky patterns, matched where the scan stands (a slice of the rest of the line per token would cost the line's
// length each time).
const OCTAL_ESCAPE = /[0-7]{1,3}/y;
const HEX_ESCAPE = /[0-9a-fA-F]+/y;
const NUMBER = /0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9_]+/y;

function matchAt(re: RegExp, src: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(src)?.[0];
}

/** A number literal's value; one that cannot be a 64-bit value fails (GNU as would keep a bignum and truncate it). */
function numberValue(m: string, col: number): bigint {
  const t = m.replace(/_/g, '');
  const radix = /^0[xX]/.test(t) ? 16 : /^0[bB]/.test(t) ? 2 : /^0[0-7]+$/.test(t) ? 8 : 10;
  const digits = (radix === 10 ? t : t.slice(radix === 8 ? 1 : 2)).replace(/^0+(?=.)/, '');
  if (digits === '') throw new AsmFail(`bad number '${m}'`, col);
  if (digits.length > MAX_NUMBER_DIGITS) throw new AsmFail(`number '${m.length > 24 ? m.slice(0, 20) + '…' : m}' does not fit in 64 bits`, col);
  const value = radix === 8 ? BigInt('0o' + digits) : radix === 10 ? BigInt(digits) : BigInt(t.slice(0, 2) + digits);
  if (value >= 1n << 64n) throw new AsmFail(`number '${m}' does not fit in 64 bits`, col);
  return value;
}

function isIdStart(ch: string): boolean {
  return /[A-Za-z_.$]/.test(ch);
}
function isIdChar(ch: string): boolean {
  return /[A-Za-z0-9_.$]/.test(ch);
}

export function lex(text: string): LexResult {
  const statements: Statement[] = [];
  const errors: LexResult['errors'] = [];
  const lines = text.split(/\r?\n/);
  let inBlock = false;
  for (let li = 0; li < lines.length; li++) {
    const src = lines[li]!;
    const lineNo = li + 1;
    let cur: Token[] = [];
    const flush = () => {
      if (cur.length > 0) statements.push({ line: lineNo, tokens: cur });
      cur = [];
    };
    let i = 0;
    try {
      while (i < src.length) {
        if (inBlock) {
          const end = src.indexOf('*/', i);
          if (end < 0) {
            i = src.length;
            break;
          }
          inBlock = false;
          i = end + 2;
          continue;
        }
        const ch = src[i]!;
        const col = i + 1;
        if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v') {
          i++;
        } else if (src.startsWith('//', i)) {
          break;
        } else if (src.startsWith('/*', i)) {
          inBlock = true;
          i += 2;
        } else if (ch === ';') {
          flush();
          i++;
        } else if (ch === '"') {
          let s = '';
          i++;
          for (;;) {
            if (i >= src.length) throw new AsmFail('unterminated string', col);
            const c = src[i]!;
            if (c === '"') {
              i++;
              break;
            }
            if (c === '\\') {
              const e = src[i + 1] ?? '';
              if (/[0-7]/.test(e)) {
                const m = matchAt(OCTAL_ESCAPE, src, i + 1)!;
                s += String.fromCharCode(parseInt(m, 8) & 0xff);
                i += 1 + m.length;
              } else if (e === 'x' || e === 'X') {
                const m = matchAt(HEX_ESCAPE, src, i + 2);
                if (!m) throw new AsmFail('bad \\x escape in string', i + 1);
                s += String.fromCharCode(parseInt(m, 16) & 0xff);
                i += 2 + m.length;
              } else if (ESCAPES[e] !== undefined) {
                s += ESCAPES[e];
                i += 2;
              } else {
                throw new AsmFail(`unknown escape '\\${e}' in string`, i + 1);
              }
            } else {
              s += c;
              i++;
            }
          }
          cur.push({ k: 'str', value: s, col });
        } else if (ch === "'") {
          // Character constant: 'A (GNU) or 'A'.
          let c = src[i + 1];
          let len = 2;
          if (c === undefined) throw new AsmFail('bad character constant', col);
          if (c === '\\') {
            const e = src[i + 2] ?? '';
            c = ESCAPES[e] ?? e;
            len = 3;
          }
          if (src[i + len] === "'") len++;
          cur.push({ k: 'num', value: BigInt(c.charCodeAt(0)), col });
          i += len;
        } else if (/[0-9]/.test(ch) && /^[0-9]+(\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)(?![0-9A-Za-z_.$])/.test(src.slice(i))) {
          const m = /^[0-9]+(\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)/.exec(src.slice(i))![0];
          cur.push({ k: 'fnum', value: Number(m), text: m, col });
          i += m.length;
        } else if (/[0-9]/.test(ch)) {
          const m = matchAt(NUMBER, src, i)!;
          const after = src[i + m.length] ?? '';
          if (/^[0-9]+$/.test(m) && (after === 'f' || after === 'b') && !isIdChar(src[i + m.length + 1] ?? '')) {
            cur.push({ k: 'lref', n: Number(m), dir: after, col });
            i += m.length + 1;
          } else {
            if (isIdChar(after)) throw new AsmFail(`bad number '${m}${after}'`, col);
            cur.push({ k: 'num', value: numberValue(m, col), col });
            i += m.length;
          }
        } else if (isIdStart(ch)) {
          let j = i + 1;
          while (j < src.length && isIdChar(src[j]!)) j++;
          cur.push({ k: 'id', text: src.slice(i, j), col });
          i = j;
        } else {
          const two = src.slice(i, i + 2);
          if (PUNCT2.includes(two)) {
            cur.push({ k: 'p', text: two, col });
            i += 2;
          } else if (PUNCT1.includes(ch)) {
            cur.push({ k: 'p', text: ch, col });
            i++;
          } else {
            const code = ch.charCodeAt(0);
            const shown = code >= 0x20 && code < 0x7f ? `'${ch}'` : `0x${code.toString(16).padStart(2, '0')}`;
            throw new AsmFail(`unexpected character ${shown}`, col);
          }
        }
      }
    } catch (e) {
      if (!(e instanceof AsmFail)) throw e;
      errors.push({ line: lineNo, col: e.col, message: e.message });
      if (cur.length > 0) statements.push({ line: lineNo, tokens: cur, broken: true });
      cur = [];
    }
    flush();
  }
  return { statements, errors };
}
