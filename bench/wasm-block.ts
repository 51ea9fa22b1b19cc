// Backend choice for the block translator, measured (issue 15, "Backend choice by measurement"): the same block of
// 64-bit integer instructions run (1) by the CPU as it is, translated to JavaScript (`new Function`, src/cpu/jit),
// under its run loop; (2) as that JavaScript block called from a bare loop; (3) as a WebAssembly function made from
// the same words by the prototype below (i64 arithmetic on a CPU's register file in its machine's arena),
// called from the same bare loop; (4) that function called from a loop inside WebAssembly. Both backends' results
// are checked equal. `npx tsx bench/wasm-block.ts`; prints M instructions per CPU second. Then what making a block
// costs each backend, from its words to optimized code (compileCost): V8's TurboFan compile of a JavaScript block is
// most of a block's cost on Debian's kernel and a quarter of CoreMark's CPU (docs/DESIGN-NOTES.md, stops 29–36).
//
// The prototype covers only what this block holds (ADD/SUB immediate and shifted register, logical shifted register,
// UBFM, MADD, B), 64-bit forms, no flags: enough to measure a block body and the JS→wasm call, not a backend.
import { CORTEX_A57 } from '../src/arch/profiles.ts';
import { decode } from '../src/arch/a64/decode.ts';
import { fieldValues } from '../src/arch/a64/encoding.ts';
import { ROWS } from '../src/arch/a64/table.ts';
import { assemble } from '../src/asm/assemble.ts';
import { Cpu } from '../src/cpu/cpu.ts';
import { PageBlocks } from '../src/cpu/jit/block.ts';
import { CpuStats } from '../src/cpu/stats.ts';
import { REG_SP, SINK } from '../src/cpu/state.ts';
import { PhysMemory } from '../src/memory/phys.ts';
import { Arena } from '../src/memory/arena.ts';
import { WASM } from '../src/memory/wasm-api.ts';
import { rate } from './rate.ts';

const CODE = 0x4008_0000;
/** RAM of the arenas the wasm blocks run on (only the register file is used). */
const ARENA_RAM = 0x1_0000;
/** A long block (CoreMark's average block is 4.4 instructions long as run) and a short one, each looping on itself. */
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

// ---- the wasm prototype: one function per block, on a CPU's register file in its machine's arena (memory 0, from byte
// `regs`: Cpu.registerFile; src/memory/arena.ts) ----
const OP = { i32const: 0x41, i64const: 0x42, i64load: 0x29, i64store: 0x37, i64add: 0x7c, i64sub: 0x7d, i64mul: 0x7e, i64and: 0x83, i64or: 0x84, i64xor: 0x85, i64shl: 0x86, i64shrS: 0x87, i64shrU: 0x88, i64rotr: 0x8a, call: 0x10, loop: 0x03, br_if: 0x0d, end: 0x0b, localGet: 0x20, localSet: 0x21, i32sub: 0x6b, i32eqz: 0x45, drop: 0x1a, block: 0x02, callIndirect: 0x11, localTee: 0x22 } as const;
const uleb = (v: number): number[] => { const o: number[] = []; do { let b = v & 0x7f; v >>>= 7; if (v !== 0) b |= 0x80; o.push(b); } while (v !== 0); return o; };
function sleb(v: bigint): number[] {
  const o: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { o.push(b); return o; }
    o.push(b | 0x80);
  }
}
/** The register file's byte in memory 0 (set by wasmModule for the CPU it compiles for). */
let regs = 0;
const load = (slot: number): number[] => [OP.i32const, 0, OP.i64load, 3, ...uleb(regs + slot * 8)];
const store = (slot: number, value: number[]): number[] => [OP.i32const, 0, ...value, OP.i64store, 3, ...uleb(regs + slot * 8)];
const i64 = (v: bigint): number[] => [OP.i64const, ...sleb(BigInt.asIntN(64, v))];
/** Rd as a destination: 31 is XZR for these forms, written to the sink slot (state.ts SINK). */
const dst = (r: number): number => (r === 31 ? SINK : r);
/** A shifted register operand (DecodeShift: LSL, LSR, ASR, ROR). */
const shifted = (rm: number, shift: number, amount: number): number[] =>
  amount === 0 ? load(rm) : [...load(rm), ...i64(BigInt(amount)), [OP.i64shl, OP.i64shrU, OP.i64shrS, OP.i64rotr][shift]!];

