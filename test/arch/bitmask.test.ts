// The logical-immediate table, built at start-up on 32-bit numbers, against the BigInt DecodeBitMasks it stands for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BITMASK_TABLE, BITMASK_VALID, decodeBitMasks, VALID_IMM32, VALID_IMM64 } from '../../src/arch/a64/bitmask.ts';

test('BITMASK_TABLE and BITMASK_VALID equal decodeBitMasks for every N:immr:imms', () => {
  const values = new Set<bigint>();
  for (let i = 0; i < 0x2000; i++) {
    const [n, immr, imms] = [i >>> 12, (i >>> 6) & 0x3f, i & 0x3f];
    assert.equal(BITMASK_TABLE[i], decodeBitMasks(n, imms, immr, false, 64)?.wmask ?? 0n, `entry ${i}`);
    const v64 = decodeBitMasks(n, imms, immr, true, 64) !== undefined;
    const v32 = decodeBitMasks(n, imms, immr, true, 32) !== undefined;
    assert.equal(BITMASK_VALID[i], (v64 ? VALID_IMM64 : 0) | (v32 ? VALID_IMM32 : 0), `validity ${i}`);
    if (v64) values.add(BITMASK_TABLE[i]!);
  }
  assert.equal(values.size, 5334, 'the 5,334 distinct 64-bit logical immediates');
});
