// Physical memory is exact over the whole PA range (issue 11: with more than 4 GiB of RAM, PAs 4 GiB apart shared
// a page). Random PAs clustered at every 4 GiB boundary, the powers of two and the top of a 16 TiB RAM — the most
// the virt board holds with a 44-bit PA — written and read through every way in (the byte helpers, page(),
// pageOfHalves()) against a plain map of bytes; the same property fails on a memory with the old 32-bit index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PAGE_SIZE, PhysMemory } from '../../src/memory/phys.ts';
import { Aliased32Memory, GIB4, paIn, paPairIn } from '../helpers/high-pa.ts';

const BASE = 0x4000_0000;
const SIZE = 2 ** 44 - BASE; // RAM from 1 GiB to 2^44
const halves = (pa: number): [number, number] => [pa % GIB4 | 0, Math.floor(pa / GIB4)];

type Write = { pa: number; size: 1 | 4 | 8; value: bigint; via: 'helper' | 'page' | 'halves' };

/** A write to the `pick`-th PA of a list (modulo its length). */
const writeSpec = fc.record({
  pick: fc.nat(),
  size: fc.constantFrom(1 as const, 4 as const, 8 as const),
  value: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
  via: fc.constantFrom('helper' as const, 'page' as const, 'halves' as const),
});

/** Apply `w` to `mem` through the way it names; the word writes stay inside one 64 KiB page (aligned). */
function apply(mem: PhysMemory, w: Write): void {
  const pa = w.pa - (w.pa % w.size);
  if (w.via === 'helper') {
    if (w.size === 1) mem.writeU8(pa, Number(w.value & 0xffn));
    else if (w.size === 4) mem.writeU32(pa, Number(w.value & 0xffff_ffffn));
    else mem.writeU64(pa, w.value);
    return;
  }
  const page = w.via === 'page' ? mem.page(pa)! : mem.pageOfHalves(...halves(pa))!;
  const off = pa % PAGE_SIZE;
  for (let i = 0; i < w.size; i++) page.u8[off + i] = Number((w.value >> BigInt(8 * i)) & 0xffn);
}

/** The same writes on a map of bytes (absent = 0). */
function reference(writes: readonly Write[]): Map<number, number> {
  const ref = new Map<number, number>();
  for (const w of writes) {
    const pa = w.pa - (w.pa % w.size);
    for (let i = 0; i < w.size; i++) ref.set(pa + i, Number((w.value >> BigInt(8 * i)) & 0xffn));
  }
  return ref;
}

/** For pairs of PAs (a multiple of 4 GiB apart, or not) in RAM: random writes through either never show through the other. */
function noAliasing(make: () => PhysMemory) {
  return fc.property(
    fc.array(paPairIn(BASE, SIZE, 8), { minLength: 1, maxLength: 8 }),
    fc.array(writeSpec, { minLength: 1, maxLength: 24 }),
    (pairs, specs) => {
      const mem = make();
      const pas = pairs.flat();
      const writes: Write[] = specs.map(({ pick, ...w }) => ({ ...w, pa: pas[pick % pas.length]! }));
      for (const w of writes) apply(mem, w);
      const ref = reference(writes);
      for (const pa of pas) {
        const aligned = pa - (pa % 8);
        for (let i = 0; i < 8; i++) assert.equal(mem.readU8(aligned + i), ref.get(aligned + i) ?? 0, `byte at PA 0x${(aligned + i).toString(16)}`);
        assert.equal(mem.readU64(aligned), [...Array(8).keys()].reduce((v, i) => v | (BigInt(ref.get(aligned + i) ?? 0) << BigInt(8 * i)), 0n));
        assert.equal(mem.pageOfHalves(...halves(pa)), mem.page(pa), `pageOfHalves vs page at 0x${pa.toString(16)}`);
      }
    },
  );
}

test('property: in a 16 TiB RAM, writes through one PA never show through another (4 GiB multiples apart, powers of two, the top)', () => {
  fc.assert(noAliasing(() => new PhysMemory(BASE, SIZE)), { numRuns: 200 });
});

test('the same property fails on a memory that indexes RAM pages in 32 bits (issue 11), so it can fail', () => {
  const r = fc.check(noAliasing(() => new Aliased32Memory(BASE, SIZE)), { numRuns: 300 });
  assert.ok(r.failed, 'the aliasing memory passed the property');
});

