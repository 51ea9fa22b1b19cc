// A reader for isla's system litmus tests (issue 16): the TOML files of github.com/litmus-tests/
// litmus-tests-armv8a-system-vmsa (isla-axiomatic/src/litmus.rs reads them in isla). A test names its symbolic
// addresses, sets its memory up in isla's page-table language (isla-setup.ts), gives each thread its code, its initial
// registers as expressions of that setup (`pte3(x, page_table_base)`, `mkdesc3(oa=pa1)`, `extz(0x1000, 64)`, `L0:`),
// its exception handlers as code sections at fixed addresses, and a final assertion over registers and memory with
// `expect` "sat" (the assertion may hold: herd's `exists`; isla-litmus writes "unsat" for `~exists`/`forall`). What
// the reader does not recognise is a LitmusError: file, line, field, why.
import { readSetup, type SetupStatement } from './isla-setup.ts';
import { LitmusError } from './litmus-reader.ts';
import { readToml, type TomlDocument, type TomlValue } from './isla-toml.ts';

/** An initial register value or an assertion operand. */
export type IslaExpr =
  | { readonly k: 'num'; readonly value: bigint }
  | { readonly k: 'name'; readonly name: string }
  /** `L0:`: the address of a label in the thread's code. */
  | { readonly k: 'label'; readonly name: string }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly IslaExpr[]; readonly named: ReadonlyMap<string, IslaExpr> };

export type IslaCond =
  | { readonly k: 'true' }
  | { readonly k: 'false' }
  | { readonly k: 'not'; readonly arg: IslaCond }
  | { readonly k: 'and' | 'or'; readonly args: readonly IslaCond[] }
  /** `T:Xn = e` (thread T's register) or `*x = e` (the memory at a symbolic address). */
  | { readonly k: 'eq'; readonly thread?: number; readonly reg?: string; readonly mem?: string; readonly value: IslaExpr };

export interface IslaThread {
  readonly code: readonly string[];
  /** Register (`R1`, `VBAR_EL1`, `PSTATE.EL`, …) → its initial value. */
  readonly reset: ReadonlyMap<string, IslaExpr>;
}

export interface IslaSection {
  readonly name: string;
  readonly address: bigint;
  readonly code: readonly string[];
}

export interface IslaTest {
  readonly name: string;
  readonly symbolic: readonly string[];
  readonly setup: readonly SetupStatement[];
  readonly threads: readonly IslaThread[];
  readonly sections: readonly IslaSection[];
  readonly assertion: IslaCond;
  /** "sat": some execution may satisfy the assertion (exists); "unsat": none may. */
  readonly expect: 'sat' | 'unsat';
}

/** Keys the reader knows and what they hold; a key not listed is an error (so nothing is silently ignored). */
const TOP = new Set(['arch', 'name', 'symbolic', 'page_table_setup', 'final.assertion', 'final.expect']);
/** Display-only keys of isla's test format (its graph renderer): no meaning for an execution. */
const DISPLAY = /^(graph|meta|types|final\.(shows|force_show_events))(\.|$)/;

