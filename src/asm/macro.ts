// GNU as macros: `.macro NAME param[:req|:vararg][=default], …` … `.endm`. The body is kept as source text; an
// invocation substitutes `\param`, `\@` (the count of macro expansions so far) and `\()` (an empty separator)
// and the result is assembled like included text.
import { fail } from './diagnostics.ts';
import type { Token } from './lexer.ts';

interface MacroParam {
  readonly name: string;
  readonly required: boolean;
  /** `:vararg` (the last parameter only): it takes the rest of the arguments, commas included. */
  readonly vararg?: boolean;
  readonly dflt: string;
}

export interface Macro {
  readonly name: string;
  readonly params: readonly MacroParam[];
  /** Body lines, verbatim. */
  readonly body: readonly string[];
  /** Where the body starts: the file and the 1-based line of its first line. */
  readonly file: string;
  readonly firstLine: number;
}

/** `.macro` line tokens (after the directive) → name and parameters. */
export function macroHead(toks: readonly Token[], col: number): { name: string; params: MacroParam[] } {
  const head = toks[0];
  if (!head || head.k !== 'id') fail('.macro needs a name', head?.col ?? col);
  const params: MacroParam[] = [];
  let i = 1;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.k === 'p' && t.text === ',') {
      i++;
      continue;
    }
    if (t.k !== 'id') fail('expected a macro parameter name', t.col);
    let required = false;
    let vararg = false;
    let dflt = '';
    i++;
    const colon = toks[i];
    if (colon?.k === 'p' && colon.text === ':') {
      const q = toks[i + 1];
      if (q?.k !== 'id' || (q.text !== 'req' && q.text !== 'vararg')) fail('expected :req or :vararg', q?.col ?? colon.col);
      required = q.text === 'req';
      vararg = q.text === 'vararg';
      i += 2;
    }
    const eq = toks[i];
    if (eq?.k === 'p' && eq.text === '=') {
      const v = toks[i + 1];
      if (v === undefined) fail('expected a default value', eq.col);
      dflt = v.k === 'num' ? v.value.toString() : v.k === 'id' ? v.text : v.k === 'str' ? v.value : fail('expected a default value', v.col);
      i += 2;
    }
    if (params.some((p) => p.name === t.text)) fail(`duplicate macro parameter '${t.text}'`, t.col);
    if (params.at(-1)?.vararg === true) fail(`only the last parameter may be :vararg`, t.col);
    params.push(vararg ? { name: t.text, required, vararg, dflt } : { name: t.text, required, dflt });
  }
  return { name: head.text, params };
}

/**
 * The `.endm` ending each `.macro` line, both 0-based line indexes, nested .macro pairs counted: bracket matching in
 * one pass (a `.macro` without its `.endm` has no entry).
 */
export function macroEnds(lines: readonly string[]): Map<number, number> {
  const ends = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trimStart().slice(0, 7).toLowerCase();
    if (/^\.macro\b/.test(t)) open.push(i);
    else if (/^\.endm\b/.test(t) && open.length > 0) ends.set(open.pop()!, i);
  }
  return ends;
}

