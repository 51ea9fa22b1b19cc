// Out-of-range translation fields as the Arm ARM lets an implementation treat them (src/check/field-choices.ts,
// src/hyp/table-map.ts): every IMPLEMENTATION DEFINED alternative explored, the architectural faults applied, and
// every walk bounded.
import { test } from 'node:test';
import { setupS2 } from '../../src/mmu/params.ts';
import { WalkParams } from '../../src/mmu/walk.ts';
import { makeCtx } from '../mmu/tables.ts';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FAULTING, interpret, stagesOn } from '../../src/check/field-choices.ts';
import { mappings, stage1Format, stage2Format, TableBoundError } from '../../src/hyp/table-map.ts';

const BOTH = { s1: true, s2: true };
/** VTCR_EL2 with T0SZ, SL0 and TG0 (4K: 0, 64K: 1). */
const vtcr = (t0sz: number, sl0: number, tg0 = 0): bigint => (1n << 31n) | (4n << 16n) | (BigInt(tg0) << 14n) | (BigInt(sl0) << 6n) | BigInt(t0sz);

test('VTCR_EL2.T0SZ below 64 − PAMax: an implementation faults or treats it as 20 (ARM §D8.1.10; J1.1 AArch64.S2TxSZFaults)', () => {
  const asked: string[] = [];
  const fault = interpret(0n, vtcr(16, 2), 44, (q) => (asked.push(q), false), { s1: false, s2: true });
  assert.equal(fault.vtcr & 0x3fn, 63n); // a value every walk faults on
  assert.match(fault.notes[0]!, /^VTCR_EL2\.T0SZ = 16 is below the minimum 20: this implementation faults every lookup/);
  assert.deepEqual(asked, ['VTCR_EL2.T0SZ below minimum: behaves as 20 (else faults)']);
  const clamp = interpret(0n, vtcr(16, 2), 44, () => true, { s1: false, s2: true });
  assert.equal(clamp.vtcr, vtcr(20, 2));
  assert.match(clamp.notes[0]!, /treats it as 20 \(IMPLEMENTATION DEFINED, ARM §D8\.1\.10; J1\.1 AArch64\.S2TxSZFaults\)$/);
  // above the maximum: 39
  assert.equal(interpret(0n, vtcr(45, 0), 44, () => true, BOTH).vtcr & 0x3fn, 39n);
  // in range: nothing asked, nothing changed
  const none = interpret(0x80803510n, vtcr(20, 2), 44, () => assert.fail('asked'), BOTH);
  assert.deepEqual([none.tcr, none.vtcr, none.notes], [0x80803510n, vtcr(20, 2), []]);
  // a stage that is off is never asked about
  assert.deepEqual(interpret(0n, vtcr(0, 0), 44, () => assert.fail('asked'), { s1: false, s2: false }).notes, []);
});

test('TCR_EL1.T0SZ outside 16..39 and a TG0 for no implemented granule (ARM §D8.1.9; J1.1 AArch64.S1TxSZFaults, S1DecodeTG0)', () => {
  const it = interpret(0x0000_8000n | 8n, 0n, 44, () => true, { s1: true, s2: false }); // TG0 = 10 (16K), T0SZ = 8
  assert.equal(it.tcr & 0x3fn, 16n);
  assert.equal((it.tcr >> 14n) & 3n, 1n); // 64K chosen
  assert.equal(it.notes.length, 2);
  assert.equal(interpret(0x0000_8000n | 8n, 0n, 44, FAULTING, { s1: true, s2: false }).tcr & 0x3fn, 63n);
  assert.deepEqual(stagesOn(0x8008_0038n, 1n), { s1: true, s2: false });
  assert.deepEqual(stagesOn(0x8808_1039n, 1n), { s1: false, s2: true }); // TGE and DC: stage 1 off, DC: VM behaves as 1
});

test('stage2Format faults where J1.1 AArch64.S2InvalidSL / S2InconsistentSL / S2TxSZFaults say so, and agrees with ARCH-NOTES §5 on every 4K/64K case', () => {
  assert.equal(stage2Format(vtcr(20, 2)).rootEntries, 32); // 44-bit, 4K, level 0: 32 entries (ARCH-NOTES §4)
  assert.equal(stage2Format(vtcr(20, 1, 1)).rootEntries, 4 * 8192); // 64K, level 2, 4 concatenated tables
  assert.match(stage2Format(vtcr(20, 3)).fault!, /S2InvalidSL/);
  assert.match(stage2Format(vtcr(20, 0)).fault!, /S2InconsistentSL/);
  assert.match(stage2Format(vtcr(16, 2)).fault!, /outside 20\.\.39/);
  assert.match(stage1Format(0n).fault!, /TCR_EL1\.T0SZ = 0 is outside 16\.\.39/);
  // the allowed IPA ranges of ARCH-NOTES §5's table, for every T0SZ and SL0 (44-bit PA)
  const allowed: Record<string, [number, number]> = { '4K0': [22, 34], '4K1': [31, 43], '4K2': [40, 44], '64K0': [17, 33], '64K1': [30, 44], '64K2': [43, 44] };
  fc.assert(fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1 }), (t0sz, sl0, tg) => {
    const f = stage2Format(vtcr(t0sz, sl0, tg));
    const range = allowed[`${tg === 0 ? '4K' : '64K'}${sl0}`];
    const ok = range !== undefined && 64 - t0sz >= range[0] && 64 - t0sz <= range[1] && t0sz >= 20 && t0sz <= 39;
    assert.equal(f.fault === undefined, ok, `T0SZ ${t0sz} SL0 ${sl0} ${tg === 0 ? '4K' : '64K'}: ${f.fault}`);
  }));
});

test('stage2Format faults exactly where the MMU takes a stage-2 configuration fault, for every T0SZ, SL0, TG0 and PS', () => {
  // one source of behaviour for two readers: the audit's table walk and the CPU's (mmu/params.ts setupS2), the latter
  // held against QEMU by test/qemu/progs/s2-ipa-size.S
  const ctx = makeCtx();
  const p = new WalkParams();
  for (let ps = 0; ps < 8; ps++) for (let tg = 0; tg < 2; tg++) for (let sl0 = 0; sl0 < 4; sl0++) for (let t0sz = 0; t0sz < 64; t0sz++) {
    const v = (vtcr(t0sz, sl0, tg) & ~(7n << 16n)) | (BigInt(ps) << 16n);
    ctx.set('VTCR_EL2', v);
    setupS2(ctx, p, null);
    assert.equal(stage2Format(v).fault !== undefined, p.configFault, `T0SZ ${t0sz} SL0 ${sl0} ${tg === 0 ? '4K' : '64K'} PS ${ps}: ${stage2Format(v).fault}`);
  }
  assert.match(stage2Format((vtcr(24, 1) & ~(7n << 16n))).fault!, /40-bit IPA, wider than the 32-bit output size/);
});

test('a walk of more mappings than its bound stops with TableBoundError instead of running on', () => {
  // every descriptor a table descriptor pointing at the same table, and pages at level 3: 16 · 512³ leaves
  const mem = { readU64: (): bigint => 0x4000_0003n };
  const t0 = performance.now();
  assert.throws(() => mappings(mem, stage2Format(vtcr(20, 2)), 0x4000_0000, 10_000), (e: unknown) => e instanceof TableBoundError && /more than 10000 mappings/.test(e.message));
  assert.ok(performance.now() - t0 < 2000);
});
