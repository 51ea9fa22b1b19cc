// Syntax of loads and stores, generated from the ldst rows themselves: the row id says the addressing form
// (_uoff, _pre, _post, _reg, _lit, _off, unscaled LDUR…, unprivileged LDTR…, exclusive, pair), the row's
// fixed size bits give the access size, and the id says when Rt is an X register.
import type { Encoding } from '../../arch/a64/encoding.ts';
import { ROWS } from '../../arch/a64/table.ts';
import type { Fields, Form, OpKind } from '../forms.ts';
import { named, num, reg } from '../kinds.ts';
import { literal, memBase, memOff, memPost, memPre, memReg } from '../kinds-mem.ts';

const PRF_TYPE = ['pld', 'pli', 'pst'];
/** PRFM <prfop>: type (pld/pli/pst), target level (l1..l3) and policy (keep/strm) packed in Rt. */
function prfName(v: number): string | undefined {
  const type = v >> 3;
  const target = (v >> 1) & 3;
  if (type > 2 || target > 2) return undefined;
  return `${PRF_TYPE[type]}l${target + 1}${v & 1 ? 'strm' : 'keep'}`;
}
const PRF_BY_NAME = new Map<string, number>(Array.from({ length: 32 }, (_, v) => [prfName(v), v] as const).filter((e): e is [string, number] => e[0] !== undefined));
const prfop = named(num('Rt'), prfName, (n) => PRF_BY_NAME.get(n), 'prefetch operation', (v) => `#0x${v.toString(16).padStart(2, '0')}`);

/** Rt is an X register for 64-bit accesses and sign-extending loads into X. */
function rtIsX(row: Encoding): boolean {
  return /_X(_|$)/.test(row.id) || row.id.startsWith('LDRSW') || row.id.startsWith('LDPSW') || row.id.startsWith('LDURSW') || row.id.startsWith('LDTRSW');
}

const simm9 = num('imm9', { signed: true, what: 'offset' });
const uimm12 = (scale: number) => num('imm12', { scale, what: 'offset' });
const simm7 = (scale: number) => num('imm7', { signed: true, scale, what: 'offset' });
const lit19 = literal(num('imm19', { signed: true, scale: 4, what: 'literal', pm: true }));

function formsFor(row: Encoding): Form[] | undefined {
  const mn = row.mnemonic;
  const id = row.id;
  const size = row.match >>> 30;
  const rt: OpKind = id.startsWith('PRF') ? prfop : reg('Rt', rtIsX(row) ? 'x' : 'w');
  const pair = 'Rt2' in row.fields && !('Rs' in row.fields) && /^(LD|ST)N?P/.test(id);
  if (pair) {
    const scale = size === 2 ? 8 : 4; // opc: 00 → W, 01 → LDPSW (W), 10 → X
    const ops = [rt, reg('Rt2', rtIsX(row) ? 'x' : 'w')];
    const wb = id.endsWith('_pre') || id.endsWith('_post');
    // objdump rejects LDPSW with Rt = Rt2, or writing back into a loaded register (CONSTRAINED UNPREDICTABLE)
    const when = id.startsWith('LDPSW') ? (f: Fields) => f.Rt !== f.Rt2 && !(wb && f.Rn !== 31 && (f.Rn === f.Rt || f.Rn === f.Rt2)) : undefined;
    const mem = id.endsWith('_pre') ? memPre('Rn', simm7(scale)) : id.endsWith('_post') ? memPost('Rn', simm7(scale)) : memOff('Rn', simm7(scale));
    return [when ? { mn, ops: [...ops, mem], when } : { mn, ops: [...ops, mem] }];
  }
  if (/^(LD|ST)[A-Z]*X[RP]|^LDAR|^STLR/.test(id)) {
    const ops: OpKind[] = [];
    if ('Rs' in row.fields) ops.push(reg('Rs', 'w'));
    ops.push(reg('Rt', size === 3 ? 'x' : 'w'));
    if ('Rt2' in row.fields) ops.push(reg('Rt2', size === 3 ? 'x' : 'w'));
    return [{ mn, ops: [...ops, memBase('Rn')] }];
  }
  if (id.endsWith('_lit')) return [{ mn, ops: [rt, lit19] }];
  if (id.endsWith('_uoff')) return [{ mn, ops: [rt, memOff('Rn', uimm12(1 << size))] }];
  if (id.endsWith('_pre')) return [{ mn, ops: [rt, memPre('Rn', simm9)] }];
  if (id.endsWith('_post')) return [{ mn, ops: [rt, memPost('Rn', simm9)] }];
  if (id.endsWith('_reg')) return [{ mn, ops: [rt, memReg(size)], when: (f) => (f.option! & 2) !== 0 }]; // option<1> = 0 is unallocated
  if ('imm9' in row.fields) {
    const forms: Form[] = [{ mn, ops: [rt, memOff('Rn', simm9)] }];
    // GNU as turns `ldr x0, [x1, #-8]` (no scaled encoding) into LDUR; accept that spelling too
    if (/^(LD|ST)UR|^PRFUM/.test(id)) forms.push({ mn: mn === 'prfum' ? 'prfm' : mn.replace('ur', 'r'), ops: [rt, memOff('Rn', simm9, false, false)], only: 'asm', prio: 1 });
    return forms;
  }
  return undefined;
}

export const LDST_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(
  ROWS.filter((r) => r.cls === 'ldst')
    .map((r) => [r.id, formsFor(r)] as const)
    .filter((e): e is [string, Form[]] => e[1] !== undefined),
);
