// Architectural TLB tagging and every TLBI scope (ARCH-NOTES §8, §9), the permission matrix (§7b), AT and PAR_EL1 (§11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sysopByName } from '../../src/arch/sysops.ts';
import { at as atOp, tlbi as tlbiOp, type MaintenanceContext } from '../../src/mmu/maintenance.ts';
import { ACC_EXEC, ACC_READ, ACC_WRITE, faultStatusCode, TranslateResult } from '../../src/mmu/result.ts';
import { KIND_S2, Tlb, TlbFill } from '../../src/mmu/tlb.ts';
import { translate } from '../../src/mmu/translate.ts';
import {
  AF, AP_RO_ALL, AP_RO_EL1, AP_RW_ALL, AP_RW_EL1, APTABLE0, APTABLE1, makeCtx, MAIR_NORMAL0_DEVICE1, NG, PXN, RAM,
  S2_NORMAL_WB, S2AP_RO, S2AP_RW, SCTLR_M, Tables, TCR_4K_48, type TestCtx, UXN, UXNTABLE,
} from './tables.ts';

const r = new TranslateResult();
/** TLBI and AT by the operation's name (src/arch/sysops.ts rows). */
const tlbi = (ctx: MaintenanceContext, name: string, lo: number, hi: number): void => tlbiOp(ctx, sysopByName('tlbi', name)!, lo, hi);
const at = (ctx: MaintenanceContext, name: string, lo: number, hi: number): bigint | null => atOp(ctx, sysopByName('at', name)!, lo, hi, new TranslateResult());
const go = (ctx: TestCtx, va: bigint, acc = ACC_READ, el = 1): boolean =>
  translate(ctx, Number(va & 0xffff_ffffn), Number(va >> 32n), acc, 4, el, r);

/** Stage 1 maps VA 0x1000 → PA A and 0x2000 (global) → PA B; stage 2 off; VMID 5, ASID 7. */
function setup(): { ctx: TestCtx; t: Tables } {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(0x1000n, BigInt(RAM + 0xa000), 3, AF | AP_RW_ALL | NG);
  t.map(0x2000n, BigInt(RAM + 0xb000), 3, AF | AP_RW_ALL);
  ctx.set('TCR_EL1', TCR_4K_48);
  ctx.set('TTBR0_EL1', (7n << 48n) | BigInt(t.root));
  ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL1', SCTLR_M);
  ctx.set('VTTBR_EL2', 5n << 48n); // VM = 0: the VMID still tags EL1&0 entries
  ctx.set('HCR_EL2', 1n << 31n);
  return { ctx, t };
}

/** Repoint both leaves in memory (no TLBI): cached translations keep the old PAs. */
function repoint(ctx: TestCtx, t: Tables): void {
  t.map(0x1000n, BigInt(RAM + 0xc000), 3, AF | AP_RW_ALL | NG);
  t.map(0x2000n, BigInt(RAM + 0xd000), 3, AF | AP_RW_ALL);
  ctx.tlb.hostFlush();
}

const pa = (ctx: TestCtx, va: bigint): number => (go(ctx, va) ? r.pa : -1);
const xt = (asid: bigint, va: bigint): [number, number] => {
  const v = (asid << 48n) | ((va >> 12n) & 0xfff_ffff_ffffn);
  return [Number(v & 0xffff_ffffn), Number(v >> 32n)];
};

test('a stale entry survives a page-table change until the right TLBI', () => {
  const { ctx, t } = setup();
  assert.equal(pa(ctx, 0x1000n), RAM + 0xa000);
  assert.equal(pa(ctx, 0x2000n), RAM + 0xb000);
  repoint(ctx, t);
  assert.equal(pa(ctx, 0x1000n), RAM + 0xa000);
  tlbi(ctx, 'VAE1IS', ...xt(7n, 0x1000n));
  assert.equal(pa(ctx, 0x1000n), RAM + 0xc000);
  assert.equal(pa(ctx, 0x2000n), RAM + 0xb000); // other page untouched
});

