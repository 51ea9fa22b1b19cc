// The host-cache hit test has one source (src/mmu/tlb.ts hostHitSource): the interpreter's Tlb.hit is made from it
// and the translator embeds it; no other module reads the tags.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SYSOPS, sysopByName } from '../../src/arch/sysops.ts';
import { hostCacheView, hostHitSource, KIND_S1, KIND_S12, KIND_S2, KM_ALL, REGIME_EL10, REGIME_EL2, Tlb, TlbFill } from '../../src/mmu/tlb.ts';

function* rng(seed: number): Generator<number> {
  for (;;) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    yield seed;
  }
}

test('Tlb.hit: a filled VA page hits in its slot until the next flush; another page, high half or generation misses', () => {
  const t = new Tlb();
  const r = rng(12);
  for (let k = 0; k < 2000; k++) {
    const el = r.next().value! % 3, acc = r.next().value! % 3, lo = r.next().value!, hi = r.next().value! | 0;
    const s = Tlb.hostSlot(el, acc, lo);
    t.hostFill(el, acc, lo, hi, 0x4000_0000 + (lo & 0xfff), undefined, false);
    assert.equal(Tlb.hit(t, s, lo, hi), true);
    assert.equal(Tlb.hit(t, s, (lo & 0xfffff000) | (r.next().value! & 0xfff), hi), true, 'any byte of the page');
    assert.equal(Tlb.hit(t, s, (lo + 0x1000 * 0x100) >>> 0, hi), false, 'another page in the same slot');
    assert.equal(Tlb.hit(t, s, lo, (hi + 1) | 0), false, 'another high half');
    if (k % 7 === 0) {
      t.hostFlush();
      assert.equal(Tlb.hit(t, s, lo, hi), false, 'after a flush');
    }
  }
});

