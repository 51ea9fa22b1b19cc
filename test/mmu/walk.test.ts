// The walker through translate(): stage 1 (4K/64K, every start level, blocks), stage 2 (SL0, concatenation,
// range checks), nested walks with S1PTW faults, each fault kind at each level with its FSC (ARCH-NOTES §5–§7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACC_EXEC, ACC_READ, ACC_WRITE, faultStatusCode, TranslateResult } from '../../src/mmu/result.ts';
import { translate } from '../../src/mmu/translate.ts';
import {
  AF, AP_RW_ALL, BLOCK, makeCtx, MAIR_NORMAL0_DEVICE1, RAM, S2_DEVICE, S2_NORMAL_WB, S2AP_RW, SCTLR_M, TABLE, Tables,
  TCR_4K_48, TCR_64K_48, type TestCtx,
} from './tables.ts';

const r = new TranslateResult();

function go(ctx: TestCtx, va: bigint, acc = ACC_READ, el = 1, size = 8): boolean {
  return translate(ctx, Number(va & 0xffff_ffffn), Number(va >> 32n), acc, size, el, r);
}

/** EL1&0 stage 1 on with tables `t` in TTBR0_EL1 and the given TCR. */
function s1(ctx: TestCtx, t: Tables, tcr: bigint): void {
  ctx.set('TCR_EL1', tcr);
  ctx.set('TTBR0_EL1', BigInt(t.root));
  ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL1', SCTLR_M);
}

const NORMAL_PAGE = AF | AP_RW_ALL; // AttrIndx 0 (Normal), EL0/EL1 RW, AF

test('stage 1, 4K granule, 48-bit VA: a 4-level walk to a page, offset kept', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(0x0000_1234_5678_9000n, BigInt(RAM + 0x20_3000), 3, NORMAL_PAGE);
  s1(ctx, t, TCR_4K_48);
  assert.ok(go(ctx, 0x0000_1234_5678_9abcn));
  assert.equal(r.pa, RAM + 0x20_3abc);
  assert.equal(r.attr, 0xff);
});

test('stage 1 start level follows T0SZ: 4K 39-bit → L1, 30-bit → L2; 64K 48-bit → L1, 42-bit → L2', () => {
  for (const [gb, tsz, start, tg0] of [[12, 25, 1, 0n], [12, 34, 2, 0n], [16, 16, 1, 1n], [16, 22, 2, 1n]] as const) {
    const ctx = makeCtx();
    const t = new Tables(ctx.mem, gb, start, 64 - tsz);
    const va = 0x1234_5000n & ((1n << BigInt(64 - tsz)) - 1n) & ~0xfffn;
    t.map(va, BigInt(RAM + 0x30_0000), 3, NORMAL_PAGE);
    s1(ctx, t, BigInt(tsz) | (tg0 << 14n) | (4n << 32n) | (16n << 16n) | (2n << 30n));
    assert.ok(go(ctx, va | 0x18n), `gb ${gb} T0SZ ${tsz}`);
    assert.equal(r.pa, RAM + 0x30_0000 + (gb === 16 ? Number(va & 0xf000n) : 0) + 0x18);
  }
});

test('blocks: 4K L1 (1 GiB) and L2 (2 MiB), 64K L2 (512 MiB); a 4K L0 block and a 64K L1 block are Translation faults', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(0x40_0000_0000n, 0x4000_0000n, 1, NORMAL_PAGE);
  t.map(0x80_0000_0000n, BigInt(RAM + 0x60_0000), 2, NORMAL_PAGE);
  s1(ctx, t, TCR_4K_48);
  assert.ok(go(ctx, 0x40_0123_4568n));
  assert.equal(r.pa, 0x4123_4568);
  assert.ok(go(ctx, 0x80_0012_3458n));
  assert.equal(r.pa, RAM + 0x72_3458);
  ctx.mem.writeU64(t.slot(t.root, 0, 0x100_0000_0000n), 0x4000_0000n | BLOCK | AF); // L0 "block"
  assert.equal(go(ctx, 0x100_0000_0000n), false);
  assert.equal(faultStatusCode(r), 0x04);

  const c64 = makeCtx();
  const t64 = new Tables(c64.mem, 16, 1, 48);
  t64.map(0x2000_0000n, 0x6000_0000n, 2, NORMAL_PAGE);
  s1(c64, t64, TCR_64K_48);
  assert.ok(go(c64, 0x2345_6788n));
  assert.equal(r.pa, 0x6345_6788);
  c64.mem.writeU64(t64.slot(t64.root, 1, 0x400_0000_0000n), BLOCK | AF); // L1 block: needs 52-bit PA
  assert.equal(go(c64, 0x400_0000_0000n), false);
  assert.equal(faultStatusCode(r), 0x05);
});

