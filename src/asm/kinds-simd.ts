// Operand kinds of the Advanced SIMD moves: vector registers with an arrangement (`v0.4s`), single elements
// (`v1.s[2]`) whose size and index are packed in imm5 (and imm4) as the Arm ARM's copy group encodes them, the upper
// doubleword `v1.d[1]` of FMOV, and FMOV's 8-bit floating-point immediate.
import { advSimdExpandImm, imm5Size, vfpExpandImm } from '../arch/a64/simd.ts';
import { fail } from './diagnostics.ts';
import type { FieldSet, Fields, OpKind } from './forms.ts';
import { need } from './kinds.ts';
import type { Opnd } from './operands.ts';

const ELEM = 'bhsd';
/** Arrangements by size (log2 element bytes) * 2 + Q; 1d (size 3, Q = 0) is reserved in this group. */
const ARR = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];

function vreg(o: Opnd, i: number, want: string): Opnd & { k: 'vreg' } {
  if (o.k !== 'vreg') fail(`operand ${i + 1} must be a vector register ${want}`, o.col);
  return o;
}

function setSize(fs: FieldSet, s: number, col: number): void {
  fs.set('$size', s, 'element sizes do not agree', col);
}

/** An element in `field` with size and index in imm5 (`v1.s[2]`: imm5 = index << (size + 1) | 1 << size). */
export function elem5(field: string): OpKind {
  return {
    print: (f) => {
      const s = imm5Size(f.imm5!);
      return `v${f[field]!}.${ELEM[s]}[${f.imm5! >>> (s + 1)}]`;
    },
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, 'element (v<n>.<b|h|s|d>[<index>])');
      const s = ELEM.indexOf(o.arr);
      if (s < 0 || o.index === undefined) fail(`expected an element such as v${o.n}.s[0], not ${o.text}`, o.col);
      if (o.index >= 16 >> s) fail(`element index ${o.index} out of range 0..${(16 >> s) - 1} for .${o.arr}`, o.col);
      setSize(fs, s, o.col);
      fs.set(field, o.n);
      fs.set('imm5', (o.index << (s + 1)) | (1 << s), 'element operands do not agree', o.col);
      return i + 1;
    },
  };
}

/** INS (element)'s source: the size imm5 gave, the index in imm4 (index << size). */
export function elem4(field: string): OpKind {
  return {
    print: (f) => {
      const s = imm5Size(f.imm5!);
      return `v${f[field]!}.${ELEM[s]}[${f.imm4! >>> s}]`;
    },
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, 'element (v<n>.<b|h|s|d>[<index>])');
      const s = ELEM.indexOf(o.arr);
      if (s < 0 || o.index === undefined) fail(`expected an element such as v${o.n}.s[0], not ${o.text}`, o.col);
      if (o.index >= 16 >> s) fail(`element index ${o.index} out of range 0..${(16 >> s) - 1} for .${o.arr}`, o.col);
      setSize(fs, s, o.col);
      fs.set(field, o.n);
      fs.set('imm4', o.index << s);
      return i + 1;
    },
  };
}

