// Test helper: a CPU on bare RAM with hand-encoded words at 0x4008_0000, reset into EL2h (as QEMU's virt board).
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { readNzcv, writeNzcv } from '../../src/cpu/pstate.ts';
import { PhysMemory } from '../../src/memory/phys.ts';

export const RAM_BASE = 0x4000_0000;
export const CODE = 0x4008_0000;

export function makeCpu(words: readonly number[], at = CODE): Cpu {
  const mem = new PhysMemory(RAM_BASE, 256 * 1024 * 1024);
  words.forEach((w, i) => mem.writeU32(at + 4 * i, w >>> 0));
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(BigInt(at));
  writeNzcv(c, 0); // NZCV is UNKNOWN at reset (the machine copies QEMU's Z=1); unit tests start from all-clear flags
  return c;
}

/** Run exactly `n` instructions (default: one per word). */
export function step(c: Cpu, n = 1): void {
  c.run(n);
}

export function pc(c: Cpu): bigint {
  return c.x[PC]!;
}

/** A loop at CODE: x1 counts, x2 accumulates, a store and a load at 0x4040_0000 each pass (the words as GNU as 2.40
 *  encodes them). The warm-up tests run it with and without a warm-up between two slices. */
export const COUNTING_LOOP: readonly number[] = [
  0xd2a80803, // movz x3, #0x4040, lsl #16
  0x91000421, // add x1, x1, #1
  0x8b010042, // add x2, x2, x1
  0xf9000062, // str x2, [x3]
  0xf9400064, // ldr x4, [x3]
  0xf100043f, // cmp x1, #1
  0x17fffffb, // b (the add)
];

/** The registers, NZCV and the instruction count of `c`, to compare two CPUs. */
export function cpuState(c: Cpu): string[] {
  return [...c.x].map((v) => v.toString(16)).concat(readNzcv(c).toString(16), String(c.icount));
}
