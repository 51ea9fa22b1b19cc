// The block translator (js-performance.md §1.4b): a run of instructions from one entry point up to the first one
// that may change control flow or PSTATE (a branch, an exception-generating or system instruction, an unallocated
// word), the end of its 4 KiB page or MAX_BLOCK instructions, becomes one JavaScript function made with
// `new Function`. A conditional branch that mostly fell through while interpreted (fallsThrough) does not end it: taken,
// the block leaves there (a side exit); not taken, it goes on with the next word — one straight-line function still. Hot handlers are replaced by specialised code (emit.ts); every other instruction is a direct
// call of its handler with the word in the INSN slot and PC set, exactly as the interpreter runs it. A block is
// made from the words of a RAM page, so it serves every VA that maps them; it reads the PC it was entered at
// and never bakes in an address.
//
// Contract with the run loop (run-loop.ts): a block is entered only with a valid fetch tag, PSTATE.IL = 0, the
// budget left ≥ its length, `--trace exec` and `--sync architectural` off, and outside the top 4 KiB of a 4 GiB
// region (so PC[31:0] + 4 never carries inside it). It returns how many instructions it ran, or ~r when it ran r and
// left the next one to the interpreter (a slow path: exits.ts interpretAt; PC is then the run loop's to set); it
// leaves early when the fetch tag changes (an exception, a halt, a write to translated code), which every exception
// entry, context synchronization and halt causes.
import type { TranslatedCode } from '../../memory/phys.ts';
import type { Cpu } from '../cpu.ts';
import { decode } from '../../arch/a64/decode.ts';
import { ROWS } from '../../arch/a64/table.ts';
import { HANDLER_OF, HANDLERS } from '../dispatch.ts';
import { conditionHolds } from '../pstate.ts';
import { shift64 } from '../exec/shifts.ts';
import { branchTo } from '../exec/branch.ts';
import { bitReverse32, byteSwap32, crc32Update, divide64, mulHigh64, nzcvBits, op32, rev16 } from '../exec/dp-reg.ts';
import { writeNzcv } from '../pstate.ts';
import { hintNop } from '../exec/system.ts';
import { addHalves, FETCH_TAG, INSN, PC, PC_AHEAD } from '../state.ts';
import type { CpuStats } from '../stats.ts';
import { OP_MASK } from '../decode-cache.ts';
import { FP_PROLOGUE } from './emit-fp.ts';
import { BRANCH_OFFSET, EMITTER_OF, type EmitEnv, fallsThrough, IMM_BRANCH_OF, retiredBefore, sideExit } from './emit.ts';
import { INTERPRET, leave, LEAVE } from './exits.ts';
import { HOST_CACHE_PROLOGUE } from './host-access.ts';
import type { WasmTier } from '../wasm/tier.ts';
import { type WasmBlock, wasmBlock } from '../wasm/emit.ts';

/**
 * A translated block: runs from PC, returns the number of instructions retired, or its complement when the next one
 * is the interpreter's (exits.ts interpretAt). `n0` = retired so far in this run;
 * `lim` = what the run may retire in all: a block that branches back to its own start runs again in place while a whole
 * further pass fits (and nothing changed the fetch tag), so it may return more than its length.
 */
export type BlockFn = (c: Cpu, n0: number, lim: number) => number;

/** Longest block (instructions); a block's length is kept in a Uint8Array. */
export const MAX_BLOCK = 64;
/**
 * Executions of an entry point by the interpreter before it is translated, at most (Cpu.translateAfter's default; the
 * threshold itself ramps up to it: translationThreshold). A block runs in V8's own interpreter until V8 has seen it
 * run often enough to compile it, slower than our interpreter's compiled loop, and each TurboFan compilation costs
 * milliseconds: translating code that runs only a few thousand times costs more than it saves. Measured, paired runs:
 * Debian's kernel to /init took 21 % less CPU time at 1,024 than at 16 and 35 % less again at 8,192; to power-off with
 * the busybox /init, 65,535 (then the heat counter's limit) took 20.1 CPU s against 8,192's 23.1 (median of 3).
 */
