// PhysMemory.release: a memory made after another gave its pages back gets them as new ones — zero, with no decoded
// words and no translated code — and the memory that released them holds none of them any more.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhysMemory, type TranslatedCode } from '../../src/memory/phys.ts';

test('released pages come back to the next memory as new ones, and the releasing memory reads zero', () => {
  const base = 0x4000_0000;
  const a = new PhysMemory(base, 4 * 65536);
  const pages = [0, 1, 3].map((k) => a.page(base + k * 65536)!);
  for (const [k, p] of pages.entries()) {
    p.u32.fill(0xdead_beef);
    p.ops = new Int32Array(16384).fill(7);
    p.jit = { covered: new Uint8Array(16384), drop: () => assert.fail(`page ${k}: a released page's code is never dropped through the new memory`) } satisfies TranslatedCode;
  }
  a.release();
  assert.equal(a.readU32(base), 0, 'the releasing memory holds no page: it reads zero');
  const b = new PhysMemory(0x8000_0000, 2 * 65536);
  const again = [b.page(0x8000_0000)!, b.page(0x8001_0000)!];
  assert.ok(again.every((p) => pages.includes(p)), 'the pages are reused');
  for (const p of again) {
    assert.ok(p.u32.every((w) => w === 0), 'zero');
    assert.equal(p.ops, undefined);
    assert.equal(p.jit, undefined);
  }
  assert.equal(b.readU32(0x8001_0004), 0);
  b.writeU32(0x8001_0004, 5);
  assert.equal(b.readU32(0x8001_0004), 5);
});

test('readU64 and readU32 read little-endian bytes inside a page, across a page boundary, at the ends of RAM and outside it', () => {
  const base = 0x4000_0000;
  const size = 2 * 65536;
  const m = new PhysMemory(base, size);
  const bytes = (pa: number, n: number): number[] => Array.from({ length: n }, (_, i) => ((pa + i) * 37) & 0xff);
  for (const pa of [base, base + 8, base + 65536 - 8, base + 65536 - 4]) m.writeBytes(pa - 8, Uint8Array.from(bytes(pa - 8, 24)));
  m.writeBytes(base + size - 8, Uint8Array.from(bytes(base + size - 8, 8)));
  const le = (l: number[]): bigint => l.reduceRight((v, b) => (v << 8n) | BigInt(b), 0n);
  for (const pa of [base - 8, base - 4, base - 2, base, base + 3, base + 8, base + 65536 - 8, base + 65536 - 7, base + 65536 - 4, base + 65536 - 1, base + size - 8, base + size - 4, base + size - 2, base + size]) {
    const inRam = (a: number): boolean => a >= base && a < base + size;
    const at = (n: number): number[] => bytes(pa, n).map((_, i) => (inRam(pa + i) ? m.readU8(pa + i) : 0));
    assert.equal(m.readU64(pa), le(at(8)), `readU64 0x${pa.toString(16)}`);
    assert.equal(m.readU32(pa), Number(le(at(4))), `readU32 0x${pa.toString(16)}`);
  }
  assert.equal(m.readU64(base + 65536 - 4), le(bytes(base + 65536 - 4, 8)), 'across the page boundary');
  assert.equal(m.readU64(base + size - 4), le([...bytes(base + size - 4, 4), 0, 0, 0, 0]), 'past the end of RAM: zero');
});

test('pageToOverwrite: the page page() gives, without zeroing a reused one first; an existing page as it is', () => {
  const base = 0x4000_0000;
  const a = new PhysMemory(base, 2 * 65536);
  a.page(base)!.u32.fill(0x1234_5678);
  a.page(base)!.ops = new Int32Array(16384);
  a.release();
  const b = new PhysMemory(base, 2 * 65536);
  const p = b.pageToOverwrite(base)!;
  assert.equal(p.ops, undefined, 'no decoded words');
  assert.equal(p.jit, undefined);
  assert.equal(b.page(base), p, 'the page of that PA from then on');
  p.u32.fill(7);
  assert.equal(b.pageToOverwrite(base + 8), p, 'an existing page');
  assert.equal(p.u32[0], 7);
  assert.equal(b.pageToOverwrite(base - 8), undefined, 'outside RAM');
  assert.equal(b.pageToOverwrite(base + 2 * 65536), undefined);
});