/** The wasm body of one instruction, or null when the prototype does not cover it. */
function wasmOf(w: number): number[] | null {
  const row = ROWS[decode(w)]!;
  const f = fieldValues(row, w);
  if (f.sf === 0) return null;
  switch (row.id) {
    case 'ADD_imm': case 'SUB_imm': {
      const imm = BigInt(f.imm12!) << BigInt(12 * f.sh!);
      return store(REG_SP[f.Rd!]!, [...load(REG_SP[f.Rn!]!), ...i64(imm), row.id === 'ADD_imm' ? OP.i64add : OP.i64sub]);
    }
    case 'ADD_shift': case 'SUB_shift':
      return store(dst(f.Rd!), [...load(f.Rn!), ...shifted(f.Rm!, f.shift!, f.imm6!), row.id === 'ADD_shift' ? OP.i64add : OP.i64sub]);
    case 'AND_shift': case 'ORR_shift': case 'EOR_shift':
      return store(dst(f.Rd!), [...load(f.Rn!), ...shifted(f.Rm!, f.shift!, f.imm6!), { AND_shift: OP.i64and, ORR_shift: OP.i64or, EOR_shift: OP.i64xor }[row.id]]);
    case 'UBFM': {
      // DecodeBitMasks for N = 1: imms >= immr is UBFX (Rn >> immr, width imms − immr + 1), else LSL by 64 − immr
      const { immr, imms } = f as { immr: number; imms: number };
      if (imms >= immr) {
        const mask = (1n << BigInt(imms - immr + 1)) - 1n;
        return store(dst(f.Rd!), [...load(f.Rn!), ...i64(BigInt(immr)), OP.i64shrU, ...i64(mask), OP.i64and]);
      }
      const mask = (1n << BigInt(imms + 1)) - 1n;
      return store(dst(f.Rd!), [...load(f.Rn!), ...i64(mask), OP.i64and, ...i64(BigInt(64 - immr)), OP.i64shl]);
    }
    case 'MADD':
      return store(dst(f.Rd!), [...load(f.Ra!), ...load(f.Rn!), ...load(f.Rm!), OP.i64mul, OP.i64add]);
    default:
      return null;
  }
}

/** The module: block() runs the block once (the B back to its start leaves PC as it was) and returns its length;
 *  loop(k) calls it k times from inside wasm. */
/** Slots of the shared function table (WebAssembly.Table) the table-bound blocks are placed in. */
const TABLE_SLOTS = 1024;
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s)];
/** Imports: env.regs (memory, at least 1 page: an arena) and, for table-bound modules, env.tab (funcref table of TABLE_SLOTS). */
const importRegs = [...name('env'), ...name('regs'), 0x02, 0x00, 1];
const importTab = [...name('env'), ...name('tab'), 0x01, 0x70, 0x00, ...uleb(TABLE_SLOTS)];
/** i32.const's immediate is a signed LEB128. */
const i32 = (v: number): number[] => [OP.i32const, ...sleb(BigInt(v))];

/** A dispatcher: run(slot, n) calls the table's function at `slot` n times through call_indirect, as a wasm tier's
 *  dispatch loop would (no JS→wasm call per block). */