export const HOT = 65535;
/**
 * The translation threshold starts at HOT_FIRST and rises by HOT_STEP with every block made, up to the CPU's cap (as
 * HotSpot scales its tier thresholds with the compile queue): a program whose hot code is a few hundred blocks (CoreMark,
 * a compressor) has them translated after 1,024 entries instead of interpreting each 65,535 times, while a program that
 * keeps reaching new warm code (a kernel's boot: thousands of blocks) soon needs HOT entries again. docs/DESIGN-NOTES.md
 * stop 34 has the measurements.
 */
export const HOT_FIRST = 1024;
export const HOT_STEP = 16;

/** The interpreter entries after which an entry point is translated, for a CPU capped at `cap` that made `made` blocks. */
export function translationThreshold(cap: number, made: number): number {
  return Math.min(cap, HOT_FIRST + HOT_STEP * made);
}

const WORDS_PER_4K = 1024;

/** The tables of a page without blocks, shared by every such page and never written (PageBlocks.own replaces them). */
interface BlockTables {
  readonly fns: (BlockFn | null)[];
  readonly lens: Uint8Array;
  readonly inline: (Uint8Array | null)[];
  readonly covered: Uint8Array;
}
const EMPTY = new Map<number, BlockTables>();
function emptyTables(words: number): BlockTables {
  let t = EMPTY.get(words);
  if (t === undefined) EMPTY.set(words, (t = Object.freeze(newTables(words))));
  return t;
}
function newTables(words: number): BlockTables {
  return { fns: new Array<BlockFn | null>(words).fill(null), lens: new Uint8Array(words), inline: new Array<Uint8Array | null>(words).fill(null), covered: new Uint8Array(words) };
}

/**
 * Blocks of one RAM page, indexed by the word index of their first instruction. Most pages the CPU fetches from never
 * get a block (HOT): until the first one is made they share one set of empty tables (their heat is in the decode cache).
 */
export class PageBlocks implements TranslatedCode {
  fns: (BlockFn | null)[];
  /** Length of the block at each word (0: none). */
  lens: Uint8Array;
  /**
   * For a block whose loads and stores use the host cache inline, inline[start][r] = the accesses its first r
   * instructions make that way (a pair counts two): the run loop adds inline[start][r] to CpuStats.inlineHits when
   * the block returns r, and an access that falls back to Cpu.load/store takes its own back (emit.ts).
   */
  inline: (Uint8Array | null)[];
  covered: Uint8Array;
  /** Blocks translated since the last drop. */
  private count = 0;
  private owned = false;

  /** Table slots of this page's wasm blocks (WasmTier.release when they are dropped). */
  private wasmSlots: number[] = [];

  /** `ops`: the page's decode cache, whose entries hold each word's heat (decode-cache.ts); `wasm`: the CPU's wasm tier
   *  (null: JavaScript blocks only); `ahead`: a hot wasm block brings the blocks its branches lead to (withSuccessors). */
  constructor(
    private readonly ops: Int32Array,
    private readonly stats: CpuStats,
    private readonly wasm: WasmTier | null = null,
    private readonly ahead = true,
  ) {
    const t = emptyTables(ops.length);
    this.fns = t.fns;
    this.lens = t.lens;
    this.inline = t.inline;
    this.covered = t.covered;
  }

  /** Forget every block (a word one was made of was written). */
  drop(): void {
    this.stats.invalidations++;
    this.stats.blocksDropped += this.count;
    this.count = 0;
    const ops = this.ops;
    for (let i = 0; i < ops.length; i++) ops[i]! &= OP_MASK; // every word warms up again
    if (!this.owned) return; // no block was ever made: the shared tables are empty
    for (const slot of this.wasmSlots) this.wasm!.release(slot);
    this.wasmSlots = [];
    this.fns.fill(null);
    this.inline.fill(null);
    this.lens.fill(0);
    this.covered.fill(0);
  }

  /** Tables of this page's own, made when its first block is. */
  private own(): void {
    const t = newTables(this.ops.length);
    this.fns = t.fns;
    this.lens = t.lens;
    this.inline = t.inline;
    this.covered = t.covered;
    this.owned = true;
  }

