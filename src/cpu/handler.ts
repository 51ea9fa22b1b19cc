// What the executor binds to an encoding row (src/cpu/bind/): the function that executes the row's instructions.
import type { Cpu } from './cpu.ts';

/**
 * Executes one instruction. On entry c.x[PC] already holds the next instruction's address and the instruction word
 * is in the register file's INSN slot: `const w = c.u32[INSN * 2]!`. The word is not a parameter because a uint32
 * ≥ 2^30 passed to a function V8 does not inline is boxed into a fresh HeapNumber: one allocation per executed
 * instruction (measured: nop stream 105 → 125 MIPS per CPU-second when the word stopped being passed).
 */
export type Handler = (c: Cpu) => void;

/** Handlers by encoding-row id (src/arch/a64/rows/): one entry per row of a class. */
export type Bindings = Readonly<Record<string, Handler>>;
