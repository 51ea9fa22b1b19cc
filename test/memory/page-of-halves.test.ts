// PhysMemory.pageOfHalves (the table walker's integer-only page lookup) against page(), at RAM bases below 4 GiB,
// above it, and at 2^47 (page numbers ≥ 2^31); and a nested walk whose tables and output lie above 4 GiB.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhysMemory } from '../../src/memory/phys.ts';
import { ACC_READ, TranslateResult } from '../../src/mmu/result.ts';
import { translate } from '../../src/mmu/translate.ts';
import { AF, AP_RW_ALL, makeCtx, MAIR_NORMAL0_DEVICE1, S2_NORMAL_WB, S2AP_RW, SCTLR_M, Tables, TCR_4K_48 } from '../mmu/tables.ts';

const halves = (pa: number): [number, number] => [pa % 2 ** 32 | 0, Math.floor(pa / 2 ** 32)];

for (const base of [0x4000_0000, 0x80_0000_0000, 2 ** 47]) {
  test(`pageOfHalves finds the same page as page() around RAM at 0x${base.toString(16)}`, () => {
    const size = 4 * 65536;
    const mem = new PhysMemory(base, size);
    for (const pa of [base - 8, base - 65536, 0, base, base + 8, base + 65536 + 4, base + size - 8, base + size, base + 2 ** 32]) {
      const [lo, hi] = halves(pa);
      assert.equal(mem.pageOfHalves(lo, hi), mem.page(pa), `pa 0x${pa.toString(16)}`);
    }
    assert.notEqual(mem.pageOfHalves(...halves(base + size - 8)), undefined);
    assert.equal(mem.pageOfHalves(...halves(base + size)), undefined);
    assert.equal(mem.pageOfHalves(...halves(base - 8)), undefined);
  });
}

test('a stage 1 + stage 2 walk with every table and the output page above 4 GiB', () => {
  const RAM = 0x80_0000_0000; // 2^39: descriptor and table addresses have high halves 0x80
  const ctx = { ...makeCtx(), mem: new PhysMemory(RAM, 16 * 1024 * 1024) };
  const s2 = new Tables(ctx.mem, 12, 0, 44, RAM + 0x80_0000);
  const s1 = new Tables(ctx.mem, 12, 0, 48, RAM + 0x40_0000);
  const va = 0x12_3456_7000n;
  const ipa = BigInt(RAM + 0x20_0000);
  const pa = BigInt(RAM + 0x30_1000);
  s1.map(va, ipa, 3, AF | AP_RW_ALL);
  for (let a = RAM + 0x40_0000; a < s1.next; a += 0x1000) s2.map(BigInt(a), BigInt(a), 3, AF | S2AP_RW | S2_NORMAL_WB);
  s2.map(ipa, pa, 3, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.set('TCR_EL1', TCR_4K_48);
  ctx.set('TTBR0_EL1', BigInt(s1.root));
  ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL1', SCTLR_M);
  ctx.set('VTCR_EL2', 20n | (2n << 6n) | (4n << 16n) | (1n << 31n)); // T0SZ 20 (44-bit IPA), SL0 level 0, PS 44 bits
  ctx.set('VTTBR_EL2', (1n << 48n) | BigInt(s2.root));
  ctx.set('HCR_EL2', (1n << 31n) | 1n);
  const r = new TranslateResult();
  assert.ok(translate(ctx, 0x3456_7018, 0x12, ACC_READ, 8, 1, r), `fault ${r.fault} level ${r.level} stage2 ${r.stage2}`);
  assert.equal(r.pa, RAM + 0x30_1018);
  assert.equal(r.ipa, RAM + 0x20_0018);
});