  /** Translate the block starting at word `start` of `words` (the RAM page) and install it. */
  translate(words: Uint32Array, start: number): void {
    const end = Math.min((start | (WORDS_PER_4K - 1)) + 1, start + MAX_BLOCK);
    const wb = this.wasm === null ? null : wasmBlock(words, start, end, this.ops, this.wasm.layout);
    if (wb !== null) {
      const group = this.withSuccessors(words, start, wb);
      const made = this.wasm!.make(group, words);
      if (!this.owned) this.own();
      group.forEach(({ b, start: at }, i) => {
        this.wasmSlots.push(made[i]!.slot);
        // a wasm block counts its own inline accesses (WasmTier.drain)
        this.install(at, made[i]!.fn, b.len, null);
      });
      this.stats.wasmBlocksMade += group.length;
      this.stats.blocksMade++;
      this.stats.blocksAhead += group.length - 1;
      return;
    }
    const { fn, len, inline } = translateBlock(words, start, end, this.ops);
    if (!this.owned) this.own();
    this.install(start, fn, len, inline); // inline null for a loop: it counts its own (blockSource)
    this.stats.blocksMade++;
  }

  private install(start: number, fn: BlockFn, len: number, inline: Uint8Array | null): void {
    this.fns[start] = fn;
    this.lens[start] = len;
    this.inline[start] = inline;
    this.covered.fill(1, start, start + len);
    this.count++;
  }

  /**
   * The block `b` at word `start` and the wasm blocks its branches lead to in the same 4 KiB page that have none yet,
   * breadth first, at most GROUP_MAX in all: they are compiled into one module with it (a module's fixed cost is most
   * of a small block's) and the chain cache finds them at once; the run loop enters one itself only once its word is
   * hot, as any block.
   */
  private withSuccessors(words: Uint32Array, start: number, b: WasmBlock): { b: WasmBlock; start: number }[] {
    const group = [{ b, start }];
    if (!this.ahead) return group;
    const page = start & ~(WORDS_PER_4K - 1);
    const seen = new Set([start]);
    const queue = nextWords(words, start, b.len);
    for (let q = 0; q < queue.length && group.length < GROUP_MAX; q++) {
      const at = queue[q]!;
      if (seen.has(at) || at < page || at >= page + WORDS_PER_4K || this.lens[at] !== 0) continue;
      seen.add(at);
      const next = wasmBlock(words, at, Math.min(page + WORDS_PER_4K, at + MAX_BLOCK), this.ops, this.wasm!.layout);
      if (next === null) continue;
      group.push({ b: next, start: at });
      queue.push(...nextWords(words, at, next.len));
    }
    return group;
  }
}

/** Blocks compiled into one module at most: the one that got hot and those its branches lead to (withSuccessors). */
const GROUP_MAX = 16;

/**
 * The words a block of `len` words at `start` may go to next, as its words tell: every immediate branch's target (B,
 * BL, B.cond, CBZ/CBNZ, TBZ/TBNZ: imm26/imm19/imm14 × 4 from the branch; side exits too), and after its last word the
 * next word when that word may fall through: a conditional branch, a BL or a BLR (where the call returns), or no branch
 * at all (the block ended at its length or the page's end). Word indexes of `words`; the caller keeps those in the page.
 */
function nextWords(words: Uint32Array, start: number, len: number): number[] {
  const out: number[] = [];
  const last = start + len - 1;
  for (let k = start; k <= last; k++) {
    const w = words[k]!;
    const id = ROWS[decode(w)]!.id;
    const offset = BRANCH_OFFSET[id];
    if (offset !== undefined) out.push(k + (offset(w) >> 2));
    if (k === last && id !== 'B' && id !== 'BR' && id !== 'RET') out.push(k + 1);
  }
  return out;
}

/** Classes whose instructions end a block: they may branch, trap or change PSTATE or translation. FP/SIMD
 *  instructions do none of that (an access trap or an abort leaves through the fetch tag, as an integer load's). The
 *  hints that execute as NOP (those bound to hintNop: NOP, YIELD, the unallocated ones such as PACIASP's and BTI's
 *  encodings on this ARMv8.0 PE) are system instructions that do none of it either: a block runs through them. */
