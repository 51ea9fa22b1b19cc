// The arena (src/memory/arena.ts): a virt machine's RAM and its register file are the bytes of one WebAssembly.Memory,
// at the offsets the arena gives, so that code compiled to WebAssembly and the model's typed arrays see the same state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Arena, arenaFits, STATE_BYTES } from '../../src/memory/arena.ts';
import { PAGE_SIZE, PhysMemory } from '../../src/memory/phys.ts';
import { WASM_MAX_PAGES, WASM_PAGE } from '../../src/memory/wasm-api.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { NSLOTS, PC, REGISTER_FILE_BYTES } from '../../src/cpu/state.ts';
import { VirtMachine } from '../../src/machine/virt.ts';
import { RAM_BASE } from '../../src/machine/virt-memmap.ts';
import { Tlb } from '../../src/mmu/tlb.ts';

test('a virt machine: RAM page i is the arena bytes at ramOffset + i × 64 KiB, written either way', () => {
  const m = new VirtMachine({ ramBytes: 4 * PAGE_SIZE });
  const arena = m.mem.arena;
  assert.ok(arena !== undefined, 'RAM that fits a wasm memory is in an arena');
  const bytes = new Uint8Array(arena.buffer);
  for (const i of [0, 1, 3]) {
    const p = m.mem.page(RAM_BASE + i * PAGE_SIZE)!;
    assert.equal(p.u8.buffer, arena.buffer);
    assert.equal(p.u8.byteOffset, arena.ramOffset + i * PAGE_SIZE);
    assert.equal(p.u32.byteOffset, p.u8.byteOffset);
    assert.equal(p.u8.length, PAGE_SIZE);
    m.mem.writeU32(RAM_BASE + i * PAGE_SIZE + 8, 0xa1b2_c3d4 + i);
    assert.equal(bytes[arena.ramOffset + i * PAGE_SIZE + 8], (0xd4 + i) & 0xff, 'a write through the memory is in the arena');
    bytes[arena.ramOffset + i * PAGE_SIZE + 12] = 0x5a;
    assert.equal(m.mem.readU8(RAM_BASE + i * PAGE_SIZE + 12), 0x5a, 'a write to the arena is in the memory');
  }
  assert.equal(m.mem.readU32(RAM_BASE + 2 * PAGE_SIZE + 8), 0, 'an untouched page reads zero');
});

test("a virt machine: the CPU's X, PC and V registers are the arena's bytes at registerFile", () => {
  const m = new VirtMachine({ ramBytes: PAGE_SIZE });
  const arena = m.mem.arena!;
  const c = m.cpu;
  assert.ok(c.registerFile + REGISTER_FILE_BYTES <= STATE_BYTES, 'in the state area, before RAM');
  const x = new BigUint64Array(arena.buffer, c.registerFile, NSLOTS);
  c.x[5] = 0x0123_4567_89ab_cdefn;
  assert.equal(x[5], 0x0123_4567_89ab_cdefn);
  x[PC] = 0x4008_0000n;
  assert.equal(c.x[PC], 0x4008_0000n);
  assert.equal(c.u32[PC * 2], 0x4008_0000);
  c.v64[2 * 7 + 1] = 0xfeed_face_0000_0001n; // V7's upper half
  assert.equal(new BigUint64Array(arena.buffer, c.registerFile + NSLOTS * 8, 64)[15], 0xfeed_face_0000_0001n);
  assert.equal(c.f64.byteOffset, c.registerFile + NSLOTS * 8);
});

test('two CPUs on one arena get register files of their own', () => {
  const mem = new PhysMemory(RAM_BASE, PAGE_SIZE, new Arena(PAGE_SIZE));
  const a = new Cpu(CORTEX_A57, mem);
  const b = new Cpu(CORTEX_A57, mem);
  assert.ok(b.registerFile >= a.registerFile + REGISTER_FILE_BYTES, 'after the first');
  a.x[3] = 1n;
  b.x[3] = 2n;
  assert.equal(a.x[3], 1n);
  assert.equal(a.v8.byteOffset % 16, 0, 'V registers 16-byte aligned');
  assert.equal(b.v8.byteOffset % 16, 0);
});

