// The host-cache hit test has one source (src/mmu/tlb.ts hostHitSource): the interpreter's Tlb.hit is made from it
// and the translator embeds it; no other module reads the tags.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hostHitSource, Tlb } from '../../src/mmu/tlb.ts';

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