test('page() and pageOfHalves() name distinct pages for PAs a multiple of 4 GiB apart, and the same page within 64 KiB', () => {
  const mem = new PhysMemory(BASE, SIZE);
  for (const pa of [BASE, BASE + 0x8_0000, GIB4, GIB4 + BASE, 2 * GIB4 + 0x8_0000, 2 ** 43, 2 ** 44 - PAGE_SIZE]) {
    const p = mem.page(pa)!;
    assert.notEqual(p, undefined);
    assert.equal(mem.page(pa + PAGE_SIZE - 1 - (pa % PAGE_SIZE)), p);
    assert.equal(mem.pageOfHalves(...halves(pa)), p);
    for (let k = 1; pa + k * GIB4 < 2 ** 44; k *= 2) assert.notEqual(mem.page(pa + k * GIB4), p, `0x${pa.toString(16)} + ${k} · 4 GiB`);
  }
  assert.equal(mem.page(2 ** 44), undefined);
  assert.equal(mem.pageOfHalves(...halves(2 ** 44)), undefined);
  assert.equal(mem.page(BASE - 1), undefined);
});

test('a RAM page is allocated on first touch only: a 16 TiB RAM costs what is touched', () => {
  const before = process.memoryUsage().heapUsed;
  const mem = new PhysMemory(BASE, SIZE);
  for (let k = 0; k < 64; k++) mem.writeU8(BASE + k * 64 * GIB4 + 12345, k);
  for (let k = 0; k < 64; k++) assert.equal(mem.readU8(BASE + k * 64 * GIB4 + 12345), k);
  assert.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024, 'more than 64 MiB of heap for 64 touched pages');
});

test('backing(): RAM is one contiguous store; devices and unbacked PAs are their own pieces', () => {
  const mem = new PhysMemory(BASE, 8 * GIB4);
  const uart = { name: 'uart', read: () => 0, write: () => {} };
  mem.mapDevice(0x0900_0000, 0x1000, uart);
  assert.deepEqual(mem.backing(BASE, 8 * GIB4), [{ kind: 'ram', pa: BASE, size: 8 * GIB4, offset: 0 }]);
  assert.deepEqual(mem.backing(0x0900_0800, 0x1000), [
    { kind: 'device', pa: 0x0900_0800, size: 0x800, device: uart, offset: 0x800 },
    { kind: 'none', pa: 0x0900_1000, size: 0x800 },
  ]);
  assert.deepEqual(mem.backing(BASE - 0x10, 0x20), [{ kind: 'none', pa: BASE - 0x10, size: 0x10 }, { kind: 'ram', pa: BASE, size: 0x10, offset: 0 }]);
  fc.assert(
    fc.property(paIn(BASE, 8 * GIB4), fc.integer({ min: 1, max: 2 * GIB4 }), (pa, size) => {
      const end = Math.min(pa + size, BASE + 8 * GIB4);
      assert.deepEqual(mem.backing(pa, end - pa), [{ kind: 'ram', pa, size: end - pa, offset: pa - BASE }]);
    }),
  );
});

test('backing() of a memory with the 32-bit index shows the store repeating every 4 GiB', () => {
  const mem = new Aliased32Memory(BASE, 8 * GIB4);
  const runs = mem.backing(BASE, 8 * GIB4);
  assert.ok(runs.length >= 2, JSON.stringify(runs));
  assert.ok(runs.every((r) => r.kind === 'ram'));
  const offsets = runs.map((r) => (r.kind === 'ram' ? r.offset : -1));
  assert.ok(offsets.some((o, i) => offsets.indexOf(o) !== i), `offsets ${offsets.map((o) => o.toString(16))} do not repeat`);
});

test('a device may overlap neither RAM nor another device', () => {
  const mem = new PhysMemory(BASE, 16 * 1024 * 1024);
  const dev = (name: string) => ({ name, read: () => 0, write: () => {} });
  mem.mapDevice(0x0900_0000, 0x1000, dev('a'));
  assert.throws(() => mem.mapDevice(BASE + 0x1000, 0x1000, dev('b')), /b at 0x40001000 .* overlaps RAM/);
  assert.throws(() => mem.mapDevice(0x0900_0800, 0x1000, dev('c')), /overlaps a/);
  assert.throws(() => new PhysMemory(2 ** 48 - PAGE_SIZE, 2 * PAGE_SIZE), /below 2\^48/);
  assert.throws(() => new PhysMemory(BASE, 0), /non-empty/);
});
