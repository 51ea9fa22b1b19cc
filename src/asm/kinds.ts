// Operand kinds: each prints field values the way objdump does and fills fields from what was written.
import { fail } from './diagnostics.ts';
import { widthOf, type FieldSet, type Fields, type OpKind } from './forms.ts';
import { bareName, type FpWidth, type Opnd } from './operands.ts';

const M64 = (1n << 64n) - 1n;

/** The written operand at i, or a "missing operand" failure. */
export function need(ops: readonly Opnd[], i: number): Opnd {
  const o = ops[i];
  if (!o) fail(`missing operand ${i + 1}`, ops[i - 1]?.col ?? 0);
  return o;
}

// ---------------------------------------------------------------------------------------------------------
// Registers

/** How a register operand's width (x or w) relates to the fields. */
export type Width =
  | 'x'
  | 'w'
  /** Width chosen by a field: `x` value for 64-bit, `w` value for 32-bit (sf, size, opc…). */
  | { readonly field: string; readonly x: number; readonly w: number }
  /** Width decided by a later operand (extend); `$name` holds 1 for x between operands. */
  | { readonly pseudo: string; readonly isX: (f: Fields) => boolean };

export const SF: Width = { field: 'sf', x: 1, w: 0 };

function isX(width: Width, f: Fields): boolean {
  if (width === 'x') return true;
  if (width === 'w') return false;
  if ('field' in width) return f[width.field] === width.x;
  return width.isX(f);
}

export function regText(n: number, x: boolean, sp: boolean): string {
  if (n === 31) return sp ? (x ? 'sp' : 'wsp') : x ? 'xzr' : 'wzr';
  return (x ? 'x' : 'w') + n;
}

/** A general-purpose register in `field`; register 31 is SP when `sp`, else the zero register. */
export function reg(field: string, width: Width = SF, sp = false): OpKind {
  return {
    print: (f) => regText(f[field]!, isX(width, f), sp),
    match(ops, i, fs) {
      const o = need(ops, i);
      if (o.k !== 'reg') fail(`operand ${i + 1} must be a register`, o.col);
      matchReg(o, field, width, sp, fs);
      return i + 1;
    },
  };
}

export function matchReg(o: Opnd & { k: 'reg' }, field: string, width: Width, sp: boolean, fs: FieldSet): void {
  const r = o.r;
  if (sp && r.zr) fail(`${o.text} is not allowed here (register 31 means sp)`, o.col);
  if (!sp && r.sp) fail(`${o.text} is not allowed here (register 31 means ${r.x ? 'xzr' : 'wzr'})`, o.col);
  if (width === 'x' && !r.x) fail(`expected a 64-bit register, not ${o.text}`, o.col);
  if (width === 'w' && r.x) fail(`expected a 32-bit register, not ${o.text}`, o.col);
  if (typeof width === 'object') {
    if ('field' in width) fs.set(width.field, r.x ? width.x : width.w, `register width mismatch at ${o.text}`, o.col);
    else fs.set(width.pseudo, r.x ? 1 : 0, `register width mismatch at ${o.text}`, o.col);
  }
  fs.set(field, r.n, `register ${o.text} does not match an earlier operand`, o.col);
}

