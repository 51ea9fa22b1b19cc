// The wasm tier of one CPU (issue 15, docs/DESIGN-NOTES.md "The WebAssembly tier"): its blocks' functions sit in one
// WebAssembly.Table, each an export of its group's module set into a slot from here (encode.ts blockModule: why not an
// element segment), and are entered through the one exported function of a dispatcher module (call_indirect), so
// the JavaScript side has a single wasm call target. A block is handed to the run loop as a BlockFn like a
// JavaScript block's; what its blocks count (inline host-cache accesses, passes in place) goes to the CPU's statistics
// at the end of each run (drain): a counter of CpuStats bumped at every block call cost CoreMark ≈ 25 % (stop 26).
import type { Arena } from '../../memory/arena.ts';
import { WASM, type WasmFunction, type WasmTable } from '../../memory/wasm-api.ts';
import type { Tlb } from '../../mmu/tlb.ts';
import type { BlockFn } from '../jit/block.ts';
import type { CpuStats } from '../stats.ts';
import { blockModule, dispatcherModule } from './encode.ts';
import { ChainCache } from './chain.ts';
import type { WasmBlock, WasmLayout } from './emit.ts';

/** Table slots at the start; the table doubles when full (growing a table detaches nothing). */
const FIRST_SLOTS = 256;
/** The most instructions a wasm block is told it may retire in one call (see make). */
const MAX_LEFT = 2 ** 30;

export class WasmTier {
  readonly layout: WasmLayout;
  private readonly table: WasmTable;
  private readonly run: (slot: number, n0: number, lim: number, el: number) => number;
  /** The two counters every block's epilogue adds to (WasmLayout.counts): inline accesses, passes in place; then
   *  the dispatcher's: blocks entered from another (chain.ts). */
  private readonly counts: BigInt64Array;
  private readonly chain: ChainCache;
  private readonly imports: object;
  /** Slots given back by dropped blocks, then the first never used. */
  private readonly free: number[] = [];
  private next = 0;

  /** A tier for the CPU whose register file is at `regs` in `arena` and whose host cache `tlb` keeps there. */
  constructor(arena: Arena, regs: number, tlb: Tlb) {
    const at = arena.take(24);
    this.counts = new BigInt64Array(arena.buffer, at, 3);
    this.layout = { regs, hcTag: tlb.hcTag.byteOffset, hcHi: tlb.hcHi.byteOffset, hcOff: tlb.hcOff.byteOffset, hcGen: tlb.hcGen.byteOffset, counts: at };
    this.chain = new ChainCache(arena, this.layout);
    this.table = new WASM.Table({ initial: FIRST_SLOTS, element: 'anyfunc' });
    this.imports = { env: { mem: arena.memory, tab: this.table } };
    const { body, locals } = this.chain.dispatcher();
    const exports = new WASM.Instance(new WASM.Module(dispatcherModule(body, locals, 0)), this.imports).exports as { run: WasmTier['run'] };
    this.run = exports.run;
  }

  /** The run loop's fetch cache now holds `words` with the VA page at word `base` (Cpu.refillFetch). */
  fetchPage(words: Uint32Array, base: number): void {
    this.chain.fetchPage(words, base);
  }

  /** Whether chains may go on into another page this run (ChainCache.crossPages). */
  crossPages(may: boolean): void {
    this.chain.crossPages(may);
  }

  /**
   * Compile the blocks of `group` (each at word `start` of `words`) into one module (encode.ts blockModule: a module's
   * fixed cost, ≈ 0.3 ms of CPU however small it is, shared), each function into a free slot: the BlockFns that run
   * them and their slots (give each back with release when dropped).
   */
  make(group: readonly { readonly b: WasmBlock; readonly start: number }[], words: Uint32Array): { fn: BlockFn; slot: number }[] {
    const module = new WASM.Instance(new WASM.Module(blockModule(group.map(({ b }) => b))), this.imports);
    const exported = module.exports as Record<string, WasmFunction>;
    const run = this.run;
    return group.map(({ b, start }, i) => {
      const slot = this.free.pop() ?? this.next++;
      if (slot >= this.table.length) this.table.grow(this.table.length);
      this.table.set(slot, exported[`f${i}`]!);
      this.chain.add(words, start, slot, b.len);
      // the block counts from 0 to what is left of the run, in i32 arithmetic (the run loop counts in doubles): at
      // most 2^30, so that its count + a pass never wraps (a limit near 2^31 let `n0 + len <= lim` wrap and hold: a
      // loop that never stopped); the run loop enters it again for the rest
      const fn: BlockFn = (c, n0, lim) => run(slot, 0, Math.min(lim - n0, MAX_LEFT), c.el);
      return { fn, slot };
    });
  }

  /** The block at `slot` was dropped: its function leaves the table (and its instance can be collected). */
  release(slot: number): void {
    this.chain.remove(slot);
    this.table.set(slot, null);
    this.free.push(slot);
  }

  /** Move what the blocks counted since the last drain to `stats` (Cpu.run, after each run). */
  drain(stats: CpuStats): void {
    stats.inlineHits += Number(this.counts[0]);
    stats.loopBacks += Number(this.counts[1]);
    const chained = Number(this.counts[2]);
    stats.blocksRun += chained;
    stats.chained += chained;
    this.counts.fill(0n);
  }
}
