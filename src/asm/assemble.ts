// The assembler driver: reads statements (following .include), lays sections out in a first pass (labels,
// directives, literal pools), then links them at one base address and encodes every instruction and data
// value in a second pass. Every problem becomes a Diagnostic; nothing throws out of assemble().
import { AsmFail, type Diagnostic } from './diagnostics.ts';
import { directive, type DirCtx } from './directives.ts';
import { encodeInsn } from './encode.ts';
import { evalExpr, parseWholeExpr, type Expr, type Value } from './expr.ts';
import type { AsmEnv } from './forms.ts';
import { lex, type Token } from './lexer.ts';
import { expandMacro, findEndr, macroEnds, macroHead, repeatBodies, type Macro } from './macro.ts';
import { parseOperands, type Opnd } from './operands.ts';
import { MAX_DIAGNOSTICS, MAX_NESTING, MAX_SECTIONS, MAX_SOURCE_BYTES } from './limits.ts';
import { type OutputBudget, Section, type PoolEntry } from './section.ts';

export interface AsmOptions {
  /** Address of the first section (.text); default 0x4008_0000. */
  readonly base?: bigint;
  /**
   * Section addresses, for a layout other than "in order of first use, each aligned" (e.g. a linker script's):
   * given every non-empty section, returns their addresses in the same order.
   */
  readonly place?: (sections: readonly SectionInfo[], base: bigint) => readonly bigint[];
  /** Reads an .include'd file (path as resolved against the including file): its text, or why not (undefined: absent). */
  readonly read?: (path: string) => string | { readonly error: string } | undefined;
}

export interface SectionInfo {
  readonly name: string;
  readonly size: number;
  /** Largest alignment asked for in the section, in bytes. */
  readonly align: number;
}

export interface AsmSymbol {
  readonly name: string;
  readonly addr: bigint;
  readonly global: boolean;
  readonly section: string | undefined;
}

export interface AsmResult {
  readonly sections: readonly { readonly name: string; readonly addr: bigint; readonly bytes: Uint8Array; readonly code: boolean }[];
  readonly symbols: readonly AsmSymbol[];
  readonly entry: bigint;
  readonly diagnostics: readonly Diagnostic[];
  /** Where each instruction came from: its address and source position. */
  readonly listing: readonly { readonly addr: bigint; readonly file: string; readonly line: number }[];
  /** Source lines by file, for printing diagnostics. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
}

export const DEFAULT_BASE = 0x4008_0000n;

interface Pos {
  readonly file: string;
  readonly line: number;
  readonly seq: number;
}

export type SymDef =
  | { readonly k: 'label'; readonly sec: Section; readonly off: number; readonly pos: Pos; readonly col: number }
  | { readonly k: 'expr'; readonly e: Expr; readonly here: { sec: Section; off: number }; readonly pos: Pos; readonly col: number };

interface InsnItem {
  readonly sec: Section;
  readonly off: number;
  readonly mn: string;
  readonly ops: readonly Opnd[];
  readonly pos: Pos;
  readonly col: number;
  readonly lit?: PoolEntry;
}

interface DataItem {
  readonly sec: Section;
  readonly off: number;
  readonly size: number;
  readonly e: Expr;
  readonly pos: Pos;
}

/** Pass-1 state shared with the directive handlers. */
/** A `.rept`/`.irp`/`.irpc` block: its directive line, its `.endr` line (1-based; -1: missing) and arguments. */
interface RepBlock {
  readonly dir: '.rept' | '.irp' | '.irpc';
  readonly line: number;
  readonly end: number;
  readonly col: number;
  readonly args: string;
}

/** The repetition blocks of a file's lines, outside `.macro` bodies (which expand their own when invoked). */
function repetitionBlocks(lines: readonly string[]): RepBlock[] {
  const out: RepBlock[] = [];
  let ends: Map<number, number> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (/^\s*\.macro\b/i.test(t)) {
      ends ??= macroEnds(lines);
      const e = ends.get(i) ?? -1;
      if (e < 0) break;
      i = e;
      continue;
    }
    const m = /^(\s*)(\.(?:irpc?|rept))\b(.*)$/i.exec(t);
    if (!m) continue;
    const e = findEndr(lines, i + 1);
    out.push({ dir: m[2]!.toLowerCase() as RepBlock['dir'], line: i + 1, end: e < 0 ? -1 : e + 1, col: m[1]!.length + 1, args: m[3]! });
    if (e < 0) break;
    i = e;
  }
  return out;
}

