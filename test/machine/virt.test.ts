// The virt board: ELF placement, reset state, the PL011 and absent devices, budgets, guest memory reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SR } from '../../src/arch/sysreg-table.ts';
import { PC, SP } from '../../src/cpu/state.ts';
import type { ElfImage, ElfSegment } from '../../src/elf/read.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

const seg = (paddr: bigint, data: number[], memsz = BigInt(data.length)): ElfSegment => ({
  vaddr: paddr, paddr, data: Uint8Array.from(data), memsz, flags: 5,
});
const img = (entry: bigint, ...segments: ElfSegment[]): ElfImage => ({ entry, segments, symbols: [] });
const le = (...ws: number[]) => [...new Uint8Array(new Uint32Array(ws).buffer)];

test('segments must lie in RAM (0x40000000 + 128 MiB by default, QEMU virt\'s default)', () => {
  const m = new VirtMachine();
  assert.match(m.load(img(0n, seg(0x3fff_fff0n, [1, 2, 3, 4]))) ?? '', /^segment 0 \(0x3ffffff0\.\.0x3ffffff4\) lies outside RAM \(0x40000000\.\.0x48000000\)/);
  assert.match(m.load(img(0n, seg(0x47ff_fffen, [1, 2, 3, 4]))) ?? '', /^segment 0 .* lies outside RAM/);
  assert.match(m.load(img(0n, seg(0x4008_0000n, [1], 0x0800_0000n))) ?? '', /^segment 0 .* lies outside RAM/);
  assert.equal(m.load(img(0n, seg(0x47ff_fffcn, [1, 2, 3, 4]))), undefined);
  const small = new VirtMachine({ ramBytes: 16 << 20 });
  assert.match(small.load(img(0n, seg(0x4100_0000n, [1]))) ?? '', /lies outside RAM \(0x40000000\.\.0x41000000\)/);
});

test('loading copies file bytes, zero-fills to p_memsz, and resets into EL2h at the entry with X0-X3 = 0, SP = 0', () => {
  const m = new VirtMachine();
  m.mem.writeU32(0x4009_0004, 0xffff_ffff); // stale RAM inside the bss part
  m.cpu.x[0] = 7n;
  assert.equal(m.load(img(0x4009_0000n, seg(0x4009_0000n, [0xaa, 0xbb], 8n))), undefined);
  assert.deepEqual([...m.mem.readBytes(0x4009_0000, 8)], [0xaa, 0xbb, 0, 0, 0, 0, 0, 0]);
  assert.equal(m.cpu.x[PC], 0x4009_0000n);
  assert.deepEqual([m.cpu.x[0], m.cpu.x[1], m.cpu.x[2], m.cpu.x[3], m.cpu.x[SP]], [0n, 0n, 0n, 0n, 0n]);
  assert.equal(m.cpu.el, 2);
  assert.equal(m.cpu.spsel, 1); // EL2h
  assert.equal(m.cpu.daif, 0x3c0); // D, A, I, F masked
  assert.equal(m.cpu.sr[SR.HCR_EL2], 1n << 31n); // QEMU: 0; RW is RAO/WI on the AArch64-only EL1 (DEVIATIONS.md A1)
});

test("a segment's bytes survive another segment's zero fill over them, in either order (QEMU 7.2 loads both so)", () => {
  // segment A: 4 bytes at 0x40090000, zero-filled to 0x40092000; segment B: 0xaa at 0x40091010 (inside A's fill)
  const a = seg(0x4009_0000n, [1, 2, 3, 4], 0x2000n);
  const b = seg(0x4009_1010n, [0xaa]);
  for (const order of [[a, b], [b, a]]) {
    const m = new VirtMachine();
    m.mem.writeU8(0x4009_1800, 0xff); // stale RAM in the fill
    assert.equal(m.load(img(0x4009_0000n, ...order)), undefined);
    assert.deepEqual([m.mem.readU8(0x4009_0000), m.mem.readU8(0x4009_1010), m.mem.readU8(0x4009_1800)], [1, 0xaa, 0]);
  }
});

test('no DTB is generated: the start of RAM reads zero (QEMU places none below an image at 0x40080000)', () => {
  const m = new VirtMachine();
  m.load(img(0x4008_0000n, seg(0x4008_0000n, le(0xd503201f))));
  assert.deepEqual([...m.mem.readBytes(0x4000_0000, 8)], [0, 0, 0, 0, 0, 0, 0, 0]);
});

test('the run stops at the budget, and the PL011 output arrives through onOutput between slices', () => {
  const m = new VirtMachine();
  // movz x1, #0x900, lsl #16 ; movz w3, #0x41 ; strb w3, [x1] ; b .-4 (0x17ffffff)
  m.load(img(0x4008_0000n, seg(0x4008_0000n, le(0xd2a12001, 0x52800823, 0x39000023, 0x17ffffff))));
  const chunks: string[] = [];
  const res = m.run(8, (out) => chunks.push(new TextDecoder().decode(out)));
  assert.equal(res.stop.kind, 'budget');
  assert.equal(res.exitCode, null);
  assert.equal(res.instructions, 8);
  // 8 instructions: movz, movz, strb, b, strb, b, strb, b -> three 'A'
  assert.equal(new TextDecoder().decode(res.stdout), 'AAA');
  assert.equal(chunks.join(''), 'AAA');
});

test('readVirtual reads RAM through the current (MMU-off) regime and refuses devices and holes', () => {
  const m = new VirtMachine();
  m.mem.writeBytes(0x4000_1000, Uint8Array.from([1, 2, 3]));
  assert.deepEqual([...(m.readVirtual(0x4000_1000n, 3) ?? [])], [1, 2, 3]);
  assert.equal(m.readVirtual(0x0900_0000n, 1), undefined);
  assert.equal(m.readVirtual(0x1000n, 1), undefined);
  assert.equal(m.readVirtual(0xffff_0000_0000_0000n, 1), undefined); // address-size fault with the MMU off
});

test('semihosting: HLT #0xF000 at EL2 is a call with -semihosting (the default); with semihosting: false it is UNDEFINED (EC 0x00), as QEMU without -semihosting', () => {
  // movz x0, #0x13 (SYS_ERRNO: X0 = errno = 0) ; hlt #0xf000 ; nop
  const prog = img(0x4008_0000n, seg(0x4008_0000n, le(0xd2800260, 0xd45e0000, 0xd503201f)));
  const on = new VirtMachine();
  on.load(prog);
  on.run(2);
  assert.deepEqual([on.cpu.x[0], on.cpu.x[PC], on.cpu.el], [0n, 0x4008_0008n, 2]);
  const off = new VirtMachine({ semihosting: false });
  off.load(prog);
  off.cpu.sr[SR.VBAR_EL2] = 0x4009_0000n;
  off.run(2);
  assert.deepEqual([off.cpu.x[0], off.cpu.x[PC]], [0x13n, 0x4009_0200n]); // current EL with SP_EL2
  assert.equal(off.cpu.sr[SR.ESR_EL2], 0x0200_0000n); // EC 0x00 (UNDEFINED), IL
  assert.equal(off.cpu.sr[SR.ELR_EL2], 0x4008_0004n); // the HLT
});