/** Index (0-based) of the `.endr` ending a `.irp`/`.irpc`/`.rept` body that starts at `from`, or -1 (nested ones count). */
export function findEndr(lines: readonly string[], from: number): number {
  let depth = 0;
  for (let i = from; i < lines.length; i++) {
    const t = lines[i]!.trim().toLowerCase();
    if (/^\.(irpc?|rept)\b/.test(t)) depth++;
    else if (/^\.endr\b/.test(t)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Most repetitions one `.rept` may ask for. */
export const MAX_REPT = 65536;

/**
 * The bodies a repetition block stands for, each ready to assemble (GNU as `.rept N`, `.irp SYM, V1, V2…` with `\SYM`
 * bound to each value in turn, `.irpc SYM, CHARS` with it bound to each character). `count` evaluates `.rept`'s
 * expression; `argText` is the directive's text after its name.
 */
export function repeatBodies(dir: '.rept' | '.irp' | '.irpc', argText: string, body: readonly string[], count: (text: string) => bigint, col: number, maxBytes: number): string[] {
  const as = (params: readonly MacroParam[]): Macro => ({ name: dir, params, body, file: '', firstLine: 0 });
  if (dir === '.rept') {
    const n = count(argText);
    if (n < 0n || n > BigInt(MAX_REPT)) fail(`.rept count ${n} is outside 0..${MAX_REPT}`, col);
    const text = body.join('\n');
    // the copies are refused before they are built when together they outgrow the assembly text still allowed
    if (Number(n) * (text.length + 1) > maxBytes) fail(`.rept ${n} of ${body.length} lines is larger than the assembly text still allowed (${maxBytes} bytes)`, col);
    return Array.from({ length: Number(n) }, () => text);
  }
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*(.*))?$/.exec(argText.replace(/\s*\/\/.*$/, ''));
  if (!m) fail(`${dir} needs a symbol name, then the values`, col);
  const mac = as([{ name: m[1]!, required: false, dflt: '' }]);
  const rest = (m[2] ?? '').trim();
  const values = dir === '.irpc' ? [...rest] : rest === '' ? [''] : splitArgs(rest, 2);
  let left = maxBytes;
  return values.map((v, k) => {
    const text = expandMacro(mac, v, k, col, left);
    left -= text.length + 1;
    return text;
  });
}

/** The argument text of an invocation, up to a `//` comment or `;`, split on top-level commas (or blanks if none). */
function splitArgs(text: string, nParams: number): string[] {
  let s = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && (text.startsWith('//', i) || c === ';')) break;
    s += c;
  }
  s = s.trim();
  if (s === '') return [];
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' && s[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && (c === '(' || c === '[')) depth++;
    if (!quoted && (c === ')' || c === ']')) depth--;
    if (!quoted && depth === 0 && c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  // without commas GNU as also separates arguments by blanks
  return out.length === 1 && nParams > 1 ? s.split(/\s+/) : out;
}

/** The body of `m` with its parameters bound to the invocation's argument text; longer than `maxBytes` fails. */
export function expandMacro(m: Macro, argText: string, serial: number, col: number, maxBytes: number): string {
  const values = new Map(m.params.map((p) => [p.name, p.dflt]));
  const split = splitArgs(argText, m.params.length);
  // a :vararg last parameter takes every argument from its position on, joined by commas as GNU as keeps them
  const last = m.params.length - 1;
  const given = m.params[last]?.vararg === true && split.length > m.params.length ? [...split.slice(0, last), split.slice(last).join(', ')] : split;
  if (given.length > m.params.length) fail(`too many arguments for macro '${m.name}' (takes ${m.params.length})`, col);
  const set = new Set<string>();
  given.forEach((a, k) => {
    const named = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(a);
    const p = named && values.has(named[1]!) ? named[1]! : m.params[k]!.name;
    const v = named && values.has(named[1]!) ? named[2]!.trim() : a;
    if (v !== '') {
      values.set(p, v);
      set.add(p);
    }
  });
  for (const p of m.params) if (p.required && !set.has(p.name)) fail(`missing value for required parameter '${p.name}' of macro '${m.name}'`, col);
  // the budget is checked at each substitution, before a long argument repeated many times is ever built
  const tooLong = () => fail(`the expansion of macro '${m.name}' is larger than the assembly text still allowed (${maxBytes} bytes)`, col);
  let bytes = 0;
  const out = m.body.map((line) => {
    bytes += line.length + 1;
    if (bytes > maxBytes) tooLong();
    return line.replace(/\\(@|\(\)|[A-Za-z_][A-Za-z0-9_]*)/g, (all, name: string) => {
      const v = name === '@' ? String(serial) : name === '()' ? '' : values.has(name) ? values.get(name)! : all;
      bytes += v.length - all.length;
      if (bytes > maxBytes) tooLong();
      return v;
    });
  });
  return out.join('\n');
}
