// Syntax of system instructions: MSR/MRS by register name (the system-register table) or S<op0>_<op1>_C<n>_C<m>_<op2>,
// MSR (immediate) to PSTATE fields, hints, barriers and SYS/SYSL with the TLBI/AT/DC/IC names of src/arch/sysops.ts.
import { BARRIER_OPTION } from '../../arch/a64/barrier.ts';
import { SYSOP_BY_KEY, SYSOPS, sysopByName, sysopKey, type SysOpKind } from '../../arch/sysops.ts';
import { SYSREGS, sysregIndexByEncoding, sysregIndexByName, sysregText } from '../../arch/sysreg-table.ts';
import { fail } from '../diagnostics.ts';
import type { Fields, Form, OpKind } from '../forms.ts';
import { bareName, type Opnd } from '../operands.ts';
import { imm, matchReg, named, need, num, reg, type Acc } from '../kinds.ts';

const Xt = reg('Rt', 'x');

// ---- system registers: o0 selects op0 = 2 + o0 (MSR/MRS register form)
const GENERIC = /^s([0-3])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/;

const sysreg: OpKind = {
  print: (f) => sysregText(2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!).toLowerCase(),
  match(ops, i, fs) {
    const o = need(ops, i);
    const n = bareName(o);
    if (n === undefined) fail('expected a system register name', o.col);
    let enc: readonly number[] | undefined;
    const k = sysregIndexByName(n);
    if (k >= 0) enc = SYSREGS[k]!.enc;
    else {
      const m = GENERIC.exec(n);
      if (m) enc = m.slice(1).map(Number);
    }
    if (!enc) fail(`unknown system register '${n}'`, o.col);
    if (enc[0]! < 2) fail(`${n}: MSR/MRS need op0 = 2 or 3`, o.col);
    fs.set('o0', enc[0]! - 2);
    fs.set('op1', enc[1]!);
    fs.set('CRn', enc[2]!);
    fs.set('CRm', enc[3]!);
    fs.set('op2', enc[4]!);
    return i + 1;
  },
};

// ---- MSR (immediate): PSTATE field selected by op1:op2
const PSTATE: Record<string, [number, number]> = { spsel: [0, 5], daifset: [3, 6], daifclr: [3, 7] };
const pstateName = (f: Fields) => Object.entries(PSTATE).find(([, [a, b]]) => a === f.op1 && b === f.op2)?.[0];
const pstate: OpKind = {
  print: (f) => pstateName(f)!,
  match(ops, i, fs) {
    const o = need(ops, i);
    const p = PSTATE[bareName(o) ?? ''];
    if (!p) fail('expected a PSTATE field (spsel, daifset, daifclr)', o.col);
    fs.set('op1', p[0]);
    fs.set('op2', p[1]);
    return i + 1;
  },
};
const crmImm = (max: number): Acc => ({
  get: (f) => BigInt(f.CRm!),
  set(v, fs, col) {
    if (v < 0n || v > BigInt(max)) fail(`immediate out of range 0..${max}`, col);
    fs.set('CRm', Number(v));
  },
});

// ---- hints: the architecture's named hints beyond the v8.0 rows (objdump prints these names)
const HINTS: Record<number, string> = {
  7: 'xpaclri', 8: 'pacia1716', 10: 'pacib1716', 12: 'autia1716', 14: 'autib1716', 16: 'esb', 17: 'psb csync', 18: 'tsb csync',
  20: 'csdb', 22: 'clearbhb', 24: 'paciaz', 25: 'paciasp', 26: 'pacibz', 27: 'pacibsp', 28: 'autiaz', 29: 'autiasp', 30: 'autibz',
  31: 'autibsp', 32: 'bti', 34: 'bti c', 36: 'bti j', 38: 'bti jc',
};
function hintForms(): Form[] {
  const forms: Form[] = Object.entries(HINTS).map(([v, text]) => {
    const [mn, op] = text.split(' ') as [string, string | undefined];
    const fixed = { CRm: Number(v) >> 3, op2: Number(v) & 7 };
    return op ? { mn, ops: [word(op)], fixed } : { mn, ops: [], fixed };
  });
  forms.push({ mn: 'hint', ops: [imm(num(['CRm', 'op2']))] });
  return forms;
}
function word(text: string): OpKind {
  return {
    print: () => text,
    match(ops, i) {
      const o = need(ops, i);
      if (bareName(o) !== text) fail(`expected '${text}'`, o.col);
      return i + 1;
    },
  };
}

// ---- barriers
const BARRIER_BY_NAME = new Map(Object.entries(BARRIER_OPTION).map(([v, n]) => [n, Number(v)]));
const barrier = named(crmImm(15), (v) => BARRIER_OPTION[v], (n) => BARRIER_BY_NAME.get(n), 'barrier option', (v) => `#0x${v.toString(16).padStart(2, '0')}`);