function dispatcherModule(): Uint8Array {
  const run = [0, OP.loop, 0x40, OP.localGet, 0, OP.callIndirect, 0, 0, OP.drop, OP.localGet, 1, OP.i32const, 1, OP.i32sub, OP.localTee, 1, OP.br_if, 0, OP.end, OP.i32const, 0, OP.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, 0, 1, 0x7f], [0x60, 2, 0x7f, 0x7f, 1, 0x7f]])), // () → i32 (a block), (i32, i32) → i32
    ...section(2, vec([importRegs, importTab])),
    ...section(3, vec([[1]])),
    ...section(7, vec([[...name('run'), 0, 0]])),
    ...section(10, vec([[...uleb(run.length), ...run]])),
  ]);
}

/** The module of a block on the register file at `registerFile`: exports block() and loop(k); or, given `slot`, exports
 *  nothing and puts block() into the shared table at that slot (an active element segment), where a dispatcher calls it. */
function wasmModule(words: Uint32Array, registerFile: number, slot?: number): Uint8Array {
  regs = registerFile;
  const BLOCK_LEN = words.length;
  const body: number[] = [];
  for (let i = 0; i < BLOCK_LEN - 1; i++) {
    const code = wasmOf(words[i]!);
    if (code === null) throw new Error(`wasm prototype: word ${i} (${ROWS[decode(words[i]!)]!.id}) not covered`);
    body.push(...code);
  }
  if (ROWS[decode(words[BLOCK_LEN - 1]!)]!.id !== 'B') throw new Error('the block must end with B loop');
  const blockFn = [0, ...body, OP.i32const, ...uleb(BLOCK_LEN), OP.end];
  // loop(k): do { drop(block()); k -= 1 } while (k != 0); return 0
  const loopFn = [0, OP.loop, 0x40, OP.call, 0, OP.drop, OP.localGet, 0, OP.i32const, 1, OP.i32sub, OP.localSet, 0, OP.localGet, 0, OP.i32eqz, OP.i32eqz, OP.br_if, 0, OP.end, OP.i32const, 0, OP.end];
  const types = section(1, vec([[0x60, 0, 1, 0x7f], [0x60, 1, 0x7f, 1, 0x7f]])); // () → i32, (i32) → i32
  const bytes = slot === undefined ? [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...types,
    ...section(2, vec([importRegs])),
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([[...name('block'), 0, 0], [...name('loop'), 0, 1]])),
    ...section(10, vec([[...uleb(blockFn.length), ...blockFn], [...uleb(loopFn.length), ...loopFn]])),
  ] : [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...types,
    ...section(2, vec([importRegs, importTab])),
    ...section(3, vec([[0]])),
    ...section(9, vec([[0x00, ...i32(slot), OP.end, 1, 0]])), // table 0 at `slot`: function 0
    ...section(10, vec([[...uleb(blockFn.length), ...blockFn]])),
  ];
  return new Uint8Array(bytes);
}