test('release zeroes the arena pages a memory touched: they read zero, in the memory and in the arena', () => {
  const arena = new Arena(2 * PAGE_SIZE);
  const mem = new PhysMemory(RAM_BASE, 2 * PAGE_SIZE, arena);
  mem.writeU32(RAM_BASE + PAGE_SIZE + 4, 0xdead_beef);
  mem.release();
  assert.equal(mem.readU32(RAM_BASE + PAGE_SIZE + 4), 0);
  assert.ok(new Uint32Array(arena.buffer, arena.ramOffset, (2 * PAGE_SIZE) / 4).every((w) => w === 0));
  const other = new PhysMemory(RAM_BASE, PAGE_SIZE);
  assert.notEqual(other.page(RAM_BASE)!.u8.buffer, arena.buffer, "an arena's pages are never another memory's");
});

test('RAM larger than a wasm memory has no arena and still works; bad sizes are refused with the reason', () => {
  const max = WASM_MAX_PAGES * WASM_PAGE - STATE_BYTES;
  assert.equal(arenaFits(max), true);
  assert.equal(arenaFits(max + WASM_PAGE), false);
  assert.equal(arenaFits(WASM_PAGE + 1), false, 'not whole wasm pages');
  assert.equal(arenaFits(0), false);
  const m = new VirtMachine({ ramBytes: max + WASM_PAGE });
  assert.equal(m.mem.arena, undefined);
  m.mem.writeU32(RAM_BASE + max, 7);
  assert.equal(m.mem.readU32(RAM_BASE + max), 7);
  assert.equal(m.cpu.registerFile, 0, 'a register file of its own');
  assert.throws(() => new Arena(max + WASM_PAGE), /at most 4095.9375 MiB/);
  assert.throws(() => new PhysMemory(RAM_BASE, PAGE_SIZE, new Arena(2 * PAGE_SIZE)), /an arena made for 0x20000/);
  const full = new Arena(PAGE_SIZE);
  assert.throws(() => full.take(STATE_BYTES + 1), /does not fit/);
});

test("a virt machine: the host cache's tags and generation are the arena's bytes; a flush changes the arena's word", () => {
  const m = new VirtMachine({ ramBytes: PAGE_SIZE });
  const arena = m.mem.arena!;
  const t = m.cpu.tlb;
  for (const a of [t.hcTag, t.hcHi, t.hcGen]) {
    assert.equal(a.buffer, arena.buffer);
    assert.ok(a.byteOffset + a.byteLength <= STATE_BYTES, 'in the state area');
    assert.ok(a.byteOffset >= m.cpu.registerFile + REGISTER_FILE_BYTES || a.byteOffset + a.byteLength <= m.cpu.registerFile, 'not over the registers');
  }
  const gen = new Int32Array(arena.buffer, t.hcGen.byteOffset, 1);
  assert.equal(gen[0], t.gen);
  for (let k = 0; k < 4100; k++) t.hostFlush(); // past the generation's wrap at 4095
  assert.equal(gen[0], t.gen, 'the arena word follows every flush');
  t.hostFill(2, 0, 0x4008_1000, 0, 0x4008_1000, m.mem.page(RAM_BASE), false);
  assert.equal(new Int32Array(arena.buffer, t.hcTag.byteOffset, t.hcTag.length)[Tlb.hostSlot(2, 0, 0x4008_1000)], (0x4008_1000 | gen[0]!) | 0);
  const own = new VirtMachine({ ramBytes: PAGE_SIZE, tlb: new Tlb(4, 4) });
  assert.notEqual(own.cpu.tlb.hcTag.buffer, own.mem.arena!.buffer, 'a TLB made by the caller keeps arrays of its own');
});