test('VMID tags entries with HCR_EL2.VM = 0: VMALLE1 under another VMID leaves them; under theirs removes them', () => {
  const { ctx, t } = setup();
  pa(ctx, 0x1000n);
  pa(ctx, 0x2000n);
  repoint(ctx, t);
  ctx.set('VTTBR_EL2', 6n << 48n);
  tlbi(ctx, 'VMALLE1', 0, 0);
  // under VMID 6 the VMID-5 entries do not match: fresh walks
  assert.equal(pa(ctx, 0x1000n), RAM + 0xc000);
  ctx.set('VTTBR_EL2', 5n << 48n);
  ctx.tlb.hostFlush();
  assert.equal(pa(ctx, 0x1000n), RAM + 0xa000); // VMID 5's stale entry is still there
  tlbi(ctx, 'VMALLE1IS', 0, 0);
  assert.equal(pa(ctx, 0x1000n), RAM + 0xc000);
  assert.equal(pa(ctx, 0x2000n), RAM + 0xd000);
});

test('ASIDE1 keeps global entries; VAAE1 removes any ASID; VAE1 with another ASID removes only the global one', () => {
  const { ctx, t } = setup();
  pa(ctx, 0x1000n);
  pa(ctx, 0x2000n);
  repoint(ctx, t);
  tlbi(ctx, 'ASIDE1', ...xt(7n, 0n));
  assert.equal(pa(ctx, 0x1000n), RAM + 0xc000);
  assert.equal(pa(ctx, 0x2000n), RAM + 0xb000);
  tlbi(ctx, 'VAE1', ...xt(9n, 0x2000n)); // global entries match any ASID
  assert.equal(pa(ctx, 0x2000n), RAM + 0xd000);
  t.map(0x1000n, BigInt(RAM + 0xe000), 3, AF | AP_RW_ALL | NG);
  tlbi(ctx, 'VAE1', ...xt(9n, 0x1000n)); // non-global entry of ASID 7: kept
  assert.equal(pa(ctx, 0x1000n), RAM + 0xc000);
  tlbi(ctx, 'VAAE1', ...xt(0n, 0x1000n));
  assert.equal(pa(ctx, 0x1000n), RAM + 0xe000);
});

test('ASID tag: another ASID in TTBR0_EL1 misses non-global entries, hits global ones', () => {
  const { ctx, t } = setup();
  pa(ctx, 0x1000n);
  pa(ctx, 0x2000n);
  repoint(ctx, t);
  ctx.set('TTBR0_EL1', (8n << 48n) | BigInt(t.root));
  assert.equal(pa(ctx, 0x1000n), RAM + 0xc000);
  assert.equal(pa(ctx, 0x2000n), RAM + 0xb000);
});

