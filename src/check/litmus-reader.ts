// Reader for herd's `.litmus` text as the AArch64 VMSA catalogues write it (issue 16): a header line
// `AArch64 NAME`, optional `(* comment *)` and `KEY=VALUE` lines (TTHM, Variant, Hash), the init block `{ … }`
// (typed locations, `0:X1=v` registers, page-table entries as `pte_x=(…)` or `[PTE(x)]=(…)`), the process table
// (`P0 | P1 ;` then one row of instructions per line), an optional `locations[…]` line and the final condition
// (`exists`, `~exists`, `forall` over `/\`, `\/`, `~`, `loc=value` atoms and `fault(P0:L0,x)`).
// Anything outside that grammar is a LitmusError naming the line and why — never silently dropped.

/** A value in the init block or the condition: a number, a symbol's address, a page-table descriptor. */
export type LitmusValue =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'addr'; readonly name: string } // `x` or `&x`: the virtual address of location x
  | { readonly kind: 'pa'; readonly name: string } // `phy_x` or `PA(x)`: its physical (output) address
  // `pte_x` or `PTE(x)`: the address of x's last-level entry (isla's pte2: its level-2 entry; pte3(x, TREE): in a further
  // stage-1 tree of the world)
  | { readonly kind: 'pte'; readonly name: string; readonly level?: 2; readonly tree?: string }
  | { readonly kind: 'page'; readonly name: string } // isla's `page(x)`: x's virtual page number, VA >> 12
  // isla's `ttbr(asid=A, base=page_table_base)` / `ttbr(vmid=V, base=s2_page_table_base)`: the world's stage-1 or
  // stage-2 root with the tag in bits 63:48 (TTBR0_EL1.ASID, VTTBR_EL2.VMID)
  | { readonly kind: 'ttbr'; readonly stage: 1 | 2; readonly tag: bigint; readonly tree?: string }
  | { readonly kind: 'desc'; readonly fields: ReadonlyMap<string, LitmusValue> }; // `(oa:PA(x),af:0)`

/** Where a value lives: a PE's register, a memory location, or a page-table entry. */
export type LitmusLocation =
  | { readonly kind: 'reg'; readonly pe: number; readonly reg: string }
  | { readonly kind: 'mem'; readonly name: string }
  | { readonly kind: 'pte'; readonly name: string };

export interface LitmusInit {
  readonly line: number;
  readonly type: string | undefined; // `int`, `uint64_t`, `pteval_t`, `int *` …
  readonly location: LitmusLocation;
  readonly value: LitmusValue | undefined; // `int y;` declares without a value (herd: 0)
}

export type LitmusCond =
  | { readonly kind: 'true' }
  | { readonly kind: 'eq'; readonly location: LitmusLocation; readonly value: LitmusValue }
  | {
      readonly kind: 'fault';
      readonly pe: number;
      readonly label: string | undefined;
      readonly name: string | undefined;
      readonly type: string | undefined; // `MMU:Translation`, `MMU:Permission` …
    }
  | { readonly kind: 'not'; readonly arg: LitmusCond }
  | { readonly kind: 'and' | 'or'; readonly args: readonly LitmusCond[] };

export type LitmusQuantifier = 'exists' | '~exists' | 'forall';

export interface LitmusTest {
  readonly arch: string;
  readonly name: string;
  readonly header: ReadonlyMap<string, string>; // TTHM, Variant, Hash …
  readonly init: readonly LitmusInit[];
  /** Per PE, its instructions in order (empty cells dropped); labels stay on their instruction (`L0: LDR …`). */
  readonly code: readonly (readonly string[])[];
  /** Per PE with a `Pn.F` column, its fault handler's instructions. */
  readonly handlers: ReadonlyMap<number, readonly string[]>;
  /** The `locations[…]` items: extra outputs herd prints, no part of the verdict. */
  readonly locations: readonly string[];
  readonly quantifier: LitmusQuantifier;
  readonly condition: LitmusCond;
}

export class LitmusError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly why: string,
  ) {
    super(`${file}:${line}: ${field}: ${why}`);
  }
}

/** Reads one litmus test; `file` only names it in errors. */
export function readLitmus(text: string, file = '<litmus>'): LitmusTest {
  return new Reader(stripComments(text), file).test();
}

