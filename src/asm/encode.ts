// Instruction encoding: the candidates for a mnemonic are every (row, form) of the syntax table spelled that
// way; the first whose operand kinds accept the written operands, and whose word decodes back to the same row,
// gives the word. When none fits, the failure that got furthest through the operands is reported.
import type { Encoding } from '../arch/a64/encoding.ts';
import { decodeRow } from '../arch/a64/decode.ts';
import { ROWS } from '../arch/a64/table.ts';
import { AsmFail, fail } from './diagnostics.ts';
import { FieldSet, type AsmEnv, type Form } from './forms.ts';
import type { Opnd } from './operands.ts';
import { SYNTAX } from './syntax/index.ts';

interface Candidate {
  readonly row: Encoding;
  readonly form: Form;
}

const BY_MNEMONIC: ReadonlyMap<string, readonly Candidate[]> = (() => {
  const m = new Map<string, Candidate[]>();
  for (const row of ROWS) {
    const forms = SYNTAX.get(row.id);
    if (!forms) continue;
    for (const form of forms) {
      if (form.only === 'dis') continue;
      let list = m.get(form.mn);
      if (!list) m.set(form.mn, (list = []));
      list.push({ row, form });
    }
  }
  for (const list of m.values()) list.sort((a, b) => (a.form.prio ?? 0) - (b.form.prio ?? 0));
  return m;
})();

/** True when some row of the table is spelled `mn`. */
export function knownMnemonic(mn: string): boolean {
  return BY_MNEMONIC.has(mn.toLowerCase());
}

/** Encodes one instruction; throws AsmFail with the most relevant reason. */
export function encodeInsn(mn: string, ops: readonly Opnd[], env: AsmEnv, col: number): number {
  const cands = BY_MNEMONIC.get(mn.toLowerCase());
  if (!cands) fail(`unknown mnemonic '${mn}'`, col);
  let best: { reached: number; err: AsmFail } | undefined;
  for (const c of cands) {
    let reached = 0;
    try {
      const fs = new FieldSet(c.row);
      for (const [k, v] of Object.entries(c.form.fixed ?? {})) fs.set(k, v);
      let i = 0;
      for (const kind of c.form.ops) {
        i = kind.match(ops, i, fs, env);
        reached = i;
      }
      if (i < ops.length) fail(`unexpected operand ${i + 1} for ${mn.toLowerCase()}`, ops[i]!.col);
      reached = ops.length + 1;
      c.form.derive?.(fs);
      const w = fs.word();
      if (decodeRow(w) !== c.row) fail(`${mn.toLowerCase()} with these operands is an unallocated encoding`, col);
      return w;
    } catch (e) {
      if (!(e instanceof AsmFail)) throw e;
      if (!best || reached > best.reached) best = { reached, err: e };
    }
  }
  throw best!.err;
}
