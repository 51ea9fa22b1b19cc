// ELF64 reader: a hand-assembled good file (every field placed by offset per the gABI tables), one
// malformed variant per diagnostic, and the GNU-ld-built examples/hello.elf.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PF_R, PF_X, readElf, STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_NOTYPE } from '../../src/elf/read.ts';

const CODE = [0xd2a12001, 0xd503201f]; // movz x1, #0x900, lsl #16 ; nop

/**
 * A 2-segment executable: ELF header (64 B), 2 program headers (56 B each) at 64, code (8 B) at 176,
 * then .symtab (3 entries) at 184, .strtab at 256, 3 section headers at 272 (null, .symtab, .strtab).
 * Segment 0: PT_LOAD R+X, vaddr 0x40080000, paddr 0x40080000, 8 file bytes, memsz 8.
 * Segment 1: PT_LOAD R+W, vaddr = paddr 0x40090000, 0 file bytes, memsz 0x100 (bss).
 */
function goodElf(): Uint8Array {
  const b = new Uint8Array(272 + 3 * 64);
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0); // magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 183, true); // EM_AARCH64
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, 0x4008_0000n, true); // e_entry
  dv.setBigUint64(32, 64n, true); // e_phoff
  dv.setBigUint64(40, 272n, true); // e_shoff
  dv.setUint16(52, 64, true);
  dv.setUint16(54, 56, true);
  dv.setUint16(56, 2, true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, 3, true);
  dv.setUint16(62, 0, true);
  const phdr = (o: number, flags: number, off: bigint, addr: bigint, filesz: bigint, memsz: bigint) => {
    dv.setUint32(o, 1, true); // PT_LOAD
    dv.setUint32(o + 4, flags, true);
    dv.setBigUint64(o + 8, off, true);
    dv.setBigUint64(o + 16, addr, true);
    dv.setBigUint64(o + 24, addr, true);
    dv.setBigUint64(o + 32, filesz, true);
    dv.setBigUint64(o + 40, memsz, true);
    dv.setBigUint64(o + 48, 8n, true);
  };
  phdr(64, 5, 176n, 0x4008_0000n, 8n, 8n);
  phdr(120, 6, 184n, 0x4009_0000n, 0n, 0x100n);
  CODE.forEach((w, i) => dv.setUint32(176 + 4 * i, w, true));
  // .symtab: null, "loop" local notype at 0x40080004, "_start" global func at 0x40080000 size 8
  const sym = (o: number, name: number, info: number, shndx: number, value: bigint, size: bigint) => {
    dv.setUint32(o, name, true);
    b[o + 4] = info;
    dv.setUint16(o + 6, shndx, true);
    dv.setBigUint64(o + 8, value, true);
    dv.setBigUint64(o + 16, size, true);
  };
  sym(208, 1, 0x00, 0xfff1, 0x4008_0004n, 0n);
  sym(232, 6, 0x12, 0xfff1, 0x4008_0000n, 8n);
  b.set(new TextEncoder().encode('\0loop\0_start\0'), 256); // 13 bytes
  const shdr = (o: number, type: number, off: bigint, size: bigint, link: number, info: number, entsize: bigint) => {
    dv.setUint32(o + 4, type, true);
    dv.setBigUint64(o + 24, off, true);
    dv.setBigUint64(o + 32, size, true);
    dv.setUint32(o + 40, link, true);
    dv.setUint32(o + 44, info, true);
    dv.setBigUint64(o + 56, entsize, true);
  };
  shdr(272 + 64, 2, 184n, 72n, 2, 2, 24n); // SHT_SYMTAB, link -> section 2
  shdr(272 + 128, 3, 256n, 13n, 0, 0, 0n); // SHT_STRTAB
  return b;
}

function bad(edit: (b: Uint8Array, dv: DataView) => Uint8Array | void): string {
  const b = goodElf();
  const out = edit(b, new DataView(b.buffer)) ?? b;
  const r = readElf(out);
  assert.equal(r.ok, false);
  return r.ok ? '' : r.error;
}

test('a good file: entry, both PT_LOAD segments with their bytes, memsz and flags, and the symbols', () => {
  const r = readElf(goodElf());
  assert.ok(r.ok, r.ok ? '' : r.error);
  const { entry, segments, symbols } = r.image;
  assert.equal(entry, 0x4008_0000n);
  assert.equal(segments.length, 2);
  assert.equal(segments[0]!.paddr, 0x4008_0000n);
  assert.equal(segments[0]!.flags, PF_R | PF_X);
  assert.deepEqual([...segments[0]!.data], [0x01, 0x20, 0xa1, 0xd2, 0x1f, 0x20, 0x03, 0xd5]);
  assert.equal(segments[1]!.data.length, 0);
  assert.equal(segments[1]!.memsz, 0x100n);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.value, s.size, s.type, s.bind]),
    [
      ['loop', 0x4008_0004n, 0n, STT_NOTYPE, STB_LOCAL],
      ['_start', 0x4008_0000n, 8n, STT_FUNC, STB_GLOBAL],
    ],
  );
});