export class Assembly implements DirCtx {
  readonly sections: Section[] = [];
  private readonly sectionByName = new Map<string, Section>();
  /** Output bytes over all sections, against MAX_OUTPUT_BYTES. */
  private readonly output: OutputBudget = { used: 0 };
  readonly symbols = new Map<string, SymDef>();
  readonly globals = new Set<string>();
  readonly insns: InsnItem[] = [];
  readonly data: DataItem[] = [];
  readonly errors: { pos: Pos; col: number; message: string }[] = [];
  readonly sources = new Map<string, readonly string[]>();
  /** Display names of numeric local labels (`1f`) by their unique internal names. */
  readonly localNames = new Map<string, string>();
  private readonly localCount = new Map<number, number>();
  private readonly macros = new Map<string, Macro>();
  private macroSerial = 0;
  /** Sections saved by .pushsection. */
  private readonly sectionStack: Section[] = [];
  /** Source text of the line being assembled (a macro invocation reads its arguments from it). */
  private lineText = '';
  cur: Section;
  pos: Pos = { file: '', line: 0, seq: 0 };
  private seq = 0;
  /** When set (pass 2), symbols resolve to absolute addresses. */
  private laidOut = false;
  /** Assembly text read so far (files, .include files, macro expansions), against MAX_SOURCE_BYTES. */
  private textRead = 0;
  /** Set once MAX_SOURCE_BYTES is passed: nothing more is read. */
  private exhausted = false;
  /** Each .include'd file read once (a file included many times is read once, as if it did not change meanwhile). */
  private readonly included = new Map<string, ReturnType<NonNullable<AsmOptions['read']>>>();
  /** Values of `=`/.set/.equ symbols in pass 2. */
  private readonly linkedValues = new Map<string, Value>();

  constructor(readonly opts: AsmOptions) {
    this.cur = this.section('.text', true);
  }

  section(name: string, code: boolean): Section {
    let s = this.sectionByName.get(name);
    if (!s) {
      if (this.sections.length === MAX_SECTIONS) throw new AsmFail(`more than ${MAX_SECTIONS} sections`);
      s = new Section(name, code, this.output);
      this.sections.push(s);
      this.sectionByName.set(name, s);
    }
    this.cur = s;
    return s;
  }

  pushSection(): void {
    this.sectionStack.push(this.cur);
  }

  popSection(col: number): void {
    const s = this.sectionStack.pop();
    if (!s) return this.error('.popsection without .pushsection', col);
    this.cur = s;
  }

  error(message: string, col: number, pos: Pos = this.pos): void {
    if (this.errors.length === MAX_DIAGNOSTICS) {
      // as a compiler's error limit: the first ones are what a person reads; no more source is read, and the note
      // sorts last
      this.errors.push({ pos: { ...pos, seq: Infinity }, col, message: `more than ${MAX_DIAGNOSTICS} errors; the rest are not reported` });
      this.exhausted = true;
    }
    if (this.errors.length > MAX_DIAGNOSTICS) return;
    this.errors.push({ pos, col, message });
  }

  define(name: string, def: SymDef): void {
    if (this.symbols.has(name) && this.symbols.get(name)!.k === 'label') return this.error(`symbol '${name}' is already defined`, def.col);
    if (this.symbols.has(name) && def.k === 'label') return this.error(`symbol '${name}' is already defined`, def.col);
    this.symbols.set(name, def);
  }

