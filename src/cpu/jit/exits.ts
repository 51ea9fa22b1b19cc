// The ways out of a translated block (jit/block.ts), written by the emitters and rewritten by a loop block's body
// (block.ts loopBody, which adds its earlier passes). In a straight block every exit is a `return` of a constant.

/** Statement: leave the block after its first `k` instructions — the one form every exit of a block takes, which a
 *  loop block rewrites to count its earlier passes too (block.ts loopBody, through LEAVE). */
export const leave = (k: number): string => `return ${k};`;
/** Every exit `leave` writes, with its count as group 1. */
export const LEAVE = /return (\d+);/g;
/**
 * Statement: leave the block before instruction `i`, which the run loop then runs in the interpreter (run-loop.ts) —
 * the exit of every slow path: a host-cache miss, a misaligned SP base, FP/SIMD disabled. The block returns ~i, a
 * constant (the parser folds it), so TurboFan needs no type feedback for it: an unexecuted slow path that wrote the
 * register file, counted statistics and called Cpu.load became a deoptimization point, and the first miss after
 * optimization threw the block's compiled code away (in a kernel boot 142 of the blocks' 327 TurboFan compilations
 * were such recompilations, ≈ 10 ms each).
 */
export const interpretAt = (i: number): string => `return ~${i};`;
/** Every exit `interpretAt` writes, with its index as group 1. */
export const INTERPRET = /return ~(\d+);/g;