test('Translation fault at each level (invalid descriptor) and level 3 "block" encoding', () => {
  for (let level = 0; level <= 3; level++) {
    const ctx = makeCtx();
    const t = new Tables(ctx.mem, 12, 0, 48);
    const va = 0x0000_0012_3456_7000n;
    t.map(va, BigInt(RAM + 0x40_0000), 3, NORMAL_PAGE);
    ctx.mem.writeU64(t.descAt(va, level), 0n);
    s1(ctx, t, TCR_4K_48);
    assert.equal(go(ctx, va), false);
    assert.equal(faultStatusCode(r), 0x04 + level, `level ${level}`);
    assert.equal(r.stage2, false);
  }
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  const at = t.map(0x5000n, BigInt(RAM), 3, NORMAL_PAGE);
  ctx.mem.writeU64(at, BigInt(RAM) | BLOCK | NORMAL_PAGE); // bits[1:0] = 01 at level 3: reserved
  s1(ctx, t, TCR_4K_48);
  assert.equal(go(ctx, 0x5000n), false);
  assert.equal(faultStatusCode(r), 0x07);
});

test('Access flag fault at the leaf level (L1 block, L2 block, L3 page): FSC 0x09–0x0B', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(0x40_0000_0000n, 0x4000_0000n, 1, AP_RW_ALL);
  t.map(0x80_0000_0000n, 0x4000_0000n, 2, AP_RW_ALL);
  t.map(0xc0_0000_0000n, 0x4000_0000n, 3, AP_RW_ALL);
  s1(ctx, t, TCR_4K_48);
  for (const [va, fsc] of [[0x40_0000_0000n, 0x09], [0x80_0000_0000n, 0x0a], [0xc0_0000_0000n, 0x0b]] as const) {
    assert.equal(go(ctx, va), false);
    assert.equal(faultStatusCode(r), fsc);
  }
});

test('Address size faults: TTBR base (L0), table address (L0–L2) and output address (L3) beyond IPS', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  const va = 0x7000n;
  t.map(va, 0x1000_0000_0000n, 3, NORMAL_PAGE); // OA bit 44 set, IPS = 44
  s1(ctx, t, TCR_4K_48);
  assert.equal(go(ctx, va), false);
  assert.equal(faultStatusCode(r), 0x03);
  for (let level = 0; level <= 2; level++) {
    const c = makeCtx();
    const tt = new Tables(c.mem, 12, 0, 48);
    tt.map(va, BigInt(RAM), 3, NORMAL_PAGE);
    const at = tt.descAt(va, level);
    c.mem.writeU64(at, c.mem.readU64(at) | (1n << 45n));
    s1(c, tt, TCR_4K_48);
    assert.equal(go(c, va), false);
    assert.equal(faultStatusCode(r), level, `level ${level}`);
  }
  ctx.set('TTBR0_EL1', BigInt(t.root) | (1n << 44n));
  ctx.tlb.clear();
  assert.equal(go(ctx, 0x9000n), false);
  assert.equal(faultStatusCode(r), 0x00);
});

