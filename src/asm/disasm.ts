// The disassembler: decodes with the encoding table's decoder (decodeRow, src/arch/a64/decode.ts) and spells the row
// with the syntax table, choosing aliases the way objdump does.
import { decodeRow } from '../arch/a64/decode.ts';
import { fieldsOf, type DisEnv, type Fields, type Form } from './forms.ts';
import { SYNTAX } from './syntax/index.ts';

/** The spelling objdump would choose for a word under its row, or undefined (no syntax for the row). */
export function chooseForm(rowId: string, f: Fields): Form | undefined {
  const forms = SYNTAX.get(rowId);
  if (!forms) return undefined;
  for (const form of forms) {
    if (form.only === 'asm') continue;
    if (form.fixed && Object.entries(form.fixed).some(([k, v]) => f[k] !== v)) continue;
    if (form.when && !form.when(f)) continue;
    return form;
  }
  return undefined;
}

/** Instruction text as objdump prints it after the word: `add\tx0, x1, #0x10`. */
export function disassemble(w: number, env: DisEnv): string {
  const row = decodeRow(w >>> 0);
  const undef = `.inst\t0x${(w >>> 0).toString(16).padStart(8, '0')} ; undefined`;
  if (!row) return undef;
  const f = fieldsOf(row, w >>> 0);
  const form = chooseForm(row.id, f);
  if (!form) return undef;
  const parts: string[] = [];
  for (const k of form.ops) {
    const t = k.print(f, env);
    if (t !== undefined) parts.push(t);
  }
  const c = form.comment?.text(f);
  // objdump pads the last operand to 23 columns before a value comment (`mov x0, #0x10   // #16`)
  if (form.comment?.style === 'pad' && parts.length > 0 && c) parts[parts.length - 1] = parts[parts.length - 1]!.padEnd(23);
  let ops = parts.join(', ');
  let text = parts.length > 0 ? `${form.mn}\t` : form.mn;
  if (form.comment && c) {
    if (form.comment.style === 'pad') ops += '\t// ' + c;
    else if (form.comment.style === 'tab') ops += '\t// ' + c;
    else ops += '  // ' + c;
  }
  text += ops;
  return text;
}

/** Labels the way objdump does for a flat binary (no symbols, no sections to name): a bare `0x…`. */
export function plainEnv(addr: bigint): DisEnv {
  return { addr, label: (t) => `0x${t.toString(16)}` };
}
