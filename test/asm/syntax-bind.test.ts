// The assembler and disassembler bind syntax to encoding rows by id (src/asm/syntax/): every instruction row has a
// spelling, only encoding classes (mnemonic '.inst': the unallocated row and the FP/SIMD groups the model does not
// execute yet) have none, and no spelling names a row or field that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROWS, rowById } from '../../src/arch/a64/table.ts';
import { SUPPORTED, SYNTAX } from '../../src/asm/syntax/index.ts';

test('a row has syntax exactly when it is an instruction (not an encoding class spelled .inst)', () => {
  const unspelled = ROWS.filter((r) => r.mnemonic !== '.inst' && !SYNTAX.has(r.id)).map((r) => r.id);
  assert.deepEqual(unspelled, []);
  const spelledClasses = ROWS.filter((r) => r.mnemonic === '.inst' && SYNTAX.has(r.id)).map((r) => r.id);
  assert.deepEqual(spelledClasses, []);
  assert.ok(ROWS.filter((r) => r.mnemonic === '.inst').every((r) => r.id === 'UNALLOCATED' || r.cls === 'fpsimd'));
});

test('every syntax entry names a row, and its forms fix only fields of that row', () => {
  for (const [id, forms] of SYNTAX) {
    const row = ROWS.find((r) => r.id === id);
    assert.ok(row !== undefined, `syntax for ${id}, which is no row`);
    for (const form of forms) for (const name of Object.keys(form.fixed ?? {})) assert.ok(name in row.fields, `${id} ${form.mn}: no field ${name}`);
  }
  for (const id of SUPPORTED.keys()) assert.ok(SYNTAX.has(id) && rowById(id) !== undefined, id);
});
