// Instruction operands as written, before any row is chosen: registers, immediates/expressions, memory
// brackets, shift/extend modifiers and `=expr` literals.
import { fail } from './diagnostics.ts';
import { parseExpr, type Expr } from './expr.ts';
import type { Token } from './lexer.ts';

export interface RegName {
  /** 0..31 (31 for sp/wsp and xzr/wzr). */
  readonly n: number;
  /** 64-bit (x, sp, xzr) rather than 32-bit (w, wsp, wzr). */
  readonly x: boolean;
  /** Written as sp / wsp. */
  readonly sp: boolean;
  /** Written as xzr / wzr. */
  readonly zr: boolean;
}

/** A SIMD&FP register as a scalar of one width: b (8 bits), h, s, d, q (128). */
export type FpWidth = 'b' | 'h' | 's' | 'd' | 'q';

export type Opnd =
  | { readonly k: 'reg'; readonly r: RegName; readonly text: string; readonly col: number }
  | { readonly k: 'freg'; readonly n: number; readonly width: FpWidth; readonly text: string; readonly col: number }
  /** A SIMD register with an arrangement (`v0.16b`: `arr` '16b') or one element (`v1.s[2]`: `arr` 's', `index` 2). */
  | { readonly k: 'vreg'; readonly n: number; readonly arr: string; readonly index?: number; readonly text: string; readonly col: number }
  /** An immediate (`#expr`) or a bare expression (label, condition name, system register name…). */
  | { readonly k: 'imm'; readonly e: Expr; readonly hash: boolean; readonly reloc?: string; readonly col: number }
  | { readonly k: 'mem'; readonly items: readonly Opnd[]; readonly wb: boolean; readonly col: number }
  | { readonly k: 'shift'; readonly op: string; readonly amt?: Expr; readonly col: number }
  | { readonly k: 'lit'; readonly e: Expr; readonly col: number }
  /** `#1.5`, `#-0.125`: a floating-point immediate. */
  | { readonly k: 'fimm'; readonly value: number; readonly col: number }
  /** `{v0.16b, v1.16b}` or `{v0.4s-v3.4s}`: SIMD registers of one arrangement, in the order written; `{v0.s, v1.s}[1]`:
   *  one element (`index`) of each. */
  | { readonly k: 'vlist'; readonly regs: readonly number[]; readonly arr: string; readonly index?: number; readonly text: string; readonly col: number };

export const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror', 'msl', 'uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

const ALIASES: Record<string, RegName> = {
  sp: { n: 31, x: true, sp: true, zr: false },
  wsp: { n: 31, x: false, sp: true, zr: false },
  xzr: { n: 31, x: true, sp: false, zr: true },
  wzr: { n: 31, x: false, sp: false, zr: true },
  fp: { n: 29, x: true, sp: false, zr: false },
  lr: { n: 30, x: true, sp: false, zr: false },
};

/** A general-purpose register name (case-insensitive), or undefined. */
export function regName(text: string): RegName | undefined {
  const t = text.toLowerCase();
  const a = ALIASES[t];
  if (a) return a;
  const m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(t);
  if (!m) return undefined;
  return { n: Number(m[2]), x: m[1] === 'x', sp: false, zr: false };
}

/** A SIMD&FP scalar register name (b0…q31, case-insensitive), or undefined. */
export function fpRegName(text: string): { n: number; width: FpWidth } | undefined {
  const m = /^([bhsdq])([0-9]|[12][0-9]|3[01])$/.exec(text.toLowerCase());
  return m ? { n: Number(m[2]), width: m[1] as FpWidth } : undefined;
}

/** A symbol-like bare operand's name (condition, system register, option…), lower-cased, or undefined. */
export function bareName(o: Opnd | undefined): string | undefined {
  return o && o.k === 'imm' && !o.hash && o.e.k === 'sym' ? o.e.name.toLowerCase() : undefined;
}

/** Splits an instruction's operand tokens on top-level commas and parses each operand. */
export function parseOperands(toks: readonly Token[], from: number): Opnd[] {
  const out: Opnd[] = [];
  let i = from;
  if (i >= toks.length) return out;
  for (;;) {
    const r = parseOne(toks, i, false);
    out.push(r.o);
    i = r.next;
    if (i >= toks.length) return out;
    const t = toks[i]!;
    if (t.k !== 'p' || t.text !== ',') fail(`unexpected '${tokText(t)}' after operand`, t.col);
    i++;
    if (i >= toks.length) fail('operand expected after comma', t.col + 1);
  }
}

export function tokText(t: Token): string {
  switch (t.k) {
    case 'id':
    case 'p':
      return t.text;
    case 'num':
      return String(t.value);
    case 'fnum':
      return t.text;
    case 'str':
      return JSON.stringify(t.value);
    case 'lref':
      return `${t.n}${t.dir}`;
  }
}

function isP(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.k === 'p' && t.text === text;
}

/** `{` vreg (`,` vreg)* `}` or `{` vreg `-` vreg `}` (a range counts up modulo 32), every register of one arrangement;
 *  with element sizes (`.b`, `.h`, `.s`, `.d`) the list is followed by the element index `[n]`. */