test('VA range: the gap between TTBR0 and TTBR1 and T0SZ out of range are Translation faults at level 0; TBI', () => {
  const ctx = makeCtx();
  const t0 = new Tables(ctx.mem, 12, 0, 48);
  const t1 = new Tables(ctx.mem, 12, 0, 48, RAM + 0x200_0000);
  t0.map(0x1000n, BigInt(RAM + 0x1000), 3, NORMAL_PAGE);
  t1.map(0xffff_ffff_ffff_f000n, BigInt(RAM + 0x2000), 3, NORMAL_PAGE);
  s1(ctx, t0, TCR_4K_48 | (1n << 37n)); // TBI0
  ctx.set('TTBR1_EL1', BigInt(t1.root));
  assert.ok(go(ctx, 0xffff_ffff_ffff_f010n));
  assert.equal(r.pa, RAM + 0x2010);
  assert.ok(go(ctx, 0xab00_0000_0000_1010n)); // tag ignored under TBI0
  assert.equal(r.pa, RAM + 0x1010);
  assert.equal(go(ctx, 0x0001_0000_0000_1000n), false); // VA[48] set in the TTBR0 half
  assert.equal(faultStatusCode(r), 0x04);
  assert.equal(go(ctx, 0xab00_0000_0000_1010n, ACC_READ, 1) && go(ctx, 0x7f00_0000_0000_1000n), true);
  ctx.set('TCR_EL1', TCR_4K_48); // no TBI: the tag makes the VA fall into the gap
  ctx.tlb.clear();
  assert.equal(go(ctx, 0xab00_0000_0000_1010n), false);
  assert.equal(faultStatusCode(r), 0x04);
  ctx.set('TCR_EL1', 12n | (2n << 30n) | (4n << 32n)); // T0SZ = 12 < 16
  ctx.tlb.clear();
  assert.equal(go(ctx, 0x1000n), false);
  assert.equal(faultStatusCode(r), 0x04);
});

test('EPD0: Translation fault L0 on a miss, but a cached entry still hits', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(0x1000n, BigInt(RAM + 0x1000), 3, NORMAL_PAGE);
  s1(ctx, t, TCR_4K_48);
  assert.ok(go(ctx, 0x1000n));
  ctx.set('TCR_EL1', TCR_4K_48 | (1n << 7n));
  ctx.tlb.hostFlush();
  assert.ok(go(ctx, 0x1008n)); // TLB hit
  assert.equal(go(ctx, 0x2000n), false);
  assert.equal(faultStatusCode(r), 0x04);
});

/** Stage 2: VTCR for 4K, T0SZ=20 (44-bit IPA), SL0=2 (L0), PS=44. */
const VTCR_4K_44 = 20n | (2n << 6n) | (4n << 16n) | (1n << 31n);
/** 64K, T0SZ=20, SL0=1 (L2, 4 concatenated tables). */
const VTCR_64K_44_L2 = 20n | (1n << 6n) | (1n << 14n) | (4n << 16n) | (1n << 31n);

function s2(ctx: TestCtx, t: Tables, vtcr: bigint, vmid = 1n): void {
  ctx.set('VTCR_EL2', vtcr);
  ctx.set('VTTBR_EL2', (vmid << 48n) | BigInt(t.root));
  ctx.set('HCR_EL2', (1n << 31n) | 1n); // RW | VM
}

test('stage 2 only (stage 1 off): 4K SL0=2 and 64K SL0=1 with 4 concatenated L2 tables', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 44);
  t.map(0x8_0000_1000n, BigInt(RAM + 0x5000), 3, AF | S2AP_RW | S2_NORMAL_WB);
  s2(ctx, t, VTCR_4K_44);
  assert.ok(go(ctx, 0x8_0000_1238n));
  assert.equal(r.pa, RAM + 0x5238);
  assert.equal(r.device, true); // stage 1 off: data is Device-nGnRnE, and the stronger type wins
  assert.equal(go(ctx, 0x8_0000_1234n), false); // so an unaligned access takes a (stage-1) Alignment fault
  assert.equal(faultStatusCode(r), 0x21);
  assert.equal(r.stage2, false);
  const c = makeCtx();
  const t64 = new Tables(c.mem, 16, 2, 44);
  assert.equal(t64.rootBytes(), 4 * 65536);
  t64.map(0xc00_0001_0000n, BigInt(RAM + 0x10_0000), 3, AF | S2AP_RW | S2_NORMAL_WB); // IPA[43:42]=3: fourth table
  s2(c, t64, VTCR_64K_44_L2);
  assert.ok(go(c, 0xc00_0001_0010n));
  assert.equal(r.pa, RAM + 0x10_0010);
});