// ---- SYS: TLBI/AT/DC/IC by name, else the generic form
const sysopOf = (f: Fields) => {
  const i = SYSOP_BY_KEY[sysopKey(f.op1!, f.CRn!, f.CRm!, f.op2!)]!;
  return i >= 0 ? SYSOPS[i] : undefined;
};
function sysop(kind: SysOpKind): OpKind {
  return {
    print: (f) => sysopOf(f)!.name.toLowerCase(),
    match(ops, i, fs) {
      const o = need(ops, i);
      const d = sysopByName(kind, bareName(o) ?? '');
      if (!d) fail(`unknown ${kind} operation '${bareName(o) ?? ''}'`, o.col);
      fs.set('op1', d.op1);
      fs.set('CRn', d.crn);
      fs.set('CRm', d.crm);
      fs.set('op2', d.op2);
      fs.set('$xt', d.xt ? 1 : 0);
      return i + 1;
    },
  };
}
/** The Xt of a named operation: printed and required when it takes one; otherwise absent (Rt = 31). */
const sysopXt: OpKind = {
  print: (f) => (sysopOf(f)?.xt ? `x${f.Rt === 31 ? 'zr' : f.Rt}` : undefined),
  match(ops, i, fs) {
    const takes = fs.get('$xt') === 1;
    const o = ops[i];
    if (!takes) {
      if (o) fail('this operation takes no register', o.col);
      fs.set('Rt', 31);
      return i;
    }
    const r = need(ops, i);
    if (r.k !== 'reg') fail('expected an x register', r.col);
    matchReg(r as Opnd & { k: 'reg' }, 'Rt', 'x', false, fs);
    return i + 1;
  },
};
const cField = (field: string): OpKind => ({
  print: (f) => `C${f[field]}`,
  match(ops, i, fs) {
    const o = need(ops, i);
    const m = /^c([0-9]|1[0-5])$/.exec(bareName(o) ?? '');
    if (!m) fail('expected C0..C15', o.col);
    fs.set(field, Number(m[1]));
    return i + 1;
  },
});
const sysGeneric = [imm(num('op1'), 'dec'), cField('CRn'), cField('CRm'), imm(num('op2'), 'dec')];
const optXt: OpKind = {
  print: (f) => (f.Rt === 31 ? undefined : `x${f.Rt}`),
  match(ops, i, fs) {
    const o = ops[i];
    if (!o) {
      fs.set('Rt', 31);
      return i;
    }
    return Xt.match(ops, i, fs, undefined as never);
  },
};

const KINDS: SysOpKind[] = ['tlbi', 'at', 'dc', 'ic'];

export const SYSTEM_SYNTAX: Record<string, readonly Form[]> = {
  MSR_reg: [{ mn: 'msr', ops: [sysreg, Xt] }],
  MRS: [{ mn: 'mrs', ops: [Xt, sysreg] }],
  MSR_imm: [
    { mn: 'msr', ops: [pstate, imm(crmImm(1))], when: (f) => pstateName(f) === 'spsel' && f.CRm! <= 1 },
    { mn: 'msr', ops: [pstate, imm(crmImm(15))], when: (f) => pstateName(f) !== undefined && pstateName(f) !== 'spsel' },
    // objdump spells an immediate it cannot name as the register form S0_<op1>_C4_C<imm>_<op2>, xzr
    { mn: 'msr', ops: [{ print: (f) => `s0_${f.op1}_c4_c${f.CRm}_${f.op2}`, match: () => fail('unknown PSTATE field') }, { print: () => 'xzr', match: () => fail('') }], only: 'dis' },
  ],
  NOP: [{ mn: 'nop', ops: [] }],
  YIELD: [{ mn: 'yield', ops: [] }],
  WFE: [{ mn: 'wfe', ops: [] }],
  WFI: [{ mn: 'wfi', ops: [] }],
  SEV: [{ mn: 'sev', ops: [] }],
  SEVL: [{ mn: 'sevl', ops: [] }],
  HINT: hintForms(),
  CLREX: [{ mn: 'clrex', ops: [], fixed: { CRm: 15 } }, { mn: 'clrex', ops: [imm(crmImm(15))] }],
  DSB: [
    { mn: 'ssbb', ops: [], fixed: { CRm: 0 } },
    { mn: 'pssbb', ops: [], fixed: { CRm: 4 } },
    { mn: 'dsb', ops: [barrier] },
  ],
  DMB: [{ mn: 'dmb', ops: [barrier] }],
  ISB: [{ mn: 'isb', ops: [], fixed: { CRm: 15 } }, { mn: 'isb', ops: [word('sy')], fixed: { CRm: 15 }, only: 'asm' }, { mn: 'isb', ops: [imm(crmImm(15))] }],
  SYS: [
    ...KINDS.map((k): Form => ({ mn: k, ops: [sysop(k), sysopXt], when: (f) => sysopOf(f)?.kind === k })),
    { mn: 'sys', ops: [...sysGeneric, optXt] },
  ],
  SYSL: [{ mn: 'sysl', ops: [Xt, ...sysGeneric] }],
};

/** Words of these rows outside the named space print names we do not know (objdump knows later extensions). */
export const SYSTEM_SUPPORTED: Record<string, (f: Fields) => boolean> = {
  MSR_reg: (f) => sysregIndexByEncoding(2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!) >= 0,
  MRS: (f) => sysregIndexByEncoding(2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!) >= 0,
  MSR_imm: (f) => pstateName(f) !== undefined,
  SYS: (f) => sysopOf(f) !== undefined,
  SYSL: () => false,
};
