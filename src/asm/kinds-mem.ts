// Memory operand kinds: [Xn|SP{, #off}], [Xn|SP, #off]!, [Xn|SP], #off, [Xn|SP, Rm{, extend #amount}], and
// PC-relative literals (a label, or `=expr` placed in the literal pool).
import { fail } from './diagnostics.ts';
import type { OpKind } from './forms.ts';
import { EXTEND_OPS, fmtImm, immValue, matchReg, need, regText, type Acc } from './kinds.ts';
import type { Opnd } from './operands.ts';

const M64 = (1n << 64n) - 1n;

function memOf(o: Opnd, want: string): Opnd & { k: 'mem' } {
  if (o.k !== 'mem') fail(`expected an address ${want}`, o.col);
  return o;
}

function base(o: Opnd & { k: 'mem' }, field: string, fs: Parameters<OpKind['match']>[2]): void {
  const b = o.items[0];
  if (!b || b.k !== 'reg') fail('address base must be a 64-bit register or sp', b?.col ?? o.col);
  matchReg(b, field, 'x', true, fs);
}

/** `[Xn|SP{, #off}]` (offset 0 printed as `[Xn]` unless `showZero`); `reloc` false refuses `:lo12:` offsets. */
export function memOff(field: string, acc: Acc, showZero = false, reloc = true): OpKind {
  return {
    print(f) {
      const off = acc.get(f);
      const b = regText(f[field]!, true, true);
      return off === 0n && !showZero ? `[${b}]` : `[${b}, ${fmtImm(off, 'dec')}]`;
    },
    match(ops, i, fs, env) {
      const o = memOf(need(ops, i), '[Xn{, #offset}]');
      if (o.wb) fail('writeback (!) is not allowed here', o.col);
      if (o.items.length > 2) fail('too many items in address', o.items[2]!.col);
      base(o, field, fs);
      const off = o.items[1];
      if (off && off.k !== 'imm') fail('expected an immediate offset', off.col);
      if (off && off.reloc !== undefined && !reloc) fail(`:${off.reloc}: needs the scaled offset form`, off.col);
      acc.set(off ? immValue(off, env) : 0n, fs, off?.col ?? o.col);
      return i + 1;
    },
  };
}

/** `[Xn|SP]` with an optional `, #0` when written (exclusives, acquire/release). */
export function memBase(field: string): OpKind {
  const zero: Acc = {
    get: () => 0n,
    set(v, _fs, col) {
      if (v !== 0n) fail('offset must be 0', col);
    },
  };
  return memOff(field, zero);
}

/** `[Xn|SP, #off]!` */
export function memPre(field: string, acc: Acc): OpKind {
  return {
    print: (f) => `[${regText(f[field]!, true, true)}, ${fmtImm(acc.get(f), 'dec')}]!`,
    match(ops, i, fs, env) {
      const o = memOf(need(ops, i), '[Xn, #offset]!');
      if (!o.wb) fail("pre-index address needs '!'", o.col);
      base(o, field, fs);
      const off = o.items[1];
      if (o.items.length > 2) fail('too many items in address', o.items[2]!.col);
      if (off && off.k !== 'imm') fail('expected an immediate offset', off.col);
      acc.set(off ? immValue(off, env) : 0n, fs, off?.col ?? o.col);
      return i + 1;
    },
  };
}

/** `[Xn|SP], #off` */
export function memPost(field: string, acc: Acc): OpKind {
  return {
    print: (f) => `[${regText(f[field]!, true, true)}], ${fmtImm(acc.get(f), 'dec')}`,
    match(ops, i, fs, env) {
      const o = memOf(need(ops, i), '[Xn], #offset');
      if (o.wb || o.items.length !== 1) fail('post-index address is [Xn] followed by an offset', o.col);
      base(o, field, fs);
      const off = need(ops, i + 1);
      acc.set(immValue(off, env), fs, off.col);
      return i + 2;
    },
  };
}

