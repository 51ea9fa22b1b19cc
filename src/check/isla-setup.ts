// isla's page-table setup language (the `page_table_setup` string of its system litmus tests; isla's
// isla-axiomatic/src/page_table/setup_parser.lalrpop is the grammar, doc/translation.adoc describes it), read into
// statements (issue 16). Statements end with `;`; `s1table NAME [ADDR] { … }` and `s2table NAME [ADDR] { … }` hold
// statements of their own, and may name other table sets they map (`s1table NAME;`); `//` comments. What is not
// recognised is a LitmusError (file, line, field, why).
import { LitmusError } from './litmus-reader.ts';

/** An address or value: a number, a name, or a function of them (`pa_to_ipa(0x1000)`, `table(0x283000)`). */
export type SetupExpr =
  | { readonly k: 'num'; readonly value: bigint }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly SetupExpr[] };

/** Descriptor attributes after `with`: `code`, `default`, `[AP = 0b11] and default`. */
export interface SetupAttrs {
  readonly fields: ReadonlyMap<string, bigint>;
  readonly code: boolean;
  readonly default: boolean;
}

export type SetupStatement =
  | { readonly k: 'declare'; readonly space: 'physical' | 'virtual' | 'intermediate'; readonly names: readonly string[]; readonly aligned?: bigint }
  | { readonly k: 'option'; readonly name: string; readonly value: string }
  /** `from |-> to` (initial: the entry as it starts) or `from ?-> to` (another value the test may write). */
  | {
      readonly k: 'map';
      readonly initial: boolean;
      readonly from: SetupExpr;
      /** 'invalid', or the address (`pa1`, `table(N)`, `raw(N)`). */
      readonly to: SetupExpr | 'invalid';
      readonly attrs?: SetupAttrs;
      readonly level?: number;
      /** `as NAME`: names the walk for later statements. */
      readonly as?: string;
    }
  | { readonly k: 'identity'; readonly addr: SetupExpr; readonly attrs?: SetupAttrs; readonly level?: number }
  | { readonly k: 'store'; readonly at: string; readonly value: bigint }
  | { readonly k: 'assert'; readonly text: string }
  | { readonly k: 'table'; readonly stage: 1 | 2; readonly name: string; readonly addr?: bigint; readonly body: readonly SetupStatement[] }
  /** Inside a table block: another table set whose tables this one maps (an s2table the s1table it translates, an
   *  EL2 s1table the tables it edits). */
  | { readonly k: 'table-ref'; readonly stage: 1 | 2; readonly name: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Statements of `text`, which starts at line `line0` of `file`. */
export function readSetup(text: string, file: string, line0: number): SetupStatement[] {
  // tokens with their lines: names, numbers, the arrows, punctuation
  const toks: { t: string; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.replace(/\/\/.*$/, '');
    const re = /\s*(\|->|\?->|==|!=|\.\.|0x[0-9A-Fa-f]+|0b[01]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|[;{}()[\],=*])/y;
    let m: RegExpExecArray | null;
    let end = 0; // a failed sticky match puts lastIndex back to 0
    while ((m = re.exec(l)) !== null) {
      toks.push({ t: m[1]!, line: line0 + i });
      end = re.lastIndex;
    }
    const rest = l.slice(end).trim();
    if (rest !== '') throw new LitmusError(file, line0 + i, 'page_table_setup', `cannot read "${rest}"`);
  });
  let k = 0;
  const line = (): number => toks[Math.min(k, toks.length - 1)]?.line ?? line0;
  const fail = (why: string): never => {
    throw new LitmusError(file, line(), 'page_table_setup', why);
  };
  const peek = (): string | undefined => toks[k]?.t;
  const next = (): string => toks[k++]?.t ?? fail('unexpected end');
  const expect = (t: string): void => {
    const got = next();
    if (got !== t) fail(`expected "${t}", found "${got}"`);
  };
  const num = (t: string): bigint => (/^(0x[0-9A-Fa-f]+|0b[01]+|[0-9]+)$/.test(t) ? BigInt(t) : fail(`"${t}" is not a number`));
  const name = (): string => {
    const t = next();
    return NAME.test(t) ? t : fail(`"${t}" is not a name`);
  };
  const expr = (): SetupExpr => {
    const t = next();
    if (/^[0-9]/.test(t)) return { k: 'num', value: num(t) };
    if (!NAME.test(t)) fail(`"${t}" is not an address`);
    if (peek() !== '(') return { k: 'name', name: t };
    next();
    const args: SetupExpr[] = [];
    while (peek() !== ')') {
      args.push(expr());
      if (peek() === ',') next();
    }
    next();
    return { k: 'call', fn: t, args };
  };
  const attrs = (): SetupAttrs => {
    const fields = new Map<string, bigint>();
    let code = false;
    let dflt = false;
    for (;;) {
      const t = next();
      if (t === 'code') code = true;
      else if (t === 'default') dflt = true;
      else if (t === '[') {
        while (peek() !== ']') {
          const f = name();
          expect('=');
          fields.set(f, num(next()));
          if (peek() === ',') next();
        }
        next();
      } else fail(`"${t}" is not an attribute (code, default, [FIELD = VALUE])`);
      if (peek() !== 'and') return { fields, code, default: dflt };
      next();
    }
  };
  /** `with …`, `at level N`, `as NAME` after a mapping, in any order. */
  const suffix = (): { attrs?: SetupAttrs; level?: number; as?: string } => {
    const out: { attrs?: SetupAttrs; level?: number; as?: string } = {};
    for (;;) {
      const t = peek();
      if (t === 'with') {
        next();
        out.attrs = attrs();
      } else if (t === 'at') {
        next();
        expect('level');
        out.level = Number(num(next()));
      } else if (t === 'as') {
        next();
        out.as = name();
      } else return out;
    }
  };
  const statements = (inTable: 1 | 2 | 0): SetupStatement[] => {
    const out: SetupStatement[] = [];
    while (k < toks.length && peek() !== '}') {
      const t = peek()!;
      if (t === ';') {
        next();
        continue;
      }
      const at = line();
      if (t === 'physical' || t === 'virtual' || t === 'intermediate' || t === 'aligned') {
        next();
        const aligned = t === 'aligned' ? num(next()) : undefined;
        const space = t === 'aligned' ? next() : t;
        if (space !== 'physical' && space !== 'virtual' && space !== 'intermediate') fail(`"${space}" is not physical, virtual or intermediate`);
        const names: string[] = [];
        while (peek() !== ';') names.push(name());
        out.push({ k: 'declare', space: space as 'physical', names, ...(aligned === undefined ? {} : { aligned }) });
      } else if (t === 'option') {
        next();
        const n = name();
        expect('=');
        out.push({ k: 'option', name: n, value: next() });
      } else if (t === 'identity') {
        next();
        out.push({ k: 'identity', addr: expr(), ...suffix() });
      } else if (t === '*') {
        next();
        const at2 = name();
        expect('=');
        out.push({ k: 'store', at: at2, value: num(next()) });
      } else if (t === 'assert') {
        next();
        const parts: string[] = [];
        while (peek() !== ';' && k < toks.length) parts.push(next());
        out.push({ k: 'assert', text: parts.join(' ') });
      } else if ((t === 's1table' || t === 's2table') && (toks[k + 2]?.t === ';' || toks[k + 2]?.t === '}') && inTable !== 0) {
        next();
        out.push({ k: 'table-ref', stage: t === 's1table' ? 1 : 2, name: name() });
      } else if (t === 's1table' || t === 's2table') {
        next();
        const n = name();
        const addr = peek() === '{' ? undefined : num(next());
        expect('{');
        const body = statements(t === 's1table' ? 1 : 2);
        expect('}');
        out.push({ k: 'table', stage: t === 's1table' ? 1 : 2, name: n, ...(addr === undefined ? {} : { addr }), body });
      } else {
        const from = expr();
        const arrow = next();
        if (arrow !== '|->' && arrow !== '?->') fail(`expected |-> or ?-> after the address, found "${arrow}"`);
        const to: SetupExpr | 'invalid' = peek() === 'invalid' ? (next(), 'invalid') : expr();
        out.push({ k: 'map', initial: arrow === '|->', from, to, ...suffix() });
      }
      // a table's block ends it without a ;
      if (out.at(-1)?.k !== 'table' && k < toks.length && peek() !== ';' && peek() !== '}') {
        throw new LitmusError(file, at, 'page_table_setup', `expected ; after the statement, found "${peek()}"`);
      }
    }
    return out;
  };
  const all = statements(0);
  if (k < toks.length) fail(`unexpected "${peek()}"`);
  return all;
}