const ENDS_BLOCK = new Set(['branch', 'exception', 'system']);

/** The source of the block for words[start, end) and its length. */
export interface BlockSource {
  readonly body: string;
  readonly handlers: number[];
  readonly len: number;
  readonly hostCache: boolean;
  /** An FP/SIMD emitter's code is in the body: the prologue adds FP_PROLOGUE. */
  readonly fp: boolean;
  /** inline[k]: the host-cache accesses made inline by instructions 0..k-1 (PageBlocks.inline); null when none, and
   *  for a loop, which adds its own to CpuStats.inlineHits. */
  readonly inline: Uint8Array | null;
  /** The block ends with a branch to its own start and runs again in place (loopBody). */
  readonly loop: boolean;
}

export function blockSource(words: Uint32Array, start: number, end: number, ops: Int32Array): BlockSource {
  const lines: string[] = [];
  const inline = new Uint8Array(end - start + 1);
  const handlers = new Set<number>();
  let w = 0;
  let op = 0;
  let i = 0;
  // the handler call of instruction i, exactly as the interpreter runs it, then leave if the fetch tag changed
  const handlerCall = (): string => {
    const h = HANDLER_OF[op]!;
    handlers.add(h);
    env.flags = -1; // the handler may have set flags the block does not know
    return `u[${INSN * 2}] = ${w}; u[${PC * 2}] = (pc0 + ${4 * i + PC_AHEAD}); ${retiredBefore(i)}h${h}(c); if (u[${FETCH_TAG * 2}] !== ft) ${leave(i + 1)}`;
  };
  const env: EmitEnv = { i: 0, flags: -1, hostCache: false, fp: false, inline: 0 };
  for (let k = start; k < end; k++, i++) {
    w = words[k]!;
    op = decode(w);
    const row = ROWS[op]!;
    env.i = i;
    if (HANDLERS[HANDLER_OF[op]!] === hintNop) {
      lines.push(`    // ${row.id}: executes as NOP (ARM C6.2 HINT)`); // nothing to do, and the block goes on
      inline[i + 1] = env.inline;
      continue;
    }
    const last = op === 0 || ENDS_BLOCK.has(row.cls);
    const branch = IMM_BRANCH_OF[op]?.(w, env);
    if (branch !== undefined && branch.offset === -4 * i) {
      // a branch back to the block's own start (a loop whose body is the block): taken, the block runs again in place
      lines.push(`    ${loopBack(branch.test, i, env.inline)} // ${row.id}`);
      inline[i + 1] = env.inline;
      return finish(i + 1, true);
    }
    if (branch !== undefined && branch.test !== null && k + 1 < end && fallsThrough(ops, k)) {
      lines.push(`    ${sideExit(branch, env)} // ${row.id}`);
      inline[i + 1] = env.inline;
      continue;
    }
    const code = EMITTER_OF[op]?.(w, env);
    if (code !== undefined) {
      lines.push(`    ${code} // ${row.id}`);
    } else if (last) {
      const h = HANDLER_OF[op]!;
      handlers.add(h);
      lines.push(`    u[${INSN * 2}] = ${w}; u[${PC * 2}] = (pc0 + ${4 * i + PC_AHEAD}); ${retiredBefore(i)}h${h}(c); ${leave(i + 1)} // ${row.id}`);
    } else {
      lines.push(`    ${handlerCall()} // ${row.id}`);
    }
    inline[i + 1] = env.inline;
    if (last) return finish(i + 1);
  }
  lines.push(`    u[${PC * 2}] = (pc0 + ${4 * i}); ${leave(i)}`);
  return finish(i);

  function finish(len: number, loop = false): BlockSource {
    const counted = env.inline === 0 ? null : inline.slice(0, len + 1);
    if (!loop) return { body: lines.join('\n'), handlers: [...handlers], len, hostCache: env.hostCache, fp: env.fp, inline: counted, loop };
    return { body: loopBody(lines.join('\n'), counted), handlers: [...handlers], len, hostCache: env.hostCache, fp: env.fp, inline: null, loop };
  }
}