export function readIsla(text: string, file = '<isla>'): IslaTest {
  const doc = readToml(text, file);
  const str = (key: string, need = true): string | undefined => {
    const e = doc.get(key);
    if (e === undefined) return need ? fail(doc, file, key, 'missing') : undefined;
    if (typeof e.value !== 'string') throw new LitmusError(file, e.line, key, 'expected a string');
    return e.value;
  };
  const arch = str('arch', false);
  if (arch !== undefined && arch !== 'AArch64') fail(doc, file, 'arch', `"${arch}" (only AArch64)`);
  const threads = new Map<number, { code: string[]; reset: Map<string, IslaExpr> }>();
  const thread = (n: number) => threads.get(n) ?? threads.set(n, { code: [], reset: new Map() }).get(n)!;
  const sections: IslaSection[] = [];
  const sectionParts = new Map<string, { address?: bigint; code?: string[] }>();
  for (const [key, e] of doc) {
    if (TOP.has(key) || DISPLAY.test(key)) continue;
    const t = /^thread\.(\d+)\.(code|init|reset\.(.+))$/.exec(key);
    if (t !== null) {
      const th = thread(Number(t[1]));
      if (t[2] === 'code') th.code.push(...codeLines(e.value, file, e.line, key));
      else if (t[2] === 'init') {
        if (typeof e.value !== 'object' || Array.isArray(e.value) || Object.keys(e.value as object).length > 0) throw new LitmusError(file, e.line, key, 'only init = {} is supported (the registers are set in [thread.N.reset])');
      } else {
        if (typeof e.value !== 'string') throw new LitmusError(file, e.line, key, 'expected a string expression');
        th.reset.set(t[3]!, readExpr(e.value, file, e.line, key));
      }
      continue;
    }
    const s = /^section\.([A-Za-z0-9_]+)\.(address|code)$/.exec(key);
    if (s !== null) {
      const part = sectionParts.get(s[1]!) ?? sectionParts.set(s[1]!, {}).get(s[1]!)!;
      if (s[2] === 'code') part.code = codeLines(e.value, file, e.line, key);
      else if (typeof e.value !== 'string' || !/^(0x[0-9A-Fa-f]+|[0-9]+)$/.test(e.value.trim())) throw new LitmusError(file, e.line, key, 'expected an address "0x…"');
      else part.address = BigInt(e.value.trim());
      continue;
    }
    throw new LitmusError(file, e.line, key, 'not a key of the test format the reader knows');
  }
  for (const [name, p] of sectionParts) {
    if (p.address === undefined || p.code === undefined) {
      const line = doc.get(`section.${name}.${p.code === undefined ? 'address' : 'code'}`)!.line;
      throw new LitmusError(file, line, `section.${name}`, 'needs both address and code');
    }
    sections.push({ name, address: p.address!, code: p.code! });
  }
  const n = threads.size;
  for (let i = 0; i < n; i++) if (!threads.has(i)) fail(doc, file, `thread.${i}`, `missing (threads are numbered 0 to ${n - 1})`);
  const symbolic = doc.get('symbolic');
  if (symbolic !== undefined && (!Array.isArray(symbolic.value) || symbolic.value.some((v) => typeof v !== 'string'))) throw new LitmusError(file, symbolic.line, 'symbolic', 'expected an array of names');
  const setup = doc.get('page_table_setup');
  const assertion = doc.get('final.assertion');
  if (assertion === undefined || typeof assertion.value !== 'string') fail(doc, file, 'final.assertion', 'missing or not a string');
  const expect = str('final.expect', false) ?? 'sat';
  if (expect !== 'sat' && expect !== 'unsat') fail(doc, file, 'final.expect', `"${expect}" (sat or unsat)`);
  return {
    name: str('name')!,
    symbolic: (symbolic?.value as string[] | undefined) ?? [],
    setup: setup === undefined ? [] : readSetup(String(setup.value), file, setup.line + 1),
    threads: [...Array(n).keys()].map((i) => threads.get(i)!),
    sections,
    assertion: readCond(String(assertion!.value), file, assertion!.line),
    expect: expect as 'sat' | 'unsat',
  };
}

function fail(doc: TomlDocument, file: string, field: string, why: string): never {
  throw new LitmusError(file, doc.get(field)?.line ?? 1, field, why);
}

/** The instructions of a `code` string, one a line, comments and blank lines dropped. */
function codeLines(v: TomlValue, file: string, line: number, key: string): string[] {
  if (typeof v !== 'string') throw new LitmusError(file, line, key, 'expected a string of code');
  return v
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l !== '');
}

/** Tokens of an expression or assertion. */
function tokens(s: string, file: string, line: number, field: string): string[] {
  const out: string[] = [];
  const re = /\s*(0x[0-9A-Fa-f]+|0b[01]+|[0-9]+(?=\s*:\s*[XWR])|[0-9]+|[A-Za-z_][A-Za-z0-9_.]*:?|[()=,&|~*:])/y;
  let m: RegExpExecArray | null;
  let end = 0; // a failed sticky match puts lastIndex back to 0
  while ((m = re.exec(s)) !== null) {
    out.push(m[1]!);
    end = re.lastIndex;
  }
  if (s.slice(end).trim() !== '') throw new LitmusError(file, line, field, `cannot read "${s.slice(end).trim()}"`);
  return out;
}