/** `[Xn|SP, Rm{, extend|lsl {#amount}}]` with option/S fields; `shift` = log2 of the access size. */
export function memReg(shift: number): OpKind {
  return {
    print(f) {
      const opt = f.option!;
      const x = (opt & 1) === 1;
      let s = `[${regText(f.Rn!, true, true)}, ${regText(f.Rm!, x, false)}`;
      if (opt === 3) {
        if (f.S) s += `, lsl #${shift}`;
      } else {
        s += `, ${EXTEND_OPS[opt]}`;
        if (f.S) s += ` #${shift}`;
      }
      return s + ']';
    },
    match(ops, i, fs, env) {
      const o = memOf(need(ops, i), '[Xn, Rm{, extend #amount}]');
      if (o.wb) fail('writeback (!) is not allowed with a register offset', o.col);
      base(o, 'Rn', fs);
      const rm = o.items[1];
      if (!rm || rm.k !== 'reg') fail('expected an index register', rm?.col ?? o.col);
      matchReg(rm, 'Rm', rm.r.x ? 'x' : 'w', false, fs);
      const ext = o.items[2];
      if (o.items.length > 3) fail('too many items in address', o.items[3]!.col);
      let opt = 3;
      let s = 0;
      if (ext) {
        if (ext.k !== 'shift' || (ext.op !== 'lsl' && !['uxtw', 'sxtw', 'sxtx'].includes(ext.op))) fail('expected lsl, uxtw, sxtw or sxtx', ext.col);
        opt = ext.op === 'lsl' ? 3 : EXTEND_OPS.indexOf(ext.op);
        if (ext.op === 'lsl' && ext.amt === undefined) fail('lsl needs an amount', ext.col);
        if (ext.amt !== undefined) {
          const a = env.value(ext.amt);
          if (a !== 0n && a !== BigInt(shift)) fail(`shift amount must be 0 or ${shift}`, ext.col);
          s = shift === 0 || a !== 0n ? 1 : 0; // a written amount of 0 on a byte access still sets S
        }
      }
      if ((opt & 1) === 1 && !rm.r.x) fail(`index register must be 64-bit with ${opt === 3 ? 'lsl' : 'sxtx'}`, rm.col);
      if ((opt & 1) === 0 && rm.r.x) fail('index register must be 32-bit with uxtw/sxtw', rm.col);
      fs.set('option', opt);
      fs.set('S', s);
      return i + 1;
    },
  };
}

/** A PC-relative literal: a label, or `=expr` (a literal-pool entry) unless `pool` is false. */
export function literal(acc: Acc, pool = true): OpKind {
  return {
    print: (f, env) => env.label((env.addr + acc.get(f)) & M64),
    match(ops, i, fs, env) {
      const o = need(ops, i);
      if (o.k === 'lit') {
        if (!pool) fail('=value literals load general-purpose registers only', o.col);
        acc.set(BigInt.asIntN(64, env.literal(o.e, 8) - env.addr), fs, o.col);
        return i + 1;
      }
      if (o.k !== 'imm' || o.hash) fail('expected a label or =value', o.col);
      acc.set(BigInt.asIntN(64, env.value(o.e) - env.addr), fs, o.col);
      return i + 1;
    },
  };
}

/**
 * The post-index address of a structure load/store: `[Xn|SP], #<bytes>` (Rm = 11111: the transfer size, which the
 * list fixed — `bytes(Q, size)`) or `[Xn|SP], Xm` (Rm any other register; xzr is not allowed, 31 means the immediate).
 */
export function memPostStruct(bytes: (q: number, size: number) => number): OpKind {
  return {
    print: (f) => `[${regText(f.Rn!, true, true)}], ${f.Rm === 31 ? `#${bytes(f.Q!, f.size ?? 0)}` : regText(f.Rm!, true, false)}`,
    match(ops, i, fs, env) {
      const o = memOf(need(ops, i), '[Xn], #size or [Xn], Xm');
      if (o.wb || o.items.length !== 1) fail('post-index address is [Xn] followed by the transfer size or Xm', o.col);
      base(o, 'Rn', fs);
      const off = need(ops, i + 1);
      if (off.k === 'reg') {
        matchReg(off, 'Rm', 'x', false, fs);
        if (off.r.zr) fail(`${off.text} is not allowed here (register 31 means the immediate form)`, off.col);
        return i + 2;
      }
      const want = bytes(fs.get('Q') ?? 0, fs.get('size') ?? 0);
      if (immValue(off, env) !== BigInt(want)) fail(`the post-index immediate must be the transfer size, #${want}`, off.col);
      fs.set('Rm', 31);
      return i + 2;
    },
  };
}