/**
 * The last instruction of a loop block (its branch to the block's start, `test` null: always taken) at index `i`, with
 * `inline` host-cache accesses counted per pass: the pass is retired (n0 advances, so the counters read by later passes
 * stay exact); taken, the block goes round again if a whole pass still fits in the run's limit and the fetch tag is
 * unchanged (an exception, an interrupt made pending, a halt or code written clears it: the run loop must look — every
 * call in the body that can clear it is followed by its own exit today, and this check keeps a pass from starting after
 * one that did whatever a future emitter forgets), otherwise the next PC is the start; not taken, the next instruction.
 * Both ways out only set the local `next` and leave the loop for the one tail of loopBody: an exit of its own for the
 * run's limit, rarely taken before V8 optimizes the block, was a deoptimization point that threw the compiled block
 * away the first time a run's limit cut a loop short (most of the blocks' deoptimizations in CoreMark).
 */
function loopBack(test: string | null, i: number, inline: number): string {
  const len = i + 1;
  const again = `if (n0 + ${len} <= lim && u[${FETCH_TAG * 2}] === ft) { passes++; continue; } next = pc0;`;
  const out = `d += ${len}; n0 += ${len}; hits += ${inline}; `;
  if (test === null) return `${out}${again} break;`;
  return `${out}if (${test}) { ${again} } else next = (pc0 + ${4 * i + PC_AHEAD}); break;`;
}

/**
 * A loop block's body inside its loop: `d` instructions and `hits` inline accesses retired by earlier passes, `passes`
 * passes begun in place (CpuStats.loopBacks: counted in a local and added at the way out — a `c.stats` field updated at
 * every pass cost 2–9 % of CoreMark's 10-instruction CRC loop run alone); every early exit of the body (`return K;` after K instructions
 * of this pass) returns d + K, one for the interpreter (`return ~K;`, exits.ts interpretAt) ~(d + K), and each adds the
 * passes and the inline accesses of the passes and of the pass's first K instructions to CpuStats itself (the run loop
 * adds none for a loop). The loop's own end (loopBack) leaves through the tail: PC = `next`, the passes and their inline
 * accesses counted, d returned.
 */
function loopBody(body: string, inline: Uint8Array | null): string {
  const hitsAfter = (k: string): string => `c.stats.loopBacks += passes, c.stats.inlineHits += hits + ${inline?.[Number(k)] ?? 0}`;
  const exits = body
    .replace(LEAVE, (_, k: string) => `return (${hitsAfter(k)}, d + ${k});`)
    .replace(INTERPRET, (_, k: string) => `return (${hitsAfter(k)}, ~(d + ${k}));`);
  return `    let d = 0, hits = 0, passes = 0, next = pc0;\n    for (;;) {\n${exits}\n    }\n    u[${PC * 2}] = next; return (c.stats.loopBacks += passes, c.stats.inlineHits += hits, d);`;
}

/** The handlers' own helpers that emitted code calls by these names (emit.ts): one source for each computation. */
const BLOCK_HELPERS = { addHalves, conditionHolds, shift64, branchTo, nzcvBits, writeNzcv, op32, byteSwap32, rev16, bitReverse32, mulHigh64, divide64, crc32Update };

function translateBlock(words: Uint32Array, start: number, end: number, ops: Int32Array): { fn: BlockFn; len: number; inline: Uint8Array | null } {
  const { body, handlers, len, hostCache, fp, inline } = blockSource(words, start, end, ops);
  const hc = (hostCache ? `\n    ${HOST_CACHE_PROLOGUE}` : '') +
    (fp ? `\n    ${FP_PROLOGUE}` : '');
  const src = `${handlers.map((h) => `const h${h} = H[${h}];`).join(' ')}
return function block(c, n0, lim) {
    const x = c.x, u = c.u32, i32 = c.i32, el = c.el;
    const pc0 = u[${PC * 2}], ft = u[${FETCH_TAG * 2}];${hc}
${body}
};`;
  const make = new Function('H', ...Object.keys(BLOCK_HELPERS), src) as (...a: unknown[]) => BlockFn;
  return { fn: make(HANDLERS, ...Object.values(BLOCK_HELPERS)), len, inline };
}
