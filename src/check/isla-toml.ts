// The subset of TOML (v1.0.0) isla's system litmus tests are written in (issue 16): `[table.header]` lines, `key =
// value` pairs with bare or "quoted" keys, values that are basic strings ("…", with \" \\ \n \t escapes), multi-line
// basic strings ("""…"""), integers, booleans, arrays of those (over several lines too), and the inline table `{}`;
// `#` comments. Anything else
// is a LitmusError naming the file, the line, the key and why.
import { LitmusError } from './litmus-reader.ts';

export type TomlValue = string | number | boolean | readonly TomlValue[] | TomlTable;
export interface TomlTable {
  readonly [key: string]: TomlValue;
}

/** One value where it was written (for errors in what the value holds). */
export interface TomlEntry {
  readonly value: TomlValue;
  readonly line: number;
}

/** Every `key = value` of the file by dotted path (`thread.0.reset.R1`), in order. */
export type TomlDocument = ReadonlyMap<string, TomlEntry>;

export function readToml(text: string, file: string): TomlDocument {
  const out = new Map<string, TomlEntry>();
  const lines = text.split('\n');
  let table = '';
  for (let i = 0; i < lines.length; i++) {
    const at = i + 1;
    const fail = (field: string, why: string): never => {
      throw new LitmusError(file, at, field, why);
    };
    const line = stripComment(lines[i]!).trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      const m = /^\[([^\[\]]+)\]$/.exec(line);
      if (m === null) fail('table', `"${line}" is not a [table] header (arrays of tables are not supported)`);
      table = keyPath(m![1]!, fail);
      continue;
    }
    const eq = keyEnd(line);
    if (eq < 0) fail('line', `"${line}" is neither a [table] header nor key = value`);
    const key = keyPath(line.slice(0, eq), fail);
    const path = table === '' ? key : `${table}.${key}`;
    if (out.has(path)) fail(path, 'defined twice');
    let rest = line.slice(eq + 1).trim();
    if (rest.startsWith('"""')) {
      // a multi-line basic string: up to the closing """, a newline right after the opening one trimmed
      const parts = [rest.slice(3)];
      while (!parts.at(-1)!.includes('"""')) {
        if (++i >= lines.length) fail(path, 'the multi-line string has no closing """');
        parts.push(lines[i]!);
      }
      const joined = parts.join('\n');
      const close = joined.indexOf('"""');
      if (stripComment(joined.slice(close + 3)).trim() !== '') fail(path, 'text after the closing """');
      out.set(path, { value: unescape(joined.slice(0, close).replace(/^\n/, ''), (why) => fail(path, why)), line: at });
      continue;
    }
    // an array may go on over several lines, up to its closing ]
    while (rest.startsWith('[') && depth(rest) > 0) {
      if (++i >= lines.length) fail(path, 'the array has no closing ]');
      rest += ` ${stripComment(lines[i]!).trim()}`;
    }
    const [value, after] = readValue(rest, (why) => fail(path, why));
    rest = after.trim();
    if (rest !== '') fail(path, `unexpected "${rest}" after the value`);
    out.set(path, { value, line: at });
  }
  return out;
}

/** The line without a `#` comment outside a string. */
function stripComment(line: string): string {
  let inString = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (ch === '\\' && inString) k++;
    else if (ch === '"') inString = !inString;
    else if (ch === '#' && !inString) return line.slice(0, k);
  }
  return line;
}

/** Open brackets minus closing ones outside strings. */
function depth(s: string): number {
  let d = 0;
  let inString = false;
  for (let k = 0; k < s.length; k++) {
    const ch = s[k];
    if (ch === '\\' && inString) k++;
    else if (ch === '"') inString = !inString;
    else if (!inString && ch === '[') d++;
    else if (!inString && ch === ']') d--;
  }
  return d;
}

/** Where the `=` after the key is (a quoted key may hold one), or −1. */
function keyEnd(line: string): number {
  let inString = false;
  for (let k = 0; k < line.length; k++) {
    if (line[k] === '"') inString = !inString;
    else if (line[k] === '=' && !inString) return k;
  }
  return -1;
}

/** A dotted key of bare and "quoted" parts, as one dotted path (a quoted part kept whole). */
function keyPath(raw: string, fail: (field: string, why: string) => never): string {
  const parts: string[] = [];
  const re = /\s*(?:"([^"]*)"|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < raw.length && (m = re.exec(raw)) !== null) {
    parts.push(m[1] ?? m[2]!);
    if (m[3] === '') break;
  }
  if (re.lastIndex !== raw.length || parts.length === 0) fail('key', `"${raw.trim()}" is not a key`);
  return parts.join('.');
}

function unescape(s: string, fail: (why: string) => never): string {
  return s.replace(/\\(.)/g, (_, c: string) => {
    const v = ({ n: '\n', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c];
    return v ?? fail(`escape \\${c} is not supported`);
  });
}

/** One value at the start of `s`: it and the rest of `s`. */
function readValue(s: string, fail: (why: string) => never): [TomlValue, string] {
  if (s.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(s);
    if (m === null) fail('the string has no closing "');
    return [unescape(m![1]!, fail), s.slice(m![0].length)];
  }
  if (s.startsWith('[')) {
    const items: TomlValue[] = [];
    let rest = s.slice(1).trim();
    while (!rest.startsWith(']')) {
      if (rest === '') fail('the array has no closing ]');
      const [v, after] = readValue(rest, fail);
      items.push(v);
      rest = after.trim();
      if (rest.startsWith(',')) rest = rest.slice(1).trim();
      else if (!rest.startsWith(']')) fail(`expected , or ] in the array at "${rest}"`);
    }
    return [items, rest.slice(1)];
  }
  if (s.startsWith('{')) {
    const m = /^\{\s*\}/.exec(s);
    if (m === null) fail('inline tables other than {} are not supported');
    return [{}, s.slice(m![0].length)];
  }
  const m = /^(true|false|[+-]?(?:0x[0-9A-Fa-f_]+|[0-9_]+))/.exec(s);
  if (m === null) fail(`"${s}" is not a string, integer, boolean, array or {}`);
  const t = m![1]!;
  return [t === 'true' ? true : t === 'false' ? false : Number(t.replace(/_/g, '')), s.slice(t.length)];
}
