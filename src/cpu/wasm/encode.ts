// The WebAssembly binary format, as much of it as the wasm tier writes (WebAssembly core spec §5 "Binary Format"):
// LEB128 integers, the instructions by opcode, and the two kinds of module — a block's (its one function, exported, which
// the tier puts into the shared table) and the dispatcher's (one exported function that calls table slots through
// call_indirect: wasm/chain.ts). Translation time only: nothing here runs per guest instruction.
import { WASM_MAX_PAGES } from '../../memory/wasm-api.ts';

/** Opcodes (core spec §5.4). */
export const OP = {
  unreachable: 0x00, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f,
  callIndirect: 0x11, drop: 0x1a, select: 0x1b,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, i64Load: 0x29, i32Load8S: 0x2c, i32Load8U: 0x2d, i32Load16S: 0x2e, i32Load16U: 0x2f,
  i64Load8S: 0x30, i64Load8U: 0x31, i64Load16S: 0x32, i64Load16U: 0x33, i64Load32S: 0x34, i64Load32U: 0x35,
  i32Store: 0x36, i64Store: 0x37, i32Store8: 0x3a, i32Store16: 0x3b, i64Store8: 0x3c, i64Store16: 0x3d, i64Store32: 0x3e,
  i32Const: 0x41, i64Const: 0x42,
  i32Eqz: 0x45, i32Eq: 0x46, i32Ne: 0x47, i32LtS: 0x48, i32LtU: 0x49, i32GtS: 0x4a, i32GtU: 0x4b, i32LeS: 0x4c,
  i32LeU: 0x4d, i32GeS: 0x4e, i32GeU: 0x4f,
  i64Eqz: 0x50, i64Eq: 0x51, i64Ne: 0x52, i64LtS: 0x53, i64LtU: 0x54, i64GtS: 0x55, i64GtU: 0x56, i64LeS: 0x57,
  i64LeU: 0x58, i64GeS: 0x59, i64GeU: 0x5a,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32Shl: 0x74, i32ShrS: 0x75,
  i32ShrU: 0x76, i32RemU: 0x70, i32Rotr: 0x78,
  i64Add: 0x7c, i64Sub: 0x7d, i64Mul: 0x7e, i64And: 0x83, i64Or: 0x84, i64Xor: 0x85, i64Shl: 0x86, i64ShrS: 0x87,
  i64ShrU: 0x88, i64Rotr: 0x8a,
  i32WrapI64: 0xa7, i64ExtendI32S: 0xac, i64ExtendI32U: 0xad,
} as const;

/**
 * The concatenation of `parts` (byte arrays): what the emitters build code with. One small loop, where an array
 * literal of spread elements is inlined by TurboFan as the iteration protocol for every spread — the translator's
 * functions then took ≈ 290 ms of TurboFan's time in a CoreMark run (stop 38: 790 → 503 ms in all).
 */
export function cat(...parts: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    for (let i = 0; i < part.length; i++) out.push(part[i]!);
  }
  return out;
}

/** Value types (core spec §5.3.1). */
export const I32 = 0x7f;
export const I64 = 0x7e;
/** The empty block type (core spec §5.3.6). */
export const VOID = 0x40;

/** Unsigned LEB128 of a non-negative integer below 2^32 (core spec §5.2.2). */
export function uleb(v: number): number[] {
  const o: number[] = [];
  let x = v >>> 0;
  for (;;) {
    const b = x & 0x7f;
    x >>>= 7;
    if (x === 0) {
      o.push(b);
      return o;
    }
    o.push(b | 0x80);
  }
}

/** Signed LEB128 of an integer in [-2^63, 2^63) (core spec §5.2.2): done when the rest is the sign of the last bit 6. */
export function sleb(v: bigint): number[] {
  const o: number[] = [];
  let x = v;
  for (;;) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) {
      o.push(b);
      return o;
    }
    o.push(b | 0x80);
  }
}

