// What a CPU did, for `--stats` (boot, run) and the benchmark suite: instructions run translated and interpreted,
// translated blocks, host-cache hits and misses of loads and stores, exceptions taken by class, and blocks dropped
// because code was written. Each counter is bumped once per translated block, per slow-path entry or per access of
// an interpreted instruction — never once per translated instruction — and exactly (test/cpu/stats.test.ts).

/** Slot of `exceptions` that counts physical IRQs (the others are ESR_ELx.EC values 0x00..0x3f). */
export const STATS_IRQ = 64;

export class CpuStats {
  /** Instructions retired by translated blocks (the rest of Cpu.icount ran in the interpreter). */
  translated = 0;
  /** Translated blocks entered (translated / blocksRun = the average length of a block as run). */
  blocksRun = 0;
  /** Of those, blocks entered straight from the block before them, without the run loop (wasm/chain.ts). */
  chained = 0;
  /** Blocks translated (the translation threshold rises with them: jit/block.ts translationThreshold). */
  blocksMade = 0;
  /** Of those and blocksAhead, blocks made WebAssembly functions (src/cpu/wasm/: Cpu.enableWasm). */
  wasmBlocksMade = 0;
  /** Blocks made before their word got hot, with a hot one whose branches lead to them (jit/block.ts withSuccessors). */
  blocksAhead = 0;
  /** Passes a loop block (one that branches to its own start) began in place, without going back to the run loop. */
  loopBacks = 0;
  /** Times a page's translated blocks were dropped because a word one held was written, and the blocks dropped. */
  invalidations = 0;
  blocksDropped = 0;
  /** Loads and stores the host cache served (Cpu.hostHit, or inline in a translated block). */
  hostHits = 0;
  /** Loads and stores that went through translation (Cpu.loadMiss/storeMiss: not cached, MMIO, unaligned, a fault). */
  hostMisses = 0;
  /**
   * Accesses a translated block made from the host cache inline, counted per block by the run loop from the block's
   * own table (PageBlocks.inline) for the instructions it ran (one that missed was left to the interpreter, which
   * counts its own).
   */
  inlineHits = 0;
  /** Exceptions taken, by ESR_ELx.EC (0x00..0x3f), and physical IRQs at STATS_IRQ. */
  readonly exceptions = new Float64Array(STATS_IRQ + 1);

  /** Every counter to zero (Cpu.reset). */
  clear(): void {
    this.translated = 0;
    this.blocksRun = 0;
    this.chained = 0;
    this.blocksMade = 0;
    this.wasmBlocksMade = 0;
    this.blocksAhead = 0;
    this.loopBacks = 0;
    this.invalidations = 0;
    this.blocksDropped = 0;
    this.hostHits = 0;
    this.hostMisses = 0;
    this.inlineHits = 0;
    this.exceptions.fill(0);
  }
}
