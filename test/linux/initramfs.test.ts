// The newc writer against the format (Linux buffer-format.rst): "070701", thirteen 8-digit hex fields, the name with
// its NUL, 4-byte padding of header+name and of the data, and the TRAILER!!! entry; the integer /init is a static
// AArch64 ELF executable whose one segment Linux can map (p_offset ≡ p_vaddr modulo the page size).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readElf } from '../../src/elf/read.ts';
import { integerInit, newcArchive } from './initramfs.ts';

test('newc: headers, names, padding and the trailer', () => {
  const a = Buffer.from(newcArchive([{ name: 'init', mode: 0o100755, data: Uint8Array.from([1, 2, 3]) }]));
  const field = (at: number, i: number) => parseInt(a.toString('latin1', at + 6 + 8 * i, at + 14 + 8 * i), 16);
  assert.equal(a.toString('latin1', 0, 6), '070701');
  assert.equal(field(0, 1), 0o100755, 'c_mode');
  assert.equal(field(0, 6), 3, 'c_filesize');
  assert.equal(field(0, 11), 5, 'c_namesize counts the NUL');
  assert.equal(a.toString('latin1', 110, 115), 'init\0');
  const data = 116; // 110 + 5 = 115, padded to 116
  assert.deepEqual([...a.subarray(data, data + 4)], [1, 2, 3, 0]);
  const trailer = data + 4;
  assert.equal(a.toString('latin1', trailer, trailer + 6), '070701');
  assert.equal(a.toString('latin1', trailer + 110, trailer + 121), 'TRAILER!!!\0');
  assert.equal(a.length % 4, 0);
});

test('the integer /init: an ELF executable whose segment Linux can map', () => {
  const elf = readElf(integerInit());
  assert.ok(elf.ok);
  const s = elf.image.segments[0]!;
  assert.equal(Number(s.vaddr) % 4096, 0x80);
  assert.equal(elf.image.entry, s.vaddr);
});