/** i32.const of a 32-bit pattern (its value as a signed i32). */
export const i32Const = (v: number): number[] => cat([OP.i32Const], sleb(BigInt(v | 0)));
/** i64.const of a 64-bit pattern (its value as a signed i64). */
export const i64Const = (v: bigint): number[] => cat([OP.i64Const], sleb(BigInt.asIntN(64, v)));
/** A memory instruction's memarg: log2 of the alignment hint, then the constant offset (core spec §5.4.6). */
export const memarg = (alignLog2: number, offset: number): number[] => cat([alignLog2], uleb(offset));

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
const section = (id: number, bytes: number[]): number[] => cat([id], uleb(bytes.length), bytes);
const vec = (items: number[][]): number[] => cat(uleb(items.length), items.flat());
const name = (s: string): number[] => cat(uleb(s.length), Array.from(s, (ch) => ch.charCodeAt(0)));
const FUNCREF = 0x70;

/** The one function type of blocks (and the dispatcher's table calls): (n0, lim, el, PC[31:0]) → (retired or
 *  ~retired, the next PC[31:0] after a normal exit) — multi-value results (core spec §2.3.3). */
const BLOCK_TYPE = [0x60, 4, I32, I32, I32, I32, 2, I32, I32];
/** The dispatcher's: (slot, n0, lim, el) → the block's result. */
const DISPATCH_TYPE = [0x60, 4, I32, I32, I32, I32, 1, I32];
/** Imports: env.mem (the arena: shared, at least one page, at most WASM_MAX_PAGES — limits flag 0x03, threads
 *  proposal's binary format) and env.tab (the shared table). */
const importMem = cat(name('env'), name('mem'), [0x02, 0x03, 1], uleb(WASM_MAX_PAGES));
const importTab = (slots: number): number[] => cat(name('env'), name('tab'), [0x01, FUNCREF, 0x00], uleb(slots));

/** The locals a function declares after its parameters, by type: runs of [count, type] (core spec §5.5.13). */
export type Locals = readonly (readonly [number, number])[];

/**
 * The module of a group of blocks (a hot one and those it brings: jit/block.ts withSuccessors): imports the arena and
 * exports `f0`, `f1`…, one function of BLOCK_TYPE per block with its `locals` and `body` (its instructions, without the
 * final `end`). It does not import the table: V8 gives every instance that imports a table
 * its own copy of the table's dispatch entries, so N blocks that each put themselves into it by an element segment
 * cost O(N²) time and memory (8,000 blocks: 5 ms and 65 KiB each, against 0.08 ms and 1 KiB exported and set from
 * JavaScript — a kernel or a branchy test program makes that many).
 */
export function blockModule(blocks: readonly { readonly body: readonly number[]; readonly locals: Locals }[]): Uint8Array {
  const fns = blocks.map(({ body, locals }) => cat(uleb(locals.length), locals.flatMap(([n, t]) => cat(uleb(n), [t])), body, [OP.end]));
  return new Uint8Array(cat(
    MAGIC,
    section(1, vec([BLOCK_TYPE])),
    section(2, vec([importMem])),
    section(3, vec(fns.map(() => [0]))),
    section(7, vec(fns.map((_, i) => cat(name(`f${i}`), [0x00], uleb(i))))),
    section(10, vec(fns.map((fn) => cat(uleb(fn.length), fn))))
  ));
}

/**
 * The dispatcher's module: imports the arena and the table (at least `tableMin` slots) and exports run(slot, n0, lim,
 * el), a function of DISPATCH_TYPE with `locals` and `body` (without the final `end`) that calls blocks through the
 * table with `call_indirect` (type 0: BLOCK_TYPE, table 0).
 */
export function dispatcherModule(body: readonly number[], locals: Locals, tableMin: number): Uint8Array {
  const run = cat(uleb(locals.length), locals.flatMap(([n, t]) => cat(uleb(n), [t])), body, [OP.end]);
  return new Uint8Array(cat(
    MAGIC,
    section(1, vec([BLOCK_TYPE, DISPATCH_TYPE])),
    section(2, vec([importMem, importTab(tableMin)])),
    section(3, vec([[1]])),
    section(7, vec([cat(name('run'), [0x00, 0])])),
    section(10, vec([cat(uleb(run.length), run)]))
  ));
}