test('only src/mmu/tlb.ts reads the host-cache tags (and the wasm tier, in wasm); the translator embeds hostHitSource', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
  const readers = files('src').filter((f) => /hcTag\[|hcHi\[/.test(readFileSync(f, 'utf8')));
  // the wasm tier's blocks make the same test in WebAssembly (src/cpu/wasm/emit.ts access; test/cpu/jit.test.ts runs
  // every translated program with it too)
  assert.deepEqual(readers, [join('src', 'cpu', 'wasm', 'emit.ts'), join('src', 'mmu', 'tlb.ts')]);
  assert.match(hostHitSource(hostCacheView('tlb'), 's', 'a', 'hi'), /^tlb\.hcTag\[s\] === /);
  assert.match(readFileSync(join('src', 'cpu', 'jit', 'host-access.ts'), 'utf8'), /hostHitSource\(\{ hcTag: 'hcTag', hcHi: 'hcHi', gen: 'tlb\.gen' \}, 's', 'a', 'hi'\)/);
});

test('the TLB counts its fills, its evictions and every emptying or page drop of the host cache (--stats)', () => {
  const t = new Tlb(1, 4); // one set of four ways: the fifth distinct translation evicts
  const f = new TlbFill();
  const fill = (page: number): void => {
    f.inLo = page * 0x1000;
    f.out = 0x4000_0000 + page * 0x1000;
    t.insert(f);
  };
  for (let p = 0; p < 6; p++) fill(p);
  assert.deepEqual([t.fills, t.evictions, t.hostFlushes, t.hostPageDrops], [6, 2, 0, 2], 'two evictions of 4 KiB entries, each dropping its page');
  fill(5); // the same translation again: refilled in place, nothing evicted
  assert.deepEqual([t.fills, t.evictions, t.hostFlushes, t.hostPageDrops], [7, 2, 0, 2]);
  const s = Tlb.hostSlot(1, 0, 0x5000);
  t.hostFill(1, 0, 0x5000, 0, 0x4000_5000, undefined, false);
  assert.equal(Tlb.hit(t, s, 0x5000, 0), true);
  t.invalidate(sysopByName('tlbi', 'ALLE1')!.tlbi!, -1, -1, 0, 0);
  assert.deepEqual([t.hostFlushes, t.hostPageDrops], [1, 3], 'a TLBI removing several entries empties the host cache (after dropping the first one\'s page)');
  assert.equal(Tlb.hit(t, s, 0x5000, 0), false);
  t.hostFill(1, 0, 0x5000, 0, 0x4000_5000, undefined, false);
  t.invalidate(sysopByName('tlbi', 'ALLE1')!.tlbi!, -1, -1, 0, 0);
  assert.equal(t.hostFlushes, 1, 'a TLBI that removes nothing leaves the host cache');
  assert.equal(Tlb.hit(t, s, 0x5000, 0), true);
  t.evict(0);
  assert.equal(t.hostFlushes, 1, 'evicting an empty entry changes nothing');
  fill(1);
  t.evict(t.lookup(0, 0, 0, KM_ALL, 0x1000, 0));
  assert.deepEqual([t.evictions, t.hostFlushes, t.hostPageDrops], [2, 1, 4], 'a chosen eviction (a checker) drops its page too; `evictions` counts replacements only');
});

/** A number in [0, n) from the generator's high bits (an LCG's low bits have short periods). */
function below(r: Generator<number>, n: number): number {
  return Math.floor((r.next().value! / 2 ** 32) * n);
}

/** hi with random bits [31:24] and [22:16] (VA[63:56], VA[54:48]). */
function otherTopBits(hi: number, r: Generator<number>): number {
  return ((hi & ~0xff7f_0000) | (r.next().value! & 0xff7f_0000)) | 0;
}

/** A TLB of random leaf entries: 4 KiB to 1 GiB, stage 1 / stage 2 / combined, EL1&0 and EL2, both VA halves. */
function randomFill(f: TlbFill, r: Generator<number>): void {
  const shifts = [12, 12, 12, 14, 16, 21, 25, 29, 30];
  f.shift = shifts[below(r, shifts.length)]!;
  f.kind = [KIND_S1, KIND_S1, KIND_S12, KIND_S2][below(r, 4)]!;
  f.regime = f.kind === KIND_S2 || below(r, 4) !== 0 ? REGIME_EL10 : REGIME_EL2;
  f.vmid = below(r, 3);
  f.asid = below(r, 3);
  f.global = below(r, 2) === 0;
  // few distinct pages so that entries meet in sets and TLBIs hit; the high half: TTBR0 or TTBR1 (VA[55] in bit 23)
  f.inLo = (below(r, 24) << 12) + below(r, 3) * 0x20_0000 + below(r, 2) * 0x4000_0000;
  f.inHi = f.kind !== KIND_S2 && below(r, 2) === 0 ? 0xffff_8000 | 0 : below(r, 2);
  // VA[63:56] (a top-byte tag) and VA[54:48] are not part of the entry's key (tlbKey)
  if (f.kind !== KIND_S2) f.inHi = otherTopBits(f.inHi, r);
  f.out = 0x4000_0000 + (below(r, 64) << 12);
}

test('a TLBI by address looks only in its sets, and removes exactly what a scan of every entry would', () => {
  const r = rng(31);
  const byAddr = SYSOPS.filter((o) => o.tlbi !== undefined && o.tlbi.address !== 'none');
  assert.ok(byAddr.length >= 10);
  for (let round = 0; round < 300; round++) {
    const t = new Tlb(16, 4);
    const f = new TlbFill();
    for (let k = 0; k < 80; k++) {
      randomFill(f, r);
      t.insert(f);
    }
    const op = byAddr[below(r, byAddr.length)]!.tlbi!;
    const vmid = op.vmid === 'all' ? -1 : below(r, 3);
    const asid = op.asid === 'all' ? -1 : below(r, 3);
    randomFill(f, r); // an address near the entries'
    const lo = f.inLo + (r.next().value! & 0xfff), hi = op.address === 'va' ? otherTopBits(f.inHi, r) : f.inHi;
    // the reference: every valid entry the scope names, read off the entry arrays
    const regime = op.regime === 'EL2' ? REGIME_EL2 : REGIME_EL10;
    const kinds = op.stage === 'stage1' ? [KIND_S1, KIND_S12] : op.stage === 'stage2' ? [KIND_S2] : [KIND_S1, KIND_S2, KIND_S12];
    const expected: number[] = [];
    for (let e = 0; e < t.capacity; e++) {
      if (t.kind[e] === 0 || !kinds.includes(t.kind[e]!) || t.regime[e] !== regime) continue;
      if (vmid >= 0 && t.vmid[e] !== vmid) continue;
      if (asid >= 0 && (t.global[e] === 1 ? !op.global : t.asid[e] !== asid)) continue;
      const sh = t.shift[e]!;
      const va = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
      const inRange = (BigInt(Math.floor(t.key[e]! % 2 ** (48 - sh))) === ((va & ((1n << 48n) - 1n)) >> BigInt(sh))) &&
        Math.floor(t.key[e]! / 2 ** (48 - sh)) === ((hi >>> 23) & 1);
      if (inRange) expected.push(e);
    }
    const before = Array.from(t.kind);
    const n = t.invalidate(op, vmid, asid, lo, hi);
    const removed = before.flatMap((k, e) => (k !== 0 && t.kind[e] === 0 ? [e] : []));
    assert.deepEqual(removed, expected, `round ${round}`);
    assert.equal(n, expected.length);
  }
});

test('every host-cache hit derives from a leaf entry the TLB still holds, through fills, evictions and TLBIs', () => {
  const r = rng(77);
  const ops = SYSOPS.filter((o) => o.tlbi !== undefined);
  for (let round = 0; round < 100; round++) {
    const t = new Tlb(4, 2); // small: fills evict often
    const f = new TlbFill();
    // what each host slot was filled from: the entry's tags and output for its VA page
    const from = new Map<number, { e: number; kind: number; key: number; shift: number; out: number }>();
    for (let step = 0; step < 300; step++) {
      const what = below(r, 10);
      if (what < 5) {
        randomFill(f, r);
        if (f.kind === KIND_S2) f.kind = KIND_S1;
        const e = t.insert(f);
        // the host cache fills a page of the entry's block from it (as translate.ts does after a lookup)
        const lo = (f.inLo - (f.inLo % 2 ** Math.min(f.shift, 31))) + (below(r, 2 ** Math.min(f.shift - 12, 8)) << 12);
        const el = f.regime === REGIME_EL2 ? 2 : below(r, 2), acc = below(r, 3);
        t.hostFill(el, acc, lo, f.inHi, t.outputOf(e, lo), undefined, false);
        from.set(Tlb.hostSlot(el, acc, lo), { e, kind: t.kind[e]!, key: t.key[e]!, shift: t.shift[e]!, out: t.out[e]! });
      } else if (what < 8) {
        const op = ops[below(r, ops.length)]!.tlbi!;
        randomFill(f, r);
        t.invalidate(op, op.vmid === 'all' ? -1 : below(r, 3), op.asid === 'all' ? -1 : below(r, 3), f.inLo, f.inHi);
      } else {
        t.evict(below(r, t.capacity));
      }
      for (const [s, src] of from) {
        const lo = ((t.hcTag[s]! & 0xfffff000) >>> 0), hi = t.hcHi[s]!;
        if (!Tlb.hit(t, s, lo, hi)) continue;
        const e = src.e;
        assert.ok(t.kind[e] === src.kind && t.key[e] === src.key && t.shift[e] === src.shift && t.out[e] === src.out,
          `round ${round} step ${step}: slot ${s} hits but entry ${e} it came from is gone`);
      }
    }
  }
});