/** An expression over a token list from position k: [it, the next position]. */
function expr(ts: readonly string[], k: number, fail: (why: string) => never): [IslaExpr, number] {
  const t = ts[k] ?? fail('unexpected end');
  if (/^[0-9]/.test(t)) return [{ k: 'num', value: BigInt(t) }, k + 1];
  if (/^[A-Za-z_][A-Za-z0-9_]*:$/.test(t)) return [{ k: 'label', name: t.slice(0, -1) }, k + 1];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) fail(`"${t}" is not a value`);
  if (ts[k + 1] !== '(') return [{ k: 'name', name: t }, k + 1];
  const args: IslaExpr[] = [];
  const named = new Map<string, IslaExpr>();
  let i = k + 2;
  while (ts[i] !== ')') {
    if (i >= ts.length) fail(`${t}( has no closing )`);
    if (ts[i + 1] === '=' && /^[A-Za-z_]\w*$/.test(ts[i]!)) {
      const [v, j] = expr(ts, i + 2, fail);
      named.set(ts[i]!, v);
      i = j;
    } else {
      const [v, j] = expr(ts, i, fail);
      args.push(v);
      i = j;
    }
    if (ts[i] === ',') i++;
  }
  return [{ k: 'call', fn: t, args, named }, i + 1];
}

export function readExpr(s: string, file: string, line: number, field: string): IslaExpr {
  const fail = (why: string): never => {
    throw new LitmusError(file, line, field, why);
  };
  const ts = tokens(s, file, line, field);
  const [e, k] = expr(ts, 0, fail);
  if (k !== ts.length) fail(`unexpected "${ts[k]}" after the value`);
  return e;
}

/** The final assertion: `|` over `&` over `~`, parentheses, atoms `T:Xn = e` and `*x = e`. */
export function readCond(s: string, file: string, line: number): IslaCond {
  const fail = (why: string): never => {
    throw new LitmusError(file, line, 'final.assertion', why);
  };
  const ts = tokens(s, file, line, 'final.assertion');
  let k = 0;
  const or = (): IslaCond => {
    const args = [and()];
    while (ts[k] === '|') {
      k++;
      args.push(and());
    }
    return args.length === 1 ? args[0]! : { k: 'or', args };
  };
  const and = (): IslaCond => {
    const args = [unary()];
    while (ts[k] === '&') {
      k++;
      args.push(unary());
    }
    return args.length === 1 ? args[0]! : { k: 'and', args };
  };
  const unary = (): IslaCond => {
    const t = ts[k] ?? fail('unexpected end');
    if (t === '~') {
      k++;
      return { k: 'not', arg: unary() };
    }
    if (t === '(') {
      k++;
      const c = or();
      if (ts[k++] !== ')') fail('( has no closing )');
      return c;
    }
    if (t === 'true' || t === 'false') {
      k++;
      return { k: t };
    }
    let target: { thread?: number; reg?: string; mem?: string };
    if (t === '*') {
      target = { mem: ts[k + 1] ?? fail('* needs an address') };
      k += 2;
    } else if (/^[0-9]+$/.test(t) && ts[k + 1] === ':') {
      const reg = ts[k + 2] ?? fail('T: needs a register');
      if (!/^[XWR][0-9]+$/.test(reg)) fail(`"${reg}" is not a register X0–X30`);
      target = { thread: Number(t), reg: reg.replace(/^R/, 'X') };
      k += 3;
    } else return fail(`"${t}" does not start a condition (T:Xn = v, *x = v, ~, (, true)`);
    if (ts[k++] !== '=') fail('expected = in the condition');
    const [value, j] = expr(ts, k, fail);
    k = j;
    return { k: 'eq', ...target, value };
  };
  const c = or();
  if (k !== ts.length) fail(`unexpected "${ts[k]}"`);
  return c;
}
