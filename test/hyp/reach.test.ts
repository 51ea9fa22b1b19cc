// The run's observer lists what a context can reach from its tables (src/hyp/reach.ts, through table-map.ts's
// mappings(…, once)). Tables that point at
// themselves — what a hostile context writes once it can reach its tables (the isolation campaign's case 17223 of seed
// stop23, seed-tge) — must be walked in bounded time, and every physical range they map still listed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mappings, stage1Format, type TableReader } from '../../src/hyp/table-map.ts';

/** A memory of 8-byte words by PA (absent: 0, an invalid descriptor). */
const memOf = (words: Map<number, bigint>): TableReader => ({ readU64: (pa) => words.get(pa) ?? 0n });

test('tables that point at themselves: each table walked once, every leaf range listed, in bounded time', () => {
  const T = 0x4000_0000; // one 4K table used at levels 0–2: every entry a table descriptor back to T, but entry 1 a block
  const words = new Map<number, bigint>();
  for (let i = 0; i < 512; i++) words.set(T + i * 8, BigInt(T) | 3n); // table descriptor → T
  words.set(T + 8, 0x8000_0000n | 1n | (1n << 10n)); // entry 1: a block (levels 1, 2) to PA 0x8000_0000
  const t0 = Date.now();
  const leaves = mappings(memOf(words), stage1Format(16n), T, 1 << 20, true); // 4K, T0SZ = 16: from level 0, 512 entries
  assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
  // level 3 reads the same table: its entries are page descriptors (bits 1:0 = 11) to T, entry 1 is invalid at L3
  const pas = new Set(leaves.map((l) => `${l.oa.toString(16)}/${l.size.toString(16)}`));
  for (const want of ['40000000/1000', '80000000/200000', '80000000/40000000']) assert.ok(pas.has(want), `${want} in ${[...pas].join(', ')}`);
  assert.ok(leaves.length <= 4 * 512, `${leaves.length} leaves: one table's entries per level at most`);
});
