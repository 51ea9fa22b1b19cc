// Test helper: a CPU on bare RAM with hand-encoded words at 0x4008_0000, reset into EL2h (as QEMU's virt board).
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { PC } from '../../src/cpu/state.ts';
import { writeNzcv } from '../../src/cpu/pstate.ts';
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
