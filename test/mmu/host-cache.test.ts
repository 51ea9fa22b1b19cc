// The host-cache hit test has one source (src/mmu/tlb.ts hostHitSource): the interpreter's Tlb.hit is made from it
// and the translator embeds it; no other module reads the tags.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sysopByName } from '../../src/arch/sysops.ts';
import { hostHitSource, KM_ALL, Tlb, TlbFill } from '../../src/mmu/tlb.ts';

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

test('only src/mmu/tlb.ts reads the host-cache tags; the translator embeds hostHitSource', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
  const readers = files('src').filter((f) => /hcTag\[|hcHi\[/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(readers, [join('src', 'mmu', 'tlb.ts')]);
  assert.match(hostHitSource('tlb', 's', 'a', 'hi'), /^tlb\.hcTag\[s\] === /);
  assert.match(readFileSync(join('src', 'cpu', 'jit', 'emit.ts'), 'utf8'), /hostHitSource\('tlb', 's', 'a', 'hi'\)/);
});

test('the TLB counts its fills, its evictions and every emptying of the host cache (--stats)', () => {
  const t = new Tlb(1, 4); // one set of four ways: the fifth distinct translation evicts
  const f = new TlbFill();
  const fill = (page: number): void => {
    f.inLo = page * 0x1000;
    f.out = 0x4000_0000 + page * 0x1000;
    t.insert(f);
  };
  for (let p = 0; p < 6; p++) fill(p);
  assert.deepEqual([t.fills, t.evictions, t.hostFlushes], [6, 2, 2], 'two evictions, each emptying the host cache');
  fill(5); // the same translation again: refilled in place, nothing evicted
  assert.deepEqual([t.fills, t.evictions, t.hostFlushes], [7, 2, 2]);
  const s = Tlb.hostSlot(1, 0, 0x5000);
  t.hostFill(1, 0, 0x5000, 0, 0x4000_5000, undefined, false);
  assert.equal(Tlb.hit(t, s, 0x5000, 0), true);
  t.invalidate(sysopByName('tlbi', 'ALLE1')!.tlbi!, -1, -1, 0, 0);
  assert.equal(t.hostFlushes, 3, 'a TLBI empties the host cache');
  assert.equal(Tlb.hit(t, s, 0x5000, 0), false);
  t.evict(0);
  assert.equal(t.hostFlushes, 3, 'evicting an empty entry changes nothing');
  fill(1);
  t.evict(t.lookup(0, 0, 0, KM_ALL, 0x1000, 0));
  assert.deepEqual([t.evictions, t.hostFlushes], [2, 4], 'a chosen eviction (a checker) empties it too; `evictions` counts replacements only');
});
