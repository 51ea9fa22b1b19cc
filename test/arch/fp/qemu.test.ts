// The FP library against QEMU 7.2 (-cpu cortex-a57) as the executable reference: every operation's recorded
// results (scripts/fp-record.ts, test/arch/fp/qemu/*.bin.br; over 10^6 in all) must equal the library's, result
// bits and FPSR flags. `npm test` checks the first quarter of each recording and the reference model on 100
// records per operation; `npm run test:fp-qemu` (FP_QEMU_FULL=1) checks everything and the reference on 2,000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPS } from './ops.ts';
import { checkAgainstQemu } from './qemu-check.ts';

const FULL = process.env.FP_QEMU_FULL === '1';
const REF = FULL ? 2000 : 100;

for (const op of OPS) {
  test(`${op.name}: library and reference model equal QEMU 7.2`, (t) => {
    const { lib, ref } = checkAgainstQemu(op, FULL, REF);
    t.diagnostic(`library ${lib.agree}/${lib.checked}, reference ${ref.agree}/${ref.checked}`);
    assert.deepEqual(lib.examples, []);
    assert.deepEqual(ref.examples, []);
    assert.ok(lib.checked > 0 && lib.agree === lib.checked && ref.agree === ref.checked);
  });
}