  /**
   * Evaluates an expression now: pass 1 gives section-relative values, pass 2 absolute ones. A symbol's value is
   * computed once per evaluation (once in all of pass 2, where nothing changes), so definitions that use a symbol
   * twice (`.set b, a + a`) cost linear, not exponential, time.
   */
  eval(e: Expr, here = { sec: this.cur, off: this.cur.size }): Value {
    const visiting = new Set<string>();
    const memo = this.laidOut ? this.linkedValues : new Map<string, Value>();
    const resolve = (name: string, col: number, depth: number): Value => {
      if (name === '.') return this.addr(here.sec, here.off);
      const d = this.symbols.get(name);
      if (!d) throw new AsmFail(this.laidOut ? `undefined symbol '${this.localNames.get(name) ?? name}'` : `'${this.localNames.get(name) ?? name}' is not defined at this point`, col);
      if (d.k === 'label') return this.addr(d.sec, d.off);
      const known = memo.get(name);
      if (known !== undefined) return known;
      if (visiting.has(name)) throw new AsmFail(`symbol '${name}' is defined in terms of itself`, col);
      visiting.add(name);
      const v = evalExpr(d.e, (n, c, dd) => (n === '.' ? this.addr(d.here.sec, d.here.off) : resolve(n, c, dd)), depth);
      visiting.delete(name);
      memo.set(name, v);
      return v;
    };
    return evalExpr(e, resolve);
  }

  private addr(sec: Section, off: number): Value {
    return this.laidOut ? { v: sec.base + BigInt(off) } : { v: BigInt(off), sec: sec.name };
  }

  /** An absolute value known in pass 1 (sizes, alignments, .org). */
  constant(e: Expr, what: string): bigint {
    const v = this.eval(e);
    if (v.sec !== undefined) throw new AsmFail(`${what} must be a constant, not an address`, e.col);
    return v.v;
  }

  // ---- statements ------------------------------------------------------------------------------------

  /**
   * Reads a file's statements (recursively for .include and macro expansions). An expansion passes `origin`,
   * the macro body's place in its file, so that diagnostics point there.
   */
  source(file: string, text: string, depth = 0, origin?: { readonly file: string; readonly line: number }): void {
    if (this.exhausted) return;
    if (depth > MAX_NESTING) return this.error(origin ? 'macros nested too deeply' : '.include nested too deeply', 0);
    this.textRead += text.length;
    if (this.textRead > MAX_SOURCE_BYTES) {
      // one diagnostic, then nothing more is read: a program that includes or expands itself is cut off here
      this.exhausted = true;
      const where = depth === 0 ? { file, line: 1, seq: this.seq++ } : this.pos;
      return this.error(`more than ${MAX_SOURCE_BYTES >>> 20} MiB of assembly text to read, counting .include files and macro expansions`, 0, where);
    }
    const lines = text.split(/\r?\n/);
    if (!origin) this.sources.set(file, lines);
    const at = (line: number): Pos =>
      origin ? { file: origin.file, line: origin.line + line - 1, seq: this.seq++ } : { file, line, seq: this.seq++ };
    // repetition blocks (.rept/.irp/.irpc … .endr) outside macro bodies: taken out before lexing (their argument lists
    // are not expressions: `.irp t, 8b, 16b`) and expanded in place, in line order among the statements
    const reps = repetitionBlocks(lines);
    const masked = lines.slice();
    for (const r of reps) for (let l = r.line; l <= Math.max(r.line, r.end); l++) masked[l - 1] = '';
    let ri = 0;
    const flushReps = (before: number) => {
      for (; ri < reps.length && reps[ri]!.line < before; ri++) this.repeat(reps[ri]!, lines, file, depth, origin, at);
    };
    const lx = lex(masked.join('\n'));
    /** Where each .macro's .endm is (found once, at the first .macro). */
    let ends: Map<number, number> | undefined;
    /**
     * Macro bodies (1-based line ranges, inclusive, in order, disjoint): neither assembled nor lexed for errors
     * here. Lines are asked about in increasing order, so one cursor walks the list.
     */
    const bodies: [number, number][] = [];
    let bi = 0;
    const inBody = (line: number): boolean => {
      while (bi < bodies.length && bodies[bi]![1] < line) bi++;
      return bi < bodies.length && bodies[bi]![0] <= line;
    };
    let ei = 0;
    const lexErrors = (upTo: number) => {
      for (; ei < lx.errors.length && lx.errors[ei]!.line <= upTo; ei++) {
        const e = lx.errors[ei]!;
        if (!inBody(e.line)) this.error(e.message, e.col, at(e.line));
      }
    };
    for (const st of lx.statements) {
      if (this.exhausted) return;
      const first = st.tokens[0];
      // a macro invocation reads its arguments as text (`RUN add, 4h`): a lexical error after its name is not one
      const call = first?.k === 'id' && this.macros.has(first.text.toLowerCase());
      lexErrors(call ? st.line - 1 : st.line);
      if (call) while (ei < lx.errors.length && lx.errors[ei]!.line === st.line) ei++;
      if (inBody(st.line) || (st.broken && !call)) continue;
      flushReps(st.line);
      this.pos = at(st.line);
      this.lineText = lines[st.line - 1] ?? '';
      try {
        const head = st.tokens[0];
        const dir = head?.k === 'id' ? head.text.toLowerCase() : '';
        if (dir === '.macro') {
          ends ??= macroEnds(lines);
          const end = ends.get(st.line - 1);
          if (end === undefined) throw new AsmFail('.macro without .endm', head!.col);
          bodies.push([st.line + 1, end + 1]);
          this.defineMacro(st.tokens.slice(1), head!.col, lines.slice(st.line, end));
        } else if (dir === '.endm') {
          throw new AsmFail('.endm without .macro', head!.col);
        } else if (dir === '.endr') {
          throw new AsmFail('.endr without .rept, .irp or .irpc', head!.col);
        } else {
          this.statement(this.localRefs(st.tokens), depth);
        }
      } catch (e) {
        if (!(e instanceof AsmFail)) throw e;
        this.error(e.message, e.col);
      }
    }
    lexErrors(Infinity);
    flushReps(Infinity);
  }

