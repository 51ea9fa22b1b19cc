// The executor and the translator bind to encoding rows by id (src/cpu/bind/, src/cpu/jit/emit.ts): every row has
// exactly one handler, no binding names a row that does not exist, and a missing binding is reported by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encoding } from '../../src/arch/a64/encoding.ts';
import { ROWS } from '../../src/arch/a64/table.ts';
import { BINDINGS } from '../../src/cpu/bind/index.ts';
import { bindHandlers, HANDLER_OF, HANDLERS, handlerFor } from '../../src/cpu/dispatch.ts';
import { addSubImm } from '../../src/cpu/exec/dp-imm.ts';
import { fpsimd } from '../../src/cpu/exec/fpsimd.ts';
import { EMITTER_OF, EMITTERS, emittersByOp } from '../../src/cpu/jit/emit.ts';

test('every row of the encoding table is bound to exactly one handler, and every binding names a row', () => {
  const bound = BINDINGS.flatMap((b) => Object.keys(b));
  assert.deepEqual([...bound].sort(), ROWS.map((r) => r.id).sort());
  assert.equal(HANDLER_OF.length, ROWS.length);
  for (let op = 0; op < ROWS.length; op++) assert.ok(HANDLER_OF[op]! >= 0 && HANDLER_OF[op]! < HANDLERS.length, ROWS[op]!.id);
  assert.equal(handlerFor('SUBS_imm'), addSubImm);
  assert.equal(handlerFor('CRYPTO_AES'), fpsimd);
});

test('bindHandlers names a row without a handler, a row bound twice and a binding to no row', () => {
  const rows = [
    encoding({ id: 'ONE', mnemonic: 'one', cls: 'system', diagram: '1'.repeat(32) }),
    encoding({ id: 'TWO', mnemonic: 'two', cls: 'system', diagram: '0'.repeat(32) }),
  ];
  const h = () => {};
  assert.throws(() => bindHandlers(rows, [{ ONE: h }]), /row TWO has no handler/);
  assert.throws(() => bindHandlers(rows, [{ ONE: h, TWO: h }, { TWO: h }]), /row TWO is bound twice/);
  assert.throws(() => bindHandlers(rows, [{ ONE: h, TWO: h, THREE: h }]), /handler bound to THREE, which is no row/);
  const ok = bindHandlers(rows, [{ ONE: h, TWO: h }]);
  assert.deepEqual([...ok.handlerOf], [0, 0]);
});

test('every emitter is bound to a row; emittersByOp refuses one that names no row', () => {
  for (const id of Object.keys(EMITTERS)) assert.ok(ROWS.some((r) => r.id === id), id);
  assert.equal(EMITTER_OF.length, ROWS.length);
  assert.ok(EMITTER_OF[ROWS.findIndex((r) => r.id === 'LDR_X_uoff')] !== undefined);
  assert.ok(EMITTER_OF[ROWS.findIndex((r) => r.id === 'PRFM_uoff')] !== undefined); // a prefetch: a hint with no effect
  assert.ok(EMITTER_OF[ROWS.findIndex((r) => r.id === 'LDXR_X')] !== undefined);
  assert.equal(EMITTER_OF[ROWS.findIndex((r) => r.id === 'MRS')], undefined); // a system instruction runs its handler
  assert.throws(() => emittersByOp(ROWS, { ...EMITTERS, NOT_A_ROW: () => '' }), /emitters bound to NOT_A_ROW, which are no rows/);
});
