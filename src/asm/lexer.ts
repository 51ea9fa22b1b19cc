// Lexer for GNU as syntax: splits a source text into statements (newline- or `;`-separated, `//` and `/* */`
// comments removed) made of tokens that carry their 1-based column.
import { AsmFail } from './diagnostics.ts';

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
                const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))![0];
                s += String.fromCharCode(parseInt(m, 8) & 0xff);
                i += 1 + m.length;
              } else if (e === 'x' || e === 'X') {
                const m = /^[0-9a-fA-F]+/.exec(src.slice(i + 2))?.[0];
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
          const m = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9_]+)/.exec(src.slice(i))![0];
          const after = src[i + m.length] ?? '';
          if (/^[0-9]+$/.test(m) && (after === 'f' || after === 'b') && !isIdChar(src[i + m.length + 1] ?? '')) {
            cur.push({ k: 'lref', n: Number(m), dir: after, col });
            i += m.length + 1;
          } else {
            if (isIdChar(after)) throw new AsmFail(`bad number '${m}${after}'`, col);
            const t = m.replace(/_/g, '');
            const value = /^0[0-7]+$/.test(t) ? BigInt('0o' + t.slice(1)) : BigInt(t);
            cur.push({ k: 'num', value, col });
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