function parseList(toks: readonly Token[], i: number): { o: Opnd; next: number } {
  const open = toks[i]!;
  const regs: number[] = [];
  let arr: string | undefined;
  let j = i + 1;
  const vreg = (): number => {
    const t = toks[j];
    const m = t?.k === 'id' ? /^v([0-9]|[12][0-9]|3[01])\.(8b|16b|4h|8h|2s|4s|1d|2d|b|h|s|d)$/.exec(t.text.toLowerCase()) : null;
    if (!m) fail(t ? `expected a vector register with an arrangement in the list, not '${tokText(t)}'` : "missing '}'", t?.col ?? open.col);
    if (arr !== undefined && m[2] !== arr) fail(`the registers of a list must have one arrangement (.${arr}, not .${m[2]})`, t!.col);
    arr = m[2]!;
    j++;
    return Number(m[1]);
  };
  regs.push(vreg());
  if (isP(toks[j], '-')) {
    j++;
    const last = vreg();
    for (let r = (regs[0]! + 1) % 32; regs.length < 5 && r !== (last + 1) % 32; r = (r + 1) % 32) regs.push(r);
  } else {
    while (isP(toks[j], ',') && regs.length < 5) {
      j++;
      regs.push(vreg());
    }
  }
  if (regs.length > 4) fail('a register list holds at most 4 registers', open.col);
  if (!isP(toks[j], '}')) fail(toks[j] ? `unexpected '${tokText(toks[j]!)}' in register list` : "missing '}'", toks[j]?.col ?? open.col);
  let end = j + 1;
  let index: number | undefined;
  if (/^[bhsd]$/.test(arr!)) {
    const idx = toks[end + 1];
    if (!isP(toks[end], '[') || idx?.k !== 'num' || !isP(toks[end + 2], ']')) fail(`a list of .${arr} elements needs an element index: {v${regs[0]}.${arr}}[<index>]`, open.col);
    index = Number(idx.value);
    const lanes = 16 >> 'bhsd'.indexOf(arr!);
    if (index >= lanes) fail(`element index ${index} out of range 0..${lanes - 1} for .${arr}`, idx.col);
    end += 3;
  }
  const text = toks.slice(i, end).map(tokText).join('');
  return { o: { k: 'vlist', regs, arr: arr!, index, text, col: open.col }, next: end };
}

function parseOne(toks: readonly Token[], i: number, inMem: boolean): { o: Opnd; next: number } {
  const t = toks[i]!;
  if (isP(t, '{') && !inMem) return parseList(toks, i);
  if (isP(t, '[')) {
    if (inMem) fail("nested '['", t.col);
    const items: Opnd[] = [];
    let j = i + 1;
    for (;;) {
      if (j >= toks.length) fail("missing ']'", t.col);
      const r = parseOne(toks, j, true);
      items.push(r.o);
      j = r.next;
      if (isP(toks[j], ',')) {
        j++;
        continue;
      }
      if (isP(toks[j], ']')) break;
      fail(toks[j] ? `unexpected '${tokText(toks[j]!)}' in address` : "missing ']'", toks[j]?.col ?? t.col);
    }
    j++;
    const wb = isP(toks[j], '!');
    if (wb) j++;
    return { o: { k: 'mem', items, wb, col: t.col }, next: j };
  }
  if (isP(t, '=')) {
    const r = parseExpr(toks, i + 1);
    return { o: { k: 'lit', e: r.e, col: t.col }, next: r.next };
  }
  if (t.k === 'id') {
    const reg = regName(t.text);
    const nextTok = toks[i + 1];
    const ends = nextTok === undefined || isP(nextTok, ',') || isP(nextTok, ']');
    if (reg && ends) return { o: { k: 'reg', r: reg, text: t.text.toLowerCase(), col: t.col }, next: i + 1 };
    const vm = /^v([0-9]|[12][0-9]|3[01])\.(8b|16b|4h|8h|2s|4s|1d|2d|1q|b|h|s|d)$/.exec(t.text.toLowerCase());
    if (vm) {
      const n = Number(vm[1]);
      const arr = vm[2]!;
      if (isP(nextTok, '[')) {
        const idx = toks[i + 2];
        if (/^\d/.test(arr) || idx?.k !== 'num' || !isP(toks[i + 3], ']')) fail(`invalid element '${t.text}[…]': expected v<n>.<b|h|s|d>[<index>]`, t.col);
        return { o: { k: 'vreg', n, arr, index: Number(idx.value), text: t.text.toLowerCase(), col: t.col }, next: i + 4 };
      }
      if (ends) return { o: { k: 'vreg', n, arr, text: t.text.toLowerCase(), col: t.col }, next: i + 1 };
    }
    const freg = fpRegName(t.text);
    if (freg && ends) return { o: { k: 'freg', ...freg, text: t.text.toLowerCase(), col: t.col }, next: i + 1 };
    const low = t.text.toLowerCase();
    if (/^[xw]([0-9]+|sp)$/.test(low) && !reg) fail(`invalid register '${t.text}'`, t.col);
    if (SHIFT_NAMES.includes(low)) {
      if (ends) return { o: { k: 'shift', op: low, col: t.col }, next: i + 1 };
      let j = i + 1;
      if (isP(toks[j], '#')) j++;
      const r = parseExpr(toks, j);
      return { o: { k: 'shift', op: low, amt: r.e, col: t.col }, next: r.next };
    }
  }
  let j = i;
  const hash = isP(t, '#');
  if (hash) j++;
  const neg = isP(toks[j], '-') ? 1 : 0;
  const f = toks[j + neg];
  if (f?.k === 'fnum') return { o: { k: 'fimm', value: neg ? -f.value : f.value, col: t.col }, next: j + neg + 1 };
  let reloc: string | undefined;
  if (isP(toks[j], ':') && toks[j + 1]?.k === 'id' && isP(toks[j + 2], ':')) {
    reloc = (toks[j + 1] as { text: string }).text.toLowerCase();
    j += 3;
  }
  const r = parseExpr(toks, j);
  const o: Opnd = reloc === undefined ? { k: 'imm', e: r.e, hash, col: t.col } : { k: 'imm', e: r.e, hash, reloc, col: t.col };
  return { o, next: r.next };
}