/** Stage 2 on (VMID 5) identity-mapping RAM in 2 MiB blocks; stage 1 as in setup(). */
function setup2(): { ctx: TestCtx; t: Tables; s2: Tables } {
  const { ctx, t } = setup();
  const s2 = new Tables(ctx.mem, 12, 0, 44, RAM + 0x300_0000);
  for (let a = RAM; a < RAM + 0x400_0000; a += 0x20_0000) s2.map(BigInt(a), BigInt(a), 2, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.set('VTCR_EL2', 20n | (2n << 6n) | (4n << 16n) | (1n << 31n));
  ctx.set('VTTBR_EL2', (5n << 48n) | BigInt(s2.root));
  ctx.set('HCR_EL2', (1n << 31n) | 1n);
  return { ctx, t, s2 };
}

test('IPAS2E1 removes stage-2 entries but not combined ones; VMALLS12E1 removes both; ALLE1 every VMID', () => {
  const { ctx, s2 } = setup2();
  assert.equal(pa(ctx, 0x1000n), RAM + 0xa000);
  // move the IPA's stage-2 block
  s2.map(BigInt(RAM), BigInt(RAM + 0x200_0000), 2, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.tlb.hostFlush();
  tlbi(ctx, 'IPAS2E1IS', ...xt(0n, BigInt(RAM + 0xa000)));
  assert.equal(pa(ctx, 0x1000n), RAM + 0xa000); // the combined entry survives (needs VMALLE1 too)
  tlbi(ctx, 'VMALLE1IS', 0, 0);
  assert.equal(pa(ctx, 0x1000n), RAM + 0x200_a000);
  s2.map(BigInt(RAM), BigInt(RAM), 2, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.tlb.hostFlush();
  tlbi(ctx, 'VMALLE1', 0, 0); // stage-2 entry of the IPA is still cached
  assert.equal(pa(ctx, 0x1000n), RAM + 0x200_a000);
  tlbi(ctx, 'VMALLS12E1', 0, 0);
  assert.equal(pa(ctx, 0x1000n), RAM + 0xa000);
  ctx.set('VTTBR_EL2', (6n << 48n) | BigInt(s2.root));
  tlbi(ctx, 'ALLE1IS', 0, 0);
  assert.equal(ctx.tlb.count(), 0);
});

test('a fill with another output under the same tags is a second entry beside the stale one; the same one refills in place', () => {
  // stage-2 2 MiB block, VMID 1, IPA 0x4000_0000: first to PA 0x4040_0000, then (new tables, no TLBI) to 0x4060_0000
  const t = new Tlb();
  const f = new TlbFill();
  Object.assign(f, { kind: KIND_S2, vmid: 1, inLo: 0x4000_0000, shift: 21, out: 0x4040_0000 });
  t.insert(f);
  t.insert(f);
  assert.equal(t.count(), 1);
  f.out = 0x4060_0000;
  t.insert(f);
  const outs = (): number[] => [...t.out].filter((_, e) => t.kind[e] !== 0).sort();
  assert.deepEqual(outs(), [0x4040_0000, 0x4060_0000]); // a lookup may hit either: a TLB conflict
  assert.equal(t.invalidate(sysopByName('tlbi', 'VMALLS12E1')!.tlbi!, 1, -1, 0, 0), 2); // VMALLS12E1 under VMID 1
});

test('EL2 regime entries: VAE2 and ALLE2 remove them; EL1&0 TLBIs do not', () => {
  const ctx = makeCtx();
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(0x1000n, BigInt(RAM + 0xa000), 3, AF | AP_RW_EL1);
  ctx.set('TCR_EL2', 16n | (4n << 16n) | (1n << 31n) | (1n << 23n));
  ctx.set('TTBR0_EL2', BigInt(t.root));
  ctx.set('MAIR_EL2', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL2', SCTLR_M);
  assert.equal(go(ctx, 0x1000n, ACC_READ, 2) ? r.pa : -1, RAM + 0xa000);
  t.map(0x1000n, BigInt(RAM + 0xc000), 3, AF | AP_RW_EL1);
  tlbi(ctx, 'ALLE1', 0, 0);
  tlbi(ctx, 'VMALLS12E1', 0, 0);
  assert.equal(go(ctx, 0x1000n, ACC_READ, 2) ? r.pa : -1, RAM + 0xa000);
  tlbi(ctx, 'VAE2IS', ...xt(0n, 0x1000n));
  assert.equal(go(ctx, 0x1000n, ACC_READ, 2) ? r.pa : -1, RAM + 0xc000);
  assert.equal(go(ctx, 0x1000n, ACC_EXEC, 2), true);
  assert.equal(go(ctx, 0x1_0000_0000_0000n, ACC_READ, 2), false); // one range: VA[48] set is outside it
  assert.equal(faultStatusCode(r), 0x04);
});

test('permission matrix: AP[2:1] × EL × access, UXN/PXN, EL0-writable ⇒ PXN, WXN, APTable, UXNTable', () => {
  // [attrs, tableAttrs, EL1 r w x, EL0 r w x]
  const rows: [bigint, bigint, string, string][] = [
    [AP_RW_EL1, 0n, 'rwx', 'x'], // EL0 execute-only: AP=00, UXN=0
    [AP_RW_ALL, 0n, 'rw-', 'rwx'], // EL0-writable: never privileged-executable
    [AP_RO_EL1, 0n, 'r-x', '--x'],
    [AP_RO_ALL, 0n, 'r-x', 'r-x'],
    [AP_RO_ALL | UXN | PXN, 0n, 'r--', 'r--'],
    [AP_RW_ALL, APTABLE1, 'r-x', 'r-x'], // APTable[1]: read-only below
    [AP_RW_ALL, APTABLE0, 'rwx', '--x'], // APTable[0]: no EL0 data access below
    [AP_RO_ALL, UXNTABLE, 'r-x', 'r--'],
  ];
  for (const [attrs, tattrs, e1, e0] of rows) {
    const ctx = makeCtx();
    const t = new Tables(ctx.mem, 12, 0, 48);
    t.map(0x4000n, BigInt(RAM), 3, AF | attrs, tattrs);
    ctx.set('TCR_EL1', TCR_4K_48);
    ctx.set('TTBR0_EL1', BigInt(t.root));
    ctx.set('SCTLR_EL1', SCTLR_M);
    const got = (el: number): string =>
      (go(ctx, 0x4000n, ACC_READ, el) ? 'r' : '-') + (go(ctx, 0x4000n, ACC_WRITE, el) ? 'w' : '-') + (go(ctx, 0x4000n, ACC_EXEC, el) ? 'x' : '-');
    assert.equal(got(1), e1.padEnd(3, '-'), `EL1 ${attrs.toString(16)}`);
    assert.equal(got(0), e0.length === 1 ? '--x' : e0, `EL0 ${attrs.toString(16)}`);
    if (!go(ctx, 0x4000n, ACC_WRITE, 0)) assert.equal(faultStatusCode(r), 0x0f);
    ctx.set('SCTLR_EL1', SCTLR_M | (1n << 19n)); // WXN: writable ⇒ execute-never
    ctx.tlb.clear();
    if (attrs === AP_RW_EL1) assert.equal(go(ctx, 0x4000n, ACC_EXEC, 1), false);
  }
});

test('stage-2 permissions: S2AP read-only denies writes (stage-2 Permission fault at the S2 leaf level, IPA kept)', () => {
  const { ctx, s2 } = setup2();
  s2.map(BigInt(RAM), BigInt(RAM), 2, AF | S2AP_RO | S2_NORMAL_WB);
  assert.ok(go(ctx, 0x1000n, ACC_READ));
  assert.equal(go(ctx, 0x1000n, ACC_WRITE), false);
  assert.equal(faultStatusCode(r), 0x0e);
  assert.equal(r.stage2, true);
  assert.equal(r.ipa, RAM + 0xa000);
});

test('AT: S1E1R/W, S12E1R, S1E0R results and faults in PAR_EL1', () => {
  const { ctx, s2 } = setup2();
  ctx.el = 2;
  const [lo, hi] = [0x1008, 0];
  // S1E1R: the IPA; ATTR = MAIR Attr0 (0xff), SH = 00, NS = 1, bit 11 RES1
  assert.equal(at(ctx, 'S1E1R', lo, hi), (0xffn << 56n) | BigInt(RAM + 0xa000) | (1n << 9n) | (1n << 11n));
  s2.map(BigInt(RAM), BigInt(RAM + 0x200_0000), 2, AF | S2AP_RO | S2_NORMAL_WB);
  assert.equal(at(ctx, 'S12E1R', lo, hi), (0xffn << 56n) | BigInt(RAM + 0x200_a000) | (1n << 9n) | (1n << 11n));
  // S12E1W: stage-2 Permission fault level 2 → F=1, FST=0x0e, S=1
  assert.equal(at(ctx, 'S12E1W', lo, hi), 1n | (0x0en << 1n) | (1n << 9n) | (1n << 11n));
  // S1E0R of an EL1-only page: stage-1 Permission fault level 3
  const t = new Tables(ctx.mem, 12, 0, 48, RAM + 0x380_0000);
  t.map(0x5000n, BigInt(RAM), 3, AF | AP_RW_EL1);
  ctx.set('TTBR0_EL1', (7n << 48n) | BigInt(t.root));
  assert.equal(at(ctx, 'S1E0R', 0x5000, 0), 1n | (0x0fn << 1n) | (1n << 11n));
  assert.equal(at(ctx, 'S1E1W', 0x5000, 0)! & 1n, 0n);
  // an unmapped VA: Translation fault level 3
  assert.equal(at(ctx, 'S1E1R', 0x6000, 0), 1n | (0x07n << 1n) | (1n << 11n));
  // stage-2 fault on the stage-1 walk: from EL2 reported in PAR (PTW=1, S=1); from EL1 an exception (null)
  s2.map(BigInt(RAM + 0x200_0000), 0n, 2, 0n); // IPA of the new stage-1 tables... is RAM+0x380_0000: unmap that block
  s2.map(BigInt(RAM + 0x380_0000), 0n, 2, 0n);
  const par = at(ctx, 'S1E1R', 0x5000, 0)!;
  assert.equal(par & 1n, 1n);
  assert.equal((par >> 8n) & 3n, 3n);
  ctx.el = 1;
  assert.equal(at(ctx, 'S1E1R', 0x5000, 0), null);
});