/** A whole vector in `field` whose arrangement is Q and the size imm5 (or `$size`) names. */
export function arr5(field: string): OpKind {
  return {
    print: (f) => `v${f[field]!}.${ARR[imm5Size(f.imm5!) * 2 + f.Q!]}`,
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, 'with an arrangement (v<n>.<8b|16b|4h|8h|2s|4s|2d>)');
      const a = ARR.indexOf(o.arr);
      if (a < 0 || o.index !== undefined || o.arr === '1d') fail(`expected an arrangement 8b, 16b, 4h, 8h, 2s, 4s or 2d, not ${o.text}`, o.col);
      setSize(fs, a >> 1, o.col);
      fs.set('Q', a & 1);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** `v<n>.d[1]`: FMOV's upper doubleword. */
export function upperD(field: string): OpKind {
  return {
    print: (f) => `v${f[field]!}.d[1]`,
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, 'element v<n>.d[1]');
      if (o.arr !== 'd' || o.index !== 1) fail(`expected v${o.n}.d[1], not ${o.text}${o.index === undefined ? '' : `[${o.index}]`}`, o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** The value of VFPExpandImm(imm8) for a single (`double` false) or double. */
function fpImmValue(imm8: number, double: boolean): number {
  const top = vfpExpandImm(imm8, double);
  const b = new DataView(new ArrayBuffer(8));
  if (!double) {
    b.setUint32(0, top);
    return b.getFloat32(0);
  }
  b.setUint32(0, top);
  return b.getFloat64(0);
}

/** objdump prints the value with printf's %.18e: `#1.000000000000000000e+00`. */
function fmtFp(v: number): string {
  const [m, e] = v.toExponential(18).split('e');
  const n = Number(e);
  return `#${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** FMOV's `#imm`: an 8-bit float (±(16 + m)/16 × 2^e, m in 0..15, e in -3..4); ftype picks single or double. */
export function fpImm8(split = false, double?: boolean): OpKind {
  const get = (f: Fields): number => (split ? (f.abc! << 5) | f.defgh! : f.imm8!);
  return {
    print: (f) => fmtFp(fpImmValue(get(f), double ?? f.ftype === 1)),
    match(ops, i, fs, env) {
      const o = need(ops, i);
      let v: number;
      if (o.k === 'fimm') v = o.value;
      else if (o.k === 'imm') v = Number(BigInt.asIntN(64, env.value(o.e)));
      else fail(`expected a floating-point immediate such as #1.0`, o.col);
      for (let imm8 = 0; imm8 < 256; imm8++) {
        if (fpImmValue(imm8, false) === v) {
          if (split) {
            fs.set('abc', imm8 >>> 5);
            fs.set('defgh', imm8 & 31);
          } else {
            fs.set('imm8', imm8);
          }
          return i + 1;
        }
      }
      return fail(`${v} cannot be encoded as an 8-bit floating-point immediate (±n/16 × 2^e, n in 16..31, e in -3..4)`, o.col);
    },
  };
}

/** A whole vector in `field` whose arrangement is the size field and Q (`byteOnly`: 8b/16b by Q, the size field being
 *  part of the opcode, as in the logical group). */
export function arrSQ(field: string, byteOnly = false): OpKind {
  return {
    print: (f) => `v${f[field]!}.${ARR[(byteOnly ? 0 : f.size! * 2) + f.Q!]}`,
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, 'with an arrangement (v<n>.<8b|16b|4h|8h|2s|4s|2d>)');
      const a = ARR.indexOf(o.arr);
      if (a < 0 || o.index !== undefined || o.arr === '1d') fail(`expected an arrangement 8b, 16b, 4h, 8h, 2s, 4s or 2d, not ${o.text}`, o.col);
      if (byteOnly && a > 1) fail(`expected an arrangement 8b or 16b, not ${o.text}`, o.col);
      if (!byteOnly) fs.set('size', a >> 1, 'arrangements do not agree', o.col);
      fs.set('Q', a & 1, 'arrangements do not agree', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** A whole vector in `field` with one arrangement whatever Q is (the other operand's arrangement sets Q). */
export function arrFixed(field: string, arr: string): OpKind {
  return {
    print: (f) => `v${f[field]!}.${arr}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      if (o.k !== 'vreg' || o.index !== undefined || o.arr !== arr) fail(`operand ${i + 1} must be a vector register v<n>.${arr}`, o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** A whole vector in `field` with one of two arrangements chosen by Q (`q0` undefined: Q must be 1). */
export function arrQ(field: string, q0: string | undefined, q1: string): OpKind {
  return {
    print: (f) => `v${f[field]!}.${f.Q === 1 ? q1 : q0}`,
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, `v<n>.${q0 === undefined ? q1 : `<${q0}|${q1}>`}`);
      if (o.index !== undefined || (o.arr !== q1 && o.arr !== q0)) fail(`expected v${o.n}.${q0 === undefined ? q1 : `${q0} or v${o.n}.${q1}`}, not ${o.text}`, o.col);
      fs.set('Q', o.arr === q1 ? 1 : 0, 'arrangements do not agree', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** `msl #8` / `msl #16` from the shift field (MOVI/MVNI with ones shifted in). */
export function mslAmount(field: string): OpKind {
  return {
    print: (f) => `msl #${8 << f[field]!}`,
    match(ops, i, fs, env) {
      const o = need(ops, i);
      if (o.k !== 'shift' || o.op !== 'msl' || o.amt === undefined) fail('expected msl #8 or msl #16', o.col);
      const a = env.value(o.amt);
      if (a !== 8n && a !== 16n) fail('expected msl #8 or msl #16', o.col);
      fs.set(field, a === 8n ? 0 : 1);
      return i + 1;
    },
  };
}

/** MOVI's 64-bit byte mask: `#0xff00ff00ff00ff00`, each byte 0x00 or 0xff (a bit of abc:defgh each). */
export function byteMask(): OpKind {
  const t = new Uint32Array(2);
  return {
    print: (f) => {
      advSimdExpandImm(1, 14, (f.abc! << 5) | f.defgh!, t);
      return `#0x${((BigInt(t[1]!) << 32n) | BigInt(t[0]!)).toString(16)}`;
    },
    match(ops, i, fs, env) {
      const o = need(ops, i);
      if (o.k !== 'imm') fail('expected a 64-bit immediate whose bytes are 0x00 or 0xff', o.col);
      const v = BigInt.asUintN(64, env.value(o.e));
      let imm8 = 0;
      for (let b = 0; b < 8; b++) {
        const byte = (v >> BigInt(8 * b)) & 0xffn;
        if (byte !== 0n && byte !== 0xffn) fail(`0x${v.toString(16)} is not a mask of 0x00 and 0xff bytes`, o.col);
        if (byte === 0xffn) imm8 |= 1 << b;
      }
      fs.set('abc', imm8 >>> 5);
      fs.set('defgh', imm8 & 31);
      return i + 1;
    },
  };
}

/** A scalar register b/h/s/d named by the size field plus `wider` (ADDLV's result is twice the element size). */
export function scalarBySize(field: string, wider: number): OpKind {
  return {
    print: (f) => `${'bhsd'[f.size! + wider]}${f[field]!}`,
    match(ops, i, fs) {
      const o = need(ops, i);
      if (o.k !== 'freg' || o.width === 'q') fail(`operand ${i + 1} must be a scalar b, h, s or d register`, o.col);
      const s = 'bhsd'.indexOf(o.width) - wider;
      if (s < 0) fail(`${o.text} is too narrow here`, o.col);
      fs.set('size', s, 'the scalar and the arrangement do not agree', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/**
 * A list of `count` consecutive vector registers (modulo 32) from `field`, one arrangement from size and Q (`.1d`
 * included) or, when `fixed` names one (TBL's `16b`), that arrangement whatever the fields: `{v0.16b}`,
 * `{v0.16b, v1.16b}`, and for three or four a range `{v0.4s-v3.4s}` unless it wraps past v31, as objdump prints them;
 * either spelling is accepted.
 */
export function vlist(field: string, count: number, fixed?: string): OpKind {
  return {
    print: (f) => listText(f[field]!, count, fixed ?? ARR[f.size! * 2 + f.Q!]!),
    match(ops, i, fs) {
      const o = listOf(ops, i, count);
      if (fixed !== undefined) {
        if (o.arr !== fixed) fail(`the registers of this list must be .${fixed}, not .${o.arr}`, o.col);
      } else {
        const a = ARR.indexOf(o.arr);
        if (a < 0) fail(`expected an arrangement such as .16b in the list, not .${o.arr}`, o.col);
        fs.set('size', a >> 1, 'arrangements do not agree', o.col);
        fs.set('Q', a & 1, 'arrangements do not agree', o.col);
      }
      fs.set(field, o.regs[0]!);
      return i + 1;
    },
  };
}

/**
 * A single-structure list `{v0.s, v1.s}[1]`: `count` registers from `field`, one element of size `esize` (log2 bytes)
 * whose index is packed as the single-structure rows pack it: B Q:S:size, H Q:S:sz, S Q:S, D Q.
 */
export function vlistLane(field: string, count: number, esize: number): OpKind {
  const low = ['size', 'sz', undefined, undefined][esize]; // the bits below S in the index
  const lowBits = esize === 0 ? 2 : esize === 1 ? 1 : 0;
  return {
    print: (f) => {
      const index = esize === 3 ? f.Q! : (((f.Q! << 1) | f.S!) << lowBits) | (low === undefined ? 0 : f[low]!);
      return `${listText(f[field]!, count, ELEM[esize]!)}[${index}]`;
    },
    match(ops, i, fs) {
      const o = listOf(ops, i, count);
      if (o.arr !== ELEM[esize] || o.index === undefined) fail(`expected a list of .${ELEM[esize]} elements such as {v${o.regs[0]}.${ELEM[esize]}}[0], not ${o.text}`, o.col);
      if (esize === 3) fs.set('Q', o.index); // the parser checked the index against the element size
      else {
        fs.set('Q', o.index >>> (lowBits + 1));
        fs.set('S', (o.index >>> lowBits) & 1);
        if (low !== undefined) fs.set(low, o.index & ((1 << lowBits) - 1));
      }
      fs.set(field, o.regs[0]!);
      return i + 1;
    },
  };
}

/** objdump's text of a list of `count` registers from `first`, each `.t`. */
function listText(first: number, count: number, t: string): string {
  const regs = Array.from({ length: count }, (_, k) => (first + k) % 32);
  if (count > 2 && regs[count - 1]! > regs[0]!) return `{v${regs[0]}.${t}-v${regs[count - 1]}.${t}}`;
  return `{${regs.map((r) => `v${r}.${t}`).join(', ')}}`;
}

/** Operand i as a list of `count` consecutive registers. */
function listOf(ops: readonly Opnd[], i: number, count: number): Opnd & { k: 'vlist' } {
  const o = need(ops, i);
  if (o.k !== 'vlist') fail(`operand ${i + 1} must be a list of ${count} vector register${count > 1 ? 's' : ''} such as {v0.16b${count > 1 ? ', v1.16b' : ''}}`, o.col);
  if (o.regs.length !== count) fail(`expected ${count} register${count > 1 ? 's' : ''} in the list, not ${o.regs.length}`, o.col);
  if (o.regs.some((r, k) => r !== (o.regs[0]! + k) % 32)) fail(`the registers of ${o.text} must be consecutive`, o.col);
  return o;
}

/** A whole vector in `field` of the shift-by-immediate group: the element size is HighestSetBit(immh), with Q
 *  (`v0.4s`); the shift operand then sets immh:immb. */
export function arrImmh(field: string): OpKind {
  return {
    print: (f) => `v${f[field]!}.${ARR[(31 - Math.clz32(f.immh!)) * 2 + f.Q!]}`,
    match(ops, i, fs) {
      const o = vreg(need(ops, i), i, 'with an arrangement (v<n>.<8b|16b|4h|8h|2s|4s|2d>)');
      const a = ARR.indexOf(o.arr);
      if (a < 0 || o.index !== undefined || o.arr === '1d') fail(`expected an arrangement 8b, 16b, 4h, 8h, 2s, 4s or 2d, not ${o.text}`, o.col);
      setSize(fs, a >> 1, o.col);
      fs.set('Q', a & 1, 'arrangements do not agree', o.col);
      fs.set(field, o.n);
      return i + 1;
    },
  };
}

/** The shift of the shift-by-immediate group, `#n`: left, immh:immb = esize + n (0 ≤ n < esize); right,
 *  immh:immb = esize·2 − n (1 ≤ n ≤ esize). */
export function shiftImmh(left: boolean): OpKind {
  return {
    print: (f) => {
      const esize = 8 << (31 - Math.clz32(f.immh!));
      const immhb = (f.immh! << 3) | f.immb!;
      return `#${left ? immhb - esize : esize * 2 - immhb}`;
    },
    match(ops, i, fs, env) {
      const o = need(ops, i);
      if (o.k !== 'imm') fail('expected a shift amount #n', o.col);
      const esize = 8 << fs.get('$size')!;
      const n = Number(env.value(o.e));
      const lo = left ? 0 : 1;
      const hi = left ? esize - 1 : esize;
      if (!Number.isInteger(n) || n < lo || n > hi) fail(`shift ${n} is out of range ${lo}..${hi} for ${esize}-bit elements`, o.col);
      const immhb = left ? esize + n : esize * 2 - n;
      fs.set('immh', immhb >>> 3);
      fs.set('immb', immhb & 7);
      return i + 1;
    },
  };
}