  /** A repetition block: each of its bodies assembled like a macro expansion, diagnostics at the body's lines. */
  private repeat(r: RepBlock, lines: readonly string[], file: string, depth: number, origin: { readonly file: string; readonly line: number } | undefined, at: (line: number) => Pos): void {
    this.pos = at(r.line);
    this.lineText = lines[r.line - 1] ?? '';
    try {
      if (r.end < 0) throw new AsmFail(`${r.dir} without .endr`, r.col);
      const count = (t: string): bigint => this.constant(parseWholeExpr(lex(t).statements[0]?.tokens ?? [], r.col), '.rept count');
      const where = { file: origin?.file ?? file, line: (origin ? origin.line - 1 : 0) + r.line + 1 };
      for (const text of repeatBodies(r.dir, r.args, lines.slice(r.line, r.end - 1), count, r.col, MAX_SOURCE_BYTES - this.textRead)) this.source(where.file, text, depth + 1, where);
    } catch (e) {
      if (!(e instanceof AsmFail)) throw e;
      this.error(e.message, e.col);
    }
  }

  private defineMacro(toks: readonly Token[], col: number, body: readonly string[]): void {
    const { name, params } = macroHead(toks, col);
    const key = name.toLowerCase();
    if (this.macros.has(key)) throw new AsmFail(`macro '${name}' is already defined`, toks[0]!.col);
    this.macros.set(key, { name, params, body, file: this.pos.file, firstLine: this.pos.line + 1 });
  }

  private expand(m: Macro, head: { text: string; col: number }, depth: number): void {
    const argText = this.lineText.slice(head.col - 1 + head.text.length);
    const text = expandMacro(m, argText, this.macroSerial++, head.col, MAX_SOURCE_BYTES - this.textRead);
    const saved = { pos: this.pos, lineText: this.lineText };
    this.source(m.file, text, depth + 1, { file: m.file, line: m.firstLine });
    this.pos = saved.pos;
    this.lineText = saved.lineText;
  }

  include(path: string, col: number, depth: number): void {
    const dir = this.pos.file.includes('/') ? this.pos.file.slice(0, this.pos.file.lastIndexOf('/') + 1) : '';
    const full = path.startsWith('/') ? path : dir + path;
    let text = this.included.get(full);
    if (!this.included.has(full)) this.included.set(full, (text = this.opts.read?.(full)));
    if (typeof text !== 'string') return this.error(`cannot read included file '${path}'${text === undefined ? '' : `: ${text.error}`}`, col);
    const saved = this.pos;
    this.source(full, text, depth + 1);
    this.pos = saved;
  }