function measure(SOURCE: string): void {
  const asm = assemble('wasm-block.S', SOURCE, { base: BigInt(CODE) });
  if (asm.diagnostics.length > 0) throw new Error(asm.diagnostics[0]!.message);
  const code = asm.sections[0]!.bytes;
  const words = new Uint32Array(code.buffer, code.byteOffset, code.length >>> 2);
  const BLOCK_LEN = words.length;

  // ---- the CPU as it is ----
  const mem = new PhysMemory(0x4000_0000, 64 * 1024 * 1024);
  mem.writeBytes(CODE, code);
  const init = (x: BigUint64Array): void => { for (let r = 0; r < 10; r++) x[r] = 0x9e37_79b9_7f4a_7c15n * BigInt(r + 1); };
  const cpu = new Cpu(CORTEX_A57, mem);
  cpu.reset(BigInt(CODE));
  cpu.translateAfter = 16;
  init(cpu.x);

  // (B loop leaves PC where it was: neither backend needs to write it)
  // the JavaScript block itself, as the translator makes it for these words
  const jsBlocks = new PageBlocks(new Int32Array(BLOCK_LEN + 1), new CpuStats());
  jsBlocks.translate(words, 0);
  const jsBlock = jsBlocks.fns[0]!;
  const jsCpu = new Cpu(CORTEX_A57, mem);
  jsCpu.reset(BigInt(CODE));
  init(jsCpu.x);

  // the wasm block works on a CPU of its own, its register file in its machine's arena
  const wasmCpu = new Cpu(CORTEX_A57, new PhysMemory(0x4000_0000, ARENA_RAM, new Arena(ARENA_RAM)));
  const arena = wasmCpu.mem.arena!;
  const wasm = new WASM.Instance(new WASM.Module(wasmModule(words, wasmCpu.registerFile)), { env: { regs: arena.memory } }).exports as { block: () => number; loop: (k: number) => number };
  const wx = wasmCpu.x;
  init(wx);

  // equal results first: 1,000 passes each
  for (let i = 0; i < 1000; i++) { jsBlock(jsCpu, 0, 0); wasm.block(); } // lim 0: one pass a call
  for (let r = 0; r < 10; r++) if (jsCpu.x[r] !== wx[r]) throw new Error(`x${r}: JavaScript block ${jsCpu.x[r]!.toString(16)}, wasm ${wx[r]!.toString(16)}`);

  const rows: [string, (n: number) => number][] = [
    ['the CPU (run loop, JavaScript blocks)', (n) => (cpu.run(n * BLOCK_LEN), n)],
    ['JavaScript block from a bare loop', (n) => { let k = 0; for (let i = 0; i < n; i++) k += jsBlock(jsCpu, 0, 0); return k; }],
    ['wasm block from a bare loop', (n) => { let k = 0; for (let i = 0; i < n; i++) k += wasm.block(); return k; }],
    ['wasm block from a loop in wasm', (n) => (wasm.loop(n), n * BLOCK_LEN)],
  ];
  console.log(`block of ${BLOCK_LEN} instructions (results equal after 1,000 passes)`);
  for (const [label, body] of rows) {
    const { perSecond } = rate(body);
    console.log(`  ${label.padEnd(40)} ${((perSecond * BLOCK_LEN) / 1e6).toFixed(0).padStart(6)} M instructions per CPU second`);
  }

}

/**
 * What making a block costs, start to optimized code, in CPU time of the whole process (V8's background compiler
 * threads included: they are most of it for JavaScript). `count` distinct variants of the long block (a different
 * immediate each, so that V8 shares no compiled code between them) are each made; a JavaScript one is then called
 * `calls` times — enough for V8 to optimize it — and the same number of calls of one block made before (already
 * optimized) is subtracted, so what remains is making, compiling and the first, slower calls; a wasm one is called once.
 */
