// The CFI flash bank (src/devices/pflash.ts) against QEMU 7.2: its CFI query table and read-ID answers against the
// words QEMU printed for test/qemu/progs/flash.S (expected/flash.out, recorded by `npm run qemu:record -- flash`),
// and the parts of the command set that program does not reach with fixed inputs: a write to buffer that strays out
// of its write block, machine reset, and the bank's storage staying lazily allocated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FLASH_BANK_SIZE, Pflash } from '../../src/devices/pflash.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const recorded = readFileSync(new URL('../qemu/expected/flash.out', import.meta.url), 'utf8').split('\n');
/** The values QEMU printed under `key`, in order. */
const qemu = (key: string): number[] => recorded.filter((l) => l.startsWith(`${key}=`)).map((l) => Number(BigInt(l.slice(key.length + 1))));

test('the CFI query answers equal QEMU\'s, word by word over the table and past its end', () => {
  const words = qemu('cfi');
  assert.equal(words.length, 0x150 / 4);
  const f = new Pflash('t');
  f.write(0, 4, 0x98);
  assert.deepEqual(words.map((_, i) => f.read(i * 4, 4)), words);
  // the bytes and halfwords at the same offsets QEMU read
  assert.equal(f.read(0x40, 1), qemu('cfi_b40')[0]);
  assert.equal(f.read(0x42, 2), qemu('cfi_h42')[0]);
});

test('read ID answers manufacturer and device in each device\'s half, and 0 elsewhere, as QEMU', () => {
  const f = new Pflash('t');
  f.write(0, 4, 0x0090_0090);
  for (const [key, off, size] of [['id_w0', 0, 4], ['id_w4', 4, 4], ['id_w8', 8, 4], ['id_blk1_w8', 0x40008, 4], ['id_w404', 0x404, 4], ['id_b1', 1, 1], ['id_h6', 6, 2]] as const) {
    assert.equal(f.read(off, size), qemu(key)[0], key);
  }
});

test('a byte or halfword store carries only its own bytes, whatever else the register holds', () => {
  const f = new Pflash('t');
  f.write(0x10, 1, 0x1_40); // program, with junk above the byte
  f.write(0x10, 2, 0xabcd_1234);
  f.write(0, 4, 0xff);
  assert.equal(f.read(0x10, 4), 0x1234);
});

test('a write to buffer that strays out of its 4 KiB block sets the program error bit and commits nothing', () => {
  const f = new Pflash('t');
  f.write(0x1000, 4, 0xe8);
  f.write(0x1000, 4, 1); // two words
  f.write(0x1000, 4, 0x1111_1111);
  f.write(0x2000, 4, 0x2222_2222); // the next block
  assert.equal(f.read(0x1000, 4), 0x0090_0090, 'status: ready | program error, in both devices\' halves');
  f.write(0x1000, 4, 0xd0);
  assert.equal(f.read(0x1000, 4), 0, 'the confirm is refused: back in read array, nothing written');
  assert.equal(f.read(0x2000, 4), 0);
  f.write(0, 4, 0x50); // clear status, then the same write within its block goes through
  f.write(0x1000, 4, 0xe8);
  f.write(0x1000, 4, 1);
  f.write(0x1ff8, 4, 0x3333_3333);
  f.write(0x1ffc, 4, 0x4444_4444);
  f.write(0x1000, 4, 0xd0);
  f.write(0, 4, 0xff);
  assert.deepEqual([f.read(0x1ff8, 4), f.read(0x1ffc, 4)], [0x3333_3333, 0x4444_4444]);
});

test('a machine reset leaves a command mode for read array and keeps the storage', () => {
  const f = new Pflash('t');
  f.write(0x20, 4, 0x40);
  f.write(0x20, 4, 0xcafe);
  f.write(0, 4, 0x70);
  assert.equal(f.read(0x20, 4), 0x0080_0080);
  f.reset();
  assert.equal(f.read(0x20, 4), 0xcafe);
});

test('the last bytes of a bank are reachable, and erasing its last sector fills only that sector', () => {
  const f = new Pflash('t');
  f.write(FLASH_BANK_SIZE - 4, 4, 0x20);
  f.write(FLASH_BANK_SIZE - 4, 4, 0xd0);
  f.write(0, 4, 0xff);
  assert.equal(f.read(FLASH_BANK_SIZE - 4, 4), 0xffff_ffff);
  assert.equal(f.read(FLASH_BANK_SIZE - 256 * 1024, 1), 0xff);
  assert.equal(f.read(FLASH_BANK_SIZE - 256 * 1024 - 1, 1), 0);
});

test('the board maps the two banks at 0x0 and 0x0400_0000, and nothing of them past 0x0800_0000', () => {
  const m = new VirtMachine();
  assert.deepEqual(m.bus.filter((r) => r.name.startsWith('virt.flash')).map((r) => [r.name, r.base, r.size]), [
    ['virt.flash0', 0, FLASH_BANK_SIZE],
    ['virt.flash1', FLASH_BANK_SIZE, FLASH_BANK_SIZE],
  ]);
  assert.equal(m.mem.deviceAt(0)?.device, m.flash[0]);
  assert.equal(m.mem.deviceAt(0x07ff_ffff)?.device, m.flash[1]);
  assert.ok(!m.flash.some((b) => b === m.mem.deviceAt(0x0800_0000)?.device));
});