  private localName(n: number, k: number): string {
    return `.L${n}\u0002${k}`;
  }

  /** Rewrites `1b`/`1f` references to unique names; a leading `1:` defines the next instance of 1. */
  private localRefs(toks: readonly Token[]): Token[] {
    const out: Token[] = [];
    /** Only labels (names and colons) so far: a number followed by ':' here defines a local label. */
    let labels = true;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      const next = toks[i + 1];
      const defines: boolean = labels && t.k === 'num' && next?.k === 'p' && next.text === ':';
      labels &&= defines || t.k === 'id' || t.k === 'lref' || (t.k === 'p' && t.text === ':'); // an lref becomes a name too
      if (defines && t.k === 'num') {
        const n = Number(t.value);
        const k = (this.localCount.get(n) ?? 0) + 1;
        this.localCount.set(n, k);
        out.push({ k: 'id', text: this.localName(n, k), col: t.col });
      } else if (t.k === 'lref') {
        const cur = this.localCount.get(t.n) ?? 0;
        const name = this.localName(t.n, t.dir === 'b' ? cur : cur + 1);
        this.localNames.set(name, `${t.n}${t.dir}`);
        out.push({ k: 'id', text: name, col: t.col });
      } else {
        out.push(t);
      }
    }
    return out;
  }

  private statement(toks: Token[], depth: number): void {
    let i = 0;
    // labels
    while (toks[i]?.k === 'id' && toks[i + 1]?.k === 'p' && (toks[i + 1] as { text: string }).text === ':') {
      const t = toks[i] as { text: string; col: number };
      this.define(t.text, { k: 'label', sec: this.cur, off: this.cur.size, pos: this.pos, col: t.col });
      i += 2;
    }
    const head = toks[i];
    if (!head) return;
    if (head.k !== 'id') throw new AsmFail('expected a label, directive or instruction', head.col);
    const rest = toks.slice(i + 1);
    if (rest[0]?.k === 'p' && rest[0].text === '=') {
      this.define(head.text, { k: 'expr', e: parseWholeExpr(rest.slice(1), rest[0].col + 1), here: { sec: this.cur, off: this.cur.size }, pos: this.pos, col: head.col });
      return;
    }
    if (head.text.startsWith('.')) return directive(this, head.text.toLowerCase(), rest, head.col, depth);
    const macro = this.macros.get(head.text.toLowerCase());
    if (macro) return this.expand(macro, head, depth);
    this.instruction(head.text, head.col, rest);
  }

  private instruction(mn: string, col: number, rest: Token[]): void {
    const ops = parseOperands(rest, 0);
    const sec = this.cur;
    this.cur.code = true;
    if (sec.size % 4 !== 0) this.error('instruction is not 4-byte aligned', col);
    const litOp = ops.find((o) => o.k === 'lit');
    let lit: PoolEntry | undefined;
    if (litOp && litOp.k === 'lit') {
      const first = ops[0];
      const size = first?.k === 'reg' && !first.r.x ? 4 : 8;
      lit = sec.literal(litOp.e, size, this.pos, this.knownConstant(litOp.e));
    }
    const item: InsnItem = lit ? { sec, off: sec.size, mn, ops, pos: this.pos, col, lit } : { sec, off: sec.size, mn, ops, pos: this.pos, col };
    this.insns.push(item);
    sec.reserve(4);
  }

  /** The value of `e` if it is already a constant (no address, every symbol defined), else undefined. */
  private knownConstant(e: Expr): bigint | undefined {
    try {
      const v = this.eval(e);
      return v.sec === undefined ? v.v : undefined;
    } catch (err) {
      if (!(err instanceof AsmFail)) throw err;
      return undefined;
    }
  }

  addData(size: number, e: Expr): void {
    this.data.push({ sec: this.cur, off: this.cur.size, size, e, pos: this.pos });
    this.cur.reserve(size);
  }

  // ---- pass 2 ----------------------------------------------------------------------------------------

  /** Where a problem of the whole program is reported: the first line of the file assembled. */
  private programStart(): Pos {
    return { file: this.sources.keys().next().value ?? '', line: 1, seq: -1 };
  }

  link(): AsmResult {
    for (const s of this.sections) {
      try {
        s.flushPool();
      } catch (e) {
        if (!(e instanceof AsmFail)) throw e;
        this.error(e.message, 0, this.programStart());
      }
    }
    const base = this.opts.base ?? DEFAULT_BASE;
    const used = this.sections.filter((s) => s.size > 0 || s.name === '.text');
    if (this.opts.place) {
      const addrs = this.opts.place(used, base);
      used.forEach((s, k) => (s.base = addrs[k] ?? base));
      used.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
    } else {
      let addr = base;
      for (const s of used) {
        const a = BigInt(Math.max(s.align, s === used[0] ? 1 : 16));
        addr = (addr + a - 1n) & ~(a - 1n);
        s.base = addr;
        addr += BigInt(s.size);
      }
    }
    for (const s of used) {
      const end = s.base + BigInt(s.size);
      if (end > 1n << 64n) this.error(`section ${s.name} (0x${s.base.toString(16)}, 0x${s.size.toString(16)} bytes) ends beyond the 64-bit address space`, 0, this.programStart());
    }
    this.laidOut = true;
    for (const it of this.insns) {
      const env: AsmEnv = {
        addr: it.sec.base + BigInt(it.off),
        value: (e) => this.eval(e, { sec: it.sec, off: it.off }).v,
        literal: () => it.sec.base + BigInt(it.lit!.off),
      };
      try {
        const w = encodeInsn(it.mn, it.ops, env, it.col);
        it.sec.put(it.off, BigInt(w), 4);
      } catch (e) {
        if (!(e instanceof AsmFail)) throw e;
        this.error(e.message, e.col || it.col, it.pos);
      }
    }
    for (const s of this.sections) {
      for (const p of s.pool) {
        try {
          s.put(p.off, this.eval(p.e, { sec: s, off: p.off }).v, p.size);
        } catch (e) {
          if (!(e instanceof AsmFail)) throw e;
          this.error(e.message, e.col, p.pos);
        }
      }
    }
    for (const d of this.data) {
      try {
        const v = this.eval(d.e, { sec: d.sec, off: d.off }).v;
        const bits = BigInt(d.size * 8);
        if (d.size < 8 && (v >= 1n << bits || v < -(1n << (bits - 1n)))) throw new AsmFail(`value 0x${v.toString(16)} does not fit in ${d.size} byte${d.size > 1 ? 's' : ''}`, d.e.col);
        d.sec.put(d.off, v, d.size);
      } catch (e) {
        if (!(e instanceof AsmFail)) throw e;
        this.error(e.message, e.col, d.pos);
      }
    }
    const symbols: AsmSymbol[] = [];
    for (const [name, d] of this.symbols) {
      if (name.startsWith('.L')) continue;
      try {
        const v = this.eval({ k: 'sym', name, col: 0 });
        symbols.push({ name, addr: v.v, global: this.globals.has(name), section: d.k === 'label' ? d.sec.name : undefined });
      } catch (e) {
        if (!(e instanceof AsmFail)) throw e;
        this.error(e.message, d.col, d.pos);
      }
    }
    for (const g of this.globals) if (!this.symbols.has(g)) this.error(`global symbol '${g}' is never defined`, 0);
    const start = this.symbols.get('_start');
    const entry = start && start.k === 'label' ? start.sec.base + BigInt(start.off) : used[0]!.base;
    const diagnostics = [...this.errors]
      .sort((a, b) => a.pos.seq - b.pos.seq)
      .map((e) => ({ file: e.pos.file, line: e.pos.line, col: e.col || 1, message: e.message }));
    return {
      sections: used.map((s) => ({ name: s.name, addr: s.base, bytes: s.bytes(), code: s.code })),
      symbols,
      entry,
      diagnostics,
      listing: this.insns.map((it) => ({ addr: it.sec.base + BigInt(it.off), file: it.pos.file, line: it.pos.line })),
      sources: this.sources,
    };
  }
}

/** Assembles one program (with its .include files) into sections laid out from `opts.base`. */
export function assemble(file: string, text: string, opts: AsmOptions = {}): AsmResult {
  const a = new Assembly(opts);
  a.source(file, text);
  return a.link();
}
