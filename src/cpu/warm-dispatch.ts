// The interpreter's dispatch `switch` (run-loop.ts) calls the common handlers from cases of their own (DIRECT) and the
// rest from its default. TurboFan compiles a call that has never run as a deoptimization point ("insufficient type
// feedback for call"), so the first time a program meets an instruction kind the optimized loop has not seen, the
// whole loop is thrown away and compiled again: Debian's kernel recompiled it 42 times in one boot when every handler
// had a case, ≈ 44 ms of TurboFan each (node --trace-opt / --trace-deopt). Once per
// process, a long run or the first block the run loop makes (Cpu.warmBlocks) first executes one word of every
// handler through the loop on a scratch CPU of its own, so
// every case has feedback before the loop is compiled for good. The scratch CPU shares nothing with the running one
// (its own memory, registers and TLB); results cannot change, only when V8 compiles.
import { ROWS } from '../arch/a64/table.ts';
import { decode } from '../arch/a64/decode.ts';
import type { Profile } from '../arch/profiles.ts';
import { PhysMemory } from '../memory/phys.ts';
import { HANDLER_OF } from './dispatch.ts';

/** What warmDispatch needs of a CPU class (the Cpu constructor, passed in: cpu.ts imports this module). */
export interface ScratchCpu {
  reset(entry: bigint): void;
  run(budget: number): unknown;
  translateBlocks: boolean;
}

const SCRATCH_RAM = 0x4000_0000;

/** Field fillers tried in turn: every field zero, then patterns (some rows carve the all-zero fields out). */
const FILLERS = [0, 0x5555_5555, 0xaaaa_aaaa, 0xffff_ffff];

/** One word per handler: a row's fixed bits with its fields filled so that it decodes back to that row. */
export function dispatchWords(): number[] {
  const seen = new Set<number>();
  const words: number[] = [];
  for (const row of ROWS) {
    for (const fill of FILLERS) {
      const w = ((fill & ~row.mask) | row.match | row.sbo) >>> 0;
      const id = decode(w);
      if (ROWS[id] !== row) continue;
      const h = HANDLER_OF[id]!;
      if (!seen.has(h)) {
        seen.add(h);
        words.push(w);
      }
      break;
    }
  }
  return words;
}

let warmed = false;

/** Run every dispatch word once, each from reset at EL2, on a fresh CPU made by `make` (once per process). */
export function warmDispatch(profile: Profile, make: (profile: Profile, mem: PhysMemory) => ScratchCpu): void {
  if (warmed) return;
  warmed = true;
  const words = dispatchWords();
  const mem = new PhysMemory(SCRATCH_RAM, 0x1_0000);
  words.forEach((w, i) => mem.writeU32(SCRATCH_RAM + 4 * i, w));
  const c = make(profile, mem);
  c.translateBlocks = false;
  for (let i = 0; i < words.length; i++) {
    c.reset(BigInt(SCRATCH_RAM + 4 * i));
    c.run(1);
  }
}