async function compileCost(count: number, calls: number): Promise<void> {
  const variant = (k: number): Uint32Array => {
    const asm = assemble('wasm-block-variant.S', BLOCKS[0]!.replace('add x3, x3, #1', `add x3, x3, #${k}`), { base: BigInt(CODE) });
    if (asm.diagnostics.length > 0) throw new Error(asm.diagnostics[0]!.message);
    const b = asm.sections[0]!.bytes;
    return new Uint32Array(b.buffer, b.byteOffset, b.length >>> 2);
  };
  const variants = Array.from({ length: count + 1 }, (_, k) => variant(k + 1));
  const cpu = new Cpu(CORTEX_A57, new PhysMemory(0x4000_0000, ARENA_RAM, new Arena(ARENA_RAM)));
  const memory = cpu.mem.arena!.memory;
  const regsAt = cpu.registerFile;
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 300)); // background compiles finish (idle: no CPU)
  const cpuOf = async (body: () => void): Promise<number> => {
    await settle();
    const t0 = process.cpuUsage();
    body();
    await settle();
    const u = process.cpuUsage(t0);
    return (u.user + u.system) / 1e3;
  };
  const jsMade = (words: Uint32Array): ((c: Cpu, n0: number, lim: number) => number) => {
    const blocks = new PageBlocks(new Int32Array(words.length + 1), new CpuStats());
    blocks.translate(words, 0);
    return blocks.fns[0]!;
  };
  const wasmMade = (words: Uint32Array): (() => number) =>
    (new WASM.Instance(new WASM.Module(wasmModule(words, regsAt)), { env: { regs: memory } }).exports as { block: () => number }).block;
  const callJs = (f: (c: Cpu, n0: number, lim: number) => number): void => { for (let i = 0; i < calls; i++) f(cpu, 0, 0); };
  // the baseline: a JavaScript block made and optimized before (and a wasm one, so that the first wasm call's one-time
  // costs are not counted to the blocks)
  const jsWarm = jsMade(variants[count]!);
  const wasmWarm = wasmMade(variants[count]!);
  for (let r = 0; r < 20; r++) { callJs(jsWarm); wasmWarm(); }
  const jsBase = await cpuOf(() => { for (let k = 0; k < count; k++) callJs(jsWarm); });
  const js = await cpuOf(() => { for (let k = 0; k < count; k++) callJs(jsMade(variants[k]!)); });
  // wasm's code runs at full speed from its first call (Liftoff, tiered up in the background when hot): made and called
  // once; `calls` calls from this JavaScript loop would measure its generic JS→wasm call site (one target per block),
  // which a wasm tier would not have (its dispatch would be a call_indirect inside wasm)
  const wasm = await cpuOf(() => { for (let k = 0; k < count; k++) wasmMade(variants[k]!)(); });
  // as a wasm tier would hold them: no exports, each block's function put into one shared table by its module and
  // called from a dispatcher inside wasm (call_indirect), once
  const table = new WASM.Table({ initial: TABLE_SLOTS, element: 'anyfunc' });
  const env = { env: { regs: memory, tab: table } };
  const dispatch = (new WASM.Instance(new WASM.Module(dispatcherModule()), env).exports as { run: (slot: number, n: number) => number }).run;
  const bound = Array.from({ length: count }, (_, k) => wasmModule(variant(3 * count + k), regsAt, k));
  const tabled = await cpuOf(() => { for (let k = 0; k < count; k++) { new WASM.Instance(new WASM.Module(bound[k]!), env); dispatch(k, 1); } });
  // the wasm side's parts, on other variants (nothing cached): the prototype's encoder (arrays and spreads, not what a
  // backend would write), then WebAssembly.Module alone (V8's synchronous compile of one small module)
  const more = Array.from({ length: count }, (_, k) => variant(count + 2 + k));
  let bytes: Uint8Array[] = [];
  const encode = await cpuOf(() => { bytes = more.map((w) => wasmModule(w, regsAt)); });
  const compile = await cpuOf(() => { for (const b of bytes) new WASM.Module(b); });
  const per = (ms: number): string => `${(ms / count).toFixed(2).padStart(6)} ms a block`;
  console.log(`making a block of ${BLOCKS[0]!.split('\n').length - 1} instructions (${count} distinct blocks; a JavaScript one then called ${calls.toLocaleString('en')} times, warm calls subtracted; CPU of the whole process)`);
  console.log(`  ${'JavaScript (new Function, then TurboFan)'.padEnd(44)} ${per(js - jsBase)}`);
  console.log(`  ${'wasm (encode, compile, instantiate, 1 call)'.padEnd(44)} ${per(wasm)}`);
  console.log(`  ${'  of which the prototype\'s encoder'.padEnd(44)} ${per(encode)}`);
  console.log(`  ${'  of which WebAssembly.Module'.padEnd(44)} ${per(compile)}`);
  console.log(`  ${'wasm, no exports, into a shared table'.padEnd(44)} ${per(tabled)} (encoded before; compile, instantiate, one call_indirect)`);
}

for (const source of BLOCKS) measure(source);
await compileCost(100, 20_000);
