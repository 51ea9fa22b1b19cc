// ELF64 writer: read back by our reader, accepted by GNU readelf/objdump, and booted by QEMU -kernel and by
// the virt machine. The program is hand-encoded (Arm ARM encodings in the comments).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PF_R, PF_W, PF_X, readElf, STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_OBJECT } from '../../src/elf/read.ts';
import { writeElf } from '../../src/elf/write.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const TEXT = [
  0xd2a12001, // movz x1, #0x900, lsl #16      x1 = 0x0900_0000 (PL011 UARTDR)
  0x52800823, // movz w3, #0x41                 'A'
  0x39000023, // strb w3, [x1]
  0xd2800300, // movz x0, #0x18                 SYS_EXIT
  0x10007f81, // adr x1, 0x40081000             (0x40080010 + 0xff0: immhi = 0x3fc, immlo = 0)
  0xd45e0000, // hlt #0xf000
  0x14000000, // b .
];
const words = (ws: number[]) => new Uint8Array(new Uint32Array(ws).buffer);
const DATA = new Uint8Array(new BigUint64Array([0x20026n, 5n]).buffer); // ADP_Stopped_ApplicationExit, status 5

function image(): Uint8Array {
  return writeElf({
    entry: 0x4008_0000n,
    sections: [
      { name: '.text', addr: 0x4008_0000n, data: words(TEXT), exec: true },
      { name: '.data', addr: 0x4008_1000n, data: DATA, write: true },
      { name: '.bss', addr: 0x4008_2000n, size: 0x40, write: true },
    ],
    symbols: [
      { name: '_start', value: 0x4008_0000n, size: 28, type: 'func', bind: 'global' },
      { name: 'exit_block', value: 0x4008_1000n, size: 16, type: 'object' },
    ],
  });
}

function tempFile(bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'twostage-elf-')), 'w.elf');
  writeFileSync(path, bytes);
  return path;
}

const has = (tool: string) => spawnSync(tool, ['--version']).status === 0;

test('our reader reads back three PT_LOAD segments, the entry and the symbols', () => {
  const r = readElf(image());
  assert.ok(r.ok, r.ok ? '' : r.error);
  const { entry, segments, symbols } = r.image;
  assert.equal(entry, 0x4008_0000n);
  assert.deepEqual(
    segments.map((s) => [s.vaddr, s.paddr, s.data.length, s.memsz, s.flags]),
    [
      [0x4008_0000n, 0x4008_0000n, 28, 28n, PF_R | PF_X],
      [0x4008_1000n, 0x4008_1000n, 16, 16n, PF_R | PF_W],
      [0x4008_2000n, 0x4008_2000n, 0, 0x40n, PF_R | PF_W],
    ],
  );
  assert.deepEqual([...segments[0]!.data.subarray(0, 4)], [0x01, 0x20, 0xa1, 0xd2]);
  // locals come first in .symtab (gABI), the section index is .data's (2)
  assert.deepEqual(
    symbols.map((s) => [s.name, s.value, s.size, s.type, s.bind, s.shndx]),
    [
      ['exit_block', 0x4008_1000n, 16n, STT_OBJECT, STB_LOCAL, 2],
      ['_start', 0x4008_0000n, 28n, STT_FUNC, STB_GLOBAL, 1],
    ],
  );
});

test('GNU readelf accepts it without warnings', (t) => {
  if (!has('aarch64-linux-gnu-readelf')) return t.skip('skipped: no aarch64-linux-gnu-readelf');
  const r = spawnSync('aarch64-linux-gnu-readelf', ['-a', '-W', tempFile(image())], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /Machine:\s+AArch64/);
  assert.match(r.stdout, /Entry point address:\s+0x40080000/);
  assert.match(r.stdout, /\.text\s+PROGBITS\s+0+40080000 .* AX /);
  assert.match(r.stdout, /\.bss\s+NOBITS\s+0+40082000 /);
  assert.match(r.stdout, /FUNC\s+GLOBAL\s+DEFAULT\s+1 _start/);
});

test('GNU objdump -d disassembles .text with its symbol', (t) => {
  if (!has('aarch64-linux-gnu-objdump')) return t.skip('skipped: no aarch64-linux-gnu-objdump');
  const r = spawnSync('aarch64-linux-gnu-objdump', ['-d', tempFile(image())], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /0000000040080000 <_start>:/);
  assert.match(r.stdout, /40080000:\s+d2a12001\s+mov\s+x1, #0x9000000/);
  assert.match(r.stdout, /40080014:\s+d45e0000\s+hlt\s+#0xf000/);
});

test('QEMU -kernel boots it: prints "A", exits 5', (t) => {
  if (!has('qemu-system-aarch64')) return t.skip('skipped: no QEMU');
  const r = spawnSync(
    'qemu-system-aarch64',
    ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', tempFile(image())],
    { timeout: 20_000 },
  );
  assert.equal(r.stdout.toString(), 'A');
  assert.equal(r.status, 5);
});

test('the virt machine boots it: prints "A", exits 5', () => {
  const r = readElf(image());
  assert.ok(r.ok);
  const m = new VirtMachine();
  assert.equal(m.load(r.image), undefined);
  const res = m.run(1000);
  assert.equal(new TextDecoder().decode(res.stdout), 'A');
  assert.equal(res.exitCode, 5);
  assert.equal(res.instructions, 6);
});