test('stage 2 configuration faults: bad SL0, inconsistent SL0/T0SZ, IPA out of range → stage-2 Translation fault L0', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 44);
  t.map(0x1000n, BigInt(RAM), 3, AF | S2AP_RW | S2_NORMAL_WB);
  for (const vtcr of [20n | (3n << 6n) | (4n << 16n), 20n | (1n << 6n) | (4n << 16n), 20n | (0n << 6n) | (4n << 16n)]) {
    s2(ctx, t, vtcr);
    ctx.tlb.clear();
    assert.equal(go(ctx, 0x1000n), false);
    assert.equal(faultStatusCode(r), 0x04);
    assert.equal(r.stage2, true);
  }
  s2(ctx, t, 32n | (1n << 6n) | (4n << 16n)); // 32-bit IPA, 4K start L1: consistent
  ctx.tlb.clear();
  const t32 = new Tables(ctx.mem, 12, 1, 32, RAM + 0x300_0000);
  t32.map(0x1000n, BigInt(RAM), 3, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.set('VTTBR_EL2', (1n << 48n) | BigInt(t32.root));
  assert.ok(go(ctx, 0x1000n));
  assert.equal(go(ctx, 0x1_0000_1000n), false); // IPA ≥ 2^32
  assert.equal(faultStatusCode(r), 0x04);
  assert.equal(r.stage2, true);
  assert.equal(r.ipa, 0x1_0000_1000);
});

test('nested walk: a stage-2 fault on a stage-1 descriptor fetch is S1PTW with the descriptor IPA and the stage-2 level', () => {
  const ctx = makeCtx();
  // stage-1 tables live at IPA 0x1000_0000.. (identity-mapped by stage 2 except where removed)
  const st2 = new Tables(ctx.mem, 12, 0, 44, RAM + 0x200_0000);
  const st1 = new Tables(ctx.mem, 12, 0, 48, RAM + 0x100_0000);
  for (let a = RAM + 0x100_0000; a < RAM + 0x110_0000; a += 0x1000) st2.map(BigInt(a), BigInt(a), 3, AF | S2AP_RW | S2_NORMAL_WB);
  st2.map(BigInt(RAM + 0x40_0000), BigInt(RAM + 0x60_0000), 2, AF | S2AP_RW | S2_NORMAL_WB); // 2 MiB block
  st1.map(0x1000n, BigInt(RAM + 0x40_0000), 3, NORMAL_PAGE);
  s1(ctx, st1, TCR_4K_48);
  s2(ctx, st2, VTCR_4K_44);
  assert.ok(go(ctx, 0x1234n));
  assert.equal(r.pa, RAM + 0x60_0234);
  // remove the stage-2 page holding stage 1's level-2 table
  const l2Table = Number(ctx.mem.readU64(st1.descAt(0x1000n, 1)) & 0xffff_ffff_f000n);
  ctx.mem.writeU64(st2.descAt(BigInt(l2Table), 3), 0n);
  ctx.tlb.clear();
  assert.equal(go(ctx, 0x1234n, ACC_WRITE), false);
  assert.equal(r.stage2, true);
  assert.equal(r.s1ptw, true);
  assert.equal(faultStatusCode(r), 0x07); // stage-2 level 3 (QEMU reports the stage-1 level: D3)
  assert.equal(r.ipa, st1.descAt(0x1000n, 2));
  // a read-only… no: a stage-2 page without read permission for the table: stage-2 Permission fault, S1PTW
  st2.map(BigInt(l2Table), BigInt(l2Table), 3, AF | (2n << 6n) | S2_NORMAL_WB); // S2AP = 10 (write-only)
  ctx.tlb.clear();
  assert.equal(go(ctx, 0x1234n), false);
  assert.equal(faultStatusCode(r), 0x0f);
  assert.equal(r.s1ptw, true);
  // HCR_EL2.PTW with the table in stage-2 Device memory: stage-2 Permission fault
  st2.map(BigInt(l2Table), BigInt(l2Table), 3, AF | S2AP_RW | S2_DEVICE);
  ctx.tlb.clear();
  assert.ok(go(ctx, 0x1234n));
  ctx.set('HCR_EL2', (1n << 31n) | 1n | 4n);
  ctx.tlb.clear();
  assert.equal(go(ctx, 0x1234n), false);
  assert.equal(faultStatusCode(r), 0x0f);
  assert.equal(r.s1ptw, true);
});

