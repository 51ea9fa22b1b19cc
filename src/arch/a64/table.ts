// The A64 encoding table: every row of every instruction class, in one list, as data (no handlers). Row 0 is
// "unallocated". A row's index is its op index: what the decoder returns and what the executor's dispatch, the
// translator and the assembler look rows up by (through the row's id, rowIndex).
import { encoding, type Encoding, type ParsedDiagram, type RowSpec } from './encoding.ts';
import { PARSED_ROWS } from './prebuilt.ts';
import { ASIMD_DIFF } from './rows/asimd-diff.ts';
import { ASIMD_ELEM } from './rows/asimd-elem.ts';
import { ASIMD_FP, ASIMD_FP_ELEM, ASIMD_FP_MISC, ASIMD_FP_REDUCE } from './rows/asimd-fp.ts';
import { ASIMD_INT } from './rows/asimd-int.ts';
import { ASIMD_MISC } from './rows/asimd-misc.ts';
import { ASIMD_SCALAR } from './rows/asimd-scalar.ts';
import { ASIMD_SHIFT } from './rows/asimd-shift.ts';
import { ASIMD_SINGLE, ASIMD_STRUCT } from './rows/asimd-struct.ts';
import { ASIMD_TBL } from './rows/asimd-tbl.ts';
import { BRANCH } from './rows/branch.ts';
import { CRYPTO } from './rows/crypto.ts';
import { DP_IMM } from './rows/dp-imm.ts';
import { DP_REG } from './rows/dp-reg.ts';
import { EXC_GEN } from './rows/exc-gen.ts';
import { FP_DP } from './rows/fp-dp.ts';
import { FPSIMD } from './rows/fpsimd.ts';
import { LDST } from './rows/ldst.ts';
import { SYSTEM } from './rows/system.ts';

/** Id of row 0: every word no other row matches. */
export const UNALLOCATED = 'UNALLOCATED';

const UNALLOCATED_ROW: RowSpec = { id: UNALLOCATED, mnemonic: '.inst', cls: 'system', diagram: 'x'.repeat(32) };

/** The build's parsed diagrams, by op index (none under tsx: every row is parsed here). */
const PREBUILT: readonly ParsedDiagram[] = PARSED_ROWS === undefined ? [] : (JSON.parse(PARSED_ROWS) as ParsedDiagram[]);

export const ROWS: readonly Encoding[] = [
  UNALLOCATED_ROW,
  ...DP_IMM,
  ...BRANCH,
  ...EXC_GEN,
  ...DP_REG,
  ...LDST,
  ...SYSTEM,
  ...FPSIMD,
  ...ASIMD_INT,
  ...ASIMD_STRUCT,
  ...ASIMD_MISC,
  ...ASIMD_SHIFT,
  ...ASIMD_SCALAR,
  ...FP_DP,
  ...ASIMD_FP,
  ...ASIMD_FP_MISC,
  ...ASIMD_FP_REDUCE,
  ...ASIMD_FP_ELEM,
  ...ASIMD_TBL,
  ...ASIMD_SINGLE,
  ...ASIMD_DIFF,
  ...ASIMD_ELEM,
  ...CRYPTO,
].map((spec, i) => encoding(spec, PREBUILT[i]));

const INDEX: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  ROWS.forEach((r, i) => {
    if (m.has(r.id)) throw new Error(`encoding table: row id ${r.id} appears twice`);
    m.set(r.id, i);
  });
  return m;
})();

/** The op index of the row with this id, or -1 when no row has it. */
export function rowIndex(id: string): number {
  return INDEX.get(id) ?? -1;
}

/** The row with this id; throws for an id no row has (a binding's or a tool's bug). */
export function rowById(id: string): Encoding {
  const i = INDEX.get(id);
  if (i === undefined) throw new Error(`encoding table: no row ${id}`);
  return ROWS[i]!;
}