/** A SIMD&FP register in `field` as a scalar of `width` (b0, h1, s2, d3, q4). */
export function freg(field: string, width: FpWidth): OpKind {
  return {
    print: (f) => `${width}${f[field]!}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      if (o.k !== 'freg') fail(`operand ${i + 1} must be a SIMD&FP register (${width}0-${width}31)`, o.col);
      if (o.width !== width) fail(`expected a ${width} register, not ${o.text}`, o.col);
      fs.set(field, o.n, `register ${o.text} does not match an earlier operand`, o.col);
      return i + 1;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Immediates

/** A numeric view of fields: value as printed/written, and the inverse with precise range errors. */
export interface Acc {
  get(f: Fields): bigint;
  set(v: bigint, fs: FieldSet, col: number): void;
}

function concatGet(f: Fields, fields: readonly string[]): { v: bigint; bits: number } {
  let v = 0n;
  let bits = 0;
  for (const name of fields) {
    const w = widthOf(f, name);
    v = (v << BigInt(w)) | BigInt(f[name] ?? 0);
    bits += w;
  }
  return { v, bits };
}

function concatSet(v: bigint, fs: FieldSet, fields: readonly string[]): void {
  for (let k = fields.length - 1; k >= 0; k--) {
    const w = widthOf(fs.v, fields[k]!);
    fs.set(fields[k]!, Number(v & ((1n << BigInt(w)) - 1n)));
    v >>= BigInt(w);
  }
}

export function human(bytes: bigint): string {
  for (const [unit, size] of [['GiB', 1n << 30n], ['MiB', 1n << 20n], ['KiB', 1n << 10n]] as const)
    if (bytes >= size && bytes % size === 0n) return `${bytes / size} ${unit}`;
  return `${bytes}`;
}

/**
 * Fields (concatenated MSB first) read as an unsigned (or, with `signed`, two's complement) number times
 * `scale`. `what` names the quantity in errors ("offset", "immediate", "branch target"); `pm` prints the range
 * as ±size (PC-relative targets).
 */
export function num(fields: string | readonly string[], opts: { scale?: number; signed?: boolean; what?: string; pm?: boolean; bias?: number } = {}): Acc {
  const names = typeof fields === 'string' ? [fields] : fields;
  const scale = BigInt(opts.scale ?? 1);
  const what = opts.what ?? 'immediate';
  const bias = BigInt(opts.bias ?? 0);
  const bitsOf = (f: Fields) => names.reduce((a, n) => a + widthOf(f, n), 0);
  return {
    get(f) {
      let { v, bits } = concatGet(f, names);
      if (opts.signed && v >> BigInt(bits - 1)) v -= 1n << BigInt(bits);
      return (v + bias) * scale;
    },
    set(v, fs, col) {
      const bits = bitsOf(fs.v);
      if (v % scale !== 0n) fail(`${what} not a multiple of ${scale}`, col);
      const q = v / scale - bias;
      const lo = opts.signed ? -(1n << BigInt(bits - 1)) : 0n;
      const hi = opts.signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
      if (q < lo || q > hi) {
        if (opts.pm) fail(`${what} out of range ±${human((1n << BigInt(bits - 1)) * scale)}`, col);
        fail(`${what} out of range ${(lo + bias) * scale}..${(hi + bias) * scale}`, col);
      }
      concatSet(q & ((1n << BigInt(bits)) - 1n), fs, names);
    },
  };
}

export type ImmFmt = 'hex' | 'dec';

export function fmtImm(v: bigint, fmt: ImmFmt): string {
  return fmt === 'hex' ? (v < 0n ? '#-0x' + (-v).toString(16) : '#0x' + v.toString(16)) : '#' + v.toString();
}

/** Applies a `:reloc:` operator to a resolved value (we link ourselves, so relocations resolve at once). */
function applyReloc(name: string | undefined, v: bigint, col: number): bigint {
  if (name === undefined) return v;
  if (name === 'lo12' || name === 'lo12_nc') return v & 0xfffn;
  const g = /^abs_g([0-3])(_nc|_s)?$/.exec(name);
  if (g) return (v >> BigInt(16 * Number(g[1]))) & 0xffffn;
  return fail(`unsupported relocation operator :${name}:`, col);
}

/** Reads a written immediate operand's value (with `#` or not, with a :reloc: operator or not). */
export function immValue(o: Opnd, env: { value(e: import('./expr.ts').Expr): bigint }, what = 'an immediate'): bigint {
  if (o.k !== 'imm') fail(`expected ${what}`, o.col);
  return applyReloc(o.reloc, env.value(o.e), o.col);
}

/** `#imm`: printed hex or decimal. */
export function imm(acc: Acc, fmt: ImmFmt = 'hex'): OpKind {
  return {
    print: (f) => fmtImm(acc.get(f), fmt),
    match(ops, i, fs, env) {
      const o = need(ops, i);
      acc.set(immValue(o, env), fs, o.col);
      return i + 1;
    },
  };
}

/** An optional trailing immediate that objdump leaves out when it equals `dflt`. */
export function optImm(acc: Acc, dflt: bigint, fmt: ImmFmt = 'hex'): OpKind {
  return {
    print: (f) => {
      const v = acc.get(f);
      return v === dflt ? undefined : fmtImm(v, fmt);
    },
    match(ops, i, fs, env) {
      const o = ops[i];
      if (!o) {
        acc.set(dflt, fs, 0);
        return i;
      }
      acc.set(immValue(o, env), fs, o.col);
      return i + 1;
    },
  };
}

/** A PC-relative target: `acc` holds the offset from the instruction (or from its 4 KiB page when `page`). */
export function label(acc: Acc, page = false): OpKind {
  const base = (a: bigint) => (page ? a & ~0xfffn : a);
  return {
    print: (f, env) => env.label((base(env.addr) + acc.get(f)) & M64),
    match(ops, i, fs, env) {
      const o = need(ops, i);
      if (o.k !== 'imm' || o.reloc !== undefined) fail('expected a label or address', o.col);
      const target = env.value(o.e);
      acc.set(BigInt.asIntN(64, base(target) - base(env.addr)), fs, o.col); // addresses wrap modulo 2^64
      return i + 1;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Named operands

/** A field printed by name from a table (conditions, barrier options, prefetch ops…), else as `#imm`. */
export function named(acc: Acc, names: (v: number) => string | undefined, lookup: (name: string) => number | undefined, what: string, other: (v: number) => string = (v) => fmtImm(BigInt(v), 'hex')): OpKind {
  return {
    print: (f) => {
      const v = Number(acc.get(f));
      return names(v) ?? other(v);
    },
    match(ops, i, fs, env) {
      const o = need(ops, i);
      const n = bareName(o);
      if (n !== undefined) {
        const v = lookup(n);
        if (v === undefined) fail(`unknown ${what} '${n}'`, o.col);
        acc.set(BigInt(v), fs, o.col);
        return i + 1;
      }
      if (o.k !== 'imm') fail(`expected a ${what}`, o.col);
      acc.set(immValue(o, env), fs, o.col);
      return i + 1;
    },
  };
}

export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
const COND_EXTRA: Record<string, number> = { hs: 2, lo: 3 };

export function condCode(name: string): number | undefined {
  const i = COND_NAMES.indexOf(name);
  return i >= 0 ? i : COND_EXTRA[name];
}

/** A condition name in `field`; `invert` for aliases that print the inverse (CSET, CINC…). */
export function cond(field: string, invert = false): OpKind {
  return {
    print: (f) => COND_NAMES[f[field]! ^ (invert ? 1 : 0)]!,
    match(ops, i, fs) {
      const o = need(ops, i);
      const n = bareName(o);
      const c = n === undefined ? undefined : condCode(n);
      if (c === undefined) fail('expected a condition (eq, ne, cs, …)', o.col);
      if (invert && c >= 14) fail(`condition ${n} cannot be inverted here`, o.col);
      fs.set(field, invert ? c ^ 1 : c, 'condition does not agree', o.col);
      return i + 1;
    },
  };
}

/** A fixed piece of text (printed as is, matched case-insensitively as a bare name). */
export function word(text: string): OpKind {
  return {
    print: () => text,
    match(ops, i) {
      const o = need(ops, i);
      if (bareName(o) !== text.toLowerCase()) fail(`expected '${text}'`, o.col);
      return i + 1;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Shifts and extends

export const SHIFT_OPS = ['lsl', 'lsr', 'asr', 'ror'];

/** Optional `, <shift> #amount` on a register operand (shifted-register forms); `lsl #0` is left out. */
export function shifted(typeField: string, amtField: string, allowRor: boolean): OpKind {
  return {
    print: (f) => (f[typeField] === 0 && f[amtField] === 0 ? undefined : `${SHIFT_OPS[f[typeField]!]} #${f[amtField]}`),
    match(ops, i, fs, env) {
      const o = ops[i];
      if (!o) {
        fs.set(typeField, 0);
        fs.set(amtField, 0);
        return i;
      }
      if (o.k !== 'shift' || !SHIFT_OPS.includes(o.op) || (o.op === 'ror' && !allowRor)) fail(`expected ${allowRor ? 'lsl, lsr, asr or ror' : 'lsl, lsr or asr'}`, o.col);
      if (o.amt === undefined) fail(`missing shift amount after ${o.op}`, o.col);
      const amt = env.value(o.amt);
      const sf = fs.get('sf');
      const max = sf === 0 ? 31n : 63n;
      if (amt < 0n || amt > max) fail(`shift amount out of range 0..${max}`, o.col);
      fs.set(typeField, SHIFT_OPS.indexOf(o.op));
      fs.set(amtField, Number(amt));
      return i + 1;
    },
  };
}

/** Optional `, lsl #n` whose amount is field × step (ADD #imm, lsl #12; MOVZ …, lsl #16·hw). */
export function lslStep(field: string, step: number, maxField?: (f: Fields) => number): OpKind {
  return {
    print: (f) => (f[field] === 0 ? undefined : `lsl #${f[field]! * step}`),
    match(ops, i, fs, env) {
      const o = ops[i];
      if (!o) {
        if (!fs.has(field)) fs.set(field, 0);
        return i;
      }
      if (o.k !== 'shift' || o.op !== 'lsl' || o.amt === undefined) fail('expected lsl #amount', o.col);
      const amt = env.value(o.amt);
      const max = maxField ? maxField(fs.v) : 1;
      if (amt % BigInt(step) !== 0n || amt < 0n || amt > BigInt(max * step)) {
        const allowed = Array.from({ length: max + 1 }, (_, k) => k * step).join(', ');
        fail(`shift must be lsl #${allowed}`, o.col);
      }
      fs.set(field, Number(amt / BigInt(step)));
      return i + 1;
    },
  };
}

export const EXTEND_OPS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/** objdump's note after a condition: `eq = none`, `b.none` (SVE-style condition names). */
const COND_NOTE: Record<string, string> = { eq: 'none', ne: 'any', cs: 'hs, nlast', cc: 'lo, ul, last', mi: 'first', pl: 'nfrst', hi: 'pmore', ls: 'plast', ge: 'tcont', lt: 'tstop' };

/** The `// eq = none` comment of a conditional instruction (none for conditions without SVE names). */
export function condComment(field: string, invert = false): { text: (f: Fields) => string; style: 'tab' } {
  return { text: (f) => condNote(COND_NAMES[f[field]! ^ (invert ? 1 : 0)]!, false), style: 'tab' };
}

/** Note text for a condition: `eq = none`, or for B.cond `b.none`; '' when objdump prints none. */
export function condNote(name: string, branch: boolean): string {
  const n = COND_NOTE[name];
  if (n === undefined) return '';
  return branch ? n.split(', ').map((x) => `b.${x}`).join(', ') : `${name} = ${n}`;
}

/** An extended-register operand `Rm{, extend {#amount}}` (ADD/SUB extended): Rm's width follows option. */
export function extendedRm(rdIsSp: boolean): OpKind[] {
  const spBase = (f: Fields) => f.Rn === 31 || (rdIsSp && f.Rd === 31);
  const rmX = (f: Fields) => f.sf === 1 && (f.option! & 3) === 3;
  const rm = reg('Rm', { pseudo: '$mx', isX: rmX });
  const ext: OpKind = {
    print(f) {
      const opt = f.option!;
      const amt = f.imm3!;
      const spForm = spBase(f) && opt === (f.sf === 1 ? 3 : 2);
      if (spForm) return amt === 0 ? undefined : `lsl #${amt}`;
      return amt === 0 ? EXTEND_OPS[opt] : `${EXTEND_OPS[opt]} #${amt}`;
    },
    match(ops, i, fs, env) {
      const o = ops[i];
      const x = fs.get('$mx') === 1;
      const sf = fs.get('sf');
      let opt: number;
      let amt = 0n;
      if (!o) {
        opt = sf === 1 ? 3 : 2;
      } else {
        if (o.k !== 'shift' || (o.op !== 'lsl' && !EXTEND_OPS.includes(o.op))) fail('expected an extend (uxtb … sxtx) or lsl', o.col);
        if (o.op === 'lsl') {
          if (!spBase(fs.v)) fail('lsl is only allowed here when an operand is sp', o.col);
          opt = sf === 1 ? 3 : 2;
        } else opt = EXTEND_OPS.indexOf(o.op);
        if (o.amt !== undefined) amt = env.value(o.amt);
        if (amt < 0n || amt > 4n) fail('extend amount out of range 0..4', o.col);
      }
      const needX = sf === 1 && (opt & 3) === 3;
      if (x !== needX) fail(needX ? 'this extend needs a 64-bit Rm' : 'this extend needs a 32-bit Rm', o?.col ?? 0);
      fs.set('option', opt);
      fs.set('imm3', Number(amt));
      return o ? i + 1 : i;
    },
  };
  return [rm, ext];
}
