// The decode cache of a RAM page (RamPage.ops): one int32 per word, bits 7:0 the word's handler index + 1 in
// dispatch.ts HANDLERS (0: not decoded yet) and bits 30:8 its heat, the interpreter's entries at that word while blocks
// may be translated (towards Cpu.translateAfter, jit/block.ts). One element for both, so an interpreted instruction
// reads one array where it read three (the decode cache, the heat, the block lengths): the run loop looks a block up
// only at a word whose heat reached the threshold. A write to a word zeroes its entry (phys.ts forgetCode): new code
// is decoded again and warms up again.

/** Bits of an entry that hold the handler index + 1. */
export const OP_MASK = 0xff;
/** One interpreter entry in an entry's heat. */
export const HEAT_ONE = 0x100;
/** The largest heat an entry holds (bits 30:8: the entry stays a non-negative int32). */
export const HEAT_MAX = 0x7f_ffff;

/** The heat of entry `e`. */
export const heatOf = (e: number): number => e >>> 8;
