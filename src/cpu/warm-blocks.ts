// The run loop's block paths (run-loop.ts) get type feedback before TurboFan compiles the loop for good. V8 compiles the
// loop while a program is still being interpreted, long before any word is hot enough to become a block, and a path
// that had never run is compiled as a deoptimization point ("insufficient type feedback" for the `lo ===
// interpretPc` compare, the block call, the `~k` of a block that left an instruction to the interpreter): each first
// use threw the loop away and compiled it again (CoreMark: 6 compilations, ≈ 170 ms of V8's background CPU). Once per
// process — when the first long translating run has retired 2,000 instructions (Cpu.run), before V8 first compiles the
// loop, or at the first block the run loop makes, whichever comes first — a scratch CPU of its own runs a small
// program through them:
// blocks made at their first entry, wasm and JavaScript ones (a chain of wasm blocks, an FP block the wasm tier does
// not make), a block that leaves a load to the interpreter (a host-cache miss), a loop block, and enough distinct
// blocks for the block call to see many targets. The scratch CPU shares nothing with the running one (its own arena,
// memory, registers, TLB and tier); results cannot change, only when V8 compiles.
import { Arena } from '../memory/arena.ts';
import { PhysMemory } from '../memory/phys.ts';
import { WASM_PAGE } from '../memory/wasm-api.ts';

/** What warmBlocks needs of a CPU (made by the callback: cpu.ts imports this module). */
export interface ScratchBlocksCpu {
  reset(entry: bigint): void;
  run(budget: number): unknown;
  enableWasm(): void;
  translateAfter: number;
}

const SCRATCH_RAM = 0x4000_0000;

/** B.cond / B to `to` from `at` (word offsets, imm19 / imm26 fields: C6.2.26 B.cond, C6.2.25 B). */
const bCond = (cond: number, at: number, to: number): number => (0x5400_0000 | (((to - at) & 0x7ffff) << 5) | cond) >>> 0;
const b = (at: number, to: number): number => (0x1400_0000 | ((to - at) & 0x3ff_ffff)) >>> 0;
const NE = 1;
const ADD_X4_1 = 0x9100_0484; // ADD X4, X4, #1
const DISTINCT = 6; // blocks of one ADD and a B each: the block call sees more targets than V8 keeps polymorphic

/** The scratch program's words, from word 0 (the reset entry); it ends in a loop block that branches to itself. */
export function warmProgram(): number[] {
  const w: number[] = [
    0xd2a8_0003, // MOVZ X3, #0x4000, LSL #16
    0x9140_2063, // ADD X3, X3, #8, LSL #12: X3 = SCRATCH_RAM + 0x8000, the loaded doubleword (zero)
    0x9140_0466, // ADD X6, X3, #1, LSL #12: X6 = SCRATCH_RAM + 0x9000, another 4 KiB page's
  ];
  w.push(b(w.length, w.length + 1));
  const top = w.length;
  // an FP block (JavaScript), so the run loop enters the next block itself; its load counts an inline host-cache hit
  // from its second pass (PageBlocks.inline)
  w.push(0xf940_00c5); // LDR X5, [X6]
  w.push(0x9e67_0020); // FMOV D0, X1
  w.push(b(w.length, w.length + 1));
  // LDR X2, [X3]: the block's first run misses the host cache and leaves the load to the interpreter (~k: a block the
  // run loop entered; a chained one would end its chain instead)
  w.push(0xf940_0062);
  w.push(0x9100_0421); // ADD X1, X1, #1
  w.push(b(w.length, w.length + 1));
  for (let i = 0; i < DISTINCT; i++) {
    w.push(ADD_X4_1);
    w.push(b(w.length, w.length + 1));
  }
  w.push(0xf100_203f); // CMP X1, #8
  w.push(bCond(NE, w.length, top));
  w.push(ADD_X4_1);
  w.push(b(w.length, w.length - 1)); // a loop block: runs its passes in place
  return w;
}

let warmed = false;

/** Run the scratch program once per process on a CPU made by `make` (with the wasm tier when `wasm`). */
export function warmBlocks(wasm: boolean, make: (mem: PhysMemory) => ScratchBlocksCpu): void {
  if (warmed) return;
  warmed = true;
  const mem = new PhysMemory(SCRATCH_RAM, WASM_PAGE, wasm ? new Arena(WASM_PAGE) : undefined);
  warmProgram().forEach((word, i) => mem.writeU32(SCRATCH_RAM + 4 * i, word));
  const c = make(mem);
  if (wasm) c.enableWasm();
  c.translateAfter = 1; // every entry point becomes a block at its first entry
  c.reset(BigInt(SCRATCH_RAM));
  c.run(2_000);
}

/** Whether the warm-up has run in this process (tests that count blocks through a wrapper warm up first). */
export function blocksWarmed(): boolean {
  return warmed;
}