test('not an ELF file', () => {
  assert.match(bad((b) => void (b[1] = 0x46)), /^not an ELF file/);
  assert.match(bad(() => new TextEncoder().encode('{"name": "x"}')), /^not an ELF file/);
  assert.match(bad(() => new Uint8Array(0)), /^not an ELF file/);
});

test('not 64-bit (ELFCLASS32)', () => {
  assert.match(bad((b) => void (b[4] = 1)), /^not a 64-bit ELF \(EI_CLASS 1/);
});

test('not little-endian (ELFDATA2MSB)', () => {
  assert.match(bad((b) => void (b[5] = 2)), /^not little-endian \(EI_DATA 2/);
});

test('not EM_AARCH64: an x86-64 file (62)', () => {
  assert.match(bad((_, dv) => dv.setUint16(18, 62, true)), /^not an AArch64 ELF \(e_machine 62, need 183/);
});

test('not an executable: a relocatable object', () => {
  assert.match(bad((_, dv) => dv.setUint16(16, 1, true)), /^not an executable \(a relocatable object/);
});

test('truncated ELF header', () => {
  assert.match(bad((b) => b.slice(0, 40)), /^truncated ELF header \(40 bytes, need 64\)/);
});

test('truncated program header table', () => {
  assert.match(bad((b) => b.slice(0, 100)), /^truncated program header table/);
  assert.match(bad((_, dv) => dv.setBigUint64(32, 0x10000n, true)), /^truncated program header table/);
});

test('truncated segment: file bytes beyond the end of the file', () => {
  assert.match(bad((_, dv) => dv.setBigUint64(64 + 32, 0x1000n, true) ?? dv.setBigUint64(64 + 40, 0x1000n, true)), /^truncated segment 0/);
  assert.match(bad((_, dv) => dv.setBigUint64(64 + 40, 0x1000n, true) ?? dv.setBigUint64(64 + 8, 0x10000n, true)), /^truncated segment 0/);
});

test('p_filesz larger than p_memsz', () => {
  assert.match(bad((_, dv) => dv.setBigUint64(64 + 40, 4n, true)), /^segment 0: p_filesz 0x8 is larger than p_memsz 0x4/);
});

test('no program headers / no PT_LOAD / wrong e_phentsize', () => {
  assert.match(bad((_, dv) => dv.setUint16(56, 0, true)), /^no program headers/);
  assert.match(bad((_, dv) => dv.setUint32(64, 4, true) ?? dv.setUint32(120, 4, true)), /^no PT_LOAD segments/);
  assert.match(bad((_, dv) => dv.setUint16(54, 32, true)), /^e_phentsize is 32, need 56/);
});

test("two segments' file bytes on the same memory (QEMU: 'Some ROM regions are overlapping'); a zero fill over bytes is fine", () => {
  // segment 1 gets 4 file bytes (the code's) placed at 0x40080004, inside segment 0's 8 bytes
  const overlap = bad((_, dv) => dv.setBigUint64(120 + 8, 176n, true) ?? dv.setBigUint64(120 + 24, 0x4008_0004n, true) ?? dv.setBigUint64(120 + 32, 4n, true));
  assert.equal(overlap, 'the file bytes of segments 0 (0x40080000..0x40080008) and 1 (0x40080004..0x40080008) overlap');
  // segment 0's zero fill (memsz 0x20000) reaching over segment 1 (bss only here) is accepted
  const b = goodElf();
  new DataView(b.buffer).setBigUint64(64 + 40, 0x2_0000n, true);
  assert.equal(readElf(b).ok, true);
});

test('truncated section header table and symbol table', () => {
  assert.match(bad((b) => b.slice(0, 272 + 64)), /^truncated section header table/);
  assert.match(bad((_, dv) => dv.setBigUint64(272 + 64 + 32, 0x1000n, true)), /^truncated symbol table/);
});

test('a stripped file (e_shoff = 0) loads with no symbols', () => {
  const b = goodElf();
  new DataView(b.buffer).setBigUint64(40, 0n, true);
  const r = readElf(b.slice(0, 272));
  assert.ok(r.ok);
  assert.equal(r.ok && r.image.symbols.length, 0);
});

test('examples/hello.elf (GNU ld): entry 0x40080000, one R+X segment there, _start global', () => {
  const r = readElf(readFileSync(new URL('../../examples/hello.elf', import.meta.url)));
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.image.entry, 0x4008_0000n);
  assert.equal(r.image.segments.length, 1);
  assert.equal(r.image.segments[0]!.paddr, 0x4008_0000n);
  assert.equal(r.image.segments[0]!.flags, PF_R | PF_X);
  // first instruction: movz x1, #0x900, lsl #16 = 0xd2a12001
  assert.deepEqual([...r.image.segments[0]!.data.subarray(0, 4)], [0x01, 0x20, 0xa1, 0xd2]);
  const start = r.image.symbols.find((s) => s.name === '_start');
  assert.equal(start?.value, 0x4008_0000n);
  assert.equal(start?.bind, STB_GLOBAL);
});
