// Test helper for physical memory above 4 GiB: addresses that cluster where a 32-bit page index would go wrong
// (every 4 GiB, the powers of two, the top of RAM), PA pairs a multiple of 4 GiB apart, and a PhysMemory with
// the 32-bit page index of issue 11 put back, so that tests can show they catch it.
import fc from 'fast-check';
import { PAGE_SHIFT, PhysMemory } from '../../src/memory/phys.ts';

export const GIB4 = 2 ** 32;

/** RAM at `base` of `size` bytes: a PA in it near an edge (k · 4 GiB, 2^n, base + k · 4 GiB, the ends) or anywhere. */
export function paIn(base: number, size: number, align = 1): fc.Arbitrary<number> {
  const end = base + size;
  const anchors = [base, end];
  for (let a = Math.ceil(base / GIB4) * GIB4; a < end; a += GIB4) anchors.push(a);
  for (let a = base + GIB4; a < end; a += GIB4) anchors.push(a);
  for (let n = 31; 2 ** n < end; n++) if (2 ** n > base) anchors.push(2 ** n);
  const near = fc.tuple(fc.constantFrom(...anchors), fc.integer({ min: -0x2_0000, max: 0x2_0000 })).map(([a, d]) => a + d);
  const anywhere = fc.double({ min: base, max: end - 1, noNaN: true }).map(Math.floor);
  return fc.oneof(near, anywhere).map((pa) => Math.min(end - align, Math.max(base, pa - (pa % align))));
}

/** A PA and a second one a whole number of 4 GiB away (both in RAM), or two unrelated ones. */
export function paPairIn(base: number, size: number, align = 1): fc.Arbitrary<[number, number]> {
  const end = base + size;
  const apart = fc.tuple(paIn(base, size, align), fc.integer({ min: 1, max: Math.max(1, Math.floor(size / GIB4)) }), fc.boolean())
    .map(([a, k, up]): [number, number] => [a, up ? a + k * GIB4 : a - k * GIB4])
    .filter(([, b]) => b >= base && b <= end - align);
  return fc.oneof(apart, fc.tuple(paIn(base, size, align), paIn(base, size, align)));
}

/** PhysMemory with issue 11's bug put back: the RAM page index in 32 bits, so PAs 4 GiB apart share a page. */
export class Aliased32Memory extends PhysMemory {
  override ramPageIndex(pa: number): number {
    return ((pa - this.ramBase) >>> PAGE_SHIFT) % this.pageCount;
  }
}