test('priority: stage-1 Device alignment > stage-1 permission > stage-2 fault of the output IPA', () => {
  const ctx = makeCtx();
  const st2 = new Tables(ctx.mem, 12, 0, 44, RAM + 0x200_0000);
  const st1 = new Tables(ctx.mem, 12, 0, 48, RAM + 0x100_0000);
  for (let a = RAM + 0x100_0000; a < RAM + 0x101_0000; a += 0x1000) st2.map(BigInt(a), BigInt(a), 3, AF | S2AP_RW | S2_NORMAL_WB);
  st1.map(0x1000n, 0x7000_0000n, 3, AF | (3n << 6n) | (1n << 2n)); // read-only, AttrIndx 1 (Device); IPA unmapped at S2
  s1(ctx, st1, TCR_4K_48);
  s2(ctx, st2, VTCR_4K_44);
  assert.equal(go(ctx, 0x1001n, ACC_WRITE, 1, 4), false);
  assert.equal(faultStatusCode(r), 0x21);
  assert.equal(r.stage2, false);
  assert.equal(go(ctx, 0x1000n, ACC_WRITE, 1, 4), false);
  assert.equal(faultStatusCode(r), 0x0f);
  assert.equal(r.stage2, false);
  assert.equal(go(ctx, 0x1000n, ACC_READ, 1, 4), false);
  assert.equal(faultStatusCode(r), 0x06); // stage-2 Translation fault: 0x7000_0000 shares the L0/L1 path of RAM
  assert.equal(r.stage2, true);
  assert.equal(r.s1ptw, false);
  assert.equal(r.ipa, 0x7000_0000);
});

test('effective controls: TGE and DC turn stage 1 off; DC turns stage 2 on; TGE keeps stage 2', () => {
  const ctx = makeCtx();
  const st1 = new Tables(ctx.mem, 12, 0, 48, RAM + 0x100_0000);
  st1.map(0x1000n, BigInt(RAM + 0x9000), 3, NORMAL_PAGE);
  s1(ctx, st1, TCR_4K_48);
  assert.ok(go(ctx, 0x1000n, ACC_READ, 0));
  assert.equal(r.pa, RAM + 0x9000);
  ctx.set('HCR_EL2', (1n << 27n) | (1n << 31n)); // TGE
  ctx.tlb.hostFlush();
  assert.ok(go(ctx, BigInt(RAM + 0x1000), ACC_READ, 0)); // flat: VA == PA
  assert.equal(r.pa, RAM + 0x1000);
  assert.equal(r.device, true);
  const st2 = new Tables(ctx.mem, 12, 0, 44, RAM + 0x200_0000);
  st2.map(0x1000n, BigInt(RAM + 0xa000), 3, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.set('VTCR_EL2', VTCR_4K_44);
  ctx.set('VTTBR_EL2', BigInt(st2.root));
  ctx.set('HCR_EL2', (1n << 27n) | (1n << 31n) | 1n); // TGE | VM: stage 2 stays (E2H = 0)
  ctx.tlb.hostFlush();
  assert.ok(go(ctx, 0x1000n, ACC_READ, 0));
  assert.equal(r.pa, RAM + 0xa000);
  ctx.set('HCR_EL2', (1n << 12n) | (1n << 31n)); // DC: stage 1 off, stage 2 on, Normal WB
  ctx.tlb.hostFlush();
  assert.ok(go(ctx, 0x1001n, ACC_READ, 1, 4));
  assert.equal(r.pa, RAM + 0xa001);
  assert.equal(r.attr, 0xff);
});

test('stage-1-disabled VA ≥ 2^44 is a stage-1 Address size fault L0; instruction fetch is Normal', () => {
  const ctx = makeCtx();
  assert.equal(go(ctx, 1n << 44n, ACC_READ, 1), false);
  assert.equal(faultStatusCode(r), 0x00);
  assert.ok(go(ctx, BigInt(RAM), ACC_EXEC, 1, 4));
  assert.equal(r.device, false);
  assert.equal(go(ctx, BigInt(RAM + 2), ACC_READ, 1, 4), false); // unaligned Device
  assert.equal(faultStatusCode(r), 0x21);
  void TABLE;
});