// herd comments are `(* … *)` and may span lines; newlines inside are kept so line numbers stay right.
function stripComments(text: string): string {
  return text.replace(/\(\*[\s\S]*?\*\)/g, (c) => c.replace(/[^\n]/g, ' '));
}

class Reader {
  private readonly lines: string[];
  private at = 0; // index of the next unread line

  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.lines = text.split('\n');
  }

  private fail(line: number, field: string, why: string): never {
    throw new LitmusError(this.file, line, field, why);
  }

  private nextNonBlank(): number {
    while (this.at < this.lines.length && this.lines[this.at].trim() === '') this.at++;
    return this.at;
  }

  test(): LitmusTest {
    const first = this.nextNonBlank();
    const head = /^(\S+)\s+(\S+)\s*$/.exec(this.lines[first] ?? '');
    if (head === null) this.fail(first + 1, 'header', 'expected `ARCH NAME` on the first line');
    if (head[1] !== 'AArch64') this.fail(first + 1, 'header', `architecture ${head[1]} is not supported (only AArch64)`);
    this.at = first + 1;
    const header = new Map<string, string>();
    for (;;) {
      const i = this.nextNonBlank();
      const l = this.lines[i]?.trim();
      if (l === undefined) this.fail(i + 1, 'init', 'missing `{` init block');
      if (l.startsWith('{')) break;
      if (l.startsWith('"')) {
        header.set('cycle', l.replace(/^"|"$/g, '')); // diy's generating cycle, a quoted line
        this.at = i + 1;
        continue;
      }
      const kv = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(l);
      if (kv === null) this.fail(i + 1, 'header', `expected KEY=VALUE or \`{\`, got "${l}"`);
      header.set(kv[1], kv[2].trim());
      this.at = i + 1;
    }
    const init = this.initBlock();
    const [code, handlers] = this.processes();
    const locations = this.locationsLine();
    const [quantifier, condition] = this.finalCondition();
    return { arch: head[1], name: head[2], header, init, code, handlers, locations, quantifier, condition };
  }

  // `{ … }`: `;`-separated entries, possibly several per line and the braces on entry lines.
  private initBlock(): LitmusInit[] {
    const out: LitmusInit[] = [];
    let opened = false;
    for (;;) {
      if (this.at >= this.lines.length) this.fail(this.at, 'init', 'init block `{` is never closed');
      const lineNo = this.at + 1;
      let l = this.lines[this.at++];
      if (!opened) {
        const b = l.indexOf('{');
        l = l.slice(b + 1);
        opened = true;
      }
      const close = l.indexOf('}');
      const body = close < 0 ? l : l.slice(0, close);
      for (const entry of splitTop(body, ';')) {
        if (entry.trim() !== '') out.push(this.initEntry(entry.trim(), lineNo));
      }
      if (close >= 0) {
        if (l.slice(close + 1).trim() !== '') this.fail(lineNo, 'init', 'text after the closing `}`');
        return out;
      }
    }
  }

  private initEntry(entry: string, line: number): LitmusInit {
    const eq = entry.indexOf('=');
    const lhs = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const rhs = eq < 0 ? undefined : entry.slice(eq + 1).trim();
    // a typed declaration: `int x`, `uint64_t x`, `int *p`, `pteval_t 0:X15`
    const typed = /^([A-Za-z_]\w*(?:\s*\*)?)\s+(\*?\s*\S+)$/.exec(lhs);
    const type = typed === null ? undefined : typed[1].replace(/\s+/g, '');
    const target = typed === null ? lhs : typed[2].replace(/^\*\s*/, '');
    const pointer = typed !== null && (typed[1].includes('*') || typed[2].startsWith('*'));
    const location = this.location(target, line, 'init');
    const value = rhs === undefined ? undefined : this.value(rhs, line, 'init');
    return { line, type: pointer ? `${type}*` : type, location, value };
  }

  private location(text: string, line: number, field: string): LitmusLocation {
    const t = text.trim();
    const reg = /^P?(\d+):([A-Za-z]\w*)$/.exec(t);
    if (reg !== null) return { kind: 'reg', pe: Number(reg[1]), reg: reg[2].toUpperCase() };
    const pteBracket = /^\[?\s*PTE\(\s*(\w+)\s*\)\s*\]?$/.exec(t);
    if (pteBracket !== null) return { kind: 'pte', name: pteBracket[1] };
    const pteName = /^pte_(\w+)$/.exec(t);
    if (pteName !== null) return { kind: 'pte', name: pteName[1] };
    const mem = /^\[?\s*([A-Za-z_]\w*)\s*\]?$/.exec(t);
    if (mem !== null) return { kind: 'mem', name: mem[1] };
    return this.fail(line, field, `unsupported location "${t}"`);
  }

  private value(text: string, line: number, field: string): LitmusValue {
    const t = text.trim();
    if (/^-?(0x[0-9a-fA-F]+|\d+)$/.test(t)) return { kind: 'int', value: BigInt(t) };
    const pa = /^(?:phy_(\w+)|PA\(\s*(\w+)\s*\))$/.exec(t);
    if (pa !== null) return { kind: 'pa', name: pa[1] ?? pa[2] };
    const pte = /^(?:pte_(\w+)|PTE\(\s*(\w+)\s*\))$/.exec(t);
    if (pte !== null) return { kind: 'pte', name: pte[1] ?? pte[2] };
    const addr = /^&?\s*([A-Za-z_]\w*)$/.exec(t);
    if (addr !== null) return { kind: 'addr', name: addr[1] };
    if (t.startsWith('(') && t.endsWith(')')) {
      const fields = new Map<string, LitmusValue>();
      for (const f of splitTop(t.slice(1, -1), ',')) {
        const m = /^\s*(\w+)\s*:\s*(.+?)\s*$/.exec(f);
        if (m === null) this.fail(line, field, `descriptor field "${f.trim()}" is not NAME:VALUE`);
        fields.set(m[1], this.value(m[2], line, `${field} ${m[1]}`));
      }
      return { kind: 'desc', fields };
    }
    return this.fail(line, field, `unsupported value "${t}"`);
  }

  // `P0 | P1 | P1.F ;` (`Pn.F`: PE n's fault handler) then rows `instr | instr ;` until a line that is not a row.
  private processes(): [string[][], Map<number, string[]>] {
    const i = this.nextNonBlank();
    const headLine = this.lines[i]?.trim() ?? '';
    const cells = splitRow(headLine);
    const heads = (cells ?? []).map((c) => /^P(\d+)(\.F)?$/.exec(c));
    const pes = heads.filter((h) => h !== null && h[2] === undefined).length;
    if (cells === undefined || heads.some((h, n) => h === null || (h[2] === undefined ? Number(h[1]) !== n : Number(h[1]) >= pes))) {
      this.fail(i + 1, 'processes', `expected the process header \`P0 | P1 … ;\`, got "${headLine}"`);
    }
    const code: string[][] = cells.map(() => []);
    this.at = i + 1;
    while (this.at < this.lines.length) {
      const l = this.lines[this.at].trim();
      if (l === '') {
        this.at++;
        continue;
      }
      const row = splitRow(l);
      if (row === undefined) break;
      if (row.length > code.length) this.fail(this.at + 1, 'processes', `${row.length} columns for ${code.length} PEs`);
      row.forEach((c, n) => c !== '' && code[n].push(c));
      this.at++;
    }
    const handlers = new Map<number, string[]>();
    heads.forEach((h, n) => h !== null && h[2] !== undefined && handlers.set(Number(h[1]), code[n]));
    return [code.slice(0, pes), handlers];
  }

  private locationsLine(): string[] {
    const i = this.nextNonBlank();
    const m = /^locations\s*\[(.*)\]\s*$/.exec(this.lines[i]?.trim() ?? '');
    if (m === null) return [];
    this.at = i + 1;
    return splitTop(m[1], ';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  private finalCondition(): [LitmusQuantifier, LitmusCond] {
    const start = this.nextNonBlank();
    const text = this.lines.slice(start).join(' ').trim();
    const line = start + 1;
    const m = /^(~\s*exists|exists|forall)\b([\s\S]*)$/.exec(text);
    if (m === null) return this.fail(line, 'condition', `expected exists/~exists/forall, got "${text.slice(0, 40)}"`);
    const quantifier = m[1].replace(/\s+/g, '') as LitmusQuantifier;
    const parser = new CondParser(m[2], (why) => this.fail(line, 'condition', why), (loc) => this.location(loc, line, 'condition'), (v) => this.value(v, line, 'condition'));
    return [quantifier, parser.parse()];
  }
}

