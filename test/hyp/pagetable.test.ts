import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PhysMemory } from '../../src/memory/phys.ts';
import { layout, PageTableBuilder, sl0For, TablePool } from '../../src/hyp/pagetable.ts';

test('stage-2 layouts match ARCH-NOTES §5 for a 44-bit IPA', () => {
  // 4K: only SL0=2 (level 0) works, 32-entry root; 64K: level 2 with 4 concatenated 8192-entry tables
  assert.deepEqual(layout({ granule: 4, stage: 2, inputBits: 44 }), { startLevel: 0, rootEntries: 32 });
  assert.equal(sl0For(4, 0), 2);
  assert.deepEqual(layout({ granule: 64, stage: 2, inputBits: 44 }), { startLevel: 2, rootEntries: 4 * 8192 });
  assert.equal(sl0For(64, 2), 1);
  // 40-bit IPA with 4K: level 1 with two concatenated tables
  assert.deepEqual(layout({ granule: 4, stage: 2, inputBits: 40 }), { startLevel: 1, rootEntries: 1024 });
});

test('stage-1 layouts: 48-bit VA is 4 levels with 4K, 3 with 64K (64-entry L1)', () => {
  assert.deepEqual(layout({ granule: 4, stage: 1, inputBits: 48 }), { startLevel: 0, rootEntries: 512 });
  assert.deepEqual(layout({ granule: 64, stage: 1, inputBits: 48 }), { startLevel: 1, rootEntries: 64 });
  assert.deepEqual(layout({ granule: 4, stage: 1, inputBits: 39 }), { startLevel: 1, rootEntries: 512 });
});

test('a 2 MiB aligned region becomes one level-2 block; an unaligned tail becomes pages', () => {
  const mem = new PhysMemory(0x4000_0000, 16 << 20);
  const pool = new TablePool(mem, 0x4080_0000, 1 << 20);
  const b = new PageTableBuilder(pool, { granule: 4, stage: 1, inputBits: 48 });
  b.map(0xff80_0000_0000n, 0x4020_0000n, 0x20_1000n, { attr: 0, ap: 1, xn: false });
  // walk by hand: L0 index = VA[47:39] = 0x1ff, L1 index = VA[38:30] = 0, L2 index = VA[29:21] = 0
  const l0 = mem.readU64(b.root + 0x1ff * 8);
  assert.equal(l0 & 3n, 3n);
  const l1 = mem.readU64(Number(l0 & 0xffff_ffff_f000n));
  assert.equal(l1 & 3n, 3n);
  const l2table = Number(l1 & 0xffff_ffff_f000n);
  const block = mem.readU64(l2table);
  assert.equal(block & 3n, 1n); // block descriptor
  assert.equal(block & 0xffff_ffe0_0000n, 0x4020_0000n);
  assert.equal((block >> 6n) & 3n, 1n); // AP[2:1] = 01: EL0 and EL1 read/write
  assert.equal((block >> 10n) & 1n, 1n); // AF set
  const next = mem.readU64(l2table + 8); // the 4 KiB tail at +2 MiB: a level-3 table with one page
  assert.equal(next & 3n, 3n);
  const page = mem.readU64(Number(next & 0xffff_ffff_f000n));
  assert.equal(page & 3n, 3n);
  assert.equal(page & 0xffff_ffff_f000n, 0x4040_0000n);
});

test('misaligned and out-of-range mappings are refused with a reason', () => {
  const mem = new PhysMemory(0x4000_0000, 16 << 20);
  const b = new PageTableBuilder(new TablePool(mem, 0x4080_0000, 1 << 20), { granule: 64, stage: 2, inputBits: 44 });
  assert.throws(() => b.map(0x1000n, 0x4000_0000n, 0x10000n, { attr: 0xf, ap: 3, xn: false }), /not 64K-aligned/);
  assert.throws(() => b.map(1n << 44n, 0x4000_0000n, 0x10000n, { attr: 0xf, ap: 3, xn: false }), /beyond the 44-bit/);
});
