// Backend choice for the block translator, measured (issue 15, "Backend choice by measurement"): the same loop blocks
// run by the CPU under its run loop as JavaScript blocks (`new Function`, src/cpu/jit) and as wasm blocks (the wasm
// tier, src/cpu/wasm), results checked equal; then what making a block costs each backend, from its words to running
// code (compileCost): V8's TurboFan compile of a JavaScript block is most of a block's cost on Debian's kernel and a
// quarter of CoreMark's CPU (docs/DESIGN-NOTES.md, stops 29–37). `npm run bench:wasm`; prints M instructions per CPU
// second and milliseconds of CPU per block.
import { CORTEX_A57 } from '../src/arch/profiles.ts';
import { assemble } from '../src/asm/assemble.ts';
import { Cpu } from '../src/cpu/cpu.ts';
import { HOT_FIRST } from '../src/cpu/jit/block.ts';
import { PhysMemory } from '../src/memory/phys.ts';
import { Arena } from '../src/memory/arena.ts';
import { rate } from './rate.ts';

const CODE = 0x4008_0000;
const RAM_BASE = 0x4000_0000;
const RAM = 0x100_0000;
/** A long block and a short one, each looping on itself. */
const BLOCKS: readonly string[] = [
  `loop:
  add x0, x0, x1
  eor x2, x2, x0
  add x3, x3, #1
  lsl x4, x3, #3
  sub x5, x4, x2
  orr x6, x5, x1, lsr #7
  madd x7, x6, x3, x7
  eor x8, x7, x5, lsl #13
  add x9, x9, x8
  b loop`,
  `loop:
  add x0, x0, x1
  eor x2, x2, x0, lsl #3
  add x3, x3, #1
  b loop`,
];

function words(source: string): Uint8Array {
  const asm = assemble('wasm-block.S', source, { base: BigInt(CODE) });
  if (asm.diagnostics.length > 0) throw new Error(asm.diagnostics[0]!.message);
  return asm.sections[0]!.bytes;
}

/** A CPU at the block's start with its registers seeded; `wasm`: with the wasm tier (on an arena). */
function cpuFor(code: Uint8Array, wasm: boolean): Cpu {
  const mem = new PhysMemory(RAM_BASE, RAM, wasm ? new Arena(RAM) : undefined);
  mem.writeBytes(CODE, code);
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(BigInt(CODE));
  if (wasm) c.enableWasm();
  for (let r = 0; r < 10; r++) c.x[r] = 0x9e37_79b9_7f4a_7c15n * BigInt(r + 1);
  return c;
}

function measure(source: string): void {
  const code = words(source);
  const len = code.length >>> 2;
  const js = cpuFor(code, false);
  const wasm = cpuFor(code, true);
  // equal results first, past the translation threshold
  const warm = (HOT_FIRST + 1000) * len;
  js.run(warm);
  wasm.run(warm);
  for (let r = 0; r < 10; r++) if (js.x[r] !== wasm.x[r]) throw new Error(`x${r}: JavaScript ${js.x[r]!.toString(16)}, wasm ${wasm.x[r]!.toString(16)}`);
  if (wasm.stats.wasmBlocksMade !== 1) throw new Error(`the loop is not a wasm block (${wasm.stats.wasmBlocksMade} made)`);
  console.log(`block of ${len} instructions (results equal after ${warm.toLocaleString('en')} instructions)`);
  for (const [label, c] of [['JavaScript block, the CPU\'s run loop', js], ['wasm block, the CPU\'s run loop', wasm]] as const) {
    const { perSecond } = rate((n) => (c.run(n * len), n));
    console.log(`  ${label.padEnd(40)} ${((perSecond * len) / 1e6).toFixed(0).padStart(6)} M instructions per CPU second`);
  }
}

/**
 * What a block costs from its words to running code, in CPU time of the whole process (V8's background compiler
 * threads included): `count` CPUs, each with a distinct variant of the long block (another immediate, so that V8
 * shares no code between them), each run from its first interpreted pass until the block has run `calls` passes —
 * the same interpreted warm-up for both backends, so their difference is what making, compiling and the first, slower
 * calls of a block cost each.
 */
async function compileCost(count: number, calls: number): Promise<void> {
  const variant = (k: number): Uint8Array => words(BLOCKS[0]!.replace('add x3, x3, #1', `add x3, x3, #${k}`));
  const len = BLOCKS[0]!.split('\n').length - 1;
  const budget = (HOT_FIRST + calls) * len;
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 300)); // background compiles finish (idle: no CPU)
  console.log(`a fresh block of ${len} instructions to ${calls.toLocaleString('en')} passes (${count} distinct blocks; CPU of the whole process)`);
  for (const [label, wasm] of [['JavaScript (new Function, then TurboFan)', false], ['wasm (encode, compile, instantiate)', true]] as const) {
    const cpus = Array.from({ length: count }, (_, k) => cpuFor(variant(k + 2 + (wasm ? count : 0)), wasm));
    await settle();
    const t0 = process.cpuUsage();
    for (const c of cpus) c.run(budget);
    await settle();
    const u = process.cpuUsage(t0);
    console.log(`  ${label.padEnd(44)} ${((u.user + u.system) / 1e3 / count).toFixed(2).padStart(6)} ms a block`);
  }
}

for (const source of BLOCKS) measure(source);
await compileCost(100, 20_000);