/** Splits a process row `a | b ;` into trimmed cells, or undefined if the line is not a row. */
function splitRow(line: string): string[] | undefined {
  if (!line.endsWith(';')) return undefined;
  return line
    .slice(0, -1)
    .split('|')
    .map((c) => c.trim());
}

/** Splits on `sep` outside parentheses and brackets. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

// cond ::= disj ; disj ::= conj (\/ conj)* ; conj ::= unary (/\ unary)* ; unary ::= ~unary | (cond) | atom
class CondParser {
  private pos = 0;

  constructor(
    private readonly s: string,
    private readonly fail: (why: string) => never,
    private readonly location: (t: string) => LitmusLocation,
    private readonly value: (t: string) => LitmusValue,
  ) {}

  parse(): LitmusCond {
    const c = this.disj();
    this.skip();
    if (this.pos < this.s.length) this.fail(`unexpected "${this.s.slice(this.pos, this.pos + 20)}"`);
    return c;
  }

  private skip(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }

  private eat(tok: string): boolean {
    this.skip();
    if (!this.s.startsWith(tok, this.pos)) return false;
    this.pos += tok.length;
    return true;
  }

  private disj(): LitmusCond {
    const args = [this.conj()];
    while (this.eat('\\/')) args.push(this.conj());
    return args.length === 1 ? args[0] : { kind: 'or', args };
  }

  private conj(): LitmusCond {
    const args = [this.unary()];
    while (this.eat('/\\')) args.push(this.unary());
    return args.length === 1 ? args[0] : { kind: 'and', args };
  }

  private unary(): LitmusCond {
    if (this.eat('~') || this.eat('not ')) return { kind: 'not', arg: this.unary() };
    if (this.eat('true')) return { kind: 'true' };
    if (this.eat('fault(') || this.eat('Fault(')) return this.fault();
    if (this.eat('(')) {
      const c = this.disj();
      if (!this.eat(')')) this.fail('missing `)`');
      return c;
    }
    return this.atom();
  }

  // fault(P0:L0,x), fault(P0,x), fault(P0:L0), fault(P0:L0,x,MMU:Permission)
  private fault(): LitmusCond {
    const close = this.s.indexOf(')', this.pos);
    if (close < 0) this.fail('fault( is never closed');
    const m = /^\s*P(\d+)(?::(\w+))?\s*(?:,\s*(\w+)\s*)?(?:,\s*(\w+:\w+)\s*)?$/.exec(this.s.slice(this.pos, close));
    if (m === null) this.fail(`unsupported fault "${this.s.slice(this.pos, close)}"`);
    this.pos = close + 1;
    return { kind: 'fault', pe: Number(m[1]), label: m[2], name: m[3], type: m[4] };
  }

  // loc=value where value may be a parenthesised descriptor
  private atom(): LitmusCond {
    this.skip();
    const eq = this.s.indexOf('=', this.pos);
    if (eq < 0) this.fail(`expected LOCATION=VALUE at "${this.s.slice(this.pos, this.pos + 20)}"`);
    const location = this.location(this.s.slice(this.pos, eq));
    this.pos = eq + 1;
    this.skip();
    let end = this.pos;
    if (this.s[end] === '(') {
      let depth = 0;
      for (; end < this.s.length; end++) {
        if (this.s[end] === '(') depth++;
        else if (this.s[end] === ')' && --depth === 0) break;
      }
      end++;
    } else {
      while (end < this.s.length && /[\w&:.-]/.test(this.s[end])) end++;
      if (this.s.startsWith('(', end)) end = this.s.indexOf(')', end) + 1; // PA(x), PTE(x)
    }
    const value = this.value(this.s.slice(this.pos, end));
    this.pos = end;
    return { kind: 'eq', location, value };
  }
}
